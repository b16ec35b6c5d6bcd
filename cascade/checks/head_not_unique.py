from collections.abc import Iterator

import networkx as nx

from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.graph import describe_jabatan
from models.bulk import column_of


@rule("K104", "head-not-unique", "error", "Tidak ada kepala, atau lebih dari satu jabatan di puncak")
def head_not_unique(G: nx.DiGraph, config: CheckConfig) -> Iterator[Hit]:
    """## What it does
    Requires exactly one position at the top of the org chart: the head who owns the IKU. The top
    is the positions without `atasan`, plus those whose atasan is outside the file when they
    are needed to lead the chart (`cascade.graph.top_positions`: an agency's kepala dinas under
    the Bupati).

    ## Why is this bad?
    The IKU are the head's indicators. With no head nothing is an IKU and nothing is traceable;
    with two heads the organisation has two competing tops.

    ## Example
    ```yaml
    jabatan:
      - {id: kadis, nama: Kepala Dinas}
      - {id: sekretaris, nama: Sekretaris}
    ```

    ## Use instead
    ```yaml
    jabatan:
      - {id: kadis, nama: Kepala Dinas}
      - {id: sekretaris, nama: Sekretaris, atasan: kadis}
    ```
    """
    cascade = G.graph["cascade"]
    if not cascade.jabatan:
        yield Hit((), "tabel jabatan kosong: tidak ada kepala, sehingga tidak ada IKU", ())
        return
    heads = [cascade.jabatan[i] for i, position in enumerate(column_of(cascade.jabatan, "id"))
             if position in G.graph["heads"]]  # only those records are made, at 10^6 positions
    if not heads:
        yield Hit((), "setiap jabatan beratasan di dalam berkas (atasan melingkar): kepala organisasi tidak dapat "
                      "ditentukan", ())
    elif len(heads) > 1:
        names = "; ".join(describe_jabatan(G, j.id) + (f", beratasan {j.atasan!r} di luar berkas" if j.atasan else "")
                          for j in heads)
        yield Hit((), f"{len(heads)} jabatan di puncak, seharusnya tepat satu kepala: {names}",
                  tuple(j.id for j in heads))
