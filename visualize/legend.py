"""The drawing's title and legend: what each fill, marker and dashed line means."""

from __future__ import annotations

from dataclasses import dataclass

from cascade.capaian import Scale
from visualize.palette import (CROSS_UNIT, CROSSCUTTING, ERROR, NO_DATA, WARNING, band_text,
                               category_colors)

MARKERS = (("⚠ galat: garis tepi merah tebal", ERROR), ("⚠ peringatan: garis tepi oranye", WARNING))
LINKS = (("╌╌ crosscutting yang dinyatakan", CROSSCUTTING),
         ("╌╌ lintas unit, tidak dinyatakan (K106)", CROSS_UNIT))


@dataclass(frozen=True)
class Legend:
    title: str
    subtitle: str
    categories: tuple[tuple[str, str], ...]  # (label with its range, fill colour), then "no data"


def make_legend(organisasi: str, periode: str, boxes: int, scale: Scale, note: str = "") -> Legend:
    colors = category_colors(scale)
    categories = tuple((f"{label} {bounds}", colors[label]) for label, bounds in band_text(scale))
    subtitle = f"Capaian periode {periode} · {boxes} kotak" + (f" · {note}" if note else "")
    return Legend(f"Pohon kinerja {organisasi}", subtitle, (*categories, ("Tanpa data", NO_DATA)))
