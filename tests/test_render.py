"""`cascade render`: the pohon kinerja drawn from the cascade, checked by parsing the SVG it writes.

Set CASCADE_TEST_ARTIFACTS to a folder to keep the PNG/PDF/SVG drawings for looking at.
"""

import json
import os
import random
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from cascade import audit, load_cascade
from cascade.capaian import ScoreOptions, score
from cascade.cli import main
from fixtures.generator import generate
from models import CascadeError
from visualize.graphviz_run import find_backend, run_graphviz
from visualize.levels import INDIVIDU, KEGIATAN, PROGRAM, STRATEGIS, TUJUAN, owner_band
from visualize.marks import finding_marks
from visualize.palette import NO_DATA, category_colors
from visualize.pohon import build_pohon
from visualize.tidy import tidy_positions

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SVG = "{http://www.w3.org/2000/svg}"
needs_dot = pytest.mark.skipif(find_backend("dot") is None, reason="Graphviz dot is not installed")
needs_pygraphviz = pytest.mark.skipif(find_backend("pygraphviz") is None, reason="pygraphviz is not installed")

JABATAN = [
    {"id": "kadis", "nama": "Kepala Dinas", "eselon": "II"},
    {"id": "kabid_a", "nama": "Kepala Bidang A", "eselon": "III", "atasan": "kadis"},
    {"id": "kabid_b", "nama": "Kepala Bidang B", "eselon": "III", "atasan": "kadis"},
    {"id": "kasi_a", "nama": "Kepala Seksi A", "eselon": "IV", "atasan": "kabid_a"},
    {"id": "staf_a", "nama": "Pengelola Data A", "eselon": "pelaksana", "atasan": "kasi_a"},
]
ELEMEN = [
    {"id": "t1", "jenis": "tujuan", "uraian": "Meningkatnya kesejahteraan sosial", "jabatan": "kadis"},
    {"id": "s1", "jenis": "sasaran", "uraian": "Meningkatnya kualitas hidup PMKS", "jabatan": "kadis", "induk": ["t1"]},
    {"id": "iku1", "jenis": "indikator", "uraian": "Persentase PMKS tertangani", "jabatan": "kadis",
     "induk": ["s1"], "target": 80, "realisasi": 78},
    {"id": "iku2", "jenis": "indikator", "uraian": "Persentase PMKS terlayani", "jabatan": "kadis",
     "induk": ["s1"], "target": 100, "realisasi": 40},
    {"id": "sa", "jenis": "sasaran", "uraian": "Meningkatnya layanan rehabilitasi", "jabatan": "kabid_a",
     "induk": ["iku1"]},
    {"id": "ia", "jenis": "indikator", "uraian": "Persentase disabilitas terlayani", "jabatan": "kabid_a",
     "induk": ["sa"], "target": 50, "realisasi": 30},
    {"id": "sb", "jenis": "sasaran", "uraian": "Meningkatnya pemberdayaan sosial", "jabatan": "kabid_b",
     "induk": ["iku2"]},
    {"id": "ib", "jenis": "indikator", "uraian": "Persentase KPM mandiri", "jabatan": "kabid_b", "induk": ["sb"]},
    {"id": "ska", "jenis": "sasaran", "uraian": "Tersedianya data disabilitas", "jabatan": "kasi_a", "induk": ["ia"]},
    {"id": "ika", "jenis": "indikator", "uraian": "Jumlah data disabilitas", "jabatan": "kasi_a",
     "induk": ["ska", "ib"], "crosscutting": ["ib"], "target": 10, "realisasi": 10},
    {"id": "iki1", "jenis": "indikator", "uraian": "Jumlah data diverifikasi", "jabatan": "staf_a",
     "induk": ["ika", "ib"], "target": 100, "realisasi": 95},
    {"id": "yatim", "jenis": "indikator", "uraian": "Jumlah laporan kegiatan", "jabatan": "staf_a"},
]


