"""The pohon kinerja as boxes: one sasaran (or tujuan) with the indicators under it, linked upward.

Diagrams, the report and the tidy layout all draw this one model, so a box means the same thing
everywhere. Box keys are generated (``n0``, ``n1``, ...) in input order: user ids never become
identifiers in DOT or SVG.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

import networkx as nx

from cascade.graph import elemen, links_by_relation, memo, owner
from visualize.levels import INDIVIDU, element_band

HEADS = ("sasaran", "tujuan")


@dataclass(frozen=True)
class Box:
    key: str
    elements: tuple[str, ...]  # the sasaran/tujuan first, then the indicators listed inside
    band: int
    owner: str | None

    @property
    def head(self) -> str:
        return self.elements[0]


@dataclass(frozen=True)
class Link:
    """A child box supports `parent_element`, which stands in the parent box."""

    child: str
    parent: str
    parent_element: str
    kind: str  # "biasa", "crosscutting" (declared) or "lintas-unit" (cross-unit, undeclared)


@dataclass
class Pohon:
    boxes: dict[str, Box]
    links: list[Link]
    box_of: dict[str, str] = field(default_factory=dict)  # element id -> box key

    def parents(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {k: [] for k in self.boxes}
        for link in self.links:
            if link.parent not in found[link.child]:
                found[link.child].append(link.parent)
        return found

    def children(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {k: [] for k in self.boxes}
        for link in self.links:
            if link.child not in found[link.parent]:
                found[link.parent].append(link.child)
        return found

    def link_id(self, link: Link) -> str:
        """The SVG id of a link: both boxes and the row (port) of the parent element it meets."""
        return f"sisi-{link.child}-{link.parent}-{self.port(link.parent_element)}"

    def port(self, node: str) -> str:
        """The generated name of the row listing an element inside its box: ``p0`` for the head."""
        return f"p{self.boxes[self.box_of[node]].elements.index(node)}"

    def keep(self, keys: set[str]) -> Pohon:
        """The same drawing restricted to some boxes (and the links between them)."""
        return Pohon({k: b for k, b in self.boxes.items() if k in keys},
                     [link for link in self.links if link.child in keys and link.parent in keys],
                     {e: k for e, k in self.box_of.items() if k in keys})


def build_pohon(G: nx.DiGraph) -> Pohon:
    """Group elements into boxes and turn element links into box links.

    An indicator (or budget item) goes inside the first sasaran/tujuan it supports that has the
    same owner; one with no such parent gets a box of its own.

    Examples
    --------
    >>> from models import Cascade, Organisasi, Elemen
    >>> from cascade.graph import build_graph
    >>> G = build_graph(Cascade(organisasi=Organisasi(kode="x", nama="X"), elemen=(
    ...     Elemen(id="s", jenis="sasaran", uraian="S"), Elemen(id="i", jenis="iku", uraian="I", induk=("s",)),
    ...     Elemen(id="s2", jenis="sasaran", uraian="S2", induk=("i",)))))
    >>> p = build_pohon(G)
    >>> [b.elements for b in p.boxes.values()], [(l.child, l.parent, l.parent_element) for l in p.links]
    ([('s', 'i'), ('s2',)], [('n1', 'n0', 'i')])
    """
    return memo(G, "pohon", lambda: _build(G))  # the report draws, tabulates and builds its matrix from one


def _build(G: nx.DiGraph) -> Pohon:
    container = {n: _container(G, n) for n in G}
    boxes: dict[str, Box] = {}
    box_of: dict[str, str] = {}
    members: dict[str, list[str]] = {}
    for node in G:
        if container[node] == node:
            members[node] = [node]
    for node in G:
        if container[node] != node:
            members[container[node]].append(node)
    for i, (head, elements) in enumerate(members.items()):
        key = f"n{i}"
        band = element_band(G, head)
        boxes[key] = Box(key, tuple(elements), band, owner(G, head))
        box_of.update((e, key) for e in elements)
    _fill_unknown_bands(boxes, box_of, G)
    return Pohon(boxes, _links(G, box_of), box_of)


def _container(G: nx.DiGraph, node: str) -> str:
    """The element whose box lists `node`: itself for a sasaran/tujuan or an unplaced indicator."""
    item = elemen(G, node)
    if item.jenis in HEADS:
        return node
    for parent in G.successors(node):
        if elemen(G, parent).jenis in HEADS and elemen(G, parent).jabatan == item.jabatan:
            return parent
    return node


def _fill_unknown_bands(boxes: dict[str, Box], box_of: dict[str, str], G: nx.DiGraph) -> None:
    """A box whose owner is unknown stands one band below the box it supports (else at the bottom)."""
    for key, box in boxes.items():
        if box.band is not None:
            continue
        bands = [boxes[box_of[p]].band for e in box.elements for p in G.successors(e)
                 if box_of[p] != key and boxes[box_of[p]].band is not None]
        band = min(min(bands) + 1, INDIVIDU) if bands else INDIVIDU
        boxes[key] = Box(key, box.elements, band, box.owner)


def _links(G: nx.DiGraph, box_of: dict[str, str]) -> list[Link]:
    links: dict[tuple[str, str, str], Link] = {}
    cross_unit = set(links_by_relation(G, "cross"))
    for child, parent in G.edges:
        a, b = box_of[child], box_of[parent]
        if a == b:
            continue
        if parent in elemen(G, child).crosscutting:
            kind = "crosscutting"
        elif (child, parent) in cross_unit:
            kind = "lintas-unit"
        else:
            kind = "biasa"
        previous = links.get((a, b, parent))
        if previous is None or previous.kind == "biasa":
            links[(a, b, parent)] = Link(a, b, parent, kind)
    return list(links.values())


def box_depths(pohon: Pohon) -> dict[str, int]:
    """Each box's depth below the tops of the drawing (boxes that support no drawn box).

    Boxes caught in a cycle, which no top reaches, start a tree of their own at depth 0.
    """
    parents, children = pohon.parents(), pohon.children()
    depth: dict[str, int] = {}
    starts = [k for k in pohon.boxes if not parents[k]]
    for start in [*starts, *pohon.boxes]:
        if start in depth:
            continue
        depth[start] = 0
        queue = deque([start])
        while queue:
            current = queue.popleft()
            for child in children[current]:
                if child not in depth:
                    depth[child] = depth[current] + 1
                    queue.append(child)
    return depth


def tree_parent(pohon: Pohon) -> dict[str, str | None]:
    """The one parent each box hangs under in a tree layout: the first one found from the tops."""
    children = pohon.children()
    parent: dict[str, str | None] = {}
    starts = [k for k, ps in pohon.parents().items() if not ps]
    for start in [*starts, *pohon.boxes]:
        if start in parent:
            continue
        parent[start] = None
        queue = deque([start])
        while queue:
            current = queue.popleft()
            for child in children[current]:
                if child not in parent:
                    parent[child] = current
                    queue.append(child)
    return parent

