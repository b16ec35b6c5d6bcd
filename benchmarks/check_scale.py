"""Benchmark `cascade check` and `cascade score` phases on generated cascades of growing size.

Prints, per size, the median wall time of each phase over --repeat runs, the ratio of the whole
check to a trivial pass over the same element records measured in the same run (how much work
each element costs relative to just touching it), and time per element, which should stay flat
when time grows linearly.

    .venv/bin/python benchmarks/check_scale.py --sizes 10000 100000 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from cascade.audit import quality_score, run_checks, select_rules
from cascade.capaian import ScoreOptions, score
from cascade.checks import CheckConfig
from cascade.batch import paused_gc
from cascade.graph import build_graph
from fixtures.generator import generate
from models import load_cascade


def timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def touch_every_record(cascade) -> int:
    """The floor: one Python pass reading two fields of every element."""
    return sum(len(e.uraian) + len(e.induk) for e in cascade.elemen)


def run_once(path: Path) -> dict[str, float]:
    """One `cascade check` as the CLI runs it (collector paused), phase by phase."""
    with paused_gc():
        return phases_of(path)


def phases_of(path: Path) -> dict[str, float]:
    phases = {}
    phases["muat"], cascade = timed(lambda: load_cascade(path))
    phases["graf"], G = timed(lambda: build_graph(cascade))
    config = CheckConfig()
    phases["aturan"], _ = timed(lambda: run_checks(G, select_rules(), config))
    phases["skor"], _ = timed(lambda: quality_score(G, config))
    phases["capaian"], _ = timed(lambda: score(G, ScoreOptions(periode="TW4")))
    phases["dasar"], _ = timed(lambda: touch_every_record(cascade))
    return phases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000], help="element counts")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'elemen':>8} {'muat':>7} {'graf':>7} {'aturan':>7} {'skor':>7} {'capaian':>7} {'total':>7} "
          f"{'µs/elemen':>10} {'× dasar':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            generated = generate(positions=size // 3, seed=size, orphans=10, chain_cuts=4,
                                 copied_lists=10, copied_iki=10)
            path = Path(folder) / f"kaskade_{size}.json"
            path.write_text(json.dumps(generated.document), encoding="utf-8")
            runs = [run_once(path) for _ in range(args.repeat)]
            median = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
            total = median["muat"] + median["graf"] + median["aturan"] + median["skor"] + median["capaian"]
            elements = len(generated.document["elemen"])
            print(f"{elements:>8} {median['muat']:>7.2f} {median['graf']:>7.2f} {median['aturan']:>7.2f} "
                  f"{median['skor']:>7.2f} {median['capaian']:>7.2f} {total:>7.2f} {1e6 * total / elements:>10.1f} "
                  f"{total / median['dasar']:>8.0f}")


if __name__ == "__main__":
    main()
