"""The cascade as arrays, for scale: integer ids, CSR parent/child lists and topological levels.

`cascade.graph` keeps the networkx-shaped API; the heavy passes (traceability, propagation,
cycle detection) run here on numpy arrays built once per cascade, so a province (10⁶ elements)
costs a few array sweeps instead of millions of Python-level graph lookups. From `COMPILED_FROM`
elements the same passes run as compiled loops (`cascade.compiled`), with identical results.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from functools import cached_property
from itertools import chain, repeat
from types import ModuleType
from typing import get_args

import numpy as np

from models.bulk import columns_of
from models.cascade import Elemen, Jenis, Rentang

COMPILED_FROM = 200_000
"""From this many elements the passes run compiled (`cascade.compiled`); below it numba's start
(about 0.25 s per process) would cost more than the compiled loops save."""


def compiled_for(n: int) -> ModuleType | None:
    """`cascade.compiled` for a cascade of `n` elements, when it is large enough and numba loads."""
    if n < COMPILED_FROM:
        return None
    try:
        from cascade import compiled
    except (ImportError, RuntimeError):  # no numba build for this platform, or no writable place for its
        return None  # kernel cache (read-only install without a home): the numpy passes give the same results
    return compiled


def gather(ptr: np.ndarray, idx: np.ndarray, nodes: np.ndarray) -> np.ndarray:
    """Concatenate the CSR rows of `nodes` in one vectorised step (no Python loop).

    >>> gather(np.array([0, 2, 2, 3]), np.array([5, 6, 7]), np.array([0, 2]))
    array([5, 6, 7])
    """
    starts = ptr[nodes]
    counts = ptr[nodes + 1] - starts
    total = int(counts.sum())
    if total == 0:
        return idx[:0]
    offsets = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(total)
    return idx[offsets]


def _csr(rows: np.ndarray, cols: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=ptr[1:])
    if rows.size < 2 or (rows[1:] >= rows[:-1]).all():  # already grouped: links come in child order
        return ptr, cols
    return ptr, cols[np.argsort(rows, kind="stable")]


def _first_links(child: np.ndarray, parent: np.ndarray, n: int) -> np.ndarray:
    """Mask keeping each (child, parent) link once. Links come grouped by child, so a repeat can
    only sit among the links of a child with several; only those are sorted."""
    keep = np.ones(child.size, dtype=bool)
    shared = np.flatnonzero((np.bincount(child, minlength=n) > 1)[child])
    if shared.size:
        _, first = np.unique(child[shared] * n + parent[shared], return_index=True)
        keep[shared] = False
        keep[shared[first]] = True
    return keep


@dataclass(frozen=True)
class ElementColumns:
    """The element fields the array passes read, pulled from the records in one pass.

    At 10^6 elements every pass over the records costs a few tenths of a second, mostly in cache
    misses on a million separate objects, so they are touched once and read as columns after.
    """

    ids: list[str]
    induk: list[tuple[str, ...]]
    jenis: list[str]
    jabatan: list[str | None]
    bobot: np.ndarray
    uraian: list[str]
    formula: list[str | None]
    satuan: list[str | None]
    agregasi: list[str | None]
    sumber_data: list[str | None]
    abaikan: list[tuple[str, ...]]
    target: list[float | Rentang | None]
    realisasi: list[float | None]
    polaritas: list[str]

    @classmethod
    def from_elements(cls, elements: Sequence[Elemen]) -> ElementColumns:
        """The columns the CSV loader kept (`models.bulk.Records`), else one pass over the records."""
        names = [f.name for f in dataclass_fields(cls)]  # the record's own field names, but `ids` for `id`
        columns = dict(zip(names, columns_of(elements, ["id" if name == "ids" else name for name in names])))
        return cls(**{**columns, "bobot": np.array(columns["bobot"], dtype=np.float64)})


@dataclass(frozen=True)
class CascadeArrays:
    """Integer-indexed view of a cascade. Node i is ``ids[i]``, in input order.

    Edges run child -> parent, as in the graph: ``parent_idx[parent_ptr[i]:parent_ptr[i + 1]]`` are
    the elements i supports, each known parent once (``child_idx``/``child_ptr`` the other way). ``declared`` counts the `induk` as written (unknown and repeated
    ids included); ``names_unknown`` marks elements naming an `induk` that does not exist.
    """

    ids: list[str]
    given_index: dict[str, int] | None  # id -> index, when the loader made one; see `index`
    child_of_edge: np.ndarray
    parent_of_edge: np.ndarray
    parent_ptr: np.ndarray
    parent_idx: np.ndarray
    child_ptr: np.ndarray
    child_idx: np.ndarray
    bobot: np.ndarray  # float64
    declared: np.ndarray
    names_unknown: np.ndarray

    @property
    def n(self) -> int:
        return len(self.ids)

    @cached_property
    def index(self) -> dict[str, int]:
        """id -> index, for the graph API; a large cascade's links were mapped without it."""
        return self.given_index if self.given_index is not None else dict(zip(self.ids, range(self.n)))

    @classmethod
    def from_element_columns(cls, columns: ElementColumns, index: dict[str, int] | None = None) -> CascadeArrays:
        return cls.from_columns(columns.ids, list(chain.from_iterable(columns.induk)),
                                np.fromiter(map(len, columns.induk), dtype=np.int64, count=len(columns.ids)),
                                columns.bobot, index)

    @classmethod
    def from_columns(cls, ids: list[str], induk: list[str], declared: np.ndarray, bobot: np.ndarray,
                     index: dict[str, int] | None = None) -> CascadeArrays:
        """Build from columns: the ids, every element's `induk` ids concatenated in input order,
        how many of them each element declares, and the weights. Mapping `induk` to indices is the
        only per-element work: through the loader's dict when there is one, else compiled for a
        large cascade, else through a new dict. The rest is array passes.

        >>> a = CascadeArrays.from_columns(["s", "i"], ["s", "s", "x"], np.array([0, 3]), np.ones(2))
        >>> a.parent_idx.tolist(), a.names_unknown.tolist()
        ([0], [False, True])
        """
        n = len(ids)
        compiled = compiled_for(n) if index is None else None
        parent = compiled.index_of(ids, induk) if compiled else None
        if parent is None:
            index = dict(zip(ids, range(n))) if index is None else index
            parent = np.fromiter(map(index.get, induk, repeat(-1)), dtype=np.int64, count=len(induk))
        child = np.repeat(np.arange(n, dtype=np.int64), declared)
        known = parent >= 0
        names_unknown = np.bincount(child[~known], minlength=n) > 0
        child, parent = child[known], parent[known]
        keep = _first_links(child, parent, n)  # a parent named twice is one link, as in the graph
        child, parent = child[keep], parent[keep]
        parent_ptr, parent_idx = _csr(child, parent, n)
        child_ptr, child_idx = _csr(parent, child, n)
        return cls(ids=ids, given_index=index, child_of_edge=child, parent_of_edge=parent, parent_ptr=parent_ptr,
                   parent_idx=parent_idx, child_ptr=child_ptr, child_idx=child_idx, bobot=bobot,
                   declared=declared, names_unknown=names_unknown)

    def out_degree(self) -> np.ndarray:
        """How many known elements each element supports."""
        return np.diff(self.parent_ptr)


