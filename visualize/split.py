"""Cut a large pohon kinerja into readable parts: one per sasaran strategis, or one per unit (bidang)."""

from __future__ import annotations

import re

import networkx as nx

from cascade.graph import elemen, is_head, org_chart
from visualize.levels import STRATEGIS, TUJUAN
from visualize.pohon import Pohon

SPLITS = ("sasaran", "unit")


def split(pohon: Pohon, G: nx.DiGraph, by: str) -> list[tuple[str, Pohon]]:
    """The parts of `named_parts`, named for file names; the last one ``lainnya`` (by sasaran) or
    ``kepala-dan-lainnya`` (by unit)."""
    rest = "lainnya" if by == "sasaran" else "kepala-dan-lainnya"
    return [(rest if name is None else file_safe(name), part) for name, part in named_parts(pohon, G, by)]


def named_parts(pohon: Pohon, G: nx.DiGraph, by: str) -> list[tuple[str | None, Pohon]]:
    """Parts named by the id they are drawn for; boxes that fall in no part (orphans, the head's own)
    go in a last one, named None.

    ``sasaran``: each sasaran strategis box with every box below it (a box under two sasaran
    strategis appears in both), under the tujuan it supports, so each part reads from the top;
    named by the sasaran's element id. A part stops at a sasaran strategis nested below it (an
    agency's, under the kepala daerah's in a province), showing that box where its own part goes on,
    so no box is drawn again for every level above it.
    ``unit``: each position directly under the head with everyone below it in the org chart,
    the boxes they own; named by the position's id.
    """
    parts: list[tuple[str | None, set[str]]] = []
    if by == "sasaran":
        parents, children = pohon.parents(), pohon.children()
        strategis = {key for key, box in pohon.boxes.items()
                     if box.band == STRATEGIS and elemen(G, box.head).jenis == "sasaran"}
        for key in (k for k in pohon.boxes if k in strategis):
            tujuan = {p for p in parents[key] if pohon.boxes[p].band == TUJUAN}
            parts.append((pohon.boxes[key].head, _below(children, key, strategis) | tujuan))
    else:
        org = org_chart(G)
        for head in (j for j in org if is_head(G, j)):
            for unit in org.predecessors(head):  # edges point to the atasan
                positions = {unit} | nx.ancestors(org, unit)
                parts.append((unit, {k for k, b in pohon.boxes.items() if b.owner in positions}))
    placed = set().union(*(keys for _, keys in parts))
    rest = set(pohon.boxes) - placed
    if rest:
        parts.append((None, rest))
    return [(name, pohon.keep(keys)) for name, keys in parts if keys]


def _below(children: dict[str, list[str]], top: str, stops: set[str]) -> set[str]:
    """`top` and every box below it, not going past the boxes of `stops` (which are kept)."""
    found, queue = {top}, [top]
    while queue:
        for child in children[queue.pop()]:
            if child not in found:
                found.add(child)
                if child not in stops:
                    queue.append(child)
    return found


def file_safe(name: str) -> str:
    """A user id made safe as part of a file name: no separators, no leading dots.

    >>> file_safe("../../etc/passwd"), file_safe("kadis.s1")
    ('etc_passwd', 'kadis.s1')
    """
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._")[:60] or "bagian"
