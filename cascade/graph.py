"""The cascade as an `nx.DiGraph`, edges child -> parent, and plain functions over it.

Expensive results (traceability, duplicate groups) are memoised on the graph itself, so every
check of one run shares them. The graph is meant to be read, not mutated, once built.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

import networkx as nx
import numpy as np

from cascade.core import CascadeArrays, levels, reached_from
from models.cascade import BUDGET_KINDS, Cascade, Elemen, Jabatan

T = TypeVar("T")

def build_graph(cascade: Cascade) -> nx.DiGraph:
    """Build the element graph with an edge from each element to every known parent (`induk`).

    Unknown parents get no edge (the `unknown-reference` rule reports them). The org chart is
    kept in ``G.graph["org"]``, an `nx.DiGraph` with edges from a position to its `atasan`.

    Parameters
    ----------
    cascade : Cascade
        A loaded cascade.

    Returns
    -------
    nx.DiGraph
        Nodes are element ids with attributes ``elemen`` (the record) and ``peran`` (role).

    Examples
    --------
    >>> from models import Cascade, Organisasi, Elemen
    >>> c = Cascade(organisasi=Organisasi(kode="x", nama="X"), elemen=(
    ...     Elemen(id="s", jenis="sasaran", uraian="S"), Elemen(id="i", jenis="iki", uraian="I", induk=("s",))))
    >>> sorted(build_graph(c).edges)
    [('i', 's')]
    """
    org = nx.DiGraph()
    for jabatan in cascade.jabatan:
        org.add_node(jabatan.id, jabatan=jabatan)
    for jabatan in cascade.jabatan:
        if jabatan.atasan and jabatan.atasan in org:
            org.add_edge(jabatan.id, jabatan.atasan)
    heads, roles = element_roles(cascade)
    by_id = {e.id: e for e in cascade.elemen}
    # Plain dicts beside the node attributes: checks read them millions of times at scale.
    G = nx.DiGraph(cascade=cascade, org=org, heads=heads, memo={}, records=by_id, roles=roles)
    G.add_nodes_from((e.id, {"elemen": e, "peran": roles[e.id]}) for e in cascade.elemen)
    G.add_edges_from((e.id, parent) for e in cascade.elemen for parent in e.induk if parent in by_id)
    return G


def element_roles(cascade: Cascade) -> tuple[frozenset[str], dict[str, str]]:
    """The head positions (those without `atasan`) and every element's role: tujuan, indikator_tujuan,
    sasaran, iku, iki, program, kegiatan or subkegiatan."""
    heads = frozenset(j.id for j in cascade.jabatan if not j.atasan)
    tujuan = {e.id for e in cascade.elemen if e.jenis == "tujuan"}
    return heads, {e.id: _role(e, tujuan, heads) for e in cascade.elemen}


def _role(elemen: Elemen, tujuan: set[str], heads: frozenset[str]) -> str:
    """IKU when the head owns an indicator, IKI otherwise; an indicator under a tujuan measures the tujuan."""
    if elemen.jenis in ("iku", "iki"):
        return elemen.jenis
    if elemen.jenis != "indikator":
        return elemen.jenis
    if any(p in tujuan for p in elemen.induk):
        return "indikator_tujuan"
    return "iku" if elemen.jabatan in heads else "iki"


def memo(G: nx.DiGraph, key: str, compute: Callable[[], T]) -> T:
    """Compute once per graph and share the result between checks."""
    cache = G.graph["memo"]
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def elemen(G: nx.DiGraph, node: str) -> Elemen:
    return G.graph["records"][node]


def role(G: nx.DiGraph, node: str) -> str:
    return G.graph["roles"][node]


def owner(G: nx.DiGraph, node: str) -> str | None:
    return G.graph["records"][node].jabatan


def is_head(G: nx.DiGraph, jabatan_id: str | None) -> bool:
    return jabatan_id in G.graph["heads"]


def jabatan(G: nx.DiGraph, jabatan_id: str) -> Jabatan | None:
    org = G.graph["org"]
    return org.nodes[jabatan_id]["jabatan"] if jabatan_id in org else None


def supervisor(G: nx.DiGraph, jabatan_id: str) -> str | None:
    """The direct `atasan` of a position, when it is a known position."""
    found = jabatan(G, jabatan_id)
    return found.atasan if found and found.atasan in G.graph["org"] else None


def elements_by_owner(G: nx.DiGraph) -> dict[str | None, list[str]]:
    """Element ids grouped by owning position, in input order."""
    def group() -> dict[str | None, list[str]]:
        groups: dict[str | None, list[str]] = {}
        for node in G:
            groups.setdefault(owner(G, node), []).append(node)
        return groups
    return memo(G, "elements_by_owner", group)


def org_relation(G: nx.DiGraph, child_owner: str | None, parent_owner: str | None) -> str:
    """How a link's parent owner stands to its child owner in the org chart.

    Returns one of ``same``, ``atasan`` (direct supervisor), ``skip`` (a higher supervisor),
    ``inverted`` (a subordinate), ``cross`` (another branch) or ``unknown``.
    """
    org = G.graph["org"]
    if child_owner is None or parent_owner is None or child_owner not in org or parent_owner not in org:
        return "unknown"
    if child_owner == parent_owner:
        return "same"
    if supervisor(G, child_owner) == parent_owner:
        return "atasan"
    chain = supervisor_chain(G, child_owner)
    if parent_owner in chain:
        return "skip"
    if child_owner in supervisor_chain(G, parent_owner):
        return "inverted"
    return "cross"


def supervisor_chain(G: nx.DiGraph, jabatan_id: str) -> list[str]:
    """Every supervisor above a position, nearest first; stops at a cycle."""
    chain: list[str] = []
    seen = {jabatan_id}
    current = supervisor(G, jabatan_id)
    while current is not None and current not in seen:
        chain.append(current)
        seen.add(current)
        current = supervisor(G, current)
    return chain


def iku_anchors(G: nx.DiGraph) -> set[str]:
    """The IKU, and every sasaran an IKU stands under: reaching one of these is traceable."""
    def compute() -> set[str]:
        anchors = {n for n in G if role(G, n) == "iku"}
        anchors |= {p for n in list(anchors) for p in G.successors(n) if role(G, p) == "sasaran"}
        return anchors
    return memo(G, "iku_anchors", compute)


def arrays(G: nx.DiGraph) -> CascadeArrays:
    """The integer/CSR view of the graph's cascade, built once, for the passes that must scale."""
    return memo(G, "arrays", lambda: CascadeArrays.from_cascade(G.graph["cascade"]))


