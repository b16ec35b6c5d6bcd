from collections.abc import Iterator

import networkx as nx

from cascade.checks.registry import CheckConfig, Hit, rule


@rule("K108", "empty-cascade", "error", "Kaskade tanpa elemen: tidak ada sasaran atau indikator")
def empty_cascade(G: nx.DiGraph, config: CheckConfig) -> Iterator[Hit]:
    """## What it does
    Flags a cascade whose `elemen` table holds no row at all.

    ## Why is this bad?
    Every other rule looks at elements, so an empty document (a template whose example rows were
    deleted, a sheet left blank, an export of the wrong tab) would pass the audit with no finding
    and a clean exit code, in CI as well.

    ## Example
    ```yaml
    elemen: []
    ```

    ## Use instead
    ```yaml
    elemen:
      - {id: s1, jenis: sasaran, uraian: Meningkatnya kesejahteraan sosial PMKS, jabatan: kadis}
    ```
    """
    if not len(G.graph["cascade"].elemen):
        yield Hit((), "tabel elemen kosong: tidak ada sasaran atau indikator yang dapat diperiksa", ())
