"""`cascade import`, `export` and `template`: workbooks and CSV folders in and out, losing nothing.

Round trips are asserted on the real fixtures and on a small cascade that uses every column,
every kind of awkward text (formula-like, unicode, long, multi-line) and numbers that only read
back right when written carefully (`1.125`, which Indonesian style reads as 1125).
"""

import csv
import doctest
import errno
import os
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import models.cells
import models.errors
import models.headers
import models.sheets
from cascade.audit import audit
from cascade.capaian import ScoreOptions, score
from cascade.graph import build_graph
from cascade.cli import main
from models import Cascade, load_cascade
from models.numbers import format_number
from models.loaders import build_cascade
from models.numbers import parse_number
from models.output import save_cascade, write_bytes

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
TABLES = ("organisasi", "jabatan", "elemen", "capaian")

LONG = "Persentase " + "layanan sosial yang tertangani " * 700  # about 21,000 characters

RICH = {
    "organisasi": {"kode": "uji", "nama": "Dinas Uji — Café ☕ اختبار", "tahun": "2025", "pemda": "Kab. Contoh"},
    "jabatan": [
        {"id": "kadis", "nama": "Kepala Dinas", "eselon": "II", "pegawai": "Dra. Ñusa", "nip": "19670711 198809 1 001"},
        {"id": "kabid", "nama": "Kepala Bidang", "eselon": "III", "atasan": "kadis"},
        {"id": "staf", "nama": "=Staf Pelaksana", "eselon": "pelaksana", "atasan": "kabid"},
    ],
    "elemen": [  # ids deliberately out of alphabetical order
        {"id": "z.s1", "jenis": "sasaran", "uraian": "Meningkatnya layanan 🙂", "jabatan": "kadis"},
        {"id": "m.p1", "jenis": "program", "uraian": "Program Perlindungan", "jabatan": "kadis", "induk": ["z.s1"],
         "kode": "1.06.01"},
        {"id": "a.iku", "jenis": "iku", "uraian": "-Indeks kepuasan", "jabatan": "kadis", "induk": ["z.s1"],
         "polaritas": "rentang", "target": "60-80,5", "realisasi": "1,125", "satuan": "indeks",
         "formula": "=SUM(A1:A9)", "sumber_data": "@survei", "agregasi": "terakhir"},
        {"id": "b.s2", "jenis": "sasaran", "uraian": "+Sasaran bidang\nbaris kedua\r\nbaris ketiga", "jabatan": "kabid",
         "induk": ["a.iku"]},
        {"id": "c.iki", "jenis": "indikator", "uraian": LONG, "jabatan": "staf", "induk": ["b.s2", "z.s1"],
         "crosscutting": ["z.s1"], "target": "1.000", "realisasi": "0", "bobot": "0,5", "abaikan": ["K402", "orphan"],
         "formula": "'kutip tunggal", "sumber_data": "teks _x000D_ apa adanya \x07 bel"},
        {"id": "d.neg", "jenis": "indikator", "uraian": "Jumlah aduan", "jabatan": "kabid", "induk": ["b.s2"],
         "polaritas": "negatif", "target": "1e20", "realisasi": "-3,5", "satuan": "aduan"},
    ],
    "capaian": [
        {"id": "a.iku", "periode": "TW1", "target": "70", "realisasi": "65,25"},
        {"id": "c.iki", "periode": "2025", "target": "90%"},
    ],
}


# --- helpers ------------------------------------------------------------------------------------


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def rich() -> Cascade:
    return build_cascade(RICH, lambda table, i: f"{table}[{i}]", "rich")


def assert_same(a: Cascade, b: Cascade) -> None:
    for table in TABLES:
        assert getattr(a, table) == getattr(b, table), table


def workbook_cells(path: Path) -> dict[str, list[list[object]]]:
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        return {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in workbook.worksheets}
    finally:
        workbook.close()


