"""Colours: one fill per capaian category (green high to red low), grey for no data, markers.

Colours follow the order of the scale's bands, not their names, so a region's own `--skala`
gets the same green-to-red reading. The fills are light enough for black text.
"""

from __future__ import annotations

import re

from cascade.capaian import Scale
from cascade.formats.indonesian import number

RAMP = ("#8fd18a", "#d4ee9c", "#fee391", "#fdbe85", "#fb9a7f")  # best to worst
NO_DATA = "#d9d9d9"
TEXT = "#1a1a1a"
MUTED = "#4d4d4d"
BORDER = "#5f5f5f"
ERROR = "#b2182b"  # boxes with an error-level finding
WARNING = "#e66101"  # boxes with warnings only
CROSSCUTTING = "#2166ac"  # declared crosscutting link
CROSS_UNIT = "#d6604d"  # cross-unit link that nobody declared
BAND_FILL = "#f4f6f8"
OUTLINE = {"error": (ERROR, 3.5), "warning": (WARNING, 2.5)}  # box border (colour, width) by worst finding


def category_colors(scale: Scale) -> dict[str, str]:
    """Each category label of the scale to its fill, best band first.

    >>> from cascade.capaian import DEFAULT_SCALE
    >>> category_colors(DEFAULT_SCALE)["Sangat Rendah"]
    '#fb9a7f'
    >>> category_colors(Scale.parse("80=Baik;0=Kurang"))
    {'Baik': '#8fd18a', 'Kurang': '#fb9a7f'}
    """
    labels = [label for _, label in scale.bands]
    if len(labels) == 1:
        return {labels[0]: RAMP[0]}
    step = (len(RAMP) - 1) / (len(labels) - 1)
    return {label: RAMP[round(i * step)] for i, label in enumerate(labels)}


def fill(colors: dict[str, str], kategori: str | None) -> str:
    return colors.get(kategori, NO_DATA) if kategori else NO_DATA


def css_class(kategori: str | None) -> str:
    """A class name for a category: ``kategori-sangat-tinggi``, ``kategori-kosong`` for no data.

    >>> css_class("Sangat Tinggi"), css_class(None)
    ('kategori-sangat-tinggi', 'kategori-kosong')
    """
    if not kategori:
        return "kategori-kosong"
    return "kategori-" + (re.sub(r"[^a-z0-9]+", "-", kategori.lower()).strip("-") or "lain")


def band_text(scale: Scale) -> list[tuple[str, str]]:
    """Legend entries: (category, range in words), best first.

    >>> from cascade.capaian import DEFAULT_SCALE
    >>> band_text(DEFAULT_SCALE)[0], band_text(DEFAULT_SCALE)[-1]
    (('Sangat Tinggi', '≥ 91%'), ('Sangat Rendah', '< 51%'))
    """
    entries = []
    for i, (lower, label) in enumerate(scale.bands):
        if i == len(scale.bands) - 1:  # the lowest band takes every value under the band above it
            entries.append((label, f"< {number(scale.bands[i - 1][0])}%" if i else "semua nilai"))
        else:
            entries.append((label, f"≥ {number(lower)}%"))
    return entries
