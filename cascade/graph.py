"""The cascade as an `nx.DiGraph`, edges child -> parent, and plain functions over it.

Expensive results (traceability, duplicate groups) are memoised on the graph itself, so every
check of one run shares them. The graph is meant to be read, not mutated, once built.
"""

from __future__ import annotations

import operator
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import compress, repeat
from typing import TypeVar

import networkx as nx
import numpy as np

from cascade.core import JENIS, ROLES, CascadeArrays, ElementColumns, levels, role_codes, traceable
from cascade.org import RELATIONS, OrgArrays, link_relations
from models.bulk import by_id, columns_of
from models.cascade import BUDGET_KINDS, Cascade, Elemen, Jabatan

T = TypeVar("T")

def build_graph(cascade: Cascade) -> nx.DiGraph:
    """Build the element graph with an edge from each element to every known parent (`induk`).

    Unknown parents get no edge (the `unknown-reference` rule reports them). The org chart is
    kept in ``G.graph["org"]``, an `nx.DiGraph` with edges from a position to its `atasan`.
    The checks run on the lighter `cascade.array_graph.ArrayGraph`; this is the full graph for
    networkx's algorithms and for drawing.

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
    return networkx_graph(graph_attributes(cascade))


def networkx_graph(attributes: dict[str, object]) -> nx.DiGraph:
    """The `nx.DiGraph` over a cascade's `graph_attributes`, sharing their memo (so a graph built
    for an `ArrayGraph` reuses what its checks already computed)."""
    G = nx.DiGraph(**attributes)
    elements, known, roles = G.graph["cascade"].elemen, records(G), role_names(G)
    G.graph["org"] = org_chart(G)
    G.add_nodes_from((e.id, {"elemen": e, "peran": roles[e.id]}) for e in elements)
    G.add_edges_from((e.id, parent) for e in elements for parent in e.induk if parent in known)
    return G


def graph_attributes(cascade: Cascade) -> dict[str, object]:
    """What every graph of a cascade carries: the cascade, lookups (the heads, the positions by id)
    and a memo (`role_names` adds the roles, `records` the element records).

    Checks read the lookups millions of times at scale, so they sit beside the node attributes, not
    in them. The positions of a jabatan table read in bulk are `Records.by_id`, which makes only the
    records looked up.
    """
    ids, atasan = columns_of(cascade.jabatan, ["id", "atasan"])
    return {"cascade": cascade, "heads": top_positions(ids, atasan),
            "memo": {"columns": ElementColumns.from_elements(cascade.elemen)}, "positions": by_id(cascade.jabatan)}


def top_positions(ids: list[str], atasan: list[str | None]) -> frozenset[str]:
    """The positions at the top of the org chart: those without an `atasan`.

    A position whose atasan is outside the file is at the top too when it leads others and no
    position without atasan does: an agency's file often gives its kepala dinas the Bupati as
    atasan, and a staff row left blank must not make that staff member the head unseen.

    >>> sorted(top_positions(["kadis", "kabid"], ["bupati", "kadis"]))
    ['kadis']
    >>> sorted(top_positions(["kadis", "kabid"], [None, "kadis_typo"]))
    ['kadis']
    >>> sorted(top_positions(["kadis", "kabid", "staf"], ["bupati", "kadis", None]))
    ['kadis', 'staf']
    """
    blank = list(compress(ids, map(operator.not_, atasan)))
    if not frozenset(blank).isdisjoint(atasan):  # the usual file: its head leads; no set of every id needed
        return frozenset(blank)
    known, leading = set(ids), set(filter(None, atasan))
    outside = [position for position, supervisor in zip(ids, atasan, strict=True)
               if supervisor and supervisor not in known]
    if not blank:
        return frozenset(outside)
    return frozenset(blank + [position for position in outside if position in leading])


def records(G: nx.DiGraph) -> Mapping[str, Elemen]:
    """Every element's record by id, made on first use: `cascade score` reads only columns. A table the
    CSV loader read in bulk (`models.bulk.Records`) makes only the records looked up."""
    return memo(G, "records", lambda: by_id(G.graph["cascade"].elemen))


def role_names(G: nx.DiGraph) -> dict[str, str]:
    """Every element's role by id, kept in ``G.graph["roles"]`` (the node attribute ``peran``)."""
    if "roles" not in G.graph:
        G.graph["roles"] = dict(zip(arrays(G).ids, map(ROLES.__getitem__, roles_array(G).tolist()), strict=True))
    return G.graph["roles"]


