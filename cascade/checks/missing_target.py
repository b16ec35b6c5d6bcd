from collections.abc import Iterator

import networkx as nx
import numpy as np

from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.graph import arrays, describe, is_role, with_target_mask
from models.bulk import columns_of


@rule("K402", "missing-target", "info", "Indikator tanpa target")
def missing_target(G: nx.DiGraph, config: CheckConfig) -> Iterator[Hit]:
    """## What it does
    Flags an indicator with no `target`, neither in its own row nor in the `capaian` table, and one
    whose quarterly rows give some quarters a target but leave out one that has a realisasi.

    ## Why is this bad?
    Without a target there is no capaian: the indicator cannot be measured at year end.

    ## Example
    ```yaml
    - {id: i1, jenis: indikator, uraian: Jumlah KPM terlayani, satuan: orang}
    ```

    ## Use instead
    ```yaml
    - {id: i1, jenis: indikator, uraian: Jumlah KPM terlayani, satuan: orang, target: 1200}
    ```
    """
    a = arrays(G)
    indicator = is_role(G, "iku", "iki", "indikator_tujuan")
    for node in (a.ids[i] for i in np.flatnonzero(indicator & ~with_target_mask(G)).tolist()):
        yield Hit((node,), f"{describe(G, node)} tanpa target")
    for node, quarters in _quarters_without_target(G, indicator):
        yield Hit((node,), f"{describe(G, node)}: realisasi {', '.join(quarters)} tanpa target, padahal triwulan "
                           f"lain bertarget; isi targetnya, agar capaian triwulan itu tidak diukur dengan target lain")


def _quarters_without_target(G: nx.DiGraph, indicator: np.ndarray) -> list[tuple[str, list[str]]]:
    """The indicators whose capaian rows give some quarters a target and leave out another that has a
    realisasi: a gap in a quarterly plan (one given only a yearly target is no gap)."""
    index = arrays(G).index
    targeted: set[str] = set()
    gaps: dict[str, list[str]] = {}
    for element, periode, target, realisasi in zip(*columns_of(G.graph["cascade"].capaian,
                                                              ["id", "periode", "target", "realisasi"]), strict=True):
        if periode.startswith("TW") and element in index and indicator[index[element]]:
            if target is not None:
                targeted.add(element)
            elif realisasi is not None:
                gaps.setdefault(element, []).append(periode)
    return sorted(((element, sorted(set(quarters))) for element, quarters in gaps.items() if element in targeted),
                  key=lambda gap: index[gap[0]])  # in input order
