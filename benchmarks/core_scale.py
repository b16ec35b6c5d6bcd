"""Benchmark the array core against a naive networkx baseline on the same in-memory cascade.

The core is what every audit and score does before formatting, run through the library's own
functions: the string-id -> int mapping and CSR arrays (`CascadeArrays.from_columns`), element
roles, orphans, traceability to an IKU, topological levels (cycle detection) and one capaian
propagation. Its input is the element table already in memory as columns, the way a loader
hands it over.

The data is a realistic forest: agencies of 10,000 elements with the real levels (tujuan,
sasaran and IKU of the head, eselon III and IV sasaran and indicators, staff sasaran and IKI),
5% of the staff sasaran with a second parent, 80% of the IKI with a realisasi.

Each size reports the median over --repeat runs, the ratio to a naive implementation (networkx
graph, Python loops) run in the same process on the same data (skipped past 10^6), the ratio
to one bandwidth pass ``bincount(parent, weights)`` over the same arrays (the floor), and the
core's peak memory (tracemalloc, numpy buffers included). Up to 10^6 the core's results are
checked against the naive ones.

From `cascade.core.COMPILED_FROM` elements the passes run compiled (`cascade.compiled`). Each
process pays numba's start once (import, LLVM, loading the cached kernels); like the naive
path's `import networkx` it is not in the medians, but the first call's time is shown beside them.

    .venv/bin/python benchmarks/core_scale.py --sizes 10000 100000 1000000 10000000
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
import tracemalloc
from collections import deque
from dataclasses import dataclass

import networkx as nx
import numpy as np

from cascade.core import JENIS, CascadeArrays, levels, orphans, propagate, role_codes, traceable

PER_AGENCY = 10_000
HEAD, ES3, ES4 = (3, 6), (8, 2), (24, 2)  # (positions or sasaran, indicators each)


@dataclass
class Columns:
    """The element table as a loader holds it: one entry per element, parents as written."""

    ids: list[str]
    induk: list[str]  # every element's parents, concatenated in input order
    declared: np.ndarray  # how many parents each element names
    jenis: np.ndarray  # codes into JENIS
    head_owned: np.ndarray
    bobot: np.ndarray
    target: np.ndarray
    realisasi: np.ndarray  # NaN where there is none


def forest(size: int, seed: int) -> Columns:
    """About `size` elements in agencies of `PER_AGENCY`, laid out agency by agency."""
    rng = np.random.default_rng(seed)
    agencies = max(1, round(size / PER_AGENCY))
    staff = (PER_AGENCY - 106) // 3
    # Offsets inside one agency: tujuan, head sasaran, IKU, eselon III sasaran and indicators,
    # eselon IV sasaran and indicators, staff sasaran, staff IKI.
    layout = {"tujuan": 1, "sasaran": 3, "iku": 6, "s3": 8, "i3": 16, "s4": 24, "i4": 48, "s5": staff, "iki": 2 * staff}
    start, offset = {}, 0
    for name, count in layout.items():
        start[name], offset = offset, offset + count
    per_agency = offset
    local = np.arange(per_agency)
    first = np.full(per_agency, -1)
    kind = np.empty(per_agency, dtype=np.int8)

    def block(name: str, jenis: str, parents: np.ndarray) -> None:
        span = slice(start[name], start[name] + layout[name])
        kind[span], first[span] = JENIS.index(jenis), parents

    def pick(name: str, base: np.ndarray, choices: int) -> np.ndarray:
        return start[name] + base + rng.integers(0, choices, base.size)

    def j(name: str) -> np.ndarray:  # each element's index within its block
        return np.arange(layout[name])

    block("tujuan", "tujuan", np.array([-1]))
    block("sasaran", "sasaran", np.zeros(3, dtype=np.int64) + start["tujuan"])
    block("iku", "indikator", start["sasaran"] + j("iku") // 2)
    block("s3", "sasaran", start["sasaran"] + j("s3") % 3)
    block("i3", "indikator", pick("iku", np.zeros(16, dtype=np.int64), 6))
    block("s4", "sasaran", start["s3"] + j("s4") // 3)
    block("i4", "indikator", pick("i3", 2 * (j("i4") // 2 // 3), 2))
    block("s5", "sasaran", start["s4"] + j("s5") % 24)
    block("iki", "indikator", pick("i4", 2 * ((j("iki") // 2) % 24), 2))
    second = np.full(per_agency, -1)
    sasaran5 = start["s5"] + j("s5")
    multi = sasaran5[rng.random(staff) < 0.05]
    second[multi] = pick("i4", 2 * ((multi - start["s5"] + 1) % 24), 2)

    base = (np.arange(agencies) * per_agency)[:, None]
    first_all = np.where(first >= 0, first + base, -1).ravel()
    second_all = np.where(second >= 0, second + base, -1).ravel()
    pairs = np.stack([first_all, second_all], axis=1).ravel()
    ids = [f"a{i // per_agency}.e{i % per_agency}" for i in range(agencies * per_agency)]
    n = len(ids)
    jenis = np.tile(kind, agencies)
    head = np.tile(local < start["s3"], agencies)
    iki = np.tile(local >= start["iki"], agencies)
    realisasi = np.where(iki & (rng.random(n) < 0.8), rng.uniform(50, 110, n), np.nan)
    return Columns(ids=ids, induk=[ids[p] for p in pairs[pairs >= 0].tolist()],
                   declared=(first_all >= 0).astype(np.int64) + (second_all >= 0), jenis=jenis, head_owned=head,
                   bobot=np.ones(n), target=np.full(n, 100.0), realisasi=realisasi)


def core(c: Columns) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The array path: the library functions `cascade check` and `cascade score` run."""
    a = CascadeArrays.from_columns(c.ids, c.induk, c.declared, c.bobot)
    roles = role_codes(a, c.jenis, c.head_owned)
    orphan = orphans(a, roles, c.head_owned)
    reached = traceable(a, roles)
    level = levels(a)
    cyclic = level < 0
    with np.errstate(invalid="ignore", divide="ignore"):
        direct = np.where(c.target > 0, c.realisasi / c.target * 100, np.nan)
    _, effective = propagate(a, level, direct, zero_missing=False, cap=None)
    return orphan, reached, cyclic, effective


