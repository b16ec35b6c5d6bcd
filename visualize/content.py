"""What each box says: its statements wrapped to lines, numbers, owner and finding markers.

Both the Graphviz drawing and the built-in tidy-tree SVG draw these views, so a box reads the
same whichever layout drew it. Text is made visible here (see `escape.visible`) and escaped by
each writer for its own syntax.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from cascade.capaian import ElementScore
from cascade.formats.indonesian import figure, percent
from cascade.graph import elemen, jabatan, role
from visualize.escape import visible
from visualize.levels import BAND_NAMES
from visualize.marks import Mark, worst
from visualize.palette import css_class
from visualize.pohon import Box, Pohon

WIDTH = 38  # characters per line inside a box
MAX_LINES = 7  # longer statements are cut with an ellipsis
INDICATOR_NAMES = ("Indikator tujuan", "IKU", "Indikator program", "Indikator kegiatan", "IKI")
BUDGET_NAMES = {"program": "Program", "kegiatan": "Kegiatan", "subkegiatan": "Sub-kegiatan"}


@dataclass(frozen=True)
class Item:
    """One element listed in a box."""

    element: str
    lines: tuple[str, ...]
    detail: str  # kind, id and numbers, one line
    kategori: str | None
    marks: tuple[Mark, ...]


@dataclass(frozen=True)
class BoxView:
    key: str
    title: str  # "SASARAN PROGRAM", "IKI", ...
    items: tuple[Item, ...]  # the head (sasaran/tujuan or the lone element) first
    owner: tuple[str, ...]
    kategori: str | None  # the head's category: the box fill
    band: int

    @property
    def marks(self) -> tuple[Mark, ...]:
        return tuple(sorted({m for item in self.items for m in item.marks}))

    @property
    def severity(self) -> str | None:
        return worst(self.marks)


SEVERITY_CLASS = {"error": "temuan-galat", "warning": "temuan-peringatan", "info": "temuan-info"}


def box_classes(view: BoxView) -> str:
    """The classes both writers give a box in the SVG: its category and its worst finding, if any."""
    severity = view.severity
    return " ".join(["kotak", css_class(view.kategori), *(["temuan", SEVERITY_CLASS[severity]] if severity else [])])


def box_views(G: nx.DiGraph, pohon: Pohon, scores: dict[str, ElementScore],
              marks: dict[str, tuple[Mark, ...]]) -> dict[str, BoxView]:
    return {key: box_view(G, box, scores, marks) for key, box in pohon.boxes.items()}


def box_view(G: nx.DiGraph, box: Box, scores: dict[str, ElementScore], marks: dict[str, tuple[Mark, ...]]) -> BoxView:
    items = tuple(Item(node, wrap(elemen(G, node).uraian), _detail(G, node, box, scores[node]),
                       scores[node].kategori, marks.get(node, ())) for node in box.elements)
    return BoxView(box.key, _title(G, box), items, _owner(G, box.owner), scores[box.head].kategori, box.band)


def _title(G: nx.DiGraph, box: Box) -> str:
    kind = elemen(G, box.head).jenis
    if kind == "tujuan":
        return "TUJUAN"
    if kind == "sasaran":
        return ("SASARAN " + BAND_NAMES[box.band].removeprefix("Sasaran ")).upper() if box.band else "SASARAN"
    return _kind(G, box.head, box.band).upper()


def _kind(G: nx.DiGraph, node: str, band: int) -> str:
    item = elemen(G, node)
    if item.jenis in BUDGET_NAMES:
        return BUDGET_NAMES[item.jenis] + (f" {item.kode}" if item.kode else "")
    if item.jenis == "sasaran":
        return "Sasaran"
    if role(G, node) == "indikator_tujuan":
        return INDICATOR_NAMES[0]
    return INDICATOR_NAMES[band]


def _detail(G: nx.DiGraph, node: str, box: Box, s: ElementScore) -> str:
    parts = [visible(node)]
    if node != box.head or elemen(G, node).is_indicator:
        parts.insert(0, _kind(G, node, box.band))
    if s.siklus:
        parts.append("capaian tidak dapat dihitung (siklus)")
        return " · ".join(parts)
    if s.target is not None:
        parts.append(f"Target {figure(s.target)}")
    if s.realisasi is not None:
        parts.append(f"Realisasi {figure(s.realisasi)}")
    if s.capaian is not None:
        parts.append(f"Capaian {percent(s.capaian)}" + (" (turunan)" if s.sumber == "turunan" else ""))
    return " · ".join(parts)


def _owner(G: nx.DiGraph, jabatan_id: str | None) -> tuple[str, ...]:
    found = jabatan(G, jabatan_id) if jabatan_id else None
    if found is None:
        return wrap(f"Jabatan: {jabatan_id}", max_lines=2) if jabatan_id else ("Tanpa jabatan",)
    return wrap(" ".join(visible(found.nama).split()) + (f" ({found.pegawai})" if found.pegawai else ""), max_lines=2)


def wrap(text: str, width: int = WIDTH, max_lines: int = MAX_LINES) -> tuple[str, ...]:
    """Greedy word wrap that keeps the writer's line breaks and splits over-long words.

    Linear in the text (textwrap is several times slower, which shows at 20,000 boxes).

    >>> wrap("Meningkatnya kualitas hidup PMKS di Kota", 16)
    ('Meningkatnya', 'kualitas hidup', 'PMKS di Kota')
    >>> wrap("satu\\ndua", 20), wrap("x" * 10, 4, 2)
    (('satu', 'dua'), ('xxxx', 'xxx…'))
    """
    if len(text) <= width and text.isprintable() and text.strip() == text and "  " not in text:
        return (text,) if text else ("",)  # already one clean line
    lines: list[str] = []
    for paragraph in visible(text).split("\n"):
        line = ""
        for word in paragraph.split():
            while len(word) > width:
                if line:
                    lines.append(line)
                    line = ""
                lines.append(word[:width])
                word = word[width:]
            if not line:
                line = word
            elif len(line) + 1 + len(word) <= width:
                line += " " + word
            else:
                lines.append(line)
                line = word
        if line:
            lines.append(line)
    lines = lines or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return tuple(lines)