JENIS: tuple[str, ...] = get_args(Jenis)
"""The `jenis` an element is written with, as codes for `role_codes`."""
ROLES = ("tujuan", "indikator_tujuan", "sasaran", "iku", "iki", "program", "kegiatan", "subkegiatan")
"""The role of an element: its `jenis`, with `indikator` resolved by owner and parent."""
_ROLE_OF_JENIS = np.array([ROLES.index("iki" if j == "indikator" else j) for j in JENIS], dtype=np.int8)


def role_codes(arrays: CascadeArrays, jenis: np.ndarray, head_owned: np.ndarray) -> np.ndarray:
    """Every element's role as a code into `ROLES`, from its `JENIS` code and whether a head owns it.

    An `indikator` under a tujuan measures the tujuan; otherwise it is an IKU when the head owns
    it and an IKI when anyone else does.
    """
    role = _ROLE_OF_JENIS[jenis]
    indicator = jenis == JENIS.index("indikator")
    under_tujuan = np.bincount(arrays.child_of_edge[jenis[arrays.parent_of_edge] == JENIS.index("tujuan")],
                               minlength=arrays.n) > 0
    role[indicator & head_owned] = ROLES.index("iku")
    role[indicator & under_tujuan] = ROLES.index("indikator_tujuan")
    return role