def org_chart(G: nx.DiGraph) -> nx.DiGraph:
    """The positions as an `nx.DiGraph` with an edge from each position to its known `atasan`."""
    def compute() -> nx.DiGraph:
        positions = G.graph["positions"]
        org = nx.DiGraph()
        org.add_nodes_from((j.id, {"jabatan": j}) for j in positions.values())
        org.add_edges_from((j.id, j.atasan) for j in positions.values() if j.atasan in positions)
        return org
    return memo(G, "org", compute)


def memo(G: nx.DiGraph, key: str, compute: Callable[[], T]) -> T:
    """Compute once per graph and share the result between checks."""
    cache = G.graph["memo"]
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def elemen(G: nx.DiGraph, node: str) -> Elemen:
    return records(G)[node]


def role(G: nx.DiGraph, node: str) -> str:
    return ROLES[roles_array(G)[arrays(G).index[node]]]


def owner(G: nx.DiGraph, node: str) -> str | None:
    return G.graph["memo"]["columns"].jabatan[arrays(G).index[node]]


def is_head(G: nx.DiGraph, jabatan_id: str | None) -> bool:
    return jabatan_id in G.graph["heads"]


def jabatan(G: nx.DiGraph, jabatan_id: str | None) -> Jabatan | None:
    return G.graph["positions"].get(jabatan_id)


def supervisor(G: nx.DiGraph, jabatan_id: str | None) -> str | None:
    """The direct `atasan` of a position, when it is a known position."""
    found = jabatan(G, jabatan_id)
    return found.atasan if found and found.atasan in G.graph["positions"] else None


def supervisor_chain(G: nx.DiGraph, jabatan_id: str) -> list[str]:
    """Every supervisor above a position, nearest first; stops at a cycle."""
    org = org_arrays(G)
    return [org.ids[i] for i in org.chain(org.index[jabatan_id])] if jabatan_id in org.index else []


def arrays(G: nx.DiGraph) -> CascadeArrays:
    """The integer/CSR view of the graph's cascade, built once, for the passes that must scale."""
    def compute() -> CascadeArrays:
        index = getattr(G.graph["cascade"].elemen, "row_of_id", None)  # kept by the CSV loader (`models.bulk.Records`)
        return CascadeArrays.from_element_columns(G.graph["memo"]["columns"], index)
    return memo(G, "arrays", compute)


def roles_array(G: nx.DiGraph) -> np.ndarray:
    """Every element's role as an index into `ROLES`, aligned with `arrays(G).ids`."""
    def compute() -> np.ndarray:
        code = {name: i for i, name in enumerate(JENIS)}
        written = G.graph["memo"]["columns"].jenis
        jenis = np.fromiter(map(code.__getitem__, written), dtype=np.int8, count=len(written))
        return role_codes(arrays(G), jenis, head_owned(G))
    return memo(G, "roles_array", compute)


def is_role(G: nx.DiGraph, *names: str) -> np.ndarray:
    """Mask of the elements whose role is one of `names`."""
    return np.isin(roles_array(G), [ROLES.index(name) for name in names])


def owners_array(G: nx.DiGraph) -> np.ndarray:
    """Every element's owner as an index into `org_arrays(G).ids`; -1 when it names no known position."""
    def compute() -> np.ndarray:
        index, owners = org_arrays(G).index, G.graph["memo"]["columns"].jabatan
        return np.fromiter(map(index.get, owners, repeat(-1)), dtype=np.int64, count=len(owners))
    return memo(G, "owners_array", compute)


