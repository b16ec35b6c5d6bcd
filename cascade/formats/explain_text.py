"""`cascade explain`: how one element's capaian arose, in Bahasa Indonesia."""

from __future__ import annotations

import networkx as nx

from cascade.capaian import ScoreOptions, aggregation, contributions, direct_capaian, score, weakest_leaves
from cascade.formats.indonesian import figure, number, percent
from cascade.graph import describe, describe_jabatan, elemen, owner
from models.bulk import columns_of
from models.cascade import Rentang

POLICY = {"lewati": "pendukung tanpa data dilewati dan bobot dinormalkan",
          "nol": "pendukung tanpa data dihitung 0, kecuali program/kegiatan"}


def render(G: nx.DiGraph, node: str, options: ScoreOptions, gap: float) -> str:
    scores = score(G, options)
    s = scores[node]
    lines = [f"Penjelasan capaian {describe(G, node, width=90)}",
             f"Pemilik: {describe_jabatan(G, owner(G, node))}; periode {options.periode}", ""]
    if s.siklus:
        return "\n".join([*lines, "Elemen ini berada dalam siklus induk, sehingga capaiannya tidak dapat dihitung."]) + "\n"
    item = elemen(G, node)
    uncapped = direct_capaian(s.target, s.realisasi, item.polaritas)
    why = _why_no_direct(s.target, s.realisasi, s.langsung)
    supporters = list(G.predecessors(node))  # edges point child -> parent
    unweighted = [c for c in supporters if elemen(G, c).bobot <= 0]
    lines.append(f"Target {figure(s.target)}, realisasi {figure(s.realisasi)}: capaian langsung "
                 f"{_capped(percent(s.langsung), uncapped, options)}{why}")
    lines += _quarters(G, node, options.periode)
    lines.append(f"Capaian turunan dari pendukung: {percent(s.turunan)} ({_policy(supporters, unweighted, options)})")
    no_value = "target 0" if why else "tidak ada data"
    lines.append(f"Capaian yang dipakai: {percent(s.capaian)} ({s.sumber or no_value}), "
                 f"kategori {s.kategori or '-'}")
    parts = sorted(contributions(G, node, options), key=lambda p: p.kontribusi, reverse=True)
    if parts:
        lines += ["", "Pendukung langsung (capaian, bobot, porsi, kontribusi ke capaian turunan):"]
        for p in parts:
            lines.append(f"  - {describe(G, p.id)}: {percent(p.capaian)}, bobot {number(p.bobot)}, "
                         f"porsi {percent(100 * p.porsi)}, kontribusi {number(p.kontribusi)} poin")
    elif supporters:
        lines += ["", "Tidak ada pendukung dengan data capaian."]
    else:
        lines += ["", "Elemen ini tidak memiliki pendukung."]
    if unweighted:
        lines.append(f"Tidak dihitung karena bobotnya {number(0)} atau kurang: "
                     f"{', '.join(describe(G, c) for c in unweighted)}")
    leaves = weakest_leaves(G, node, options)
    # Only a leaf below 100% pulls the value down; one at or above 100% does not (its pull is <= 0).
    pulls = [(leaf, share, value, share * (100 - (value or 0.0))) for leaf, share, value in leaves]
    weakest = [(leaf, share, value, pull) for leaf, share, value, pull in pulls if pull > 0]
    if weakest:
        lines += ["", "Ujung rantai yang paling menurunkan capaian turunan:"]
        for rank, (leaf, share, value, pull) in enumerate(weakest, 1):
            lines.append(f"  {rank}. {describe(G, leaf)} milik {describe_jabatan(G, owner(G, leaf))}: "
                         f"capaian {percent(value)}, porsi {percent(100 * share)}, menurunkan {number(pull)} poin")
    elif leaves:
        lines += ["", "Tidak ada ujung rantai yang menurunkan capaian turunan: semuanya mencapai 100% atau lebih."]
    below = nx.ancestors(G, node) | {node}  # edges point child -> parent, so these are the supporters
    disagreements = [scores[n] for n in G if n in below and scores[n].langsung is not None
                     and scores[n].turunan is not None and abs(scores[n].langsung - scores[n].turunan) > gap]
    if disagreements:
        lines += ["", f"Capaian langsung dan turunan yang berselisih lebih dari {number(gap)} poin:"]
        for d in disagreements:
            lines.append(f"  - {describe(G, d.id)}: langsung {percent(d.langsung)}, turunan {percent(d.turunan)} "
                         f"(selisih {number(d.langsung - d.turunan)} poin)")
    return "\n".join(lines) + "\n"


