"""Groups of copied IKI, shared by the duplication checks and the quality score."""

from __future__ import annotations

import networkx as nx
import numpy as np
from rapidfuzz import fuzz, process

from cascade.graph import arrays, is_role, memo, org_arrays, owner, owners_array
from cascade.text import normal_forms, similar_places


def staff_iki_copies(G: nx.DiGraph, threshold: float) -> list[list[str]]:
    """Groups of IKI with the same (or nearly the same) text held by two or more positions.

    A subordinate's copy of its direct supervisor's indicator is left out: that defect is
    `supervisor_copies`, and counting it twice would report one copy as two problems. So is an IKI
    of no position or of one missing from the org chart (a typo `unknown-reference` reports).

    Examples
    --------
    >>> from models import Cascade, Organisasi, Elemen, Jabatan
    >>> from cascade.graph import build_graph
    >>> c = Cascade(organisasi=Organisasi(kode="x", nama="X"),
    ...     jabatan=(Jabatan(id="p1", nama="P1"), Jabatan(id="p2", nama="P2")), elemen=(
    ...     Elemen(id="a", jenis="iki", uraian="Jumlah KPM", jabatan="p1"),
    ...     Elemen(id="b", jenis="iki", uraian="jumlah kpm.", jabatan="p2"),
    ...     Elemen(id="c", jenis="iki", uraian="Jumlah KPM", jabatan="p1"),
    ...     Elemen(id="d", jenis="iki", uraian="Jumlah KPM", jabatan="hantu")))
    >>> staff_iki_copies(build_graph(c), 90)
    [['a', 'b', 'c']]
    """
    def compute() -> list[list[str]]:
        a = arrays(G)
        chosen = is_role(G, "iki").copy()
        chosen[[a.index[copy] for copy, _ in supervisor_copies(G, threshold)]] = False
        # An IKI without a (known) position is no one's copy: unknown-reference reports the missing owner.
        chosen &= owners_array(G) >= 0
        places = np.flatnonzero(chosen)
        names = np.array(normal_forms(G, "uraian"), dtype=object)
        groups = similar_places(names[places].tolist(), threshold)
        groups = [[a.ids[i] for i in places[group].tolist()] for group in groups]
        return [group for group in groups if len({owner(G, n) for n in group}) > 1]
    return memo(G, f"staff_iki_copies:{threshold}", compute)


def supervisor_copies(G: nx.DiGraph, threshold: float) -> list[tuple[str, str]]:
    """Pairs (indicator, supervisor's indicator) whose texts are equal or `threshold` similar;
    for an indicator like several of its supervisor's, the first of them.

    Only a position's own indicators are compared with its direct supervisor's, so the work is
    linear in the number of positions times their (small) indicator counts: one rapidfuzz matrix
    per supervisor, its subordinates' indicators against its own.
    """
    def compute() -> list[tuple[str, str]]:
        a, names = arrays(G), normal_forms(G, "uraian")
        owners, boss_of = owners_array(G), org_arrays(G).supervisor
        written = np.fromiter(map(bool, names), dtype=bool, count=a.n)
        # The indicators with a text of each known position p, in input order: held[start[p]:start[p + 1]].
        held = np.flatnonzero(is_role(G, "iku", "iki", "indikator_tujuan") & written & (owners >= 0))
        held = held[np.argsort(owners[held], kind="stable")]
        start = np.searchsorted(owners[held], np.arange(len(boss_of) + 1))
        # Those whose position's supervisor holds some too, grouped by supervisor.
        above = boss_of[owners[held]]
        mine = held[(above >= 0) & (np.diff(start)[above] > 0)]
        mine = mine[np.argsort(boss_of[owners[mine]], kind="stable")]
        pairs: list[tuple[int, int]] = []
        for rows in np.split(mine, np.flatnonzero(np.diff(boss_of[owners[mine]])) + 1) if mine.size else ():
            boss = boss_of[owners[rows[0]]]
            theirs = held[start[boss]:start[boss + 1]]
            similar = process.cdist([names[i] for i in rows.tolist()], [names[i] for i in theirs.tolist()],
                                    scorer=fuzz.ratio, score_cutoff=threshold, dtype=np.float64) >= threshold
            if similar.any():
                found = np.flatnonzero(similar.any(axis=1))
                pairs += zip(rows[found].tolist(), theirs[similar[found].argmax(axis=1)].tolist(), strict=True)
        # In the order of the positions' first indicators, then of the indicators.
        pairs.sort(key=lambda pair: (int(held[start[owners[pair[0]]]]), pair[0]))
        return [(a.ids[copy], a.ids[original]) for copy, original in pairs]
    return memo(G, f"supervisor_copies:{threshold}", compute)