def head_owned(G: nx.DiGraph) -> np.ndarray:
    """Mask of the elements owned by a head position (`top_positions`)."""
    def compute() -> np.ndarray:
        org, owners = org_arrays(G), owners_array(G)
        head = np.zeros(len(org.ids) + 1, dtype=bool)  # the extra last slot stands for "no known owner"
        head[[org.index[h] for h in G.graph["heads"] if h in org.index]] = True
        return head[owners]
    return memo(G, "head_owned", compute)


def traceable_mask(G: nx.DiGraph) -> np.ndarray:
    """Mask of the elements with an upward path to an IKU or to a sasaran an IKU stands under."""
    return memo(G, "traceable_mask", lambda: traceable(arrays(G), roles_array(G)))


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
    ids = arrays(G).ids
    return memo(G, "traceable", lambda: {ids[i] for i in np.flatnonzero(traceable_mask(G)).tolist()})


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
    seen, queue = {node}, deque([node])
    while queue:
        for parent in G.successors(queue.popleft()):
            if parent not in seen:
                seen.add(parent)
                queue.append(parent)
                if role(G, parent) in BUDGET_KINDS:
                    yield parent


def format_cycle(cycle: list[str]) -> str:
    """Print a cycle the way dbt does: ``a --> b --> a``."""
    return " --> ".join([*cycle, cycle[0]])


def with_target_mask(G: nx.DiGraph) -> np.ndarray:
    """Mask, aligned with `arrays(G).ids`, of the elements with a target, in their own row or in a
    `capaian` row of this year: a quarter, or a yearly row of the cascade's `tahun` (any year when
    none is set), as `cascade.capaian` reads them."""
    def compute() -> np.ndarray:
        a = arrays(G)
        mask = np.fromiter((t is not None for t in G.graph["memo"]["columns"].target), dtype=bool, count=a.n)
        tahun = G.graph["cascade"].organisasi.tahun
        ids, periods, targets = columns_of(G.graph["cascade"].capaian, ["id", "periode", "target"])
        mask[[a.index[i] for i, periode, target in zip(ids, periods, targets) if target is not None and i in a.index
              and (tahun is None or not periode.isdigit() or int(periode) == tahun)]] = True
        return mask
    return memo(G, "with_target_mask", compute)


def describe(G: nx.DiGraph, node: str, width: int = 70) -> str:
    """An element as users recognise it: its statement (shortened) and its id."""
    text = " ".join(G.graph["memo"]["columns"].uraian[arrays(G).index[node]].split())
    if len(text) > width:
        text = text[: width - 1].rstrip() + "…"
    return f"'{text}' ({node})"


def describe_jabatan(G: nx.DiGraph, jabatan_id: str | None) -> str:
    if jabatan_id is None:
        return "(tanpa jabatan)"
    found = jabatan(G, jabatan_id)
    if not found:
        return jabatan_id
    # The holder's name tells apart positions of one title (two "Pengelola Data"), as the IKI documents do.
    return f"{found.nama} ({jabatan_id}, {found.pegawai})" if found.pegawai else f"{found.nama} ({jabatan_id})"


def org_arrays(G: nx.DiGraph) -> OrgArrays:
    def compute() -> OrgArrays:
        ids, atasan = columns_of(G.graph["cascade"].jabatan, ["id", "atasan"])
        supervisor_of = dict(zip(ids, atasan))  # the last, should an id repeat, as in `G.graph["positions"]`
        return OrgArrays.from_columns(list(supervisor_of), list(supervisor_of.values()))
    return memo(G, "org_arrays", compute)


def stuck_positions(G: nx.DiGraph) -> nx.DiGraph:
    """The org chart cut down to the positions whose atasan chain never reaches a top: those on
    an atasan cycle and those below one. Small, so cycles are looked for here, not in the chart."""
    def compute() -> nx.DiGraph:
        org = org_arrays(G)
        stuck = [org.ids[i] for i in np.flatnonzero(org.depth < 0)]
        positions, members = G.graph["positions"], set(stuck)
        chart = nx.DiGraph()
        chart.add_nodes_from(stuck)
        chart.add_edges_from((j, positions[j].atasan) for j in stuck if positions[j].atasan in members)
        return chart
    return memo(G, "stuck_positions", compute)