def write(tmp_path, elemen=ELEMEN, jabatan=JABATAN, name="kaskade.yaml", nama="Dinas Uji", capaian=()):
    data = {"organisasi": {"kode": "uji", "nama": nama}, "jabatan": jabatan, "elemen": elemen,
            **({"capaian": list(capaian)} if capaian else {})}
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result


def keep(path: Path) -> None:
    """Copy a drawing to CASCADE_TEST_ARTIFACTS, when set, for a human to look at."""
    folder = os.environ.get("CASCADE_TEST_ARTIFACTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(folder) / path.name)


def boxes_in(svg: bytes) -> dict[str, ET.Element]:
    root = ET.fromstring(svg)
    return {g.get("id"): g for g in root.iter(f"{SVG}g") if "kotak" in (g.get("class") or "").split()}


def edges_in(svg: bytes) -> dict[str, ET.Element]:
    root = ET.fromstring(svg)
    return {g.get("id"): g for g in root.iter(f"{SVG}g") if "sisi" in (g.get("class") or "").split()}


def shape(g: ET.Element) -> ET.Element:
    """The box outline: the first drawn shape of the node group."""
    return next(e for e in g.iter() if e.tag in (f"{SVG}path", f"{SVG}polygon", f"{SVG}rect"))


def texts(g: ET.Element) -> list[str]:
    """Drawn lines: Graphviz writes one <text> per line, the tidy tree one <tspan> per line."""
    return [t.text for t in g.iter() if t.tag in (f"{SVG}text", f"{SVG}tspan") and t.text]


def tokens(g: ET.Element) -> set[str]:
    return {part.strip() for text in texts(g) for part in text.split("·")}


def expected_heads(cascade) -> list[str]:
    """Computed here independently: every sasaran/tujuan, and each indicator with no sasaran of its owner above."""
    by_id = {e.id: e for e in cascade.elemen}
    return [e.id for e in cascade.elemen
            if e.jenis in ("sasaran", "tujuan")
            or not any(p in by_id and by_id[p].jenis in ("sasaran", "tujuan") and by_id[p].jabatan == e.jabatan
                       for p in e.induk)]


# --- the seed fixtures: boxes, colours, markers ------------------------------------------------------------

@needs_dot
@pytest.mark.parametrize("name,periode", [("sampang", "tahunan"), ("probolinggo", "TW2")])
def test_fixture_svg_has_one_box_per_sasaran_coloured_and_flagged(tmp_path, name, periode):
    out = tmp_path / f"pohon-{name}.svg"
    result = run("render", FIXTURES / f"{name}.yaml", "-o", out, "--periode", periode)
    assert result.exit_code == 0, result.output
    assert "Graphviz dot" in result.output
    keep(out)
    svg = out.read_bytes()
    boxes = boxes_in(svg)
    checked = audit(load_cascade(FIXTURES / f"{name}.yaml"))
    heads = expected_heads(checked.cascade)
    assert len(boxes) == len(heads)

    home = {}  # element id -> the box whose text names it
    for key, g in boxes.items():
        for node in tokens(g) & {e.id for e in checked.cascade.elemen}:
            assert node not in home, f"{node} appears in two boxes"
            home[node] = key
    assert set(home) == {e.id for e in checked.cascade.elemen}
    assert len({home[h] for h in heads}) == len(heads)

    jabatan = {j.id: j.nama for j in checked.cascade.jabatan}
    scores = score(checked.graph, ScoreOptions(periode=periode))
    colors = category_colors(ScoreOptions().skala)
    marks = finding_marks(checked.findings, "warning")
    for head in heads:
        g = boxes[home[head]]
        owner = checked.graph.nodes[head]["elemen"].jabatan
        assert jabatan[owner][:25] in " ".join(texts(g)), head
        kategori = scores[head].kategori
        assert shape(g).get("fill") == (colors[kategori] if kategori else NO_DATA), head
    for key, g in boxes.items():
        inside = [n for n, k in home.items() if k == key]
        flagged = [n for n in inside if n in marks]
        classes = g.get("class").split()
        assert ("temuan" in classes) == bool(flagged), key
        for node in flagged:
            assert "⚠ " + " ".join(m.code for m in marks[node]) in texts(g), node
        if not flagged:
            assert not any("⚠" in t for t in texts(g))
        if any(m.severity == "error" for n in flagged for m in marks[n]):
            assert "temuan-galat" in classes and float(shape(g).get("stroke-width")) >= 3


def test_orphan_untraceable_and_duplicate_are_marked(tmp_path):
    out = tmp_path / "p.svg"
    assert run("render", FIXTURES / "probolinggo.yaml", "-o", out, "--tata-letak", "pohon").exit_code == 0
    text = " ".join(t for g in boxes_in(out.read_bytes()).values() for t in texts(g))
    for code in ("K101", "K201", "K301", "K302"):
        assert code in text


@pytest.mark.parametrize("name", ["sampang", "probolinggo"])
@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_fixture_png_and_pdf_are_written(tmp_path, name, fmt):
    if find_backend() is None:
        pytest.skip("neither Graphviz dot nor pygraphviz is installed")
    out = tmp_path / f"pohon-{name}.{fmt}"
    args = ["--tanpa-iki"] if (name, fmt) == ("probolinggo", "png") else ["--arah", "LR"]
    result = run("render", FIXTURES / f"{name}.yaml", "-o", out, "--periode", "TW4", *args)
    assert result.exit_code == 0, result.output
    keep(out)
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n" if fmt == "png" else b"%PDF-")
    assert len(data) > 10_000


# --- options ----------------------------------------------------------------------------------------------

def draw_svg(tmp_path, *args, elemen=ELEMEN):
    out = tmp_path / "p.svg"
    result = run("render", write(tmp_path, elemen), "-o", out, "--timpa", *args)
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def heads_drawn(svg: bytes) -> set[str]:
    ids = {e["id"] for e in ELEMEN}
    return {t for g in boxes_in(svg).values() for t in tokens(g) if t in ids}


def test_akar_draws_the_subtree_under_an_element(tmp_path):
    assert heads_drawn(draw_svg(tmp_path, "--akar", "ia")) == {"sa", "ia", "ska", "ika", "iki1"}


def test_kedalaman_limits_the_levels(tmp_path):
    assert heads_drawn(draw_svg(tmp_path, "--kedalaman", "2")) == {"t1", "s1", "iku1", "iku2", "yatim"}
    assert heads_drawn(draw_svg(tmp_path, "--akar", "s1", "--kedalaman", "2")) == {"s1", "iku1", "iku2", "sa", "ia",
                                                                                   "sb", "ib"}


def test_unit_draws_one_bidang(tmp_path):
    assert heads_drawn(draw_svg(tmp_path, "--unit", "kabid_a")) == {"sa", "ia", "ska", "ika", "iki1", "yatim"}


def test_tanpa_iki_stops_at_eselon_iv(tmp_path):
    drawn = heads_drawn(draw_svg(tmp_path, "--tanpa-iki"))
    assert "ska" in drawn and not drawn & {"iki1", "yatim"}


def test_arah_sets_the_direction(tmp_path):
    for arah in ("TB", "LR"):
        out = tmp_path / f"p-{arah}.dot"
        assert run("render", write(tmp_path), "-o", out, "--arah", arah).exit_code == 0
        assert f'rankdir="{arah}"' in out.read_text(encoding="utf-8")


@needs_dot
def test_periode_colours_by_that_periods_capaian(tmp_path):
    elemen = [dict(e, target=None, realisasi=None) if e["id"] == "iku1" else e for e in ELEMEN]
    path = write(tmp_path, [{k: v for k, v in e.items() if v is not None} for e in elemen],
                 capaian=[{"id": "iku1", "periode": "TW1", "target": 10, "realisasi": 2},
                          {"id": "iku1", "periode": "TW2", "target": 10, "realisasi": 10}])
    fills = {}
    for periode in ("TW1", "TW2"):
        out = tmp_path / f"{periode}.svg"
        assert run("render", path, "-o", out, "--periode", periode, "--tanpa-pita").exit_code == 0
        box = next(g for g in boxes_in(out.read_bytes()).values() if "iku1" in tokens(g))
        fills[periode] = [p.get("fill") for p in box.iter(f"{SVG}polygon")]
    colors = category_colors(ScoreOptions().skala)
    assert colors["Sangat Rendah"] in fills["TW1"] and colors["Sangat Tinggi"] in fills["TW2"]


def test_unknown_akar_or_unit_is_a_clean_error(tmp_path):
    path = write(tmp_path)
    for args, word in ((["--akar", "tidak_ada"], "--akar"), (["--unit", "tidak_ada"], "--unit")):
        result = run("render", path, "-o", tmp_path / "p.svg", *args)
        assert result.exit_code == 2 and word in result.output and str(path) in result.output  # which cascade


def test_unknown_output_suffix_is_a_clean_error(tmp_path):
    result = run("render", write(tmp_path), "-o", tmp_path / "p.jpg")
    assert result.exit_code == 2 and ".svg" in result.output
    bare = run("render", write(tmp_path), "-o", tmp_path / "pohon")
    assert bare.exit_code == 2 and "tanpa akhiran; gunakan .svg" in bare.output and ".?" not in bare.output


# --- links and bands ----------------------------------------------------------------------------------------

@needs_dot
def test_crosscutting_and_undeclared_cross_unit_links_are_dashed(tmp_path):
    svg = draw_svg(tmp_path)
    edges = edges_in(svg)
    kinds = {}
    for g in edges.values():
        kind = next(c for c in g.get("class").split() if c.startswith("sisi-"))
        kinds.setdefault(kind, []).append(g)
    assert len(kinds["sisi-crosscutting"]) == 1  # ika -> ib, declared
    assert len(kinds["sisi-lintas-unit"]) == 1  # iki1 -> ib, undeclared
    for kind in ("sisi-crosscutting", "sisi-lintas-unit"):
        assert kinds[kind][0].find(f"{SVG}path").get("stroke-dasharray")
    assert not any(g.find(f"{SVG}path").get("stroke-dasharray") for g in kinds["sisi-biasa"])


@needs_dot
def test_level_bands_are_clusters(tmp_path):
    root = ET.fromstring(draw_svg(tmp_path))
    bands = {g.get("id") for g in root.iter(f"{SVG}g") if "cluster" in (g.get("class") or "")}
    assert bands == {"pita-0", "pita-1", "pita-2", "pita-3", "pita-4"}
    root = ET.fromstring(draw_svg(tmp_path, "--tanpa-pita"))
    assert not [g for g in root.iter(f"{SVG}g") if "cluster" in (g.get("class") or "")]


def test_bands_follow_role_and_eselon(tmp_path):
    G = audit(load_cascade(write(tmp_path))).graph
    assert [owner_band(G, j["id"]) for j in JABATAN] == [STRATEGIS, PROGRAM, PROGRAM, KEGIATAN, INDIVIDU]
    bands = {b.head: b.band for b in build_pohon(G).boxes.values()}
    assert bands["t1"] == TUJUAN and bands["sa"] == PROGRAM and bands["yatim"] == INDIVIDU


def test_indicators_are_listed_inside_their_sasaran(tmp_path):
    pohon = build_pohon(audit(load_cascade(write(tmp_path))).graph)
    elements = {b.head: b.elements for b in pohon.boxes.values()}
    assert elements["s1"] == ("s1", "iku1", "iku2") and elements["yatim"] == ("yatim",)
    assert elements["iki1"] == ("iki1",)  # an IKI under another position's indicator has its own box


# --- size limits, fallback layout, splitting -------------------------------------------------------------

def test_svg_over_the_box_limit_falls_back_to_the_tidy_tree(tmp_path):
    out = tmp_path / "p.svg"
    result = run("render", FIXTURES / "probolinggo.yaml", "-o", out, "--batas-kotak", "10")
    assert result.exit_code == 0
    assert "pohon rapi" in result.output and "melebihi batas 10" in result.output
    assert len(boxes_in(out.read_bytes())) == 67


def test_png_over_the_box_limit_says_so_and_offers_to_split(tmp_path):
    out = tmp_path / "p.png"
    result = run("render", FIXTURES / "probolinggo.yaml", "-o", out, "--batas-kotak", "10")
    assert result.exit_code == 2
    assert "67 kotak" in result.output and "--pisah sasaran" in result.output and "--pisah unit" in result.output
    assert not out.exists()


@pytest.mark.parametrize("by,first", [("sasaran", "p-01-kadis.s1.svg"), ("unit", "p-01-sekretaris.svg")])
def test_pisah_writes_one_file_per_part(tmp_path, by, first):
    result = run("render", FIXTURES / "probolinggo.yaml", "-o", tmp_path / "p.svg", "--pisah", by,
                 "--tata-letak", "pohon")
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in tmp_path.glob("p-*.svg"))
    assert written[0] == first and len(written) >= 5
    total = sum(len(boxes_in(p.read_bytes())) for p in tmp_path.glob("p-*.svg"))
    assert total >= 67


