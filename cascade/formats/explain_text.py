"""`cascade explain`: how one element's capaian arose, in Bahasa Indonesia."""

from __future__ import annotations

import networkx as nx

from cascade.capaian import ScoreOptions, contributions, score, weakest_leaves
from cascade.formats.indonesian import number, percent
from cascade.graph import describe, describe_jabatan, owner

POLICY = {"lewati": "pendukung tanpa data dilewati dan bobot dinormalkan", "nol": "pendukung tanpa data dihitung 0"}


def render(G: nx.DiGraph, node: str, options: ScoreOptions, gap: float) -> str:
    scores = score(G, options)
    s = scores[node]
    lines = [f"Penjelasan capaian {describe(G, node, width=90)}",
             f"Pemilik: {describe_jabatan(G, owner(G, node))}; periode {options.periode}", ""]
    if s.siklus:
        return "\n".join([*lines, "Elemen ini berada dalam siklus induk, sehingga capaiannya tidak dapat dihitung."]) + "\n"
    lines.append(f"Target {number(s.target)}, realisasi {number(s.realisasi)}: capaian langsung {percent(s.langsung)}")
    lines.append(f"Capaian turunan dari pendukung: {percent(s.turunan)} ({POLICY[options.kosong]})")
    lines.append(f"Capaian yang dipakai: {percent(s.capaian)} ({s.sumber or 'tidak ada data'}), "
                 f"kategori {s.kategori or '-'}")
    parts = sorted(contributions(G, node, options), key=lambda p: p.kontribusi, reverse=True)
    if parts:
        lines += ["", "Pendukung langsung (capaian, bobot, porsi, kontribusi ke capaian turunan):"]
        for p in parts:
            lines.append(f"  - {describe(G, p.id)}: {percent(p.capaian)}, bobot {number(p.bobot)}, "
                         f"porsi {percent(100 * p.porsi)}, kontribusi {number(p.kontribusi)} poin")
    else:
        lines += ["", "Tidak ada pendukung dengan data capaian."]
    weakest = weakest_leaves(G, node, options)
    if weakest:
        lines += ["", "Ujung rantai yang paling menurunkan capaian turunan:"]
        for rank, (leaf, share, value) in enumerate(weakest, 1):
            pull = share * (100 - (value or 0.0))
            lines.append(f"  {rank}. {describe(G, leaf)} milik {describe_jabatan(G, owner(G, leaf))}: "
                         f"capaian {percent(value)}, porsi {percent(100 * share)}, menurunkan {number(pull)} poin")
    below = nx.ancestors(G, node) | {node}  # edges point child -> parent, so these are the supporters
    disagreements = [scores[n] for n in G if n in below and scores[n].langsung is not None
                     and scores[n].turunan is not None and abs(scores[n].langsung - scores[n].turunan) > gap]
    if disagreements:
        lines += ["", f"Capaian langsung dan turunan yang berselisih lebih dari {number(gap)} poin:"]
        for d in disagreements:
            lines.append(f"  - {describe(G, d.id)}: langsung {percent(d.langsung)}, turunan {percent(d.turunan)} "
                         f"(selisih {number(d.langsung - d.turunan)} poin)")
    return "\n".join(lines) + "\n"
