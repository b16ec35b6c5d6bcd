"""`cascade matrix`: the matriks cascading in xlsx, html, md and csv."""

import csv
import io
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from openpyxl import load_workbook

from cascade import build_graph, load_cascade
from cascade.capaian import ScoreOptions
from cascade.cli import main
from visualize.matrix import COLUMNS, cascade_matrix, spans

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"

JABATAN = [
    {"id": "kadis", "nama": "Kepala Dinas", "eselon": "II"},
    {"id": "kabid", "nama": "Kepala Bidang Rehabilitasi Sosial", "eselon": "III", "atasan": "kadis"},
    {"id": "kasi", "nama": "Kepala Seksi Rehabilitasi Anak", "eselon": "IV", "atasan": "kabid"},
    {"id": "staf", "nama": "Pengelola Data Anak", "eselon": "pelaksana", "atasan": "kasi"},
    {"id": "staf2", "nama": "Pengadministrasi Umum", "eselon": "pelaksana", "atasan": "kasi"},
]
ELEMEN = [
    {"id": "t1", "jenis": "tujuan", "uraian": "Meningkatnya kesejahteraan sosial", "jabatan": "kadis"},
    {"id": "s1", "jenis": "sasaran", "uraian": "Meningkatnya kualitas hidup PMKS", "jabatan": "kadis", "induk": ["t1"]},
    {"id": "iku1", "jenis": "indikator", "uraian": "Persentase PMKS tertangani", "jabatan": "kadis", "induk": ["s1"],
     "target": "80", "realisasi": "72"},
    {"id": "sp", "jenis": "sasaran", "uraian": "Meningkatnya layanan rehabilitasi", "jabatan": "kabid",
     "induk": ["iku1"]},
    {"id": "ip", "jenis": "indikator", "uraian": "Persentase anak terlantar terlayani", "jabatan": "kabid",
     "induk": ["sp"]},
    {"id": "sk", "jenis": "sasaran", "uraian": "Terlaksananya rehabilitasi anak", "jabatan": "kasi", "induk": ["ip"]},
    {"id": "ik", "jenis": "indikator", "uraian": "Jumlah anak direhabilitasi", "jabatan": "kasi", "induk": ["sk"]},
    {"id": "iki_a", "jenis": "indikator", "uraian": "Jumlah data anak diverifikasi", "jabatan": "staf", "induk": ["ik"],
     "target": "1.000", "realisasi": "900"},
    {"id": "iki_b", "jenis": "indikator", "uraian": "Persentase data anak mutakhir", "jabatan": "staf", "induk": ["ik"],
     "polaritas": "rentang", "target": "60-80", "realisasi": "70"},
    {"id": "iki_c", "jenis": "indikator", "uraian": "=SUM(A1:A9) surat keluar", "jabatan": "staf2", "induk": ["ik"]},
]


def write(tmp_path, elemen=ELEMEN):
    path = tmp_path / "kaskade.yaml"
    data = {"organisasi": {"kode": "uji", "nama": "Dinas Uji"}, "jabatan": JABATAN, "elemen": elemen}
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def rows(tmp_path):
    return cascade_matrix(build_graph(load_cascade(write(tmp_path))), ScoreOptions())


def test_rows_follow_the_cascade_with_one_column_per_level(rows):
    assert [r.ids for r in rows] == [
        (("t1",), (), ("s1",), ("iku1",), ("sp",), ("ip",), ("sk",), ("ik",), ("staf",), ("iki_a",)),
        (("t1",), (), ("s1",), ("iku1",), ("sp",), ("ip",), ("sk",), ("ik",), ("staf",), ("iki_b",)),
        (("t1",), (), ("s1",), ("iku1",), ("sp",), ("ip",), ("sk",), ("ik",), ("staf2",), ("iki_c",)),
    ]
    assert rows[0].texts[8] == "Pengelola Data Anak" and rows[0].texts[2] == "Meningkatnya kualitas hidup PMKS"
    assert (rows[0].target, rows[0].realisasi, rows[0].capaian) == (1000, 900, 90)
    assert str(rows[1].target) == "60-80" and rows[1].capaian == 100 and rows[2].capaian is None


def test_upper_levels_join_over_the_rows_below_them(rows):
    assert spans(rows, 0) == [3, 0, 0]
    assert spans(rows, 8) == [2, 0, 1]  # the same jabatan holds the first two IKI
    assert spans(rows, 9) == [1, 1, 1]


def test_sampang_matrix(tmp_path):
    rows = cascade_matrix(build_graph(load_cascade(FIXTURES / "sampang.yaml")), ScoreOptions())
    assert len(rows) == 24
    kasubbag = next(r for r in rows if r.ids[7] == ("kasubbag.s1.i1",))
    assert kasubbag.ids[2:7] == (("kadis.s1",), (), ("sek.s1",), (), ("kasubbag.s1",))