def naive(c: Columns) -> tuple[set, set, set, dict]:
    """The same work written the obvious way: networkx graph, Python loops, dicts. Like the core,
    it finds the elements on a cycle (networkx's strongly connected components), as K103 does."""
    G = nx.DiGraph()
    G.add_nodes_from(c.ids)
    parents, at = {}, 0
    for element, count in zip(c.ids, c.declared.tolist(), strict=True):
        parents[element] = c.induk[at:at + count]
        at += count
        G.add_edges_from((element, p) for p in parents[element] if p in G)
    jenis = dict(zip(c.ids, (JENIS[j] for j in c.jenis.tolist()), strict=True))
    head = dict(zip(c.ids, c.head_owned.tolist(), strict=True))
    role = {}
    for n in c.ids:
        if jenis[n] != "indikator":
            role[n] = jenis[n]
        elif any(jenis.get(p) == "tujuan" for p in parents[n]):
            role[n] = "indikator_tujuan"
        else:
            role[n] = "iku" if head[n] else "iki"
    orphan = {n for n in c.ids if not parents[n] and role[n] != "tujuan" and not head[n]}
    cyclic = {n for component in nx.strongly_connected_components(G) if len(component) > 1 for n in component}
    cyclic |= {n for n, _ in nx.selfloop_edges(G)}
    anchors = {n for n in G if role[n] == "iku"}
    anchors |= {p for n in list(anchors) for p in G.successors(n) if role[p] == "sasaran"}
    reached, queue = set(anchors), deque(anchors)
    while queue:
        for child in G.predecessors(queue.popleft()):
            if child not in reached:
                reached.add(child)
                queue.append(child)
    values = dict(zip(c.ids, zip(c.target.tolist(), c.realisasi.tolist(), c.bobot.tolist(), strict=True), strict=True))
    effective: dict[str, float | None] = {}
    for node in nx.topological_sort(G):
        target, realisasi, _ = values[node]
        if target and realisasi == realisasi:  # NaN is not equal to itself
            effective[node] = realisasi / target * 100
            continue
        weighted = [(values[ch][2], effective[ch]) for ch in G.predecessors(node)
                    if effective[ch] is not None and values[ch][2] > 0]
        weight = sum(w for w, _ in weighted)
        effective[node] = sum(w * v for w, v in weighted) / weight if weighted else None
    return orphan, reached, cyclic, effective


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def peak_memory(function, *args) -> float:
    tracemalloc.start()
    function(*args)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def agree(c: Columns) -> None:
    """The core and the naive path give the same orphans, traceability and capaian."""
    orphan, reached, cyclic, effective = core(c)
    n_orphan, n_reached, n_cyclic, n_effective = naive(c)
    assert {c.ids[i] for i in np.flatnonzero(orphan)} == n_orphan
    assert {c.ids[i] for i in np.flatnonzero(reached)} == n_reached
    assert not cyclic.any() and not n_cyclic, "the forest has no cycles"
    assert all((v is None) == np.isnan(effective[i]) and (v is None or abs(v - effective[i]) < 1e-9)
               for i, v in enumerate(n_effective[x] for x in c.ids))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"{'elemen':>10} {'inti (s)':>9} {'pertama (s)':>12} {'naif (s)':>9} {'× naif':>7} {'× bandwidth':>12} "
          f"{'memori inti (MB)':>17}")
    for size in args.sizes:
        columns = forest(size, seed=size)
        gc.collect()
        gc.disable()
        first, *core_times = [timed(core, columns)[0] for _ in range(args.repeat + 1)]
        a = CascadeArrays.from_columns(columns.ids, columns.induk, columns.declared, columns.bobot)
        weights = a.bobot[a.child_of_edge]
        floor = statistics.median(timed(np.bincount, a.parent_of_edge, weights, a.n)[0] for _ in range(5))
        del a, weights
        naive_time = None
        if size <= 1_000_000:
            naive_time = statistics.median(timed(naive, columns)[0] for _ in range(max(1, args.repeat // 2)))
            agree(columns)
        gc.enable()
        memory = peak_memory(core, columns)
        median = statistics.median(core_times)
        ratio = f"{naive_time / median:7.1f}" if naive_time else f"{'-':>7}"
        naive_shown = f"{naive_time:9.2f}" if naive_time else f"{'-':>9}"
        print(f"{len(columns.ids):>10} {median:>9.3f} {first:>12.3f} {naive_shown} {ratio} {median / floor:>12.0f} "
              f"{memory:>17.0f}", flush=True)


if __name__ == "__main__":
    main()