def test_large_generated_cascade_uses_the_tidy_tree(tmp_path):
    generated = generate(positions=2500, seed=7)
    path = tmp_path / "besar.json"
    path.write_text(json.dumps(generated.document), encoding="utf-8")
    out = tmp_path / "besar.svg"
    result = run("render", path, "-o", out, "--batas-kotak", "1000")
    assert result.exit_code == 0 and "pohon rapi" in result.output
    assert len(boxes_in(out.read_bytes())) == len(expected_heads(load_cascade(path))) > 2000


@pytest.mark.parametrize("seed", range(30))
def test_tidy_layout_never_overlaps_and_centres_parents(seed):
    rng = random.Random(seed)
    n = rng.randint(2, 400)
    children, depth = [[] for _ in range(n)], [0] * n
    for v in range(1, n):
        parent = rng.randrange(max(0, v - rng.choice([1, 5, 50, v])), v)
        children[parent].append(v)
        depth[v] = depth[parent] + 1
    width = [rng.uniform(5, 120) for _ in range(n)]
    x = tidy_positions(children, 0, width, 4.0)
    order = []  # left-to-right order of each level, from a depth-first walk
    stack = [0]
    while stack:
        v = stack.pop()
        order.append(v)
        stack.extend(reversed(children[v]))
    levels = {}
    for v in order:
        levels.setdefault(depth[v], []).append(v)
    for row in levels.values():
        for a, b in zip(row, row[1:]):
            assert x[b] - x[a] >= (width[a] + width[b]) / 2 + 4 - 1e-6
    for v, kids in enumerate(children):
        if kids:
            assert x[v] == pytest.approx((x[kids[0]] + x[kids[-1]]) / 2)


