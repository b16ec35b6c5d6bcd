"""Benchmark drawing the pohon kinerja: Graphviz `dot` against the built-in tidy tree, by box count.

For each size a generated cascade (one sasaran box per position, with its indicators) is
audited, then drawn as SVG by each Graphviz back-end found (the `dot` program, pygraphviz's
bundled Graphviz) and by the tidy-tree layout (`visualize.svg_tree`). Prints the wall time of
each, the ratio of dot to the tidy tree measured in the same run, and the tidy tree's time per
box, which stays flat when the layout is linear. A back-end that exceeds --timeout is shown as
``>N``.

    .venv/bin/python benchmarks/render_scale.py --sizes 100 1000 5000 20000 --timeout 900
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from cascade.audit import audit
from models.bulk import paused_gc
from fixtures.generator import generate
from models import CascadeError, load_cascade
from visualize.dot import to_dot
from visualize.graphviz_run import BACKENDS, find_backend, run_graphviz
from visualize.render import DrawOptions, scene
from visualize.selection import Selection
from visualize.svg_tree import to_svg


def timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def audited(boxes: int, folder: Path):
    """A generated cascade of about `boxes` sasaran boxes, loaded and audited."""
    generated = generate(positions=max(boxes - 4, 20), seed=boxes)
    path = folder / f"kaskade_{boxes}.json"
    path.write_text(json.dumps(generated.document), encoding="utf-8")
    return audit(load_cascade(path))


def measure(size: int, folder: Path, backends: list[str], options: DrawOptions, timeout: float) -> list[str]:
    """One table row: preparation, DOT source, each Graphviz back-end, the tidy tree."""
    result = audited(size, folder)
    prepare, s = timed(lambda: scene(result, Selection(), options))
    source_time, source = timed(lambda: to_dot(s.pohon, s.views, s.colors, s.legend, "TB", options.pita))
    graphviz: dict[str, float | None] = {}
    for backend in backends:
        try:
            graphviz[backend], _ = timed(lambda: run_graphviz(source, "svg", timeout, backend))
        except CascadeError:
            graphviz[backend] = None
    tidy, _ = timed(lambda: to_svg(s.pohon, s.views, s.colors, s.legend, "TB"))
    boxes = len(s.pohon.boxes)
    first = graphviz.get(backends[0]) if backends else None
    return [f"{boxes}", f"{prepare:.2f}", f"{source_time:.2f}",
            *(f"{t:.2f}" if t is not None else f">{timeout:g}" for t in graphviz.values()),
            f"{tidy:.3f}", f"{first / tidy:.0f}×" if first else "-", f"{1e6 * tidy / boxes:.0f}"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000, 20000], help="box counts")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds before a Graphviz run is stopped")
    parser.add_argument("--tanpa-pita", action="store_true", help="draw without level-band clusters")
    args = parser.parse_args()
    backends = [b for b in BACKENDS if find_backend(b) == b]
    options = DrawOptions(pita=not args.tanpa_pita)
    columns = ["kotak", "siapkan", "sumber DOT", *backends, "pohon rapi", "dot ÷ pohon", "µs/kotak"]
    print(" ".join(f"{c:>12}" for c in columns))
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            with paused_gc():  # as the CLI runs it
                cells = measure(size, Path(folder), backends, options, args.timeout)
            print(" ".join(f"{c:>12}" for c in cells), flush=True)


if __name__ == "__main__":
    main()