def csv_texts(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# --- round trips ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["probolinggo", "sampang"])
@pytest.mark.parametrize("output", ["kaskade.xlsx", "kaskade_csv"])
def test_fixture_round_trips_through_export_and_import(tmp_path, name, output):
    original = load_cascade(FIXTURES / f"{name}.yaml")
    exported, imported = tmp_path / output, tmp_path / "kembali.yaml"
    assert run("export", FIXTURES / f"{name}.yaml", "-o", exported).exit_code == 0
    assert run("import", exported, "-o", imported).exit_code == 0
    assert_same(original, load_cascade(exported))
    assert_same(original, load_cascade(imported))


@pytest.mark.parametrize("output", ["a.xlsx", "a_csv", "a.yaml", "a.json"])
def test_every_column_and_awkward_text_survive(tmp_path, output):
    original = rich()
    save_cascade(original, tmp_path / output)
    assert_same(original, load_cascade(tmp_path / output))


def test_csv_reads_back_text_longer_than_pythons_default_cell_limit(tmp_path):
    huge = "Uraian panjang, dengan koma dan \"kutip\". " * 4_000 + "Akhir"  # csv reads 131,072 at most by default
    document = {**RICH, "elemen": [{**RICH["elemen"][0], "uraian": huge}], "capaian": []}
    folder = tmp_path / "a_csv"
    save_cascade(build_cascade(document, lambda t, i: f"{t}[{i}]", "rich"), folder)
    limit = csv.field_size_limit()
    assert load_cascade(folder).elemen[0].uraian == huge
    assert csv.field_size_limit() == limit  # the process-wide limit is put back


def test_rich_cascade_has_the_values_it_claims_to_test():
    cascade = rich()
    by_id = {e.id: e for e in cascade.elemen}
    assert [e.id for e in cascade.elemen] == ["z.s1", "m.p1", "a.iku", "b.s2", "c.iki", "d.neg"]
    assert by_id["a.iku"].realisasi == 1.125 and by_id["c.iki"].target == 1000 and by_id["d.neg"].target == 1e20
    assert len(by_id["c.iki"].uraian) > 20_000 and "\r\n" in by_id["b.s2"].uraian


def test_xlsx_to_yaml_to_xlsx_keeps_every_cell(tmp_path):
    first, yaml_file, second = tmp_path / "a.xlsx", tmp_path / "a.yaml", tmp_path / "b.xlsx"
    save_cascade(rich(), first)
    assert run("import", first, "-o", yaml_file).exit_code == 0
    assert run("export", yaml_file, "-o", second).exit_code == 0
    assert workbook_cells(first) == workbook_cells(second)


def test_fixture_xlsx_to_yaml_to_xlsx_keeps_every_cell(tmp_path):
    first, yaml_file, second = tmp_path / "a.xlsx", tmp_path / "a.yaml", tmp_path / "b.xlsx"
    assert run("export", FIXTURES / "probolinggo.yaml", "-o", first).exit_code == 0
    assert run("import", first, "-o", yaml_file).exit_code == 0
    assert run("export", yaml_file, "-o", second).exit_code == 0
    assert workbook_cells(first) == workbook_cells(second)


def test_csv_to_yaml_to_csv_keeps_every_byte(tmp_path):
    first, yaml_file, second = tmp_path / "a", tmp_path / "a.yaml", tmp_path / "b"
    save_cascade(rich(), first)
    assert run("import", first, "-o", yaml_file).exit_code == 0
    assert run("export", yaml_file, "-o", second).exit_code == 0
    assert csv_texts(first) == csv_texts(second)


texts = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=40) \
    .filter(lambda t: t.strip() == t)


@settings(max_examples=40, deadline=None)
@given(uraian=texts, formula=texts, target=st.floats(allow_nan=False, min_value=0, max_value=1e12))
def test_any_text_and_number_survive_every_format(tmp_path_factory, uraian, formula, target):
    document = {"organisasi": {"kode": "x", "nama": "X"},
                "elemen": [{"id": "e1", "jenis": "sasaran", "uraian": uraian, "formula": formula, "target": target}]}
    original = build_cascade(document, lambda table, i: f"{table}[{i}]", "hypothesis")
    folder = tmp_path_factory.mktemp("bolak_balik")
    for output in ("a.xlsx", "a_csv", "a.yaml", "a.json"):
        save_cascade(original, folder / output)
        assert_same(original, load_cascade(folder / output))


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_format_number_reads_back_exactly(value):
    assert parse_number(format_number(value)) == value


# --- what the workbook looks like ------------------------------------------------------------------


