"""The pohon kinerja as SVG written directly from the tidy-tree layout, for trees too big for `dot`.

Boxes and links carry the same ``id``/``class`` attributes as Graphviz's SVG (`dot.node_attrs`),
so the report's script and the tests treat both drawings alike. Each box hangs under one parent
(`pohon.tree_parent`); further links (a second parent, crosscutting) are drawn as curves.
Text widths are estimated from character counts, as no font metrics are at hand.
"""

from __future__ import annotations

from visualize.content import BoxView, box_classes, wrap
from visualize.escape import xml_text
from visualize.legend import LINKS, MARKERS, Legend
from visualize.palette import BORDER, CROSS_UNIT, CROSSCUTTING, ERROR, MUTED, OUTLINE, TEXT, WARNING, fill
from visualize.pohon import Link, Pohon, box_depths, tree_parent
from visualize.tidy import tidy_positions

FONT = "DejaVu Sans,Arial,Helvetica,sans-serif"
LINE, SMALL_LINE = 13.0, 10.5  # line heights (px) of 10 px and 8 px text
SIZE = {"title": 8, "head": 10, "text": 10, "small": 8, "mark": 8, "owner": 8}
STEP = {style: LINE if size == 10 else SMALL_LINE for style, size in SIZE.items()}
LOOK = {"title": f' font-size="8" fill="{MUTED}"', "head": ' font-size="10" font-weight="bold"',
        "text": ' font-size="10"',
        "small": f' font-size="8" fill="{MUTED}"', "owner": f' font-size="8" fill="{MUTED}" font-style="italic"',
        "mark": f' font-size="8" fill="{WARNING}" font-weight="bold"'}
LOOK_ERROR = {**LOOK, "mark": f' font-size="8" fill="{ERROR}" font-weight="bold"'}
PAD, GAP, LEVEL_GAP = 6.0, 14.0, 36.0
DETAIL_WIDTH = 56
EDGE = {"biasa": (BORDER, ""), "crosscutting": (CROSSCUTTING, ' stroke-dasharray="6,3"'),
        "lintas-unit": (CROSS_UNIT, ' stroke-dasharray="6,3"')}


def _lines(view: BoxView) -> list[tuple[str, str]]:
    """Every text line of a box with its style: title, head, text, small, mark, owner."""
    lines = [(view.title, "title")]
    for i, item in enumerate(view.items):
        lines += [(text, "head" if i == 0 else "text") for text in item.lines]
        lines += [(text, "small") for text in wrap(item.detail, DETAIL_WIDTH, 3)]
        if item.marks:
            lines.append(("⚠ " + " ".join(m.code for m in item.marks), "mark"))
    return lines + [(text, "owner") for text in view.owner]


