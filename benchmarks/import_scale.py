"""Benchmark reading a cascade from an `.xlsx` workbook against the same rows in a CSV folder.

For each size, a generated cascade is exported once to a workbook and to a CSV folder; then the
median wall time of --repeat loads of each is printed (collector paused, as the CLI runs), with
the workbook/CSV ratio measured in the same run and the time per element. Writing the workbook
(`cascade export`) is timed once.

    .venv/bin/python benchmarks/import_scale.py --sizes 10000 100000 --repeat 3
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from models.bulk import paused_gc
from fixtures.generator import generate
from models import load_cascade
from models.loaders import build_cascade
from models.output import save_cascade


def timed(function) -> float:
    start = time.perf_counter()
    with paused_gc():
        function()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000], help="element counts")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'elemen':>8} {'xlsx MB':>8} {'tulis xlsx':>10} {'baca xlsx':>10} {'baca csv':>9} {'× csv':>6} "
          f"{'µs/elemen':>10}")
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            measure(size, Path(folder), args.repeat)


def measure(size: int, folder: Path, repeat: int) -> None:
    document = generate(positions=size // 3, seed=size).document
    cascade = build_cascade(document, lambda table, i: f"{table}[{i}]", "generated")
    workbook, csv_folder = folder / f"kaskade_{size}.xlsx", folder / f"kaskade_{size}"
    write = timed(lambda: save_cascade(cascade, workbook))
    save_cascade(cascade, csv_folder)
    xlsx = statistics.median(timed(lambda: load_cascade(workbook)) for _ in range(repeat))
    csv = statistics.median(timed(lambda: load_cascade(csv_folder)) for _ in range(repeat))
    elements = len(cascade.elemen)
    print(f"{elements:>8} {workbook.stat().st_size / 2**20:>8.1f} {write:>10.2f} {xlsx:>10.2f} {csv:>9.2f} "
          f"{xlsx / csv:>6.1f} {1e6 * xlsx / elements:>10.1f}")


if __name__ == "__main__":
    main()
