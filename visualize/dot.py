"""DOT source of the pohon kinerja for Graphviz `dot`: pure text, testable without Graphviz.

Node names are the generated box keys; user text appears only as escaped character data of
HTML-like labels (`escape.html_label_text`), never as markup, an id or an attribute. Nodes and
edges carry ``id``/``class`` attributes, which Graphviz copies into the SVG, so the report's
script and the tests find boxes, categories and markers without reading the text.
"""

from __future__ import annotations

from visualize.content import BoxView, Item, box_classes
from visualize.escape import dot_string, html_label_text
from visualize.legend import LINKS, MARKERS, Legend
from visualize.levels import BAND_NAMES, BAND_OWNERS
from visualize.palette import BAND_FILL, BORDER, CROSS_UNIT, CROSSCUTTING, ERROR, MUTED, OUTLINE, TEXT, WARNING, fill
from visualize.pohon import Pohon

FONT = "DejaVu Sans,Arial,Helvetica,sans-serif"
SMALL = "7.5"
GRAPH = {"newrank": "true", "nodesep": "0.25", "ranksep": "0.55", "pad": "0.3", "fontname": FONT, "fontsize": "10",
         "bgcolor": "white", "labelloc": "t", "labeljust": "l", "id": "pohon-kinerja", "class": "pohon-kinerja"}
NODE = {"shape": "box", "style": "rounded,filled", "fontname": FONT, "fontsize": "10", "fontcolor": TEXT,
        "color": BORDER, "margin": "0.06,0.04"}
EDGE = {"dir": "back", "color": BORDER, "arrowsize": "0.6"}  # drawn parent -> child, arrowhead at the parent
BAND = {"class": "pita", "rank": "same", "style": "filled,rounded", "fillcolor": BAND_FILL, "color": "#d5dbe1",
        "fontcolor": MUTED, "fontsize": "11"}
EDGE_STYLE = {"biasa": {}, "crosscutting": {"style": "dashed", "color": CROSSCUTTING, "penwidth": "1.6"},
              "lintas-unit": {"style": "dashed", "color": CROSS_UNIT, "penwidth": "1.6"}}


class Html(str):
    """An HTML-like label built here (user text inside already escaped): written as ``<...>``."""


def attrs(values: dict[str, str]) -> str:
    """A DOT attribute list: HTML-like labels as they are, every other value as a quoted string."""
    return ", ".join(f"{k}={f'<{v}>' if isinstance(v, Html) else dot_string(v)}" for k, v in values.items())


def to_dot(pohon: Pohon, views: dict[str, BoxView], colors: dict[str, str], legend: Legend,
           arah: str = "TB", pita: bool = True) -> str:
    """The whole drawing: legend as the graph label, boxes (in level bands when `pita`), links."""
    out = ["digraph pohon_kinerja {",
           f"  graph [{attrs({**GRAPH, 'rankdir': arah, 'label': legend_label(legend)})}];",
           f"  node [{attrs(NODE)}];",
           f"  edge [{attrs(EDGE)}];"]
    nodes = {key: f"  {key} [{attrs(node_attrs(view, colors, arah))}];" for key, view in views.items()
             if key in pohon.boxes}
    if pita:
        out += _bands(pohon, nodes)
    else:
        out += nodes.values()
    for link in pohon.links:
        tail = f"{link.parent}:{pohon.port(link.parent_element)}:e" if arah == "LR" else link.parent
        values = {"id": pohon.link_id(link),
                  "class": f"sisi sisi-{link.kind} dari-{link.child} ke-{link.parent}", **EDGE_STYLE[link.kind]}
        out.append(f"  {tail} -> {link.child} [{attrs(values)}];")
    out.append("}")
    return "\n".join(out) + "\n"