# --- Graphviz back-ends ----------------------------------------------------------------------------------

SMALL_DOT = 'digraph { a [label="Halo"]; a -> b; }'


@needs_pygraphviz
@pytest.mark.parametrize("fmt,magic", [("svg", b"<?xml"), ("png", b"\x89PNG"), ("pdf", b"%PDF-")])
def test_pygraphviz_bundled_graphviz_renders_without_dot(fmt, magic):
    assert run_graphviz(SMALL_DOT, fmt, timeout=60, backend="pygraphviz").startswith(magic)


@needs_dot
def test_dot_is_stopped_after_the_timeout():
    big = "digraph {" + " ".join(f"n{i} -> n{(i * 7919) % 3000};" for i in range(3000)) + "}"
    with pytest.raises(CascadeError, match="tidak selesai dalam"):
        run_graphviz(big, "svg", timeout=0.05, backend="dot")


def test_without_any_graphviz_svg_uses_the_tidy_tree_and_png_is_a_clean_error(tmp_path, monkeypatch):
    monkeypatch.setattr("visualize.render.find_backend", lambda preferred=None: None)
    monkeypatch.setattr("visualize.graphviz_run.find_backend", lambda preferred=None: None)
    result = run("render", write(tmp_path), "-o", tmp_path / "p.svg")
    assert result.exit_code == 0 and "pohon rapi" in result.output
    result = run("render", write(tmp_path), "-o", tmp_path / "p.png")
    assert result.exit_code == 2 and "Graphviz tidak tersedia" in result.output


