"""Benchmark `cascade check` and `cascade score` end to end, as users run them, on a CSV folder.

For each size a generated province (`cascade generate`, 40 agencies at 10^6) is written once to
a temporary folder; each command then runs --repeat times in a fresh process. The table gives
the median wall time, the peak memory of the process (its maximum resident set) and the ratio
to the floor measured in the same run: reading the folder's bytes and splitting them into rows
with Python's csv module, which every CSV-based tool pays.

    .venv/bin/python benchmarks/cli_scale.py --sizes 100000 1000000
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CASCADE = [str(Path(sys.executable).with_name("cascade"))]  # the console script of this venv
COMMANDS = {
    "check": ["check", "--format", "json"],
    "score csv": ["score", "--format", "csv"],
    "score json": ["score", "--format", "json"],
    "score teks": ["score"],
}


def run(arguments: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (GB) of one command in a fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):  # 1 = findings reported
        raise SystemExit(f"{' '.join(arguments)} gagal: {process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 2**20


def read_floor(folder: Path) -> float:
    start = time.perf_counter()
    for file in folder.glob("*.csv"):
        with open(file, encoding="utf-8-sig", newline="") as handle:
            for _ in csv.reader(handle):
                pass
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'elemen':>9} {'perintah':>10} {'waktu (s)':>10} {'memori (GB)':>12} {'× baca CSV':>11}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "provinsi"
            subprocess.run([*CASCADE, "generate", "-o", str(folder), "--elemen", str(size),
                            "--instansi", str(max(1, size // 25_000))], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            floor = statistics.median(read_floor(folder) for _ in range(3))
            for name, command in COMMANDS.items():
                runs = [run([*CASCADE, command[0], str(folder), *command[1:]]) for _ in range(args.repeat)]
                wall = statistics.median(t for t, _ in runs)
                memory = max(m for _, m in runs)
                print(f"{size:>9} {name:>10} {wall:>10.1f} {memory:>12.2f} {wall / floor:>11.1f}", flush=True)


if __name__ == "__main__":
    main()
