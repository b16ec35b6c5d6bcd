"""The matriks cascading as a Markdown table; a repeated upper level is left blank below its first row."""

from __future__ import annotations

from cascade.formats.indonesian import figure, percent
from cascade.formats.markdown_report import cell
from visualize.matrix import COLUMNS, HIERARCHY, Matrix, spans


def render(rows: Matrix, title: str) -> str:
    covered = [spans(rows, c) for c in range(HIERARCHY)]
    lines = [f"# {cell(rows.heading(title))}", "", "| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for i, row in enumerate(rows):
        texts = [cell(t.replace("\n", " / ")) if covered[c][i] else "" for c, t in enumerate(row.texts)]
        numbers = [figure(row.target), figure(row.realisasi), percent(row.capaian)]
        lines.append("| " + " | ".join([*texts, *numbers]) + " |")
    return "\n".join(lines) + "\n"
