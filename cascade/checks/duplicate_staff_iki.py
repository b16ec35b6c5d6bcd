from collections.abc import Iterator

import networkx as nx

from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.duplicates import staff_iki_copies
from cascade.graph import describe, describe_jabatan, owner


@rule("K301", "duplicate-staff-iki", "error", "IKI yang sama dipegang dua jabatan atau lebih")
def duplicate_staff_iki(G: nx.DiGraph, config: CheckConfig) -> Iterator[Hit]:
    """## What it does
    Groups IKI whose text is the same after folding case, whitespace and punctuation, or nearly
    the same (a few words differ, OCR noise such as "Jumiah"/"Jumlah"), held by two or more
    positions. One finding per group. The similarity threshold is `kemiripan` (default 90).
    A subordinate copying its direct supervisor is `copied-from-supervisor`, not this rule.

    ## Why is this bad?
    An IKI measures one person's result. Staff who copy each other's IKI word for word are not
    accountable for anything of their own, and the supervisor cannot tell who achieved what.

    ## Example
    ```yaml
    - {id: a1, jenis: indikator, uraian: Jumlah KPM yang mendapatkan Bantuan Sosial, jabatan: staf_a}
    - {id: b1, jenis: indikator, uraian: Jumlah KPM yang mendapatkan Bantuan Sosial, jabatan: staf_b}
    ```

    ## Use instead
    ```yaml
    - {id: a1, jenis: indikator, uraian: Jumlah KPM lansia yang menerima bantuan, jabatan: staf_a}
    - {id: b1, jenis: indikator, uraian: Jumlah KPM disabilitas yang menerima bantuan, jabatan: staf_b}
    ```
    """
    for group in staff_iki_copies(G, config.kemiripan):
        positions = list(dict.fromkeys(owner(G, n) for n in group))
        holders = ", ".join(describe_jabatan(G, p) for p in positions)
        yield Hit(tuple(group), f"IKI {describe(G, group[0])} dipegang {len(positions)} jabatan: {holders}",
                  tuple(p for p in positions if p))
