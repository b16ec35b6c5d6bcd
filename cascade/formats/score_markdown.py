"""`cascade score` as a Markdown table, for review notes."""

from __future__ import annotations

import networkx as nx

from cascade.capaian import ScoreOptions
from cascade.formats.markdown_report import cell
from cascade.formats.score_text import HEADER, columns


def render(G: nx.DiGraph, options: ScoreOptions) -> str:
    cells = [column.each(_cell) for column in columns(G, options, width=200)]
    lines = [f"# Capaian {cell(G.graph['cascade'].organisasi.nama)}, periode {options.periode}", "",
             "| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER),
             *("| " + " | ".join(row) + " |" for row in zip(*cells))]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """A table cell; the statement's indent (depth in the tree) kept as `&nbsp;`, which `cell`
    would otherwise fold away.

    >>> _cell("    a.i1: Persentase <b>")
    '&nbsp;&nbsp;&nbsp;&nbsp;a.i1: Persentase &lt;b&gt;'
    """
    return "&nbsp;" * (len(text) - len(text.lstrip(" "))) + cell(text)
