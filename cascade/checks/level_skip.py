from collections.abc import Iterator

import networkx as nx

from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.graph import describe, describe_jabatan, links_by_relation, owner, role, supervisor


@rule("K105", "level-skip", "warning", "Dukungan melompati jenjang: bukan ke atasan langsung")
def level_skip(G: nx.DiGraph, config: CheckConfig) -> Iterator[Hit]:
    """## What it does
    Flags an indicator or budget item that supports an element of a supervisor above its own
    direct `atasan`, e.g. a staff IKI supporting the head's IKU while the Kepala Bidang is skipped.
    Sasaran are judged by `sasaran-drift` instead.

    ## Why is this bad?
    Cascading runs level by level (PermenPAN-RB 89/2021). A skipped level leaves the middle
    manager without the results that should make up their own indicator.

    ## Example
    ```yaml
    - {id: iki1, jenis: indikator, uraian: Jumlah bantuan tersalur, jabatan: staf, induk: [iku1]}
    ```

    ## Use instead
    ```yaml
    - {id: iki1, jenis: indikator, uraian: Jumlah bantuan tersalur, jabatan: staf, induk: [ind_kabid]}
    ```
    """
    for child, parent in links_by_relation(G, "skip"):
        if role(G, child) == "sasaran":
            continue
        yield Hit((child, parent),
                  f"{describe(G, child)} mendukung {describe(G, parent)} milik "
                  f"{describe_jabatan(G, owner(G, parent))}, melompati atasan langsung "
                  f"{describe_jabatan(G, supervisor(G, owner(G, child)))}")
