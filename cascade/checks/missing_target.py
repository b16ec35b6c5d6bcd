from collections.abc import Iterator

import networkx as nx
import numpy as np

from cascade.capaian import capaian_rows
from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.graph import arrays, describe, is_role, with_target_mask


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
    realisasi: a gap in a quarterly plan (one given only a yearly target is no gap). In input order."""
    rows = capaian_rows(G)  # sorted by element, as arrays: a province has millions of rows
    has_target, has_value = ~np.isnan(rows.target), ~np.isnan(rows.realisasi)
    quarterly = rows.quarter > 0
    targeted = np.bincount(rows.element[quarterly & has_target], minlength=indicator.size) > 0
    gaps = np.flatnonzero(quarterly & ~has_target & has_value & targeted[rows.element] & indicator[rows.element])
    found: dict[int, set[str]] = {}
    for element, quarter in zip(rows.element[gaps].tolist(), rows.quarter[gaps].tolist(), strict=True):
        found.setdefault(element, set()).add(f"TW{quarter}")
    ids = arrays(G).ids
    return [(ids[element], sorted(quarters)) for element, quarters in found.items()]