def test_xlsx_has_merged_hierarchy_frozen_header_fitting_widths_and_numbers(tmp_path):
    out = tmp_path / "matriks.xlsx"
    result = run("matrix", write(tmp_path), "-o", out)
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out).active
    assert [c.value for c in sheet[1]] == list(COLUMNS)
    assert sheet.freeze_panes == "A2"
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A2:A4", "C2:C4", "H2:H4", "I2:I3"} <= merged and not any(r.startswith(("B", "J")) for r in merged)
    widths = {c: sheet.column_dimensions[c].width for c in "ABCDEFGHIJKLM"}
    assert widths["C"] >= len("Meningkatnya kualitas hidup PMKS")
    assert widths["J"] >= len("Persentase data anak mutakhir")
    assert all(w <= 47 for w in widths.values())
    target, realisasi, capaian = sheet["K2"], sheet["L2"], sheet["M2"]
    assert (target.value, realisasi.value) == (1000, 900) and target.data_type == "n"
    assert capaian.value == pytest.approx(0.9) and capaian.number_format == "0.0%"
    assert sheet["K3"].value == "60-80"
    assert sheet["J4"].value == "=SUM(A1:A9) surat keluar" and sheet["J4"].data_type == "s"
    assert sheet.page_setup.orientation == "landscape"


def test_fixture_xlsx_opens_and_matches_the_rows(tmp_path):
    out = tmp_path / "matriks.xlsx"
    assert run("matrix", FIXTURES / "probolinggo.yaml", "-o", out, "--periode", "TW4").exit_code == 0
    sheet = load_workbook(out).active
    rows = cascade_matrix(build_graph(load_cascade(FIXTURES / "probolinggo.yaml")), ScoreOptions(periode="TW4"))
    assert sheet.max_row == len(rows) + 1
    numbers = [c.value for c in sheet["M"][1:] if c.value is not None]
    assert numbers and all(isinstance(v, (int, float)) for v in numbers)


def test_html_uses_rowspan(tmp_path):
    out = tmp_path / "matriks.html"
    assert run("matrix", write(tmp_path), "-o", out).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert page.count('rowspan="3"') == 7 and page.count('rowspan="2"') == 1
    assert "<script" not in page and not re.search(r"(src|href)=", page)


def test_markdown_leaves_repeated_levels_blank(tmp_path):
    out = tmp_path / "matriks.md"
    assert run("matrix", write(tmp_path), "-o", out).exit_code == 0
    lines = [line for line in out.read_text(encoding="utf-8").splitlines() if line.startswith("| ")]
    assert lines[0].startswith("| Tujuan | Indikator tujuan | Sasaran strategis | IKU |")
    assert lines[1].startswith("| Meningkatnya kesejahteraan sosial |") and lines[2].startswith("|  |  |")
    assert "1.000 | 900 | 90%" in lines[1]


def test_csv_repeats_every_level_and_neutralises_formulas(tmp_path):
    out = tmp_path / "matriks.csv"
    assert run("matrix", write(tmp_path), "-o", out).exit_code == 0
    table = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert table[0] == list(COLUMNS) and len(table) == 4
    assert all(row[0] == "Meningkatnya kesejahteraan sosial" for row in table[1:])
    assert table[1][10:] == ["1000", "900", "90"] and table[2][10] == "60-80"
    assert table[3][9] == "'=SUM(A1:A9) surat keluar"


def test_matrix_never_overwrites_a_table_of_a_csv_folder(tmp_path):
    folder = tmp_path / "kaskade"
    folder.mkdir()
    (folder / "organisasi.csv").write_text("kunci,nilai\nkode,x\nnama,X\n", encoding="utf-8")
    (folder / "elemen.csv").write_text("id,jenis,uraian\ns1,sasaran,Meningkatnya layanan\n", encoding="utf-8")
    before = (folder / "elemen.csv").read_bytes()
    result = run("matrix", folder, "-o", folder / "elemen.csv")
    assert result.exit_code == 2 and "masukan" in result.output
    assert (folder / "elemen.csv").read_bytes() == before
    assert run("matrix", folder, "-o", folder / "matriks.csv").exit_code == 0


def test_unknown_matrix_suffix_is_a_clean_error(tmp_path):
    result = run("matrix", write(tmp_path), "-o", tmp_path / "m.docx")
    assert result.exit_code == 2 and ".xlsx" in result.output


def xlsx_with_iki_a(tmp_path, target, realisasi):
    """The xlsx matrix of the small cascade, with iki_a's target and realisasi as typed."""
    out = tmp_path / "matriks.xlsx"
    elemen = [dict(e) for e in ELEMEN]
    iki = next(e for e in elemen if e["id"] == "iki_a")
    iki["target"], iki["realisasi"] = target, realisasi
    assert run("matrix", write(tmp_path, elemen), "-o", out).exit_code == 0
    return load_workbook(out).active


