"""The org chart as arrays: each position's supervisor, depth and binary-lifting ancestors.

Classifying a million links by how their owners stand in the org chart (same position, direct
atasan, a higher supervisor, a subordinate, another branch) is a few array passes here instead
of a walk up the chart for every link.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import repeat

import numpy as np


RELATIONS = ("unknown", "same", "atasan", "skip", "inverted", "cross")
"""Codes of `link_relations`, by position: how the parent's owner stands to the child's owner."""
UNKNOWN, SAME, ATASAN, SKIP, INVERTED, CROSS = range(len(RELATIONS))


@dataclass(frozen=True)
class OrgArrays:
    """Position i is ``ids[i]``. ``supervisor`` is -1 where the `atasan` is missing or unknown;
    ``depth`` counts steps up to the top, -1 on an atasan cycle or below one.
    ``ancestors[k][i]`` is the 2**k-th supervisor of i (-1 past the top)."""

    ids: list[str]
    index: dict[str, int]
    supervisor: np.ndarray
    depth: np.ndarray
    ancestors: list[np.ndarray]

    @classmethod
    def from_columns(cls, ids: list[str], atasan: list[str | None]) -> OrgArrays:
        """From each position's id and atasan, ids distinct."""
        index = dict(zip(ids, range(len(ids))))
        n = len(ids)
        supervisor = np.fromiter(map(index.get, atasan, repeat(-1)), dtype=np.int64, count=n)
        depth, ancestors = _depths(supervisor)
        return cls(ids, index, supervisor, depth, ancestors)

    def ancestor_at(self, nodes: np.ndarray, steps: np.ndarray) -> np.ndarray:
        """The `steps`-th supervisor of each node (-1 past the top), by binary lifting."""
        nodes = nodes.copy()
        for k, table in enumerate(self.ancestors):
            move = ((steps >> k) & 1).astype(bool) & (nodes >= 0)
            nodes[move] = table[nodes[move]]
        return nodes

    def chain(self, node: int) -> list[int]:
        """Every supervisor above a position, nearest first; stops at a cycle."""
        chain, seen = [], {node}
        current = int(self.supervisor[node])
        while current >= 0 and current not in seen:
            chain.append(current)
            seen.add(current)
            current = int(self.supervisor[current])
        return chain


def _depths(supervisor: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
    """Depth of every position by pointer jumping (log-many passes), and the lifting tables.

    A chain of length d finishes within log2(d) + 1 jumps; what is still jumping after enough
    passes for the longest possible chain must be on or below a cycle.
    """
    n = supervisor.size
    depth = (supervisor >= 0).astype(np.int64)
    jump = supervisor.copy()
    ancestors = [supervisor]
    for _ in range(n.bit_length() + 1):
        live = jump >= 0
        if not live.any():
            break
        target = jump[live]
        depth[live] += depth[target]
        jump[live] = jump[target]
        previous = ancestors[-1]
        ancestors.append(np.where(previous >= 0, previous[np.maximum(previous, 0)], -1))
    depth[jump >= 0] = -1
    return depth, ancestors


def link_relations(org: OrgArrays, child_owner: np.ndarray, parent_owner: np.ndarray) -> np.ndarray:
    """The `RELATIONS` code of every link, given its owners' position indices (-1 = none/unknown).

    >>> org = OrgArrays.from_columns(["kadis", "kabid", "staf", "lain"], [None, "kadis", "kabid", "kadis"])
    >>> [RELATIONS[r] for r in link_relations(org, np.array([2, 2, 2, 0, 2, -1]), np.array([2, 1, 0, 2, 3, 0]))]
    ['same', 'atasan', 'skip', 'inverted', 'cross', 'unknown']
    """
    relation = np.full(child_owner.size, CROSS, dtype=np.int8)
    known = (child_owner >= 0) & (parent_owner >= 0)
    relation[~known] = UNKNOWN
    if not known.any():
        return relation
    same = known & (child_owner == parent_owner)
    relation[same] = SAME
    atasan = known & ~same & (org.supervisor[np.maximum(child_owner, 0)] == parent_owner)
    relation[atasan] = ATASAN
    open_ = np.flatnonzero(known & ~same & ~atasan)
    child, parent = child_owner[open_], parent_owner[open_]
    child_depth, parent_depth = org.depth[child], org.depth[parent]
    acyclic = (child_depth >= 0) & (parent_depth >= 0)
    gap = child_depth - parent_depth
    up = acyclic & (gap >= 2)
    relation[open_[up][org.ancestor_at(child[up], gap[up]) == parent[up]]] = SKIP
    down = acyclic & (gap <= -1)
    relation[open_[down][org.ancestor_at(parent[down], -gap[down]) == child[down]]] = INVERTED
    for i, c, p in zip(open_[~acyclic].tolist(), child[~acyclic].tolist(), parent[~acyclic].tolist(), strict=True):
        relation[i] = SKIP if p in org.chain(c) else INVERTED if c in org.chain(p) else CROSS
    return relation