def _why_no_direct(target: float | Rentang | None, realisasi: float | None, langsung: float | None) -> str:
    """The reason a target and realisasi both given make no direct capaian: a target of 0."""
    if langsung is None and realisasi is not None and target == 0:
        return " (target 0: tidak ada capaian langsung)"
    return ""


def _quarters(G: nx.DiGraph, node: str, periode: str) -> list[str]:
    """The quarterly `capaian` rows a value was cumulated from, and how: summed or the latest. A yearly
    value comes from them only when neither the element nor a yearly row of `tahun` gives a realisasi."""
    ids, periods, targets, values = columns_of(G.graph["cascade"].capaian, ["id", "periode", "target", "realisasi"])
    own = [(p, t, r) for i, p, t, r in zip(ids, periods, targets, values, strict=True) if i == node]
    item, tahun = elemen(G, node), G.graph["cascade"].organisasi.tahun
    yearly = sorted((row for row in own if row[0].isdigit() and tahun in (None, int(row[0]))), key=lambda row: row[0])
    if periode == "tahunan" and (item.realisasi is not None or (yearly and yearly[-1][2] is not None)):
        return []  # the element's own realisasi, else its latest yearly row's, stands (`capaian._period_arrays`)
    last = 4 if periode == "tahunan" else int(periode[2])
    rows = sorted((p, t, r) for p, t, r in own if p.startswith("TW") and int(p[2]) <= last)
    if not rows:
        return []
    until = "TW4" if periode == "tahunan" else periode
    own_target = periode == "tahunan" and item.target is not None  # the element's yearly target stands
    if aggregation(item.agregasi, item.satuan, item.uraian) == "jumlah":
        uncovered = any(t is None and r is not None for _, t, r in rows)
        if own_target:
            how = (f"indikator hitungan: realisasi TW1 s.d. {until} dijumlahkan, dibandingkan dengan target "
                   "tahunan elemen")
        elif uncovered and item.target is not None:
            how = (f"indikator hitungan: realisasi TW1 s.d. {until} dijumlahkan, dibandingkan dengan target tahunan "
                   "elemen karena ada triwulan berealisasi tanpa target")
        elif uncovered:
            how = (f"indikator hitungan: realisasi TW1 s.d. {until} dijumlahkan, tetapi ada triwulan berealisasi tanpa "
                   "target dan elemen tidak bertarget tahunan: tidak ada capaian")
        else:
            how = f"indikator hitungan: target dan realisasi TW1 s.d. {until} dijumlahkan"
    else:
        how = "indikator persentase/indeks: nilai triwulan terakhir yang berealisasi yang dipakai"
        if own_target:
            how += ", dengan target tahunan elemen"
    reported = [p for p, _, r in rows if r is not None]
    if periode == "tahunan" and reported and reported[-1] != "TW4":
        how += f"; realisasi tahunan belum ada dan baru sampai {reported[-1]} yang terisi"
    return [f"Dari tabel capaian ({how}):",
            *(f"  {p}: target {figure(t)}, realisasi {figure(r)}" for p, t, r in rows)]


def _capped(shown: str, uncapped: float | None, options: ScoreOptions) -> str:
    """The capped value as shown, saying so when `--batas` lowered it."""
    if options.batas is not None and uncapped is not None and uncapped > options.batas:
        return f"{percent(uncapped)}, dibatasi menjadi {shown} (--batas)"
    return shown


def _policy(supporters: list[str], unweighted: list[str], options: ScoreOptions) -> str:
    """How supporters without data are treated; only claimed when there are supporters to count."""
    if not supporters:
        return "tidak berlaku: elemen ini tidak memiliki pendukung"
    if len(unweighted) == len(supporters):
        return "tidak berlaku: tidak ada pendukung berbobot lebih dari 0"
    return POLICY[options.kosong]
