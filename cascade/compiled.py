"""The array passes of `cascade.core` as compiled loops, for province and national cascades.

At 10⁶ elements the numpy passes in `cascade.core` spend most of their time on what a loop does
in one sweep: the string-id -> index dict (0.2 s in Python alone), and frontier after frontier
of gathers for levels, traceability and the capaian roll-up. Compiled with numba, each of them
reads every id byte or every link once, and the core runs twice as fast (2.5× at 10⁷).

Importing numba and starting LLVM costs about 0.25 s per process, more than these loops save
on an agency's few thousand elements, so `cascade.core` loads this module only for large
cascades (`cascade.core.COMPILED_FROM`). The numpy versions stay the reference: the tests run
both on the same cascades and require identical results. Kernels are cached on disk
(``cache=True``), so only the first run on a machine compiles them (a second or two).
"""

from __future__ import annotations

import numba
import numpy as np


def index_of(ids: list[str], wanted: list[str]) -> np.ndarray | None:
    """The position in `ids` of every string in `wanted`, -1 for one that is not there; of a
    repeated id, the last position, as a dict built from `ids` would give.

    Returns None when an id contains the NUL byte that separates ids here (then use a dict).

    >>> index_of(["s", "i", "é"], ["é", "x", "s"]).tolist()
    [2, -1, 0]
    """
    if not ids or not wanted:
        return np.full(len(wanted), -1, dtype=np.int64)
    keys = np.frombuffer("\0".join(ids).encode(errors="surrogatepass") + b"\0", dtype=np.uint8)
    asked = np.frombuffer("\0".join(wanted).encode(errors="surrogatepass") + b"\0", dtype=np.uint8)
    key_ends, asked_ends = np.flatnonzero(keys == 0), np.flatnonzero(asked == 0)
    if key_ends.size != len(ids) or asked_ends.size != len(wanted):
        return None
    return _lookup(keys, key_ends, asked, asked_ends)


@numba.njit(cache=True)
def _fnv1a(text, start, end):
    digest = np.uint64(14695981039346656037)
    for i in range(start, end):
        digest = (digest ^ np.uint64(text[i])) * np.uint64(1099511628211)
    return digest


@numba.njit(cache=True)
def _equal(a, a_start, a_end, b, b_start, b_end):
    if a_end - a_start != b_end - b_start:
        return False
    for k in range(a_end - a_start):
        if a[a_start + k] != b[b_start + k]:
            return False
    return True


@numba.njit(cache=True)
def _slot(table, mask, keys, key_ends, text, start, end):
    """The table slot of the id ``text[start:end]``: where it is, or the empty slot it would take."""
    slot = _fnv1a(text, start, end) & mask
    while True:
        j = table[slot]
        if j < 0 or _equal(keys, key_ends[j - 1] + 1 if j else 0, key_ends[j], text, start, end):
            return slot
        slot = (slot + np.uint64(1)) & mask


@numba.njit(cache=True)
def _lookup(keys, key_ends, asked, asked_ends):
    """Open-addressing hash table over the NUL-separated UTF-8 bytes of the ids."""
    size = 2
    while size < 2 * key_ends.size:
        size *= 2
    mask = np.uint64(size - 1)
    table = np.full(size, -1, dtype=np.int64)
    start = 0
    for i in range(key_ends.size):
        table[_slot(table, mask, keys, key_ends, keys, start, key_ends[i])] = i  # a repeated id: the last wins
        start = key_ends[i] + 1
    found = np.empty(asked_ends.size, dtype=np.int64)
    start = 0
    for q in range(asked_ends.size):
        found[q] = table[_slot(table, mask, keys, key_ends, asked, start, asked_ends[q])]
        start = asked_ends[q] + 1
    return found


@numba.njit(cache=True)
def levels(parent_ptr, parent_idx, child_ptr, cyclic):
    """`cascade.core.levels`: Kahn's algorithm with a FIFO queue, a parent one level above its highest child."""
    n = parent_ptr.size - 1
    level = np.full(n, -1, dtype=np.int64)
    remaining = child_ptr[1:] - child_ptr[:-1]
    queue = np.empty(n, dtype=np.int64)
    tail = 0
    for i in range(n):
        if remaining[i] == 0 or cyclic[i]:
            level[i] = 0
            queue[tail] = i
            tail += 1
    for head in range(n):
        if head == tail:
            break
        child = queue[head]
        for k in range(parent_ptr[child], parent_ptr[child + 1]):
            parent = parent_idx[k]
            remaining[parent] -= 1
            if remaining[parent] == 0 and level[parent] == -1:
                level[parent] = level[child] + 1  # the queue runs in level order: its last child is its highest
                queue[tail] = parent
                tail += 1
    for i in range(n):
        if cyclic[i]:
            level[i] = -1
    return level


@numba.njit(cache=True)
def reached_from(child_ptr, child_idx, sources):
    """`cascade.core.reached_from`: depth-first down the child links."""
    n = child_ptr.size - 1
    reached = np.zeros(n, dtype=np.bool_)
    stack = np.empty(n, dtype=np.int64)
    top = 0
    for source in sources:
        if not reached[source]:
            reached[source] = True
            stack[top] = source
            top += 1
    while top:
        top -= 1
        parent = stack[top]
        for k in range(child_ptr[parent], child_ptr[parent + 1]):
            child = child_idx[k]
            if not reached[child]:
                reached[child] = True
                stack[top] = child
                top += 1
    return reached


@numba.njit(cache=True)
def propagate(child_ptr, child_idx, bobot, order, direct, zero_missing, cap):
    """`cascade.core.propagate` over `order` (every element above the leaves, children first).

    Sums run over each parent's children in the same order as the numpy version's `bincount`,
    so the results are identical to the last bit.
    """
    effective = direct.copy()
    derived = np.full(direct.size, np.nan)
    for parent in order:
        numerator, denominator, valued = 0.0, 0.0, False
        for k in range(child_ptr[parent], child_ptr[parent + 1]):
            child = child_idx[k]
            weight = bobot[child]
            if not weight > 0:
                continue
            value = effective[child]
            if not np.isnan(value):
                numerator += weight * value
                denominator += weight
                valued = True
            elif zero_missing[child]:
                denominator += weight
        if valued:
            mean = numerator / denominator
            if not (mean < cap or np.isnan(mean)):  # np.minimum: NaN wins, and min(0.0, -0.0) is -0.0
                mean = cap
            derived[parent] = mean
            if np.isnan(direct[parent]):
                effective[parent] = mean
    return derived, effective
