from collections.abc import Iterator

import networkx as nx
import numpy as np

from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.graph import arrays, describe, elemen, owners_array
from models.bulk import column_of


@rule("K102", "unknown-reference", "error", "Rujukan ke id yang tidak ada (induk, jabatan, atasan, capaian)")
def unknown_reference(G: nx.DiGraph, config: CheckConfig) -> Iterator[Hit]:
    """## What it does
    Flags an `induk`, `jabatan`, `atasan` or `capaian.id` that names an id not defined in the file.

    ## Why is this bad?
    A typo in an id silently cuts the cascade: the element looks linked in the spreadsheet but
    supports nothing in the graph.

    ## Example
    ```yaml
    - {id: i1, jenis: indikator, uraian: Jumlah laporan, jabatan: staf, induk: [s_staff]}
    ```

    ## Use instead
    ```yaml
    - {id: i1, jenis: indikator, uraian: Jumlah laporan, jabatan: staf, induk: [s_staf]}
    ```
    """
    cascade = G.graph["cascade"]
    positions = G.graph["positions"]
    a = arrays(G)
    named_owner = np.fromiter((j is not None for j in G.graph["memo"]["columns"].jabatan), dtype=bool, count=a.n)
    for node in (a.ids[i] for i in np.flatnonzero(a.names_unknown | (named_owner & (owners_array(G) < 0))).tolist()):
        item = elemen(G, node)
        missing = [p for p in item.induk if p not in G]
        if missing:
            yield Hit((node,), f"{describe(G, node)}: induk {', '.join(missing)} tidak ada di berkas")
        if item.jabatan and item.jabatan not in positions:
            yield Hit((node,), f"{describe(G, node)}: jabatan {item.jabatan!r} tidak ada di tabel jabatan", ())
    for i, atasan in enumerate(column_of(cascade.jabatan, "atasan")):
        if atasan and atasan not in positions:
            position = cascade.jabatan[i]
            yield Hit((), f"jabatan {position.nama} ({position.id}): atasan {atasan!r} tidak ada di tabel jabatan",
                      (position.id,))
    unknown = sorted({element_id for element_id in column_of(cascade.capaian, "id") if element_id not in G})
    for element_id in unknown:
        yield Hit((), f"tabel capaian merujuk elemen {element_id!r} yang tidak ada", ())