def orphans(arrays: CascadeArrays, roles: np.ndarray, head_owned: np.ndarray) -> np.ndarray:
    """Mask of the elements that name no `induk` at all, other than tujuan and the head's own."""
    return (arrays.declared == 0) & (roles != ROLES.index("tujuan")) & ~head_owned


def traceable(arrays: CascadeArrays, roles: np.ndarray) -> np.ndarray:
    """Mask of the elements with an upward path to an IKU or to a sasaran an IKU stands under."""
    iku = roles == ROLES.index("iku")
    under_iku = arrays.parent_of_edge[iku[arrays.child_of_edge] & (roles[arrays.parent_of_edge] == ROLES.index("sasaran"))]
    return reached_from(arrays, np.union1d(np.flatnonzero(iku), under_iku))


def levels(arrays: CascadeArrays, cyclic: np.ndarray | None = None) -> np.ndarray:
    """Topological level of every element, leaves at 0, by repeated removal of finished children.

    Elements flagged in `cyclic` count as finished (with no value) so that what stands above a
    cycle still gets a level; without `cyclic`, elements on or above a cycle stay at -1.

    >>> from models import Cascade, Organisasi, Elemen
    >>> c = Cascade(organisasi=Organisasi(kode="x", nama="X"), elemen=(
    ...     Elemen(id="s", jenis="sasaran", uraian="S"), Elemen(id="i", jenis="iki", uraian="I", induk=("s",))))
    >>> levels(CascadeArrays.from_element_columns(ElementColumns.from_elements(c.elemen))).tolist()
    [1, 0]
    """
    n = arrays.n
    if compiled := compiled_for(n):
        on_cycle = np.zeros(n, dtype=bool) if cyclic is None else cyclic
        return compiled.levels(arrays.parent_ptr, arrays.parent_idx, arrays.child_ptr, on_cycle)
    level = np.full(n, -1, dtype=np.int64)
    remaining = np.diff(arrays.child_ptr)
    frontier = np.flatnonzero(remaining == 0)
    if cyclic is not None:
        frontier = np.union1d(frontier, np.flatnonzero(cyclic))
    slot = np.empty(n, dtype=np.int64)
    depth = 0
    while frontier.size:
        level[frontier] = depth
        parents = gather(arrays.parent_ptr, arrays.parent_idx, frontier)
        np.subtract.at(remaining, parents, 1)
        frontier = distinct(parents[(remaining[parents] == 0) & (level[parents] == -1)], slot)
        depth += 1
    if cyclic is not None:
        level[cyclic] = -1
    return level


def distinct(nodes: np.ndarray, slot: np.ndarray) -> np.ndarray:
    """`nodes` with each one kept once, in O(len(nodes)) without sorting.

    `slot` is scratch space as long as the cascade, reused across calls: of a repeated node, the
    one occurrence whose position was written last into its slot is kept.

    >>> sorted(distinct(np.array([3, 1, 3, 0, 1]), np.empty(4, dtype=np.int64)).tolist())
    [0, 1, 3]
    """
    order = np.arange(nodes.size)
    slot[nodes] = order
    return nodes[slot[nodes] == order]


