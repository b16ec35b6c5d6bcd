"""Benchmark the array core against a naive networkx baseline on the same in-memory cascade.

The core is what every audit and score does before formatting: element roles, the integer/CSR
arrays, orphans, traceability to an IKU, cycle detection with topological levels, and one
capaian propagation. Each size reports the median over --repeat runs, the ratio to a naive
networkx implementation in Python loops run in the same process on the same data (skipped past
10⁶), the ratio to one bandwidth pass ``bincount(parent, weights)`` over the same arrays (the
floor), and the core's peak memory (tracemalloc, numpy buffers included).

    .venv/bin/python benchmarks/core_scale.py --sizes 10000 100000 1000000
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
import tracemalloc
from collections import deque

import networkx as nx
import numpy as np

from cascade.core import CascadeArrays, levels, propagate, reached_from
from cascade.graph import element_roles
from fixtures.generator import generate
from models.loaders import build_cascade

IKU, SASARAN, TUJUAN = "iku", "sasaran", "tujuan"


def core(cascade) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The array path: what `cascade check` and `cascade score` compute through cascade.core."""
    heads, roles = element_roles(cascade)
    a = CascadeArrays.from_cascade(cascade)
    role_names = np.array([roles[i] for i in a.ids])
    no_parent = np.fromiter((not e.induk for e in cascade.elemen), dtype=bool, count=a.n)
    head_owned = np.fromiter((e.jabatan in heads for e in cascade.elemen), dtype=bool, count=a.n)
    orphan = no_parent & (role_names != TUJUAN) & ~head_owned
    iku = role_names == IKU
    iku_edges = iku[a.child_of_edge] & (role_names[a.parent_of_edge] == SASARAN)
    anchors = np.union1d(np.flatnonzero(iku), a.parent_of_edge[iku_edges])
    traceable = reached_from(a, anchors)
    level = levels(a)
    direct = np.array([e.realisasi / e.target * 100 if e.target and e.realisasi is not None else np.nan
                       for e in cascade.elemen])
    _, effective = propagate(a, level, direct, zero_missing=False, cap=None)
    return orphan, traceable, effective


def naive(cascade) -> tuple[set, set, dict]:
    """The same work written the obvious way: networkx graph, Python loops, dicts."""
    heads, roles = element_roles(cascade)
    G = nx.DiGraph()
    for e in cascade.elemen:
        G.add_node(e.id, elemen=e)
    for e in cascade.elemen:
        for p in e.induk:
            if p in G:
                G.add_edge(e.id, p)
    orphan = {e.id for e in cascade.elemen if not e.induk and e.jenis != TUJUAN and e.jabatan not in heads}
    anchors = {n for n in G if roles[n] == IKU}
    anchors |= {p for n in list(anchors) for p in G.successors(n) if roles[p] == SASARAN}
    reached, queue = set(anchors), deque(anchors)
    while queue:
        for child in G.predecessors(queue.popleft()):
            if child not in reached:
                reached.add(child)
                queue.append(child)
    effective: dict[str, float | None] = {}
    for node in nx.topological_sort(G):
        e = G.nodes[node]["elemen"]
        if e.target and e.realisasi is not None:
            effective[node] = e.realisasi / e.target * 100
            continue
        values = [(G.nodes[c]["elemen"].bobot, effective[c]) for c in G.predecessors(node)
                  if effective[c] is not None and G.nodes[c]["elemen"].bobot > 0]
        weight = sum(w for w, _ in values)
        effective[node] = sum(w * v for w, v in values) / weight if values else None
    return orphan, reached, effective


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


def with_realisasi(document: dict, seed: int) -> dict:
    """Give leaves and some middle elements a realisasi, so propagation has work to do."""
    rng = np.random.default_rng(seed)
    for row, r in zip(document["elemen"], rng.random(len(document["elemen"])), strict=True):
        if row["jenis"] == "indikator" and r < 0.8:
            row["realisasi"] = str(round(50 + 50 * r, 2))
    return document


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'elemen':>9} {'inti (s)':>9} {'naif (s)':>9} {'× naif':>7} {'× bandwidth':>12} {'memori inti (MB)':>17}")
    for size in args.sizes:
        document = with_realisasi(generate(positions=size // 3, seed=size, orphans=10, chain_cuts=4,
                                           copied_lists=10, copied_iki=10).document, size)
        cascade = build_cascade(document, lambda t, i: f"{t}[{i}]", "bench")
        del document
        gc.collect()
        gc.disable()
        core_times = [timed(core, cascade)[0] for _ in range(args.repeat)]
        a = CascadeArrays.from_cascade(cascade)
        weights = a.bobot[a.child_of_edge]
        floor = statistics.median(timed(np.bincount, a.parent_of_edge, weights, a.n)[0] for _ in range(5))
        naive_time = None
        if size <= 1_000_000:
            naive_time = statistics.median(timed(naive, cascade)[0] for _ in range(max(1, args.repeat // 2)))
            orphan, traceable, effective = core(cascade)
            n_orphan, n_reached, n_effective = naive(cascade)
            assert {a.ids[i] for i in np.flatnonzero(orphan)} == n_orphan
            assert {a.ids[i] for i in np.flatnonzero(traceable)} == n_reached
            assert all((v is None) == np.isnan(effective[i]) and (v is None or abs(v - effective[i]) < 1e-9)
                       for i, v in enumerate(n_effective[x] for x in a.ids))
        gc.enable()
        memory = peak_memory(core, cascade)
        median = statistics.median(core_times)
        ratio = f"{naive_time / median:7.1f}" if naive_time else f"{'-':>7}"
        naive_shown = f"{naive_time:9.2f}" if naive_time else f"{'-':>9}"
        print(f"{len(cascade.elemen):>9} {median:>9.3f} {naive_shown} {ratio} {median / floor:>12.0f} {memory:>17.0f}")


if __name__ == "__main__":
    main()