# --- files ------------------------------------------------------------------------------------------------

def test_never_overwrites_the_input(tmp_path):
    path = write(tmp_path)
    before = path.read_bytes()
    link = tmp_path / "pohon.svg"
    link.symlink_to(path)
    result = run("render", path, "-o", link)
    assert result.exit_code == 2 and "file masukan" in result.output
    assert path.read_bytes() == before and link.is_symlink()


def test_output_is_replaced_atomically(tmp_path):
    out = tmp_path / "p.dot"
    out.write_text("lama", encoding="utf-8")
    assert run("render", write(tmp_path), "-o", out, "--timpa").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("digraph")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kaskade.yaml", "p.dot"]  # no temporary file left


@pytest.mark.parametrize(("command", "name"), [("render", "pohon.svg"), ("matrix", "matriks.xlsx"),
                                               ("report", "laporan.html"), ("matrix", "matriks.csv")])
def test_an_existing_file_is_replaced_only_with_timpa(tmp_path, command, name):
    out = tmp_path / name
    out.write_bytes(b"workbook instansi lain")
    refused = run(command, write(tmp_path), "-o", out)
    assert refused.exit_code == 2 and "sudah ada; tambahkan --timpa" in refused.output
    assert out.read_bytes() == b"workbook instansi lain"
    assert run(command, write(tmp_path), "-o", out, "--timpa").exit_code == 0
    assert out.read_bytes() != b"workbook instansi lain"