def test_codes_and_ids_are_text_cells_and_numbers_are_numbers(tmp_path):
    path = tmp_path / "a.xlsx"
    save_cascade(rich(), path)
    workbook = openpyxl.load_workbook(path)
    elemen = workbook["elemen"]
    header = [c.value for c in elemen[1]]
    program = elemen[3]
    assert program[header.index("kode")].value == "1.06.01" and program[header.index("kode")].data_type == "s"
    iku = elemen[4]
    assert iku[header.index("target")].value == "60-80.5"
    staff = elemen[6]
    assert staff[header.index("target")].value == 1000 and staff[header.index("target")].data_type == "n"
    assert staff[header.index("induk")].value == "b.s2;z.s1"
    assert elemen.column_dimensions["F"].number_format == "@"  # kode column: typed codes stay text
    kadis = workbook["jabatan"][2]
    assert kadis[5].value == "19670711 198809 1 001" and kadis[5].data_type == "s"


def test_formula_like_text_is_stored_as_text_never_as_formula(tmp_path):
    path = tmp_path / "a.xlsx"
    save_cascade(rich(), path)
    with zipfile.ZipFile(path) as archive:
        xml = "".join(archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/sheet"))
    assert "<f>" not in xml and "<f " not in xml
    workbook = openpyxl.load_workbook(path)
    cells = [c for ws in workbook.worksheets for row in ws.iter_rows(min_row=2) for c in row
             if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert {c.value for c in cells} >= {"=Staf Pelaksana", "-Indeks kepuasan", "=SUM(A1:A9)", "@survei"}
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_formula_like_text_is_escaped_in_csv_and_read_back_unescaped(tmp_path):
    folder = tmp_path / "a"
    save_cascade(rich(), folder)
    with open(folder / "elemen.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    iku = next(r for r in rows if r["id"] == "a.iku")
    assert (iku["formula"], iku["uraian"], iku["sumber_data"]) == ("'=SUM(A1:A9)", "'-Indeks kepuasan", "'@survei")
    assert next(r for r in rows if r["id"] == "c.iki")["formula"] == "''kutip tunggal"
    assert {e.id: e for e in load_cascade(folder).elemen}["a.iku"].formula == "=SUM(A1:A9)"


def test_csv_is_utf8_with_bom_and_comma_separated(tmp_path):
    folder = tmp_path / "a"
    save_cascade(rich(), folder)
    data = (folder / "organisasi.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfkunci,nilai\r\n")
    assert "Café ☕ اختبار".encode() in data


# --- template ----------------------------------------------------------------------------------------


def template(tmp_path, *args) -> Path:
    path = tmp_path / "templat.xlsx"
    result = run("template", "-o", path, *args)
    assert result.exit_code == 0, result.output
    return path


def test_template_has_four_sheets_with_notes_on_every_header(tmp_path):
    workbook = openpyxl.load_workbook(template(tmp_path))
    assert workbook.sheetnames == list(TABLES)
    for ws in workbook.worksheets:
        for cell in ws[1]:
            assert cell.comment is not None and len(cell.comment.text) > 20, (ws.title, cell.value)
    assert "Wajib" in workbook["elemen"]["B1"].comment.text and "sasaran" in workbook["elemen"]["B1"].comment.text


def test_template_dropdowns_and_id_references(tmp_path):
    workbook = openpyxl.load_workbook(template(tmp_path))

    def rules(sheet):
        return {str(v.sqref).split(":")[0]: v.formula1 for v in workbook[sheet].data_validations.dataValidation}

    jabatan, elemen, capaian = rules("jabatan"), rules("elemen"), rules("capaian")
    assert jabatan["C2"] == '"kepala_daerah,I,II,III,IV,fungsional,pelaksana"'  # eselon
    assert jabatan["D2"].startswith("jabatan!$A$2:$A$")  # atasan: ids of this sheet
    assert elemen["B2"] == '"tujuan,sasaran,indikator,iku,iki,program,kegiatan,subkegiatan"'  # jenis
    assert elemen["D2"].startswith("jabatan!$A$2:$A$")  # jabatan
    assert elemen["H2"] == '"positif,negatif,rentang"'  # polaritas
    assert capaian["A2"].startswith("elemen!$A$2:$A$")
    assert capaian["B2"] == '"TW1,TW2,TW3,TW4"'  # periode; a year is typed, with Excel only informing
    assert {str(v.sqref).split(":")[0]: v.errorStyle
            for v in workbook["capaian"].data_validations.dataValidation}["B2"] == "information"
    note = workbook["capaian"]["D1"].comment.text
    assert "bukan kumulatif" in note and workbook["capaian"]["D1"].value == "realisasi"
    styles = {str(v.sqref).split(":")[0]: v.errorStyle for v in workbook["elemen"].data_validations.dataValidation}
    assert styles["B2"] == styles["H2"] == "warning"  # IKI, Negatif, Sub-kegiatan are read too: Excel warns only
    assert workbook["elemen"].column_dimensions["I"].number_format == "@"  # target: a range `1-3` is no date


def test_unfilled_template_imports_as_a_clean_example(tmp_path):
    path = template(tmp_path)
    cascade = load_cascade(path)
    assert [e.id for e in cascade.elemen] == ["contoh.s1", "contoh.iku1", "contoh.sp1", "contoh.ip1"]
    assert run("check", path).exit_code == 0


def test_filled_template_with_header_typos_and_indonesian_numbers_imports(tmp_path):
    path = template(tmp_path)
    workbook = openpyxl.load_workbook(path)
    organisasi = workbook["organisasi"]
    organisasi["A1"], organisasi["B1"] = "Kunci ", "NILAI"
    organisasi["A3"], organisasi["B3"] = "Nama OPD", "Dinas Sosial Kota Probolinggo"
    elemen = workbook["elemen"]
    for cell, header in {"C1": "Indikator Kinerja", "K1": "Formulasi Penghitungan", "L1": "Sumber  Dta",
                         "H1": "POLARITAS", "I1": "Target Kinerja", "E1": "id induk"}.items():
        elemen[cell] = header
    elemen["I3"] = "1.000"  # iku1: thousands dot
    elemen["I5"] = "12,5"  # ip1: decimal comma
    for column, value in zip("ABCDEFGHIJKL", ["ip2", "indikator", "Persentase kasus tertangani", "kabid", "contoh.sp1",
                                              None, "%", None, 0.9, "75%", "a / b x 100%", "Laporan"], strict=True):
        elemen[f"{column}6"] = value
    elemen["I6"].number_format = "0%"  # typed 90% in Excel: stored as 0.9 with a percent format
    workbook.save(path)

    imported = tmp_path / "isi.yaml"
    result = run("import", path, "-o", imported)
    assert result.exit_code == 0, result.output
    cascade = load_cascade(imported)
    by_id = {e.id: e for e in cascade.elemen}
    assert cascade.organisasi.nama == "Dinas Sosial Kota Probolinggo"
    assert by_id["contoh.iku1"].target == 1000 and by_id["contoh.ip1"].target == 12.5
    assert by_id["ip2"].target == 90 and by_id["ip2"].realisasi == 75
    assert by_id["ip2"].formula == "a / b x 100%" and by_id["ip2"].sumber_data == "Laporan"
    assert by_id["ip2"].induk == ("contoh.sp1",)


def test_template_from_a_cascade_copies_organisasi_and_jabatan(tmp_path):
    path = template(tmp_path, "--dari", FIXTURES / "sampang.yaml")
    cascade, source = load_cascade(path), load_cascade(FIXTURES / "sampang.yaml")
    assert cascade.organisasi == source.organisasi and cascade.jabatan == source.jabatan
    assert cascade.elemen == () and cascade.capaian == ()


# --- commands, safety -----------------------------------------------------------------------------------


def test_other_commands_read_workbooks_and_csv_folders(tmp_path):
    workbook, folder = tmp_path / "p.xlsx", tmp_path / "p_csv"
    save_cascade(load_cascade(FIXTURES / "probolinggo.yaml"), workbook)
    save_cascade(load_cascade(FIXTURES / "probolinggo.yaml"), folder)
    expected = run("check", FIXTURES / "probolinggo.yaml", "--format", "json").stdout.replace(
        str(FIXTURES / "probolinggo.yaml"), "SUMBER")
    for source in (workbook, folder):
        result = run("check", source, "--format", "json")
        assert result.exit_code == 1 and result.stdout.replace(str(source), "SUMBER") == expected
        assert run("score", source, "--periode", "TW2").exit_code == 0


def test_a_folder_batch_includes_workbooks_but_not_excel_lock_files(tmp_path):
    save_cascade(load_cascade(FIXTURES / "sampang.yaml"), tmp_path / "sampang.xlsx")
    save_cascade(load_cascade(FIXTURES / "probolinggo.yaml"), tmp_path / "probolinggo_csv")
    (tmp_path / "~$sampang.xlsx").write_bytes(b"kunci Excel")
    result = run("check", tmp_path, "--format", "json")
    assert result.exit_code == 1
    assert "~$" not in result.output and "Sampang" in result.output and "Probolinggo" in result.output


def test_existing_output_is_kept_without_timpa(tmp_path):
    output = tmp_path / "a.yaml"
    output.write_text("lama", encoding="utf-8")
    result = run("import", FIXTURES / "sampang.yaml", "-o", output)
    assert result.exit_code == 2 and "--timpa" in result.output
    assert output.read_text(encoding="utf-8") == "lama"
    assert run("import", FIXTURES / "sampang.yaml", "-o", output, "--timpa").exit_code == 0
    assert load_cascade(output).organisasi == load_cascade(FIXTURES / "sampang.yaml").organisasi


@pytest.mark.parametrize("command", ["export", "import"])
def test_the_input_is_never_overwritten_even_with_timpa(tmp_path, command):
    source = tmp_path / ("a.xlsx" if command == "export" else "a.yaml")
    save_cascade(load_cascade(FIXTURES / "sampang.yaml"), source)
    before = source.read_bytes()
    result = run(command, source, "-o", tmp_path / "." / source.name, "--timpa")
    assert result.exit_code == 2 and "masukan" in result.output
    assert source.read_bytes() == before


def test_failed_write_leaves_the_old_output_and_no_temporary_file(tmp_path):
    source = tmp_path / "besar.yaml"
    too_long = {**RICH, "elemen": [{**RICH["elemen"][0], "uraian": "x" * 40_000}]}
    save_cascade(build_cascade(too_long, lambda t, i: f"{t}[{i}]", "besar"), source)
    output = tmp_path / "a.xlsx"
    output.write_bytes(b"lama")
    result = run("export", source, "-o", output, "--timpa")
    assert result.exit_code == 2 and "elemen[0]" in result.output and "32.767" in result.output
    assert output.read_bytes() == b"lama"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx", "besar.yaml"]


@pytest.mark.parametrize(("code", "cause"), [
    (errno.ENOENT, "folder tidak ada"), (errno.EACCES, "tidak ada izin menulis"),
    (errno.EPERM, "tidak ada izin menulis"), (errno.ENOSPC, "disk penuh"),
    (errno.EROFS, "sistem berkas hanya-baca"), (errno.EIO, f"kesalahan sistem (errno {errno.EIO})"),
])
@pytest.mark.parametrize("output", ["a_csv", "a.xlsx"])
def test_a_failing_write_names_the_output_and_the_cause_in_indonesian(tmp_path, monkeypatch, output, code, cause):
    def refuse(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = run("export", FIXTURES / "sampang.yaml", "-o", tmp_path / output)
    assert result.exit_code == 2, result.output
    assert f"{tmp_path / output}: tidak dapat menulis keluaran: {cause}" in result.output
    assert os.strerror(code) not in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc, where no folder can be made")
def test_csv_folder_in_a_folder_that_refuses_it_is_a_clean_error():
    result = run("export", FIXTURES / "sampang.yaml", "-o", "/proc/kaskade_csv")
    assert result.exit_code == 2 and "/proc/kaskade_csv: tidak dapat menulis keluaran" in result.output


def test_a_failed_folder_swap_puts_the_old_csv_folder_back(tmp_path, monkeypatch):
    folder = tmp_path / "kaskade"
    assert run("export", FIXTURES / "sampang.yaml", "-o", folder).exit_code == 0
    before = csv_texts(folder)
    replace = os.replace

    def refuse_new(source, target):  # the old folder moves aside; the new one cannot take its place
        if Path(source).name.endswith(".tmp"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        replace(source, target)

    monkeypatch.setattr(os, "replace", refuse_new)
    result = run("export", FIXTURES / "probolinggo.yaml", "-o", folder, "--timpa")
    assert result.exit_code == 2 and "disk penuh" in result.output
    assert csv_texts(folder) == before
    assert [p.name for p in tmp_path.iterdir()] == ["kaskade"]


def test_a_generated_output_under_a_file_is_a_clean_error(tmp_path):
    (tmp_path / "laporan").write_text("bukan folder", encoding="utf-8")
    with pytest.raises(models.errors.CascadeError, match="folder keluaran tidak dapat dibuat: salah satu folder "
                                                         "di jalurnya adalah file"):
        write_bytes(tmp_path / "laporan" / "a.svg", b"<svg/>")


def test_csv_folder_is_replaced_only_when_it_holds_nothing_but_a_cascade(tmp_path):
    folder = tmp_path / "kaskade"
    assert run("export", FIXTURES / "sampang.yaml", "-o", folder).exit_code == 0
    assert run("export", FIXTURES / "probolinggo.yaml", "-o", folder).exit_code == 2
    assert run("export", FIXTURES / "probolinggo.yaml", "-o", folder, "--timpa").exit_code == 0
    assert "Probolinggo" in load_cascade(folder).organisasi.nama
    (folder / "catatan.txt").write_text("milik perencana", encoding="utf-8")
    result = run("export", FIXTURES / "sampang.yaml", "-o", folder, "--timpa")
    assert result.exit_code == 2 and "catatan.txt" in result.output
    assert (folder / "catatan.txt").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["kaskade"]


@pytest.mark.parametrize(("command", "output", "hint"), [
    ("import", "a.xlsx", "cascade export"), ("export", "a.yaml", "cascade import"), ("export", "a.csv", ".xlsx"),
    ("template", "a.yaml", ".xlsx"),
])
def test_wrong_output_kind_is_refused_with_a_hint(tmp_path, command, output, hint):
    args = [command, FIXTURES / "sampang.yaml", "-o", tmp_path / output] if command != "template" \
        else [command, "-o", tmp_path / output]
    result = run(*args)
    assert result.exit_code == 2 and hint in result.output
    assert list(tmp_path.iterdir()) == []


def test_library_reports_progress_on_long_tables(tmp_path, monkeypatch):
    monkeypatch.setattr(models.sheets, "PROGRESS_EVERY", 2)
    path = tmp_path / "a.xlsx"
    save_cascade(load_cascade(FIXTURES / "sampang.yaml"), path)
    seen = []
    load_cascade(path, progress=lambda table, done, total: seen.append((table, done, total)))
    elemen = [(done, total) for table, done, total in seen if table == "elemen"]
    count = len(load_cascade(path).elemen)
    assert elemen[0] == (2, count + 1) and elemen[-1] == (count, count)  # total from the sheet size, header included


def test_import_prints_progress_for_large_workbooks(tmp_path, monkeypatch):
    import cascade.cli.interchange as interchange

    monkeypatch.setattr(models.sheets, "PROGRESS_EVERY", 10)
    monkeypatch.setattr(interchange, "LARGE", 20)
    path = tmp_path / "a.xlsx"
    save_cascade(load_cascade(FIXTURES / "sampang.yaml"), path)
    result = run("import", path, "-o", tmp_path / "a.yaml")
    assert result.exit_code == 0
    assert "membaca elemen: 20" in result.stderr and "selesai" in result.stderr
    assert "membaca" not in result.stdout


def test_doctests_of_the_interchange_modules():
    for module in (models.cells, models.headers):
        assert doctest.testmod(module).failed == 0, module.__name__


def test_an_id_holding_the_list_separator_cannot_be_exported(tmp_path):
    document = {"organisasi": {"kode": "x", "nama": "X"},
                "elemen": [{"id": "a;b", "jenis": "sasaran", "uraian": "S"},
                           {"id": "c", "jenis": "sasaran", "uraian": "T", "induk": ["a;b"]}]}
    source = tmp_path / "titik_koma.yaml"
    save_cascade(build_cascade(document, lambda t, i: f"{t}[{i}]", "x"), source)
    result = run("export", source, "-o", tmp_path / "a.xlsx")
    assert result.exit_code == 2 and "elemen[1], kolom 'induk'" in result.output and "'a;b'" in result.output
    assert not (tmp_path / "a.xlsx").exists()


def test_a_folder_source_never_lets_its_file_be_overwritten(tmp_path):
    """The input is found inside a folder: the output check must protect that file, not the folder."""
    folder = tmp_path / "d"
    folder.mkdir()
    original = (FIXTURES / "sampang.yaml").read_bytes()
    (folder / "k.yaml").write_bytes(original)
    for args in (["import", folder, "-o", folder / "k.yaml", "--timpa"],
                 ["template", "-o", folder / "k.yaml", "--dari", folder, "--timpa"]):
        result = CliRunner().invoke(main, [str(a) for a in args])
        assert result.exit_code == 2 and "masukan tidak pernah ditimpa" in result.output, result.output
    workbook = tmp_path / "w"
    workbook.mkdir()
    CliRunner().invoke(main, ["export", str(FIXTURES / "sampang.yaml"), "-o", str(workbook / "k.xlsx")])
    before = (workbook / "k.xlsx").read_bytes()
    result = CliRunner().invoke(main, ["export", str(workbook), "-o", str(workbook / "k.xlsx"), "--timpa"])
    assert result.exit_code == 2 and (workbook / "k.xlsx").read_bytes() == before
    assert (folder / "k.yaml").read_bytes() == original


def test_nip_and_code_cells_keep_the_text_format_when_retyped(tmp_path):
    """A cell's own General format beats its column's Text: a NIP retyped there would become 1,97E+17."""
    workbook = tmp_path / "kaskade.xlsx"
    save_cascade(rich(), workbook)  # every column filled, NIP and kode included
    book = openpyxl.load_workbook(workbook)
    for sheet, column in (("jabatan", "nip"), ("elemen", "kode")):
        header = [c.value for c in book[sheet][1]]
        cells = [row[header.index(column)] for row in book[sheet].iter_rows(min_row=2) if row[header.index(column)].value]
        assert cells and all(c.number_format == "@" and c.data_type == "s" for c in cells), sheet
    assert load_cascade(workbook).model_dump(exclude={"source"}) == rich().model_dump(exclude={"source"})


def test_status_lines_go_to_stderr_like_every_other_command(tmp_path):
    """stdout carries results only (check, score, diff); a 'Ditulis ...' line there would end up in a pipe."""
    for command, output in (("export", tmp_path / "k.xlsx"), ("import", tmp_path / "k.yaml"),
                            ("template", tmp_path / "t.xlsx")):
        args = [command, "-o", str(output)] if command == "template" else [
            command, str(tmp_path / "k.xlsx" if command == "import" else FIXTURES / "sampang.yaml"), "-o", str(output)]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        assert result.stdout == "" and "Ditulis" in result.stderr


def test_a_percent_formatted_target_cell_tells_an_empty_satuan_it_is_percent(tmp_path):
    """Typing 90% in Excel stores 0.9 with a percent format: read as the text `90%` would be."""
    path = template(tmp_path)
    workbook = openpyxl.load_workbook(path)
    elemen = workbook["elemen"]
    for column, value in zip("ABCDE", ["d1", "indikator", "Jumlah desa layak anak", "kabid", "contoh.sp1"], strict=True):
        elemen[f"{column}6"] = value
    elemen["I6"], elemen["I6"].number_format = 0.9, "0%"
    workbook.save(path)
    cascade = load_cascade(path)
    desa = next(e for e in cascade.elemen if e.id == "d1")
    assert (desa.target, desa.satuan) == (90, "%")
    assert [f.elements for f in audit(cascade, select=["K403"]).findings] == [("d1",)]


def test_a_left_behind_example_capaian_row_does_not_attach_to_the_planners_own_ids(tmp_path):
    """The planner replaced the example elements with their own (an `iku1` too) but left the capaian sheet."""
    path = template(tmp_path)
    workbook = openpyxl.load_workbook(path)
    elemen = workbook["elemen"]
    for row, values in enumerate([["s1", "sasaran", "Meningkatnya layanan", "kadis", None],
                                  ["iku1", "indikator", "Persentase layanan", "kadis", "s1"]], start=2):
        for column, value in zip("ABCDE", values, strict=True):
            elemen[f"{column}{row}"] = value
    elemen.delete_rows(4, 2)
    workbook.save(path)
    cascade = load_cascade(path)
    assert [e.id for e in cascade.elemen] == ["s1", "iku1"] and [c.id for c in cascade.capaian] == ["contoh.iku1"]
    [finding] = audit(cascade, select=["K102"]).findings
    assert "tabel capaian merujuk elemen 'contoh.iku1' yang tidak ada" in finding.message
    assert score(build_graph(cascade), ScoreOptions(periode="TW1"))["iku1"].realisasi is None
