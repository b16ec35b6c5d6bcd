"""Benchmark `cascade check` and `cascade score` phases on generated CSV folders of growing size.

Prints, per size, the median wall time of each phase over --repeat runs: loading the CSV folder,
building the graph, the rules without and with the duplication family (K3xx), the quality score
and one capaian propagation. Then the ratio of the whole to a trivial pass over two fields of
every element measured in the same run (how much work each element costs relative to just touching
it), time per element, which should stay flat when time grows linearly, and the process's peak
memory so far.

    .venv/bin/python benchmarks/check_scale.py --sizes 10000 100000 --repeat 3
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from pathlib import Path

from cascade.array_graph import ArrayGraph
from cascade.audit import quality_score, run_checks, select_rules
from cascade.capaian import ScoreOptions, score_arrays
from cascade.checks import CheckConfig
from models.bulk import column_of, paused_gc
from fixtures.generator import generate
from models import load_cascade
from models.loaders import build_cascade
from models.output import save_cascade


def timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def touch_every_element(cascade) -> int:
    """The floor: one Python pass reading two fields of every element, as the loader keeps them."""
    return sum(map(len, column_of(cascade.elemen, "uraian"))) + sum(map(len, column_of(cascade.elemen, "induk")))


def run_once(path: Path) -> dict[str, float]:
    """One `cascade check` as the CLI runs it (collector paused), phase by phase."""
    with paused_gc():
        return phases_of(path)


def phases_of(path: Path) -> dict[str, float]:
    phases = {}
    phases["muat"], cascade = timed(lambda: load_cascade(path))
    phases["graf"], G = timed(lambda: ArrayGraph(cascade))
    config = CheckConfig()
    phases["aturan"], _ = timed(lambda: run_checks(G, select_rules(ignore=["K3"]), config))
    phases["duplikat"], _ = timed(lambda: run_checks(G, select_rules(["K3"]), config))
    phases["skor"], _ = timed(lambda: quality_score(G, config))
    phases["capaian"], _ = timed(lambda: score_arrays(G, ScoreOptions(periode="TW4")))
    phases["dasar"], _ = timed(lambda: touch_every_element(cascade))
    return phases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000], help="element counts")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    shown = ["muat", "graf", "aturan", "duplikat", "skor", "capaian"]
    print(" ".join([f"{'elemen':>8}", *(f"{name:>8}" for name in shown), f"{'total':>7}", f"{'µs/elemen':>10}",
                    f"{'× dasar':>8}", f"{'puncak (GB)':>12}"]))
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            generated = generate(positions=size // 3, seed=size, agencies=max(1, size // 25_000), multi_parent=0.05,
                                 orphans=10, chain_cuts=4, copied_lists=10, copied_iki=10)
            path = Path(folder) / f"provinsi_{size}"
            save_cascade(build_cascade(generated.document, lambda table, i: f"{table}[{i}]", "benchmark"), path)
            elements = len(generated.document["elemen"])
            del generated
            runs = [run_once(path) for _ in range(args.repeat)]
            median = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
            total = sum(median[name] for name in shown)
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
            print(" ".join([f"{elements:>8}", *(f"{median[name]:>8.2f}" for name in shown), f"{total:>7.2f}",
                            f"{1e6 * total / elements:>10.1f}", f"{total / median['dasar']:>8.0f}", f"{peak:>12.2f}"]),
                  flush=True)


if __name__ == "__main__":
    main()
