"""The column-at-a-time text and Markdown tables of `cascade score` are byte-identical to the
per-element rendering they replaced, kept here as the reference."""

import math

import networkx as nx
import pytest

from cascade.array_graph import ArrayGraph
from cascade.capaian import ElementScore, Scale, ScoreOptions, score
from cascade.formats import score_markdown, score_text
from cascade.formats.indonesian import figure, percent
from cascade.formats.markdown_report import cell
from cascade.graph import build_graph, records, tree_order
from models.loaders import build_cascade
from tests.test_array_graph import cascades

SOURCE_LABEL = {"langsung": "langsung", "turunan": "turunan", None: "-"}


def reference_rows(G: nx.DiGraph, scores: dict[str, ElementScore], width: int = 60) -> list[tuple[str, ...]]:
    table = []
    by_id = records(G)
    for node, depth in tree_order(G):
        s, item = scores[node], by_id[node]
        label = "  " * depth + f"{node}: {' '.join(item.uraian.split())}"
        label = label if len(label) <= width else label[: width - 1] + "…"
        table.append((label, item.jabatan or "-", figure(s.target), figure(s.realisasi),
                      "siklus" if s.siklus else percent(s.capaian), SOURCE_LABEL[s.sumber], s.kategori or "-"))
    return table


def reference_text(G: nx.DiGraph, options: ScoreOptions) -> str:
    scores = score(G, options)
    table = [score_text.HEADER, *reference_rows(G, scores)]
    widths = [max(len(row[i]) for row in table) for i in range(len(score_text.HEADER))]
    lines = [f"Capaian {G.graph['cascade'].organisasi.nama}, periode {options.periode}", ""]
    line = "  ".join(f"{{:{'<' if j in (0, 1, 5, 6) else '>'}{w}}}" for j, w in enumerate(widths)).format
    lines += [line(*score_text.HEADER).rstrip(), "  ".join("-" * w for w in widths)]
    lines += [line(*row).rstrip() for row in table[1:]]
    cyclic = [s.id for s in scores.values() if s.siklus]
    if cyclic:
        lines += ["", f"Tidak dapat dihitung karena berada dalam siklus induk: {', '.join(cyclic)}"]
    if scores and not cyclic and all(s.realisasi is None for s in scores.values()):
        lines += ["", score_text.no_realisasi_note(options.periode, G.graph["cascade"].organisasi.tahun)]
    return "\n".join(lines) + "\n"


