from collections.abc import Iterator

import networkx as nx

from cascade.checks.registry import CheckConfig, Hit, rule
from models.bulk import column_of


@rule("K104", "head-not-unique", "error", "Tidak ada kepala, atau lebih dari satu jabatan tanpa atasan")
def head_not_unique(G: nx.DiGraph, config: CheckConfig) -> Iterator[Hit]:
    """## What it does
    Requires exactly one position without `atasan`: the head who owns the IKU.

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
    heads = [cascade.jabatan[i] for i, atasan in enumerate(column_of(cascade.jabatan, "atasan")) if not atasan]
    if not heads:
        yield Hit((), "tidak ada jabatan tanpa atasan: kepala organisasi tidak dapat ditentukan", ())
    elif len(heads) > 1:
        names = ", ".join(f"{j.nama} ({j.id})" for j in heads)
        yield Hit((), f"{len(heads)} jabatan tanpa atasan, seharusnya tepat satu kepala: {names}",
                  tuple(j.id for j in heads))
