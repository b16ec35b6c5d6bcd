"""Cut a large pohon kinerja into readable parts: one per sasaran strategis, or one per unit (bidang)."""

from __future__ import annotations

import re

import networkx as nx

from cascade.graph import elemen, is_head, org_chart
from visualize.levels import STRATEGIS, TUJUAN
from visualize.pohon import Pohon, descendants

SPLITS = ("sasaran", "unit")


def split(pohon: Pohon, G: nx.DiGraph, by: str) -> list[tuple[str, Pohon]]:
    """Named parts; boxes that fall in no part (orphans, the head's own) go in a last one.

    ``sasaran``: each sasaran strategis box with every box below it (a box under two sasaran
    strategis appears in both), under the tujuan it supports, so each part reads from the top.
    ``unit``: each position directly under the head with everyone below it in the org chart,
    the boxes they own.
    """
    parts: list[tuple[str, set[str]]] = []
    if by == "sasaran":
        parents = pohon.parents()
        for key, box in pohon.boxes.items():
            if box.band == STRATEGIS and elemen(G, box.head).jenis == "sasaran":
                tujuan = {p for p in parents[key] if pohon.boxes[p].band == TUJUAN}
                parts.append((box.head, descendants(pohon, {key}) | tujuan))
        rest_name = "lainnya"
    else:
        org = org_chart(G)
        for head in (j for j in org if is_head(G, j)):
            for unit in org.predecessors(head):  # edges point to the atasan
                positions = {unit} | nx.ancestors(org, unit)
                parts.append((unit, {k for k, b in pohon.boxes.items() if b.owner in positions}))
        rest_name = "kepala-dan-lainnya"
    placed = set().union(*(keys for _, keys in parts))
    rest = set(pohon.boxes) - placed
    if rest:
        parts.append((rest_name, rest))
    return [(file_safe(name), pohon.keep(keys)) for name, keys in parts if keys]


def file_safe(name: str) -> str:
    """A user id made safe as part of a file name: no separators, no leading dots.

    >>> file_safe("../../etc/passwd"), file_safe("kadis.s1")
    ('etc_passwd', 'kadis.s1')
    """
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._")[:60] or "bagian"