def reference_markdown(G: nx.DiGraph, options: ScoreOptions) -> str:
    scores = score(G, options)
    header = score_text.HEADER
    lines = [f"# Capaian {cell(G.graph['cascade'].organisasi.nama)}, periode {options.periode}", "",
             "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in reference_rows(G, scores, width=200):
        lines.append("| " + " | ".join("&nbsp;" * (len(c) - len(c.lstrip(" "))) + cell(c) for c in row) + " |")
    return "\n".join(lines) + "\n"


LONG = "Meningkatnya   kualitas\nlayanan \t sosial\r\n  bagi  " + "warga  miskin " * 20 + "\u3000akhir  "
EDGE = {
    "organisasi": {"kode": "uji", "nama": "Dinas <Uji> | *Tepi*"},
    "jabatan": [{"id": "kadis", "nama": "Kepala"}, {"id": "kabid_dengan_nama_jabatan_yang_panjang", "nama": "Bidang",
                                                   "atasan": "kadis"}],
    "elemen": [
        {"id": "s1", "jenis": "sasaran", "uraian": LONG, "jabatan": "kadis"},
        {"id": "=SUM(A1:A9)", "jenis": "iku", "uraian": "Persentase  rentang", "induk": ["s1"], "polaritas": "rentang",
         "target": "60-80", "realisasi": 90, "jabatan": "kadis"},
        {"id": "+rentang2", "jenis": "iku", "uraian": "Indeks  dalam", "induk": ["s1"], "polaritas": "rentang",
         "target": "60,5-80,25", "realisasi": 70},
        {"id": "@kecil", "jenis": "iki", "uraian": "Angka kecil", "induk": ["=SUM(A1:A9)"], "target": 1e-9,
         "realisasi": 3e-10, "jabatan": "kabid_dengan_nama_jabatan_yang_panjang"},
        {"id": "-besar", "jenis": "iki", "uraian": "Jumlah besar", "induk": ["=SUM(A1:A9)"], "target": 1.5e15,
         "realisasi": 1234567890123.456, "bobot": 2.5, "satuan": "rupiah"},
        {"id": "negatif", "jenis": "iki", "uraian": "Angka negatif", "induk": ["+rentang2"], "target": -5,
         "realisasi": -3.25, "polaritas": "negatif"},
        {"id": "nol", "jenis": "iki", "uraian": "Nol negatif", "induk": ["+rentang2"], "target": 7, "realisasi": "-0"},
        {"id": "nol2", "jenis": "iki", "uraian": "Tepat nol", "induk": ["+rentang2"], "target": 10, "realisasi": 20,
         "polaritas": "negatif"},
        {"id": "bulat", "jenis": "iki", "uraian": "Pembulatan", "induk": ["s1"], "target": 3, "realisasi": 2.99985},
        {"id": "triwulan", "jenis": "iki", "uraian": "Jumlah kasus ditangani", "induk": ["s1"], "target": 100,
         "satuan": "kasus"},
        {"id": "persen_tw", "jenis": "iki", "uraian": "Persentase kasus", "induk": ["s1"], "target": 95.5},
        {"id": "lebih", "jenis": "iki", "uraian": "Melampaui target", "induk": ["s1"], "target": 10, "realisasi": 25},
        {"id": "c1", "jenis": "iki", "uraian": "Siklus satu", "induk": ["c2"], "target": 10, "realisasi": 5},
        {"id": "c2", "jenis": "iki", "uraian": "Siklus dua", "induk": ["c1"]},
        {"id": "di_bawah_siklus", "jenis": "iki", "uraian": "Di bawah siklus", "induk": ["c1"], "target": 4,
         "realisasi": 4},
        {"id": "id_yang_sangat_panjang_sekali_" + "x" * 60, "jenis": "iki", "uraian": " Sangat  panjang ",
         "induk": ["nol"], "target": 12345.678, "realisasi": 0.05},
        {"id": "yatim", "jenis": "iki", "uraian": "Induk tidak ada", "induk": ["tidak.ada"], "target": 0,
         "realisasi": 5},
    ],
    "capaian": [
        {"id": "triwulan", "periode": "TW1", "target": 20, "realisasi": 15},
        {"id": "triwulan", "periode": "TW2", "target": 30, "realisasi": 33.3},
        {"id": "triwulan", "periode": "TW3", "target": 25},
        {"id": "persen_tw", "periode": "TW1", "target": 90, "realisasi": 80.04},
        {"id": "persen_tw", "periode": "TW2", "realisasi": 99.95},
        {"id": "bulat", "periode": "2024", "target": 4, "realisasi": 5},
        {"id": "-besar", "periode": "TW2", "target": 1e15, "realisasi": -2e14},
    ],
}
ODD_SCALE = Scale(((150.0, "Luar  biasa "), (100.0, ""), (90.0, "Baik\t"), (50.0, " "), (0.0, "-"),
                   (-math.inf, "Di bawah nol")))
OPTIONS = [ScoreOptions(), ScoreOptions(periode="TW2", kosong="nol"), ScoreOptions(batas=120.0),
           ScoreOptions(periode="TW1", skala=ODD_SCALE), ScoreOptions(kosong="nol", batas=100.0, skala=ODD_SCALE)]
CASCADES = [*cascades(), ("tepi", build_cascade(EDGE, lambda table, i: f"{table}[{i}]", "tepi")),
            ("kosong", build_cascade({"organisasi": {"kode": "x", "nama": "X"}, "elemen": []}, str, "kosong"))]


@pytest.mark.parametrize("options", OPTIONS, ids=range(len(OPTIONS)))
@pytest.mark.parametrize(("name", "cascade"), CASCADES, ids=[name for name, _ in CASCADES])
def test_text_and_markdown_match_the_per_element_rendering(name, cascade, options):
    expected = build_graph(cascade)
    text, markdown = reference_text(expected, options), reference_markdown(expected, options)
    for G in (ArrayGraph(cascade), build_graph(cascade)):
        assert score_text.render(G, options) == text
        assert score_markdown.render(G, options) == markdown


def test_the_edge_cascade_reaches_every_branch():
    G = ArrayGraph(CASCADES[-2][1])
    text = score_text.render(G, ScoreOptions(skala=ODD_SCALE))
    assert "…" in text and "60-80" in text and "-3,2" in text and "siklus" in text
    assert "Tidak dapat dihitung karena berada dalam siklus induk: c1, c2" in text
    assert "250%  langsung  Luar  biasa\n" in text and "1.500.000.000.000.000" in text
