"""Which part of the pohon kinerja to draw: a subtree, one unit, a few levels, with or without IKI."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from cascade.graph import org_chart
from models import CascadeError
from visualize.levels import INDIVIDU
from visualize.pohon import Pohon, box_depths


@dataclass(frozen=True)
class Selection:
    akar: str | None = None  # element id: draw the boxes under it
    unit: str | None = None  # jabatan id: draw the boxes of that position and everyone below it
    kedalaman: int | None = None  # number of box levels below the tops, counting the tops as 1
    tanpa_iki: bool = False  # stop at eselon IV


def select(pohon: Pohon, G: nx.DiGraph, selection: Selection) -> Pohon:
    """Restrict the drawing; an unknown id or an empty result is the user's mistake, said plainly."""
    keys, source = set(pohon.boxes), G.graph["cascade"].source
    if selection.akar is not None:
        if selection.akar not in G:
            raise CascadeError(f"{source}: --akar: elemen {selection.akar!r} tidak ada di kaskade ini")
        below = {selection.akar} | nx.ancestors(G, selection.akar)  # edges point to the parent
        keys = {pohon.box_of[e] for e in below}
    if selection.unit is not None:
        org = org_chart(G)
        if selection.unit not in org:
            raise CascadeError(f"{source}: --unit: jabatan {selection.unit!r} tidak ada di kaskade ini")
        positions = {selection.unit} | nx.ancestors(org, selection.unit)
        keys &= {k for k, box in pohon.boxes.items() if box.owner in positions}
    if selection.tanpa_iki:
        keys = {k for k in keys if pohon.boxes[k].band < INDIVIDU}
    chosen = pohon.keep(keys)
    if selection.kedalaman is not None:
        chosen = chosen.keep({k for k, d in box_depths(chosen).items() if d < selection.kedalaman})
    if not pohon.boxes:
        raise CascadeError(f"{source}: kaskade ini tidak berisi elemen, sehingga tidak ada pohon kinerja untuk digambar")
    if not chosen.boxes:
        raise CascadeError(f"{source}: tidak ada kotak yang dapat digambar dengan pilihan --akar/--unit/--tanpa-iki ini")
    return chosen
