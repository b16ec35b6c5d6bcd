"""Draw the pohon kinerja of an audited cascade: choose the layout by size, format and what is installed.

Graphviz `dot` gives the best drawing but slows down with size (about 3 s at 5,000 boxes, a
minute at 20,000; PDF sooner) and a PNG stops being readable past about 150 boxes. So each
format has a box limit: above it an SVG falls back to the built-in tidy-tree layout, while a
PNG or PDF is refused with the ways out (split, draw a part, write SVG, raise the limit).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cascade.audit import Audit
from cascade.capaian import ScoreOptions, score
from models import CascadeError
from visualize.content import BoxView, box_views
from visualize.dot import to_dot
from visualize.graphviz_run import find_backend, run_graphviz
from visualize.legend import Legend, make_legend
from visualize.marks import finding_marks
from visualize.palette import category_colors
from visualize.pohon import Pohon, build_pohon
from visualize.selection import Selection, select
from visualize.split import split
from visualize.svg_tree import to_svg

FORMATS = ("svg", "png", "pdf", "dot")
LAYOUTS = ("otomatis", "dot", "pohon")
BOX_LIMITS = {"png": 150, "pdf": 2000, "svg": 2000}


@dataclass(frozen=True)
class DrawOptions:
    scores: ScoreOptions = field(default_factory=ScoreOptions)
    arah: str = "TB"  # TB top-down, LR left-to-right
    pita: bool = True  # level bands as clusters (Graphviz only)
    tandai: str = "warning"  # lowest finding severity marked on the boxes
    tata_letak: str = "otomatis"
    batas_kotak: int | None = None  # overrides BOX_LIMITS
    batas_waktu: float = 120.0  # seconds before Graphviz is stopped
    backend: str | None = None  # "dot" or "pygraphviz"; None picks what is installed


@dataclass(frozen=True)
class Drawing:
    data: bytes
    boxes: int
    layout: str  # "dot", "pygraphviz", "pohon" or "sumber DOT"
    pohon: Pohon
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scene:
    """Everything a layout needs: the boxes chosen, what they say, their colours, the legend."""

    pohon: Pohon
    views: dict[str, BoxView]
    colors: dict[str, str]
    legend: Legend


def scene(audit: Audit, selection: Selection, options: DrawOptions, note: str = "",
          pohon: Pohon | None = None) -> Scene:
    G = audit.graph
    chosen = pohon if pohon is not None else select(build_pohon(G), G, selection)
    scores = score(G, options.scores)
    views = box_views(G, chosen, scores, finding_marks(audit.findings, options.tandai))
    legend = make_legend(audit.organisasi, options.scores.periode, len(chosen.boxes), options.scores.skala, note)
    return Scene(chosen, views, category_colors(options.scores.skala), legend)


def draw(audit: Audit, fmt: str, selection: Selection = Selection(), options: DrawOptions = DrawOptions(),
         note: str = "", pohon: Pohon | None = None) -> Drawing:
    """One drawing in `fmt` (svg, png, pdf, or the DOT source)."""
    if fmt not in FORMATS:
        raise CascadeError(f"format gambar {fmt!r} tidak dikenal; gunakan {', '.join(FORMATS)}")
    s = scene(audit, selection, options, note, pohon)
    n = len(s.pohon.boxes)
    if fmt == "dot":
        return Drawing(_dot(s, options).encode("utf-8"), n, "sumber DOT", s.pohon)
    layout, notes = _choose_layout(fmt, n, options)
    if layout == "pohon":
        return Drawing(to_svg(s.pohon, s.views, s.colors, s.legend, options.arah).encode("utf-8"), n, layout,
                       s.pohon, notes)
    data = run_graphviz(_dot(s, options), fmt, options.batas_waktu, layout)
    return Drawing(data, n, layout, s.pohon, notes)


def draw_parts(audit: Audit, fmt: str, by: str, selection: Selection = Selection(),
               options: DrawOptions = DrawOptions()) -> list[tuple[str, Drawing]]:
    """One drawing per sasaran strategis or per unit, each under its own size limit."""
    G = audit.graph
    parts = split(select(build_pohon(G), G, selection), G, by)
    return [(name, draw(audit, fmt, selection, options, f"bagian {i}/{len(parts)}: {name}", part))
            for i, (name, part) in enumerate(parts, 1)]


def _dot(s: Scene, options: DrawOptions) -> str:
    return to_dot(s.pohon, s.views, s.colors, s.legend, options.arah, options.pita)


def _choose_layout(fmt: str, boxes: int, options: DrawOptions) -> tuple[str, tuple[str, ...]]:
    """`dot`/`pygraphviz` (the Graphviz that will run) or `pohon`, with notes for the user."""
    if options.tata_letak == "pohon":
        if fmt != "svg":
            raise CascadeError("--tata-letak pohon hanya dapat menulis .svg")
        return "pohon", ()
    backend = find_backend(options.backend)
    if options.tata_letak == "dot":
        return backend or options.backend or "dot", ()
    limit = options.batas_kotak or BOX_LIMITS[fmt]
    if boxes > limit:
        if fmt == "svg":
            return "pohon", (f"{boxes} kotak melebihi batas {limit} untuk Graphviz dot: "
                             "memakai tata letak pohon rapi bawaan (linear, tanpa dot)",)
        raise CascadeError(
            f"pohon ini berisi {boxes} kotak, lebih dari batas {limit} untuk .{fmt} "
            "(PNG tidak terbaca di atas ±150 kotak; dot lambat untuk PDF di atas ±2.000 kotak). Pilihan: "
            "pisahkan per sasaran strategis (--pisah sasaran) atau per unit (--pisah unit); gambar sebagian "
            "(--akar, --unit, --kedalaman, --tanpa-iki); tulis .svg (tata letak pohon rapi untuk pohon besar); "
            "atau naikkan batas dengan --batas-kotak")
    if backend is None and fmt == "svg":
        return "pohon", ("Graphviz tidak ditemukan (program dot maupun pygraphviz): "
                         "memakai tata letak pohon rapi bawaan",)
    return backend or "dot", ()