def _bands(pohon: Pohon, nodes: dict[str, str]) -> list[str]:
    """One cluster per level band, kept in order by invisible edges between the bands."""
    bands: dict[int, list[str]] = {}
    for key, box in pohon.boxes.items():
        bands.setdefault(box.band, []).append(key)
    out = []
    for band in sorted(bands):
        label = f"{BAND_NAMES[band]} ({BAND_OWNERS[band]})"
        out.append(f"  subgraph cluster_pita{band} {{")
        out.append(f"    graph [{attrs({**BAND, 'label': label, 'id': f'pita-{band}'})}];")
        out += ["  " + nodes[key] for key in bands[band]]
        out.append("  }")
    order = sorted(bands)
    out += [f"  {bands[a][0]} -> {bands[b][0]} [style=invis, dir=none];" for a, b in zip(order, order[1:])]
    return out


def node_attrs(view: BoxView, colors: dict[str, str], arah: str) -> dict[str, str]:
    values = {"id": f"kotak-{view.key}", "class": box_classes(view), "fillcolor": fill(colors, view.kategori),
              "label": box_label(view, colors, ports=arah == "LR")}
    if view.severity in OUTLINE:
        color, width = OUTLINE[view.severity]
        values.update(color=color, penwidth=f"{width:g}")
    return values


def box_label(view: BoxView, colors: dict[str, str], ports: bool) -> Html:
    rows = [_cell(f'<FONT POINT-SIZE="{SMALL}" COLOR="{MUTED}">{html_label_text(view.title)}</FONT>')]
    for i, item in enumerate(view.items):
        background = fill(colors, item.kategori) if i else None
        rows.append(_cell(_item(item, head=i == 0), port=f"p{i}" if ports else None, background=background))
    owner = "<BR/>".join(html_label_text(line) for line in view.owner)
    rows.append(_cell(f'<FONT POINT-SIZE="{SMALL}" COLOR="{MUTED}"><I>{owner}</I></FONT>'))
    return Html('<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2">' + "".join(rows) + "</TABLE>")


def _cell(content: str, port: str | None = None, background: str | None = None) -> str:
    extra = (f' PORT="{port}"' if port else "") + (f' BGCOLOR="{background}"' if background else "")
    return f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"{extra}>{content}</TD></TR>'


def _item(item: Item, head: bool) -> str:
    text = "<BR/>".join(html_label_text(line) for line in item.lines)
    parts = [f"<B>{text}</B>" if head else text,
             f'<FONT POINT-SIZE="{SMALL}" COLOR="{MUTED}">{html_label_text(item.detail)}</FONT>']
    if item.marks:
        codes = " ".join(m.code for m in item.marks)
        color = ERROR if any(m.severity == "error" for m in item.marks) else WARNING
        parts.append(f'<FONT POINT-SIZE="8" COLOR="{color}"><B>⚠ {codes}</B></FONT>')
    return "<BR/>".join(parts)


def legend_label(legend: Legend) -> Html:
    """The title and legend as one HTML-like table (the graph label, drawn above the tree)."""
    def chips(entries: tuple[tuple[str, str], ...], as_fill: bool) -> str:
        cells = "".join(f'<TD BGCOLOR="{color}" BORDER="1" COLOR="{BORDER}">{html_label_text(text)}</TD>' if as_fill
                        else f'<TD><FONT COLOR="{color}">{html_label_text(text)}</FONT></TD>'
                        for text, color in entries)
        return ('<TR><TD ALIGN="LEFT"><TABLE BORDER="0" CELLSPACING="4" CELLPADDING="3">'
                f"<TR>{cells}</TR></TABLE></TD></TR>")
    return Html('<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2">'
            f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="16"><B>{html_label_text(legend.title)}</B></FONT></TD></TR>'
            f'<TR><TD ALIGN="LEFT"><FONT COLOR="{MUTED}">{html_label_text(legend.subtitle)}</FONT></TD></TR>'
            + chips(legend.categories, as_fill=True) + chips((*MARKERS, *LINKS), as_fill=False) + "</TABLE>")