def traceable_nodes(G: nx.DiGraph) -> set[str]:
    """Elements with an upward path to an IKU anchor, found by one vectorised pass down from them.

    Examples
    --------
    >>> from models import Cascade, Organisasi, Elemen, Jabatan
    >>> c = Cascade(organisasi=Organisasi(kode="x", nama="X"),
    ...     jabatan=(Jabatan(id="kadis", nama="Kadis"), Jabatan(id="staf", nama="Staf", atasan="kadis")),
    ...     elemen=(Elemen(id="s", jenis="sasaran", uraian="S", jabatan="kadis"),
    ...             Elemen(id="k", jenis="indikator", uraian="K", jabatan="kadis", induk=("s",)),
    ...             Elemen(id="i", jenis="indikator", uraian="I", jabatan="staf", induk=("k",)),
    ...             Elemen(id="lepas", jenis="indikator", uraian="L", jabatan="staf")))
    >>> sorted(traceable_nodes(build_graph(c)))
    ['i', 'k', 's']
    """
    def compute() -> set[str]:
        a = arrays(G)
        index = {node: i for i, node in enumerate(a.ids)}
        anchors = np.fromiter((index[n] for n in iku_anchors(G)), dtype=np.int64)
        return {a.ids[i] for i in np.flatnonzero(reached_from(a, anchors))}
    return memo(G, "traceable", compute)