def test_split_parts_are_all_checked_before_any_is_written(tmp_path):
    path = write(tmp_path)
    assert run("render", path, "-o", tmp_path / "p.svg", "--pisah", "sasaran").exit_code == 0
    parts = sorted(tmp_path.glob("p-*.svg"))
    assert len(parts) > 1
    parts[-1].write_bytes(b"lama")
    for part in parts[:-1]:
        part.unlink()
    refused = run("render", path, "-o", tmp_path / "p.svg", "--pisah", "sasaran")
    assert refused.exit_code == 2 and parts[-1].name in refused.output
    assert sorted(tmp_path.glob("p-*.svg")) == [parts[-1]]  # nothing written next to the refused part


def test_broken_input_is_a_located_error_without_traceback(tmp_path):
    bad = tmp_path / "rusak.yaml"
    bad.write_text("organisasi: {kode: x\n", encoding="utf-8")
    for command, suffix in (("render", "svg"), ("matrix", "xlsx"), ("report", "html")):
        result = run(command, bad, "-o", tmp_path / f"x.{suffix}")
        assert result.exit_code == 2 and "rusak.yaml" in result.output and "baris" in result.output


def test_doctests_of_the_visualize_modules():
    import doctest

    from visualize import (content, escape, levels, matrix, matrix_csv, matrix_markdown, palette, pohon, split,
                           tidy)

    for module in (content, escape, levels, matrix, matrix_csv, matrix_markdown, palette, pohon, split, tidy):
        assert doctest.testmod(module).failed == 0, module.__name__