def link_relations_array(G: nx.DiGraph) -> np.ndarray:
    """The `cascade.org.RELATIONS` code of every link, aligned with `arrays(G).child_of_edge`: how
    the parent's owner stands to the child's owner in the org chart."""
    def compute() -> np.ndarray:
        a, owners = arrays(G), owners_array(G)
        return link_relations(org_arrays(G), owners[a.child_of_edge], owners[a.parent_of_edge])
    return memo(G, "link_relations", compute)


def links_by_relation(G: nx.DiGraph, relation: str) -> list[tuple[str, str]]:
    """The links (child, parent), in edge order, whose owners stand in `relation`: `same`, `atasan`
    (direct supervisor), `skip` (a higher supervisor), `inverted` (a subordinate), `cross`
    (another branch) or `unknown`."""
    def compute() -> list[tuple[str, str]]:
        a = arrays(G)
        edges = np.flatnonzero(link_relations_array(G) == RELATIONS.index(relation))
        return [(a.ids[c], a.ids[p]) for c, p in
                zip(a.child_of_edge[edges].tolist(), a.parent_of_edge[edges].tolist(), strict=True)]
    return memo(G, f"links_by_relation:{relation}", compute)


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
            on_cycle = [n for c in cyclic_components(induced_subgraph(G, (a.ids[i] for i in unresolved))) for n in c]
            cyclic[[a.index[n] for n in on_cycle]] = True
            level = levels(a, cyclic)
        return level, cyclic
    return memo(G, "topological_levels", compute)


def induced_subgraph(G: nx.DiGraph, nodes: Iterable[str]) -> nx.DiGraph:
    """A new `nx.DiGraph` of `nodes` and the links among them, in input order.

    Meant for small parts such as cycles. Unlike networkx's subgraph views, whose order can follow
    a set's, the result and what is computed on it are the same from run to run.
    """
    index = arrays(G).index
    chosen = sorted({n for n in nodes if n in index}, key=index.__getitem__)
    members, by_id = set(chosen), records(G)
    sub = nx.DiGraph()
    sub.add_nodes_from((n, {"elemen": by_id[n], "peran": role(G, n)}) for n in chosen)
    sub.add_edges_from((n, p) for n in chosen for p in G.successors(n) if p in members)
    return sub


def cyclic_components(graph: nx.DiGraph) -> list[set[str]]:
    """The groups of nodes that lie on a cycle (a self-loop counts)."""
    return [c for c in nx.strongly_connected_components(graph)
            if len(c) > 1 or any(graph.has_edge(n, n) for n in c)]


def tree_order(G: nx.DiGraph) -> Iterator[tuple[str, int]]:
    """Every element once, as (id, depth), top-down like a pohon kinerja; input order among siblings.

    An element with several parents appears under the first one reached; elements on a cycle,
    which no top reaches, come last at depth 0.
    """
    ids = arrays(G).ids
    order, depth = tree_order_indices(G)
    return zip(map(ids.__getitem__, order), depth)


def tree_order_indices(G: nx.DiGraph) -> tuple[list[int], list[int]]:
    """`tree_order` as element indices and their depths: a depth-first walk of the CSR arrays with
    plain ints and a parallel stack of depths, since `cascade score` lists a whole province this way."""
    a = arrays(G)
    ptr, children = a.child_ptr.tolist(), a.child_idx.tolist()
    seen = bytearray(a.n)
    order: list[int] = []
    depths: list[int] = []
    for root in np.flatnonzero(a.out_degree() == 0).tolist():
        stack, stack_depth = [root], [0]
        while stack:
            node, depth = stack.pop(), stack_depth.pop()
            if seen[node]:
                continue
            seen[node] = 1
            order.append(node)
            depths.append(depth)
            first, last = ptr[node], ptr[node + 1]
            if first != last:  # children pushed last-first, so the first is walked first
                below = children[first:last]
                below.reverse()
                stack += below
                stack_depth += [depth + 1] * (last - first)
    rest = [i for i in range(a.n) if not seen[i]]
    return order + rest, depths + [0] * len(rest)