_CAPITALS = bytes(range(ord("A"), ord("Z") + 1))


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated advance of a line in DejaVu Sans (the widest of the fonts named), in px.

    Lower case and other characters count about 0.58 em, capitals A-Z about 0.74 em; bold adds a tenth.
    """
    raw = text.encode()
    capitals = len(raw) - len(raw.translate(None, _CAPITALS))  # counted in C: this runs for every line
    return size * (0.58 * len(text) + 0.16 * capitals) * (1.1 if bold else 1.0)


def _size(lines: list[tuple[str, str]]) -> tuple[float, float]:
    width = max(text_width(t, SIZE[s], s in ("head", "mark")) for t, s in lines)
    height = sum(STEP[s] for _, s in lines)
    return width + 2 * PAD, height + 2 * PAD


def to_svg(pohon: Pohon, views: dict[str, BoxView], colors: dict[str, str], legend: Legend, arah: str = "TB") -> str:
    keys = list(pohon.boxes)
    index = {k: i for i, k in enumerate(keys)}
    lines = {k: _lines(views[k]) for k in keys}
    size = {k: _size(lines[k]) for k in keys}
    parent = tree_parent(pohon)
    depth = box_depths(pohon)
    children: list[list[int]] = [[] for _ in range(len(keys) + 1)]
    for k in keys:  # a virtual root (the last index) holds the tops of the forest
        children[index[parent[k]] if parent[k] is not None else len(keys)].append(index[k])
    across = 0 if arah == "TB" else 1  # which box dimension lies along the breadth axis
    breadth = [size[k][across] for k in keys] + [0.0]
    centre = tidy_positions(children, len(keys), breadth, GAP)
    levels = max(depth.values()) + 1
    extent = [0.0] * levels
    for k in keys:
        extent[depth[k]] = max(extent[depth[k]], size[k][1 - across])
    start = [sum(extent[:d]) + d * LEVEL_GAP for d in range(levels)]
    low = min(centre[index[k]] - breadth[index[k]] / 2 for k in keys)

    top = 100.0  # room for the legend
    box_at = {}
    for k in keys:
        along = centre[index[k]] - low - breadth[index[k]] / 2 + 20
        down = start[depth[k]] + (top if arah == "TB" else 20)
        x, y = (along, down) if arah == "TB" else (down, along + top)
        box_at[k] = (x, y, *size[k])
    width = max(x + w for x, _, w, _ in box_at.values()) + 20
    height = max(y + h for _, y, _, h in box_at.values()) + 20

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
           f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="{FONT}">',
           '<g id="pohon-kinerja" class="graph pohon-kinerja">',
           f'<rect x="0" y="0" width="{width:.0f}" height="{height:.0f}" fill="white"/>', _legend(legend)]
    for link in pohon.links:
        out.append(_edge(link, box_at, arah, parent[link.child] == link.parent, pohon.link_id(link)))
    for k in keys:
        out.append(_box(views[k], box_at[k], lines[k], colors))
    out += ["</g>", "</svg>"]
    return "\n".join(out) + "\n"


def _edge(link: Link, box_at: dict, arah: str, tree: bool, link_id: str) -> str:
    px, py, pw, ph = box_at[link.parent]
    cx, cy, cw, ch = box_at[link.child]
    color, dash = EDGE[link.kind]
    if arah == "TB":
        (x1, y1), (x2, y2) = (px + pw / 2, py + ph), (cx + cw / 2, cy)
        mid = (y2 - LEVEL_GAP / 2) if tree else (y1 + y2) / 2
        d = f"M{x1:.1f},{y1:.1f} V{mid:.1f} H{x2:.1f} V{y2:.1f}" if tree else \
            f"M{x1:.1f},{y1:.1f} C{x1:.1f},{mid:.1f} {x2:.1f},{mid:.1f} {x2:.1f},{y2:.1f}"
    else:
        (x1, y1), (x2, y2) = (px + pw, py + ph / 2), (cx, cy + ch / 2)
        mid = (x2 - LEVEL_GAP / 2) if tree else (x1 + x2) / 2
        d = f"M{x1:.1f},{y1:.1f} H{mid:.1f} V{y2:.1f} H{x2:.1f}" if tree else \
            f"M{x1:.1f},{y1:.1f} C{mid:.1f},{y1:.1f} {mid:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"
    return (f'<g id="{link_id}" class="edge sisi sisi-{link.kind} dari-{link.child} ke-{link.parent}">'
            f'<path fill="none" stroke="{color}" stroke-width="{1 if link.kind == "biasa" else 1.6}"{dash} '
            f'd="{d}"/></g>')


def _box(view: BoxView, at: tuple[float, float, float, float], lines: list[tuple[str, str]],
         colors: dict[str, str]) -> str:
    """One group per box: its outline, then one text element whose lines are tspans."""
    x, y, w, h = at
    severity = view.severity
    stroke, stroke_width = OUTLINE.get(severity, (BORDER, 1))
    looks = LOOK_ERROR if severity == "error" else LOOK
    left = f"{x + PAD:.1f}"
    out = [f'<g id="kotak-{view.key}" class="node {box_classes(view)}"><title>{view.key}</title>'
           f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="6" '
           f'fill="{fill(colors, view.kategori)}" stroke="{stroke}" stroke-width="{stroke_width}"/>'
           f'<text x="{left}" y="{y + PAD - 3:.1f}">']
    out += [f'<tspan x="{left}" dy="{STEP[style]}"{looks[style]}>{xml_text(text)}</tspan>' for text, style in lines]
    out.append("</text></g>")
    return "".join(out)


def _legend(legend: Legend) -> str:
    out = [f'<g id="legenda" class="legenda"><text x="20" y="28" font-size="16" font-weight="bold" fill="{TEXT}">'
           f'{xml_text(legend.title)}</text>',
           f'<text x="20" y="46" font-size="10" fill="{MUTED}">{xml_text(legend.subtitle)}</text>']
    x = 20.0
    for text, color in legend.categories:
        w = text_width(text, 10) + 14
        out.append(f'<rect x="{x:.1f}" y="56" width="{w:.1f}" height="18" fill="{color}" stroke="{BORDER}"/>'
                   f'<text x="{x + 7:.1f}" y="69" font-size="10" fill="{TEXT}">{xml_text(text)}</text>')
        x += w + 6
    x = 20.0
    for text, color in (*MARKERS, *LINKS):
        out.append(f'<text x="{x:.1f}" y="90" font-size="10" fill="{color}">{xml_text(text)}</text>')
        x += text_width(text, 10) + 20
    out.append("</g>")
    return "".join(out)
