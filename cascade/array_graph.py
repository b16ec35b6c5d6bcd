"""A read-only graph over a cascade's records and arrays: the part of the `nx.DiGraph` API the
checks and propagation use, without building networkx's dicts.

An `nx.DiGraph` costs a few dicts per element and per link, seconds at province scale, while
the checks only read parents, children and records. The plain functions of `cascade.graph` and
`cascade.capaian.score` accept either graph; networkx's own algorithms (used by `contributions`,
`weakest_leaves`, drawing) need the full graph that `to_networkx` gives.
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from cascade.graph import arrays, graph_attributes, networkx_graph
from models.cascade import Cascade


class ArrayGraph:
    """Elements in input order, edges child -> parent to every known `induk`, as in `build_graph`.

    >>> from models import Cascade, Organisasi, Elemen
    >>> c = Cascade(organisasi=Organisasi(kode="x", nama="X"), elemen=(
    ...     Elemen(id="s", jenis="sasaran", uraian="S"), Elemen(id="i", jenis="iki", uraian="I", induk=("s", "?"))))
    >>> G = ArrayGraph(c)
    >>> list(G.successors("i")), list(G.predecessors("s")), list(G.edges) == list(G.to_networkx().edges)
    (['s'], ['i'], True)
    """

    def __init__(self, cascade: Cascade) -> None:
        self.graph = graph_attributes(cascade)

    def __iter__(self) -> Iterator[str]:
        return iter(arrays(self).index)

    def __len__(self) -> int:
        return len(arrays(self).index)

    def __contains__(self, node: object) -> bool:
        return node in arrays(self).index

    def successors(self, node: str) -> Iterator[str]:
        """The elements `node` supports: its known parents, each once, in `induk` order."""
        index = arrays(self).index
        return iter(dict.fromkeys(p for p in self.graph["memo"]["columns"].induk[index[node]] if p in index))

    def predecessors(self, node: str) -> Iterator[str]:
        """The elements supporting `node`, in input order."""
        a = arrays(self)
        i = a.index[node]
        return iter([a.ids[c] for c in a.child_idx[a.child_ptr[i]:a.child_ptr[i + 1]].tolist()])

    def out_degree(self, node: str) -> int:
        return sum(1 for _ in self.successors(node))

    @property
    def edges(self) -> Iterator[tuple[str, str]]:
        return ((child, parent) for child in self for parent in self.successors(child))

    def to_networkx(self) -> nx.DiGraph:
        """The full `nx.DiGraph`, sharing this graph's memoised results."""
        return networkx_graph(self.graph)
