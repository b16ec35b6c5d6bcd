"""Groups of copied IKI, shared by the duplication checks and the quality score."""

from __future__ import annotations

import networkx as nx
from rapidfuzz import fuzz

from cascade.graph import memo, owner, supervisor
from cascade.text import normal_forms, similar_groups


def staff_iki_copies(G: nx.DiGraph, threshold: float) -> list[list[str]]:
    """Groups of IKI with the same (or nearly the same) text held by two or more positions.

    A subordinate's copy of its direct supervisor's indicator is left out: that defect is
    `supervisor_copies`, and counting it twice would report one copy as two problems.

    Examples
    --------
    >>> from models import Cascade, Organisasi, Elemen, Jabatan
    >>> from cascade.graph import build_graph
    >>> c = Cascade(organisasi=Organisasi(kode="x", nama="X"), elemen=(
    ...     Elemen(id="a", jenis="iki", uraian="Jumlah KPM", jabatan="p1"),
    ...     Elemen(id="b", jenis="iki", uraian="jumlah kpm.", jabatan="p2"),
    ...     Elemen(id="c", jenis="iki", uraian="Jumlah KPM", jabatan="p1")))
    >>> staff_iki_copies(build_graph(c), 90)
    [['a', 'b', 'c']]
    """
    def compute() -> list[list[str]]:
        copies_of_supervisor = {copy for copy, _ in supervisor_copies(G, threshold)}
        names = normal_forms(G, "uraian")
        # An IKI without a (known) position is no one's copy: unknown-reference reports the missing owner.
        forms = {n: names[n] for n, peran in G.nodes(data="peran")
                 if peran == "iki" and n not in copies_of_supervisor and owner(G, n) is not None}
        return [group for group in similar_groups(forms, threshold)
                if len({owner(G, n) for n in group}) > 1]
    return memo(G, f"staff_iki_copies:{threshold}", compute)


def supervisor_copies(G: nx.DiGraph, threshold: float) -> list[tuple[str, str]]:
    """Pairs (indicator, supervisor's indicator) whose texts are equal or `threshold` similar.

    Only a position's own indicators are compared with its direct supervisor's, so the work is
    linear in the number of positions times their (small) indicator counts.
    """
    def compute() -> list[tuple[str, str]]:
        forms = normal_forms(G, "uraian")
        indicators: dict[str | None, list[str]] = {}
        for node, item in G.nodes(data="elemen"):
            if item.is_indicator and forms[node]:
                indicators.setdefault(item.jabatan, []).append(node)
        pairs = []
        for position, nodes in indicators.items():
            theirs = indicators.get(supervisor(G, position)) if position else None
            for node in nodes if theirs else ():
                match = next((t for t in theirs if fuzz.ratio(forms[node], forms[t], score_cutoff=threshold)), None)
                if match:
                    pairs.append((node, match))
        return pairs
    return memo(G, f"supervisor_copies:{threshold}", compute)
