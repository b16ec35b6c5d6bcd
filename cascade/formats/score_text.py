"""The readable capaian table of `cascade score`: the cascade top-down, one row per element."""

from __future__ import annotations

import networkx as nx

from cascade.capaian import ElementScore, ScoreOptions, score
from cascade.formats.indonesian import number, percent
from cascade.graph import records, tree_order

SOURCE_LABEL = {"langsung": "langsung", "turunan": "turunan", None: "-"}
HEADER = ("Elemen", "Pemilik", "Target", "Realisasi", "Capaian", "Sumber", "Kategori")


def rows(G: nx.DiGraph, scores: dict[str, ElementScore], width: int = 60) -> list[tuple[str, ...]]:
    """Table rows in tree order; the statement is indented by depth and shortened to `width`."""
    table = []
    by_id = records(G)
    for node, depth in tree_order(G):
        s, item = scores[node], by_id[node]
        label = "  " * depth + f"{node}: {' '.join(item.uraian.split())}"
        label = label if len(label) <= width else label[: width - 1] + "…"
        table.append((label, item.jabatan or "-", number(s.target), number(s.realisasi),
                      "siklus" if s.siklus else percent(s.capaian), SOURCE_LABEL[s.sumber], s.kategori or "-"))
    return table


def render(G: nx.DiGraph, options: ScoreOptions) -> str:
    scores = score(G, options)
    table = [HEADER, *rows(G, scores)]
    widths = [max(len(row[i]) for row in table) for i in range(len(HEADER))]
    lines = [f"Capaian {G.graph['cascade'].organisasi.nama}, periode {options.periode}", ""]
    line = "  ".join(f"{{:{'<' if j in (0, 1, 5, 6) else '>'}{w}}}" for j, w in enumerate(widths)).format
    lines += [line(*HEADER).rstrip(), "  ".join("-" * w for w in widths)]
    lines += [line(*row).rstrip() for row in table[1:]]
    cyclic = [s.id for s in scores.values() if s.siklus]
    if cyclic:
        lines += ["", f"Tidak dapat dihitung karena berada dalam siklus induk: {', '.join(cyclic)}"]
    return "\n".join(lines) + "\n"