def reached_from(arrays: CascadeArrays, sources: np.ndarray) -> np.ndarray:
    """Boolean mask of every element with an upward path to one of `sources` (sources included).

    Each step expands only the newly reached elements, so the whole walk reads every link once.
    """
    if compiled := compiled_for(arrays.n):
        return compiled.reached_from(arrays.child_ptr, arrays.child_idx, np.asarray(sources, dtype=np.int64))
    reached = np.zeros(arrays.n, dtype=bool)
    reached[sources] = True
    frontier = np.flatnonzero(reached)
    slot = np.empty(arrays.n, dtype=np.int64)
    while frontier.size:
        children = gather(arrays.child_ptr, arrays.child_idx, frontier)
        frontier = distinct(children[~reached[children]], slot)
        reached[frontier] = True
    return reached


def weighted_mean_of_children(arrays: CascadeArrays, value: np.ndarray, parents: np.ndarray,
                              zero_missing: bool | np.ndarray) -> np.ndarray:
    """For each element of `parents`: bobot-weighted mean of its children's values (NaN = none).

    Children with bobot <= 0 are left out. Missing values are skipped, or count as 0 when
    `zero_missing` (for every child, or for the children it marks); a parent none of whose
    children has a value gets NaN. Only the links into `parents` are read.
    """
    counts = arrays.child_ptr[parents + 1] - arrays.child_ptr[parents]
    children = gather(arrays.child_ptr, arrays.child_idx, parents)
    group = np.repeat(np.arange(parents.size), counts)
    weight, child_value = arrays.bobot[children], value[children]
    counted = weight > 0
    has_value = counted & ~np.isnan(child_value)
    missing_is_zero = zero_missing[children] if isinstance(zero_missing, np.ndarray) else zero_missing
    in_denominator = has_value | (counted & missing_is_zero)
    numerator = np.bincount(group[has_value], weights=weight[has_value] * child_value[has_value], minlength=parents.size)
    denominator = np.bincount(group[in_denominator], weights=weight[in_denominator], minlength=parents.size)
    valued = np.bincount(group[has_value], minlength=parents.size) > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(valued, numerator / denominator, np.nan)


def by_level(level: np.ndarray) -> list[np.ndarray]:
    """The elements of each level from 1 up (leaves and cyclic elements left out), in input order.

    One sort instead of a scan of every element per level; levels fit int16 in any real cascade,
    where numpy's stable sort is a radix sort.
    """
    above = np.flatnonzero(level > 0)
    key = level[above]
    if key.size and key.max() < np.iinfo(np.int16).max:
        key = key.astype(np.int16)
    above = above[np.argsort(key, kind="stable")]
    bounds = np.searchsorted(level[above], np.arange(1, int(level.max(initial=0)) + 2))
    return [above[start:end] for start, end in zip(bounds[:-1], bounds[1:], strict=True)]


def propagate(arrays: CascadeArrays, level: np.ndarray, direct: np.ndarray, zero_missing: bool | np.ndarray,
              cap: float | None) -> tuple[np.ndarray, np.ndarray]:
    """Roll capaian up level by level: returns (derived, effective), NaN where there is none.

    `direct` must already be capped and NaN on cyclic elements (level -1), which then feed
    nothing. Each level is one weighted `bincount` over the links into it, so the whole roll-up
    reads every link once.
    """
    if compiled := compiled_for(arrays.n):
        order = np.concatenate([np.empty(0, dtype=np.int64), *by_level(level)])
        missing_is_zero = zero_missing if isinstance(zero_missing, np.ndarray) else np.full(arrays.n, zero_missing)
        return compiled.propagate(arrays.child_ptr, arrays.child_idx, arrays.bobot, order, direct, missing_is_zero,
                                  np.inf if cap is None else float(cap))
    effective = direct.copy()
    derived = np.full(arrays.n, np.nan)
    for nodes in by_level(level):
        mean = weighted_mean_of_children(arrays, effective, nodes, zero_missing)
        derived[nodes] = np.minimum(mean, cap) if cap is not None else mean
        effective[nodes] = np.where(np.isnan(direct[nodes]), derived[nodes], direct[nodes])
    return derived, effective
