"""`cascade score` as a Markdown table, for review notes."""

from __future__ import annotations

import networkx as nx

from cascade.capaian import ScoreOptions, score
from cascade.formats.markdown_report import cell
from cascade.formats.score_text import HEADER, rows


def render(G: nx.DiGraph, options: ScoreOptions) -> str:
    scores = score(G, options)
    lines = [f"# Capaian {cell(G.graph['cascade'].organisasi.nama)}, periode {options.periode}", "",
             "| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for row in rows(G, scores, width=200):
        lines.append("| " + " | ".join(cell(c.replace("  ", "&nbsp;&nbsp;")) for c in row) + " |")
    return "\n".join(lines) + "\n"
