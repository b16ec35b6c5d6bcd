from collections.abc import Iterator

import networkx as nx

from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.duplicates import supervisor_copies
from cascade.graph import describe, describe_jabatan, owner


@rule("K303", "copied-from-supervisor", "warning", "Indikator bawahan menyalin indikator atasan tanpa diturunkan")
def copied_from_supervisor(G: nx.DiGraph, config: CheckConfig) -> Iterator[Hit]:
    """## What it does
    Flags a subordinate's indicator whose text equals (or nearly equals, see `kemiripan`) an
    indicator of its direct supervisor.

    ## Why is this bad?
    Cascading means deriving narrower results. A copied indicator is "direct cascading" by
    accident: two people are accountable for one number and the subordinate's own contribution
    is invisible.

    ## Example
    ```yaml
    - {id: iku1, jenis: indikator, uraian: Persentase PMKS tertangani, jabatan: kadis, induk: [s1]}
    - {id: sek1, jenis: indikator, uraian: Persentase PMKS tertangani, jabatan: sekretaris, induk: [s_sek]}
    ```

    ## Use instead
    ```yaml
    - {id: sek1, jenis: indikator, uraian: Persentase layanan administrasi tepat waktu, jabatan: sekretaris,
       induk: [s_sek]}
    ```
    """
    for node, match in supervisor_copies(G, config.kemiripan):
        yield Hit((node, match), f"{describe(G, node)} menyalin indikator atasan "
                                 f"{describe_jabatan(G, owner(G, match))}: {describe(G, match)}")
