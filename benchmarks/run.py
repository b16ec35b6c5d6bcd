"""Run the scale benchmarks in sequence and print their tables.

    .venv/bin/python benchmarks/run.py [--besar] [--sangat-besar]

Each benchmark runs in its own process so that one's memory does not weigh on the next.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--besar", action="store_true", help="also 10^6 elements and texts (minutes)")
    parser.add_argument("--sangat-besar", action="store_true", help="also the core at 10^7 elements (needs ~5 GB)")
    args = parser.parse_args()
    sizes = ["10000", "100000", *(["1000000"] if args.besar or args.sangat_besar else [])]
    runs = [
        ("cascade check dan score, per fase", "check_scale.py", ["--sizes", *sizes]),
        ("cascade check dan score dari folder CSV, ujung ke ujung", "cli_scale.py", ["--sizes", *sizes]),
        ("inti larik vs networkx naif", "core_scale.py", ["--sizes", *sizes, *(["10000000"] if args.sangat_besar else [])]),
        ("deteksi IKI hampir sama", "duplicates_scale.py", ["--sizes", *sizes]),
    ]
    for title, script, extra in runs:
        print(f"\n## {title} ({script})", flush=True)
        subprocess.run([sys.executable, str(HERE / script), *extra], check=True)


if __name__ == "__main__":
    main()