def test_xlsx_whole_numbers_have_no_trailing_decimal_separator(tmp_path):
    sheet = xlsx_with_iki_a(tmp_path, "1.000", "912,5")
    assert (sheet["K2"].value, sheet["K2"].number_format) == (1000, "#,##0")
    assert sheet["L2"].value == pytest.approx(912.5) and sheet["L2"].number_format == "#,##0.0#"
    assert sheet["K3"].value == "60-80" and sheet["L3"].number_format == "#,##0"


def test_fixture_xlsx_numbers_never_use_the_trailing_separator_format(tmp_path):
    for fixture in ("sampang.yaml", "probolinggo.yaml"):
        out = tmp_path / f"{fixture}.xlsx"
        assert run("matrix", FIXTURES / fixture, "-o", out).exit_code == 0
        sheet = load_workbook(out).active
        for cell in (*sheet["K"][1:], *sheet["L"][1:]):
            if isinstance(cell.value, (int, float)):
                whole = float(cell.value).is_integer()
                assert cell.number_format == ("#,##0" if whole else "#,##0.0#"), (cell.coordinate, cell.value)


def test_an_indikator_tujuan_has_its_own_column_and_the_tujuan_one_cell(tmp_path):
    """It once shared the Tujuan cell ("tujuan / indikator"), so the tujuan showed twice in the LKjIP table."""
    elemen = [*ELEMEN, {"id": "it", "jenis": "indikator", "uraian": "Indeks kesejahteraan sosial", "jabatan": "kadis",
                        "induk": ["t1"], "target": "70", "realisasi": "63"}]
    rows = cascade_matrix(build_graph(load_cascade(write(tmp_path, elemen))), ScoreOptions())
    tujuan_row = next(r for r in rows if r.ids[1])
    assert tujuan_row.ids[:3] == (("t1",), ("it",), ()) and tujuan_row.texts[0] == "Meningkatnya kesejahteraan sosial"
    assert tujuan_row.capaian == 90
    assert spans(rows, 0) == [len(rows)] + [0] * (len(rows) - 1)


def test_every_format_but_csv_states_the_period_it_shows(tmp_path):
    """A TW2 matrix could pass for the annual one: nothing in it named its period."""
    path = write(tmp_path)
    for suffix in ("html", "md", "xlsx", "csv"):
        assert run("matrix", path, "-o", tmp_path / f"tw2.{suffix}", "--periode", "TW2").exit_code == 0
    assert run("matrix", path, "-o", tmp_path / "tahunan.html").exit_code == 0
    heading = "Matriks cascading Dinas Uji, capaian periode TW2"
    page = (tmp_path / "tw2.html").read_text(encoding="utf-8")
    assert f"<title>{heading}</title>" in page and f"<h1>{heading}</h1>" in page
    assert "<h1>Matriks cascading Dinas Uji, capaian periode tahunan</h1>" in (tmp_path / "tahunan.html").read_text(
        encoding="utf-8")
    assert (tmp_path / "tw2.md").read_text(encoding="utf-8").splitlines()[0] == f"# {heading}"
    book = load_workbook(tmp_path / "tw2.xlsx")
    sheet = book.active
    assert [c.value for c in sheet[1]] == list(COLUMNS) and sheet.max_row == 4  # header and rows as before
    assert "periode TW2" in sheet["M1"].comment.text
    assert sheet.oddHeader.right.text == "capaian periode TW2" and book.properties.title == heading
    table = list(csv.reader(io.StringIO((tmp_path / "tw2.csv").read_text(encoding="utf-8"))))
    assert table[0] == list(COLUMNS) and not any("TW2" in cell for row in table for cell in row)


def test_xlsx_page_header_keeps_an_ampersand_literal(tmp_path):
    """A lone & starts an Excel header code (&P is the page number), so the name's & is doubled."""
    path = write(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("Dinas Uji", "Dinas Sosial & PPPA"), encoding="utf-8")
    assert run("matrix", path, "-o", tmp_path / "m.xlsx").exit_code == 0
    assert load_workbook(tmp_path / "m.xlsx").active.oddHeader.center.text == "Matriks cascading Dinas Sosial && PPPA"


def test_html_columns_share_the_width_that_the_numbers_leave(rows):
    """Sized by the browser, a column of long unbroken words pushed the printed table off the page."""
    from visualize.matrix_html import table

    page = table(rows, {})
    columns = re.findall(r"<th(?: style=\"width:(\d+)ch\")?>", page)
    assert len(columns) == len(COLUMNS)
    assert columns[1] and not any(columns[:1] + columns[2:10])  # no indikator tujuan here: only its heading's width
    assert [int(w) for w in columns[10:]] == [len("Target") + 2, len("Realisasi") + 2, len("Capaian") + 2]


def test_xlsx_capaian_is_rounded_down_as_everywhere_else(tmp_path):
    """Excel's 0.0% would show 90,96 as 91,0% beside the 'Tinggi' colour of a value below 91."""
    assert xlsx_with_iki_a(tmp_path, "1.000", "909,6")["M2"].value == pytest.approx(0.909)
