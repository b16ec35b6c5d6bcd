"""The pohon kinerja section of the audit report: one drawing per sasaran strategis, each sized for a page.

A single drawing of a whole cascade does not read on A4: with ``--arah LR`` the 67 boxes of
Probolinggo drew 1,515 × 9,505 pt, a strip 2 cm wide once fitted to a page, and on screen a
panel of blank before the first box. So the report draws each sasaran strategis with the boxes
below it, down to a nested sasaran strategis with a part of its own, and the tujuan above it
(`split.named_parts`), then the boxes under none in a last drawing. A drawing that stays
legible on one landscape page is fitted to it; a bigger one is printed as page-sized views of
it, unless it would take more than MAX_PAGES pages.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace

from cascade.audit import Audit
from cascade.graph import elemen
from visualize.escape import visible, xml_text
from visualize.pohon import build_pohon, tree_parent
from visualize.render import BOX_LIMITS, Drawing, DrawOptions, draw
from visualize.split import named_parts

PAGE_WIDTH = 273.0  # mm: landscape A4 inside the report's 12 mm margins
FIRST_HEIGHT, NEXT_HEIGHT = 150.0, 168.0  # mm of drawing on a page below the headings, then below a one-line note
OVERLAP = 10.0  # mm of a drawing printed again at the top (left) of the next page
LEGIBLE = 0.55  # the smallest print scale that keeps a box's 10-point text readable
MAX_PAGES = 40  # a drawing needing more pages to be legible prints small on one page, saying how to do better
TOO_BIG = (f'<p class="redup">Gambar ini perlu lebih dari {MAX_PAGES} halaman agar terbaca, jadi dicetak diperkecil '
           "dalam satu halaman. Untuk mencetaknya terbaca, gambar per bagian: cascade render --pisah unit, atau dengan "
           "--unit, --akar, --tanpa-iki.</p>")
ID = re.compile(r'(<[^<>]*?\s)id="')  # an id attribute inside a tag (user text never holds a raw "<")


@dataclass(frozen=True)
class PohonSection:
    html: str
    anchors: dict[str, str]  # box key -> id of the box in the first drawing showing it


def pohon_section(audit: Audit, options: DrawOptions) -> PohonSection:
    """The drawings, the data the folding script needs, and where each box can be linked to."""
    G = audit.graph
    whole = build_pohon(G)
    if options.tata_letak == "otomatis" and len(whole.boxes) > (options.batas_kotak or BOX_LIMITS["svg"]):
        options = replace(options, tata_letak="pohon")  # as for one drawing; one Graphviz run per part would crawl
    parts = named_parts(whole, G, "sasaran")
    panels, data, anchors, layouts = [], [], {}, set()
    for i, (head, part) in enumerate(parts, 1):
        prefix = f"b{i}"  # ids are unique per drawing, and a box may be drawn in two parts
        drawing = draw(audit, "svg", options=options, note=f"bagian {i}/{len(parts)}", pohon=part)
        layouts.add("tata letak pohon rapi bawaan" if drawing.layout == "pohon" else "Graphviz")
        for key in part.boxes:
            anchors.setdefault(key, f"{prefix}-kotak-{key}")
        data.append({"id": prefix, "anak": part.children(),
                     "akar": [k for k, p in tree_parent(part).items() if p is None]})
        caption = (f"Sasaran strategis {head}: {' '.join(visible(elemen(G, head).uraian).split())}" if head
                   else "Di luar sasaran strategis mana pun (misalnya yang yatim)")
        panels.append(_panel(prefix, caption, drawing))
    payload = json.dumps({"bagian": data}, separators=(",", ":")).replace("<", "\\u003c")
    html = ('<section id="pohon-kinerja-bagian" class="bagian-lanskap"><h2>Pohon kinerja</h2>\n'
            f'<p class="petunjuk redup">{len(whole.boxes)} kotak ({", ".join(sorted(layouts))}), digambar per '
            "sasaran strategis: setiap bagian memuat satu sasaran strategis beserta kotak di bawahnya, sampai "
            "sasaran strategis lain yang punya bagian sendiri. "
            "Warna isi menurut kategori capaian; garis tepi merah/oranye dan tanda ⚠ menunjukkan temuan. Klik sebuah "
            "kotak untuk melipat atau membuka cabang di bawahnya.</p>\n"
            '<button type="button" class="tombol" id="lipat-semua">Lipat semua</button>'
            '<button type="button" class="tombol" id="buka-semua">Buka semua</button>\n'
            f'<div id="pohon">{"".join(panels)}</div>\n'
            f'<script type="application/json" id="data-pohon">{payload}</script></section>')
    return PohonSection(html, anchors)


def _panel(prefix: str, caption: str, drawing: Drawing) -> str:
    """One drawing with its ids prefixed, sized for the screen, and for print either fitted to one page
    or shown again as page-sized views (`_windows`)."""
    svg = drawing.data.decode("utf-8")
    svg = svg[svg.index("<svg"):]  # drop the XML declaration, doctype and comments before it
    svg = ID.sub(rf'\1id="{prefix}-', re.sub(r"<!--.*?-->", "", svg, flags=re.DOTALL))
    width, height = svg_size(svg)
    fit = min(PAGE_WIDTH / width, FIRST_HEIGHT / height)
    scale = min(1.0, max(PAGE_WIDTH / width, LEGIBLE))  # of the page-sized views
    cuts = [(top, left, tall, wide) for top, tall in _cuts(height * scale, FIRST_HEIGHT, NEXT_HEIGHT)
            for left, wide in _cuts(width * scale, PAGE_WIDTH, PAGE_WIDTH)]  # (top, left, height, width) in mm
    heading = f"<h2>{xml_text(caption)}</h2>"
    if fit >= LEGIBLE or len(cuts) > MAX_PAGES:
        note = "" if fit >= LEGIBLE else TOO_BIG
        return (f'<section class="pohon-bagian" id="pohon-{prefix}" style="--lebar:{width:.1f}mm;'
                f'--cetak-lebar:{width * min(1.0, fit):.1f}mm">{heading}{note}{svg}</section>')
    return (f'<section class="pohon-bagian dipotong" id="pohon-{prefix}" style="--lebar:{width:.1f}mm">'
            f"{heading}{svg}{_windows(prefix, caption, svg, width * scale, cuts)}</section>")


def _windows(prefix: str, caption: str, svg: str, printed_width: float,
             cuts: list[tuple[float, float, float, float]]) -> str:
    """Print-only views of a drawing too big for one legible page, one page each (`cuts`: left to right
    then down, overlapping a little so that a box cut at a page edge reads whole on one of them).

    Each view shows the drawing again by reference (``<use>``): the page holds it once.
    """
    x0, y0, w, _ = (float(v) for v in re.search(r'viewBox="([^"]+)"', svg[:svg.index(">")]).group(1).split())
    unit = w / printed_width  # drawing units per printed mm
    boxes = box_extents(svg)
    cuts = [cut for i, cut in enumerate(cuts) if i == 0 or _shows_a_box(cut, boxes, x0, y0, unit)]
    views = []
    for i, (top, left, tall, wide) in enumerate(cuts, 1):
        note = "" if i == 1 else f'<p class="lanjutan">{xml_text(caption)} (lanjutan {i}/{len(cuts)})</p>'
        views.append(f'<div class="potongan">{note}<svg viewBox="{x0 + left * unit:.2f} {y0 + top * unit:.2f} '
                     f'{wide * unit:.2f} {tall * unit:.2f}" style="width:{wide:.1f}mm;height:{tall:.1f}mm">'
                     f'<use href="#{prefix}-pohon-kinerja"/></svg></div>')
    return f'<div class="cetak-potongan">{"".join(views)}</div>'


def _shows_a_box(cut: tuple[float, float, float, float], boxes: list[tuple[float, float, float, float]],
                 x0: float, y0: float, unit: float) -> bool:
    """Whether a window (top, left, height, width in printed mm) shows part of a box: a page of blank
    or of one passing line is left out."""
    top, left, tall, wide = (value * unit for value in cut)
    return any(a < x0 + left + wide and c > x0 + left and b < y0 + top + tall and d > y0 + top
               for a, b, c, d in boxes)


def box_extents(svg: str) -> list[tuple[float, float, float, float]]:
    """(left, top, right, bottom) of every box of a drawing, in the units of its viewBox.

    Graphviz draws a box as a path or polygon of x,y points under a translated root group; the
    tidy tree as a rect.

    >>> box_extents('<svg><g id="b1-pohon-kinerja" transform="scale(1 1) rotate(0) translate(4 100)">'
    ...             '<g id="b1-kotak&#45;n0" class="node"><path d="M10,-20C30,-20 30,-5 10,-5Z"/>'
    ...             '<text x="12" y="-9">Capaian 102,5%</text></g></g></svg>')
    [(14.0, 80.0, 34.0, 95.0)]
    >>> box_extents('<svg><g id="b1-kotak-n0"><rect x="5" y="6" width="7" height="8" rx="6"/></g></svg>')
    [(5.0, 6.0, 12.0, 14.0)]
    """
    shift = re.search(r"translate\((-?[\d.]+)[ ,](-?[\d.]+)\)", re.search(r"<g\b[^>]*>", svg).group(0))  # the root's
    dx, dy = (float(shift.group(1)), float(shift.group(2))) if shift else (0.0, 0.0)
    extents = []
    for group in re.finditer(r'<g id="[^"]*kotak[^"]*"[^>]*>(.*?)</g>', svg, flags=re.DOTALL):
        rect = re.search(r'<rect x="(-?[\d.]+)" y="(-?[\d.]+)" width="([\d.]+)" height="([\d.]+)"', group.group(1))
        if rect:
            x, y, w, h = (float(v) for v in rect.groups())
            extents.append((x, y, x + w, y + h))
            continue
        shapes = " ".join(re.findall(r'\s(?:d|points)="([^"]*)"', group.group(1)))  # not text: "102,5%" is no point
        points = [(float(x) + dx, float(y) + dy) for x, y in re.findall(r"(-?[\d.]+),(-?[\d.]+)", shapes)]
        if points:
            xs, ys = [x for x, _ in points], [y for _, y in points]
            extents.append((min(xs), min(ys), max(xs), max(ys)))
    return extents


def _cuts(total: float, first: float, rest: float) -> list[tuple[float, float]]:
    """(start, length) in mm of the windows covering `total`: the first `first` long, the others `rest`,
    each starting OVERLAP before the end of the one before.

    >>> _cuts(100.0, 60.0, 50.0)
    [(0.0, 60.0), (50.0, 50.0)]
    >>> _cuts(30.0, 60.0, 50.0)
    [(0.0, 30.0)]
    """
    cuts, start, length = [], 0.0, first
    while start + length < total:
        cuts.append((start, length))
        start, length = start + length - OVERLAP, rest
    return [*cuts, (start, total - start)]


def svg_size(svg: str) -> tuple[float, float]:
    """Width and height in mm of an SVG whose root gives them in pt (Graphviz) or px (the tidy tree).

    >>> svg_size('<svg width="72pt" height="96" viewBox="0 0 72 72">')
    (25.4, 25.4)
    """
    root = svg[:svg.index(">")]
    sizes = []
    for name in ("width", "height"):
        value, unit = re.search(rf'\s{name}="([\d.]+)(pt|px)?"', root).groups()
        sizes.append(round(float(value) * (25.4 / 72 if unit == "pt" else 25.4 / 96), 2))
    return sizes[0], sizes[1]