def test_cycles_and_unknown_positions_still_draw(tmp_path):
    elemen = [
        {"id": "a", "jenis": "sasaran", "uraian": "A", "jabatan": "kadis", "induk": ["c"]},
        {"id": "b", "jenis": "sasaran", "uraian": "B", "jabatan": "staf_a", "induk": ["a"]},
        {"id": "c", "jenis": "indikator", "uraian": "C", "jabatan": "staf_a", "induk": ["b"]},
        {"id": "d", "jenis": "indikator", "uraian": "D", "jabatan": "hantu", "induk": ["a"]},
    ]
    path = write(tmp_path, elemen)
    for layout in ("otomatis", "pohon"):
        out = tmp_path / f"{layout}.svg"
        assert run("render", path, "-o", out, "--tata-letak", layout).exit_code == 0
        assert len(boxes_in(out.read_bytes())) == 3
        assert "capaian tidak dapat dihitung (siklus)" in " ".join(
            t for g in boxes_in(out.read_bytes()).values() for t in texts(g))
    bands = {b.head: b.band for b in build_pohon(audit(load_cascade(path)).graph).boxes.values()}
    assert bands["d"] == PROGRAM  # unknown owner: one band below the box it supports
    assert run("matrix", path, "-o", tmp_path / "m.xlsx").exit_code == 0
    assert run("report", path, "-o", tmp_path / "l.html").exit_code == 0


@pytest.mark.parametrize(("command", "name"), [("render", "pohon.svg"), ("matrix", "matriks.xlsx"),
                                               ("report", "laporan.html")])
def test_an_existing_output_is_refused_before_the_cascade_is_read(tmp_path, monkeypatch, command, name):
    """At 10^5 elements, `report` worked 15 s (and `matrix` minutes) before saying the output exists."""
    import sys

    def never(*args, **kwargs):
        raise AssertionError("the cascade was read before the output was checked")

    monkeypatch.setattr(sys.modules["cascade.cli.render"], "load_cascade", never)  # the module, not the command
    (tmp_path / name).write_bytes(b"lama")
    refused = run(command, write(tmp_path), "-o", tmp_path / name)
    assert refused.exit_code == 2 and "sudah ada; tambahkan --timpa" in refused.output


def test_each_sasaran_part_starts_at_the_tujuan_it_supports(tmp_path):
    """The tujuan went to a last 'lainnya' part with the orphans: a part now reads from the top."""
    from visualize.pohon import build_pohon
    from visualize.split import split

    G = audit(load_cascade(write(tmp_path))).graph  # t1 <- s1 <- ... and an orphan
    pohon = build_pohon(G)
    parts = dict(split(pohon, G, "sasaran"))
    tujuan = pohon.box_of["t1"]
    assert tujuan in parts["s1"].boxes and [link for link in parts["s1"].links if link.parent == tujuan]
    assert tujuan not in parts["lainnya"].boxes and pohon.box_of["yatim"] in parts["lainnya"].boxes


def test_the_guide_documents_tandai_with_the_values_and_default_of_the_cli():
    """The guide said `--tandai error|warning|info`, bawaan `warning`; `render --help` says peringatan."""
    from cascade.cli.render import render

    option = next(p for p in render.params if p.name == "tandai")
    row = next(line for line in (ROOT / "docs" / "visual.md").read_text(encoding="utf-8").splitlines()
               if line.startswith("| `--tandai "))
    values = re.match(r"\| `--tandai ([^`]+)`", row).group(1).split("\\|")
    assert set(values) <= set(option.type.choices) and option.default in values
    assert f"bawaan `{option.default}`" in row


def test_a_province_is_split_per_agency_sasaran_without_drawing_each_agency_again_above_it(tmp_path):
    """The kepala daerah's sasaran strategis stand above every agency's: its part stops at them, so the
    report and --pisah sasaran draw each box about once, not once per level of sasaran strategis."""
    from cascade.graph import build_graph
    from visualize.split import named_parts

    path = tmp_path / "provinsi.json"
    path.write_text(json.dumps(generate(positions=600, seed=3, agencies=3).document), encoding="utf-8")
    G = build_graph(load_cascade(path))
    whole = build_pohon(G)
    parts = named_parts(whole, G, "sasaran")
    drawn = [key for _, part in parts for key in part.boxes]
    assert set(drawn) == set(whole.boxes)
    assert len(drawn) < 1.1 * len(whole.boxes), [(name, len(part.boxes)) for name, part in parts]
    assert sum(name is not None and ".kadis." in name for name, _ in parts) >= 3  # each agency's own parts