def chain_top(G: nx.DiGraph, node: str) -> str:
    """Follow first parents upward to where the chain stops (for explaining a broken chain)."""
    seen = {node}
    current = node
    while True:
        parents = [p for p in G.successors(current) if p not in seen]
        if not parents:
            return current
        current = parents[0]
        seen.add(current)


def budget_ancestors(G: nx.DiGraph, node: str) -> Iterator[str]:
    """Program/kegiatan elements reachable upward from a node, nearest first."""
    for ancestor in nx.bfs_tree(G, node):
        if ancestor != node and role(G, ancestor) in BUDGET_KINDS:
            yield ancestor


def format_cycle(cycle: list[str]) -> str:
    """Print a cycle the way dbt does: ``a --> b --> a``."""
    return " --> ".join([*cycle, cycle[0]])


def with_target(G: nx.DiGraph) -> set[str]:
    """Elements with a target, in their own row or in a `capaian` row."""
    def compute() -> set[str]:
        found = {c.id for c in G.graph["cascade"].capaian if c.target is not None}
        return found | {n for n, item in G.graph["records"].items() if item.target is not None}
    return memo(G, "with_target", compute)


def describe(G: nx.DiGraph, node: str, width: int = 70) -> str:
    """An element as users recognise it: its statement (shortened) and its id."""
    text = " ".join(elemen(G, node).uraian.split())
    if len(text) > width:
        text = text[: width - 1].rstrip() + "…"
    return f"'{text}' ({node})"


def describe_jabatan(G: nx.DiGraph, jabatan_id: str | None) -> str:
    if jabatan_id is None:
        return "(tanpa jabatan)"
    found = jabatan(G, jabatan_id)
    return f"{found.nama} ({jabatan_id})" if found else jabatan_id


def links_by_relation(G: nx.DiGraph) -> dict[str, list[tuple[str, str]]]:
    """Every link (child, parent) grouped by `org_relation` of their owners."""
    def compute() -> dict[str, list[tuple[str, str]]]:
        groups: dict[str, list[tuple[str, str]]] = {}
        for child, parent in G.edges:
            groups.setdefault(org_relation(G, owner(G, child), owner(G, parent)), []).append((child, parent))
        return groups
    return memo(G, "links_by_relation", compute)


def topological_levels(G: nx.DiGraph) -> tuple[np.ndarray, np.ndarray]:
    """(level, cyclic) arrays over `arrays(G).ids`: leaves at level 0; cyclic elements at -1.

    Elements above a cycle still get a level (the cycle counts as finished with no value), so
    everything that does not lie on a cycle can be propagated.
    """
    def compute() -> tuple[np.ndarray, np.ndarray]:
        a = arrays(G)
        level = levels(a)
        cyclic = np.zeros(a.n, dtype=bool)
        unresolved = np.flatnonzero(level == -1)
        if unresolved.size:
            on_cycle = [n for c in cyclic_components(G.subgraph(a.ids[i] for i in unresolved)) for n in c]
            index = {node: i for i, node in enumerate(a.ids)}
            cyclic[[index[n] for n in on_cycle]] = True
            level = levels(a, cyclic)
        return level, cyclic
    return memo(G, "topological_levels", compute)


def has_cycle(G: nx.DiGraph) -> bool:
    return bool(topological_levels(G)[1].any())


def cyclic_components(graph: nx.DiGraph) -> list[set[str]]:
    """The groups of nodes that lie on a cycle (a self-loop counts)."""
    return [c for c in nx.strongly_connected_components(graph)
            if len(c) > 1 or any(graph.has_edge(n, n) for n in c)]


def tree_order(G: nx.DiGraph) -> Iterator[tuple[str, int]]:
    """Every element once, as (id, depth), top-down like a pohon kinerja; input order among siblings.

    An element with several parents appears under the first one reached; elements on a cycle,
    which no top reaches, come last at depth 0.
    """
    seen: set[str] = set()
    for root in (n for n in G if G.out_degree(n) == 0):
        stack = [(root, 0)]
        while stack:
            node, depth = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            yield node, depth
            stack.extend((child, depth + 1) for child in reversed(list(G.predecessors(node))) if child not in seen)
    yield from ((n, 0) for n in G if n not in seen)
