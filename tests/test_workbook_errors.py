"""Workbooks and CSV folders that cannot be read: exit code 2 and every problem located, never a traceback.

Each case starts from the template (a clean small cascade) and breaks it the way planners and
hostile files do. Messages must name the file, the sheet and row (and cell), the column and the value.
"""

import csv
import io
import re
import struct
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import models.csv_folder
import models.xlsx_reader
from cascade.cli import main
from models import load_cascade
from models.output import save_template

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

HEADERS = ["id", "jenis", "uraian", "jabatan", "induk", "kode", "satuan", "polaritas", "target", "realisasi",
           "formula", "sumber_data", "bobot", "agregasi", "abaikan", "crosscutting"]


def run_check(path):
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def assert_unusable(path, *fragments) -> str:
    result = run_check(path)
    out = result.output
    assert "Traceback" not in out
    assert result.exit_code == 2, out
    for fragment in fragments:
        assert fragment in out, f"{fragment!r} missing from:\n{out}"
    return out


def line_with(out: str, fragment: str) -> str:
    return next(line for line in out.splitlines() if fragment in line)


def errors(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("galat:")]


ENGLISH = re.compile(r"Error|Bad |invalid|There is no|no element|expected|field larger|not supported|password")


def assert_indonesian(out: str) -> None:
    """Python's own exception text is English: none of it may reach the planner."""
    assert not ENGLISH.search(out), out


@pytest.fixture
def workbook(tmp_path):
    """The template as an editable openpyxl workbook, and a function saving it."""
    path = tmp_path / "kaskade.xlsx"
    save_template(path)
    book = openpyxl.load_workbook(path)

    def save() -> Path:
        book.save(path)
        return path

    return book, save


def add_row(sheet, values: dict) -> int:
    row = sheet.max_row + 1
    header = [c.value for c in sheet[1]]
    for name, value in values.items():
        sheet.cell(row=row, column=header.index(name) + 1, value=value)
    return row


# --- the list ----------------------------------------------------------------------------


def test_missing_sheet_names_it_and_lists_the_sheets_there(tmp_path):
    path = tmp_path / "lain.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Rekap"
    book.save(path)
    out = assert_unusable(path, str(path), "sheet 'elemen' tidak ada", "'Rekap'")
    assert "id, jenis, uraian" in out  # says which columns the sheet needs


def test_missing_organisasi_sheet(workbook):
    book, save = workbook
    del book["organisasi"]
    assert_unusable(save(), "sheet 'organisasi' tidak ada")


def test_missing_required_column_is_reported_once_at_the_header(workbook):
    book, save = workbook
    book["elemen"]["B1"] = None  # no jenis column
    out = assert_unusable(save(), "sheet 'elemen' baris 1, kolom 'jenis'", "kolom wajib tidak ada")
    assert "wajib diisi" not in out  # not once per row


def test_duplicate_id_names_both_rows(workbook):
    book, save = workbook
    row = add_row(book["elemen"], {"id": "contoh.iku1", "jenis": "indikator", "uraian": "Indikator lain", "jabatan": "kabid"})
    out = assert_unusable(save(), f"sheet 'elemen' baris {row} (sel A{row}), kolom 'id'")
    assert "sheet 'elemen' baris 3" in line_with(out, "'contoh.iku1'")


def test_bad_number_names_sheet_row_cell_column_and_value(workbook):
    book, save = workbook
    book["elemen"]["I3"] = "delapan puluh"
    assert_unusable(save(), "sheet 'elemen' baris 3 (sel I3), kolom 'target'", "delapan puluh")


def test_formula_cell_is_an_error_and_never_evaluated(workbook):
    book, save = workbook
    book["elemen"]["I3"] = "=40*2"
    book["elemen"]["C2"] = '=CONCAT("Mening","katnya")'
    out = assert_unusable(save(), "sheet 'elemen' baris 3 (sel I3), kolom 'target'", "'=40*2'", "rumus",
                          "sheet 'elemen' baris 2 (sel C2), kolom 'uraian'")
    assert "wajib diisi" not in out  # the refused uraian is not also called missing


def test_merged_cells_are_reported_with_their_range(workbook):
    book, save = workbook
    elemen = book["elemen"]
    elemen["D3"] = None
    elemen.merge_cells("D2:D3")  # one jabatan cell spanning two rows: the second row would lose its owner
    assert_unusable(save(), "sheet 'elemen' baris 2-3, kolom 'jabatan'", "D2:D3", "digabung")


def test_every_problem_of_a_workbook_is_reported_together(workbook):
    book, save = workbook
    book["elemen"]["I3"] = "seratus"
    book["elemen"]["K5"] = "=A1"
    book["jabatan"]["C3"] = "V"
    book["capaian"]["B2"] = "TW5"
    out = assert_unusable(save(), "(sel I3)", "(sel K5)", "sheet 'jabatan' baris 3 (sel C3), kolom 'eselon'",
                          "sheet 'capaian' baris 2 (sel B2), kolom 'periode'")
    assert len([line for line in out.splitlines() if line.startswith("galat:")]) == 4


# --- what Excel does to typed values ---------------------------------------------------------------


def test_excel_error_value_is_reported(workbook):
    book, save = workbook
    book["elemen"]["I3"] = "#DIV/0!"
    assert_unusable(save(), "(sel I3)", "#DIV/0!")


def test_date_made_by_excel_is_reported(workbook):
    import datetime as dt

    book, save = workbook
    row = add_row(book["elemen"], {"id": "p1", "jenis": "program", "uraian": "Program", "jabatan": "kadis",
                                   "induk": "contoh.s1", "kode": dt.datetime(2024, 6, 1)})  # "1.06" typed in a date locale
    assert_unusable(save(), f"(sel F{row}), kolom 'kode'", "tanggal")


def test_nip_typed_as_a_number_lost_digits_and_is_refused(workbook):
    book, save = workbook
    book["jabatan"]["F2"] = 196707111988091000  # Excel keeps 15 digits of 196707111988091001
    assert_unusable(save(), "sheet 'jabatan' baris 2 (sel F2), kolom 'nip'", "15 digit")


def test_short_numbers_in_text_columns_are_read_as_text(workbook):
    book, save = workbook
    add_row(book["elemen"], {"id": 7, "jenis": "program", "uraian": 2024, "jabatan": "kadis", "induk": "contoh.s1",
                             "kode": 1.06})
    program = next(e for e in load_cascade(save()).elemen if e.jenis == "program")
    assert (program.id, program.uraian, program.kode) == ("7", "2024", "1.06")


def test_blank_rows_are_skipped_and_row_numbers_stay_true(workbook):
    book, save = workbook
    elemen = book["elemen"]
    elemen["A9"], elemen["B9"], elemen["C9"] = "x9", "sasaran", "Sasaran baris sembilan"
    elemen["I9"] = "tinggi"
    assert_unusable(save(), "sheet 'elemen' baris 9 (sel I9)")


def test_a_stale_dimension_does_not_hide_rows(workbook, tmp_path):
    book, save = workbook
    row = add_row(book["elemen"], {"id": "x", "jenis": "sasaran", "uraian": "Baris di luar dimensi", "target": "?"})
    path = save()
    patched = tmp_path / "basi.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:B2"', data)
            target.writestr(item, data)
    assert_unusable(patched, f"sheet 'elemen' baris {row}")


def test_row_numbering_column_is_ignored_but_unknown_filled_columns_are_not(workbook):
    book, save = workbook
    elemen = book["elemen"]
    elemen.insert_cols(1)
    elemen["A1"] = "No."
    for row in range(2, 6):
        elemen.cell(row=row, column=1, value=row - 1)
    assert len(load_cascade(save()).elemen) == 4
    elemen["R1"], elemen["R3"] = "Warna", "merah"
    out = assert_unusable(save(), "sheet 'elemen' baris 1 (sel R1), kolom 'Warna'", "tidak dikenal",
                          "di baris 3: 'merah'", "kolom yang dikenal: id, jenis, uraian")
    assert len(errors(out)) == 1


def test_an_unknown_header_is_one_error_at_its_cell_naming_it_as_typed(workbook):
    book, save = workbook
    elemen = book["elemen"]
    elemen["J1"] = "Realisasi TW1"  # was realisasi: quarterly values typed beside the yearly ones
    for row in range(2, 6):
        elemen[f"J{row}"] = 66
    out = assert_unusable(save(), "sheet 'elemen' baris 1 (sel J1), kolom 'Realisasi TW1'", "judul kolom tidak dikenal",
                          "4 sel terisi, pertama di baris 2: 66", "nilai per triwulan diisi di sheet 'capaian'")
    assert len(errors(out)) == 1
    assert "realisasi_tw1" not in out and "maksudnya" not in out  # not read as the yearly realisasi


def test_an_unknown_header_names_the_column_it_likely_means(workbook):
    book, save = workbook
    book["elemen"]["I1"] = "Target 2024"
    book["capaian"]["D1"] = "Realisasi TW1"
    out = assert_unusable(save(), "sheet 'elemen' baris 1 (sel I1), kolom 'Target 2024'", "maksudnya 'target'?",
                          "sheet 'capaian' baris 1 (sel D1), kolom 'Realisasi TW1'",
                          "triwulannya di kolom periode (TW1-TW4)")
    assert len(errors(out)) == 2


def test_a_year_beside_a_column_already_there_points_to_the_capaian_sheet(workbook):
    """'maksudnya target?' beside a target column would only lead to a duplicate-header error."""
    book, save = workbook
    book["elemen"]["Q1"], book["elemen"]["Q3"] = "Target 2025", 95
    out = assert_unusable(save(), "sheet 'elemen' baris 1 (sel Q1), kolom 'Target 2025'", "kolom 'target' sudah ada",
                          "sheet 'capaian'", "periode berupa tahun")
    assert "maksudnya" not in out and len(errors(out)) == 1


def test_an_unknown_header_over_blank_cells_loses_nothing_and_is_let_be(workbook):
    book, save = workbook
    book["elemen"]["Q1"] = "Keterangan"
    book["elemen"]["R1"] = "Keterangan"  # twice: still no column the cascade has
    assert len(load_cascade(save()).elemen) == 4


def test_a_merged_cell_is_reported_once_as_merged(workbook):
    book, save = workbook
    elemen, organisasi = book["elemen"], book["organisasi"]
    elemen["C3"] = elemen["B4"] = elemen["A5"] = elemen["B5"] = None
    elemen.merge_cells("C2:C3")  # uraian, required: its blank second cell is not also "wajib diisi"
    elemen.merge_cells("A4:B5")  # id and jenis over two rows
    elemen["I3"] = "seratus"  # a real problem in a covered row is still reported
    organisasi["A5"] = organisasi["B3"] = None
    organisasi.merge_cells("A4:A5")  # the pemda row loses its kunci
    organisasi.merge_cells("B2:B3")  # the nama row its nilai
    out = assert_unusable(save(), "sheet 'elemen' baris 2-3, kolom 'uraian'", "C2:C3", "A4:B5",
                          "sheet 'organisasi' baris 4-5, kolom 'kunci'", "sheet 'organisasi' baris 2-3, kolom 'nilai'",
                          "(sel I3), kolom 'target'")
    assert len(errors(out)) == 5, out
    assert "wajib diisi" not in out


def test_title_rows_above_the_header_are_one_error_naming_the_header_row(workbook):
    book, save = workbook
    elemen = book["elemen"]
    elemen.insert_rows(1, 2)
    elemen["A1"] = "INDIKATOR KINERJA INDIVIDU"
    elemen.merge_cells("A1:P1")
    out = assert_unusable(save(), "sheet 'elemen' baris 1: ", "judul kolom tampaknya ada di baris 3",
                          "hapus baris 1-2")
    assert len(errors(out)) == 1


def test_a_title_row_without_a_header_below_is_reported_as_before(workbook):
    book, save = workbook
    elemen = book["elemen"]
    elemen.insert_rows(1)
    elemen["A1"] = "INDIKATOR KINERJA INDIVIDU"
    elemen.delete_rows(2)  # the real header row
    out = assert_unusable(save(), "sheet 'elemen' baris 1, kolom 'jenis'", "kolom wajib tidak ada")
    assert "tampaknya" not in out


def test_two_headers_meaning_the_same_column(workbook):
    book, save = workbook
    book["elemen"]["R1"] = "Indikator Kinerja"  # also uraian
    assert_unusable(save(), "sheet 'elemen' baris 1", "'uraian'", "kolom C", "kolom R")


def test_value_under_a_blank_header(workbook):
    book, save = workbook
    book["elemen"]["T3"] = "catatan lepas"
    assert_unusable(save(), "sheet 'elemen' baris 3", "sel T3", "catatan lepas", "judul")


def test_organisasi_keys_are_rows(workbook):
    book, save = workbook
    organisasi = book["organisasi"]
    organisasi["A3"], organisasi["B3"] = "warna", "biru"  # replaces the nama row
    out = assert_unusable(save(), "sheet 'organisasi' baris 3, kolom 'kunci'", "'warna' tidak dikenal")
    assert "baris berkunci 'nama' wajib ada" in out


# --- hostile and broken files ------------------------------------------------------------------------


def test_not_a_zip_file(tmp_path):
    path = tmp_path / "palsu.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0 bukan zip")  # an old .xls starts like this
    assert_unusable(path, str(path), "bukan file .xlsx yang sah")


def test_zip_bomb_is_refused_before_opening(tmp_path):
    path = tmp_path / "bom.xlsx"
    save_template(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/isi.bin", b"\0" * (40 * 2**20))
    assert_unusable(path, str(path), "zip bomb", "xl/media/isi.bin")


def test_huge_workbook_is_refused_with_the_limit(tmp_path, monkeypatch):
    path = tmp_path / "besar.xlsx"
    save_template(path)
    monkeypatch.setattr(models.xlsx_reader, "MAX_UNPACKED", 10_000)
    assert_unusable(path, str(path), "melebihi batas")


def test_corrupt_workbook_part_is_a_clean_error(tmp_path):
    path = tmp_path / "rusak.xlsx"
    save_template(path)
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data[: len(data) // 2] if item.filename.endswith("sheet3.xml") else data)
    path.write_bytes(buffer.getvalue())
    out = assert_unusable(path, str(path), "sheet 'elemen'", "workbook rusak", "XML tidak utuh atau tidak sah")
    assert_indonesian(out)


def central_entry(data: bytes, name: str) -> int:
    """Offset of the entry naming `name` in a zip's central directory."""
    pos = data.index(b"PK\x01\x02")
    while data[pos + 46: pos + 46 + struct.unpack_from("<H", data, pos + 28)[0]] != name.encode():
        pos = data.index(b"PK\x01\x02", pos + 4)
    return pos


@pytest.mark.parametrize(("damage", "part", "cause"), [
    ("crc", "xl/workbook.xml", "CRC tidak cocok"),
    ("size", "xl/worksheets/sheet3.xml", "CRC tidak cocok"),  # declared smaller than it unpacks to
    ("deflate", "xl/worksheets/sheet3.xml", "data termampatkan rusak"),
    ("method", "xl/styles.xml", "metode pemampatan tidak didukung"),
    ("encrypted", "xl/styles.xml", "workbook rusak"),
])
def test_damaged_zip_part_is_one_located_error_in_indonesian(tmp_path, damage, part, cause):
    path = tmp_path / "rusak.xlsx"
    save_template(path)
    data = bytearray(path.read_bytes())
    entry = central_entry(data, part)
    if damage == "crc":
        struct.pack_into("<I", data, entry + 16, 0)
    elif damage == "size":
        struct.pack_into("<I", data, entry + 24, struct.unpack_from("<I", data, entry + 24)[0] - 50)
    elif damage == "method":
        struct.pack_into("<H", data, entry + 10, 99)
    elif damage == "encrypted":
        struct.pack_into("<H", data, entry + 8, 1)
    else:
        header = struct.unpack_from("<I", data, entry + 42)[0]
        start = header + 30 + sum(struct.unpack_from("<HH", data, header + 26))
        data[start + 10: start + 170] = b"\xff" * 160
    path.write_bytes(data)
    out = assert_unusable(path, f"{path}: bagian {part}: workbook rusak", cause)
    assert len(errors(out)) == 1
    assert_indonesian(out)
    result = CliRunner().invoke(main, ["import", str(path), "-o", str(tmp_path / "x.yaml")])
    assert result.exit_code == 2 and cause in result.output, result.output


@pytest.mark.parametrize(("name", "hint"), [("lama.xls", ".xlsx"), ("satu.csv", "folder")])
def test_other_spreadsheet_files_get_a_hint(tmp_path, name, hint):
    path = tmp_path / name
    path.write_bytes(b"id,jenis\n")
    assert_unusable(path, str(path), "jenis file tidak dikenal", hint)


# --- CSV folders share the same reading --------------------------------------------------------------


def write_csv_folder(folder: Path, elemen: str, organisasi: str = "kunci,nilai\nkode,uji\nnama,Dinas Uji\n") -> Path:
    folder.mkdir()
    (folder / "organisasi.csv").write_text(organisasi, encoding="utf-8")
    (folder / "elemen.csv").write_text(elemen, encoding="utf-8")
    return folder


def test_csv_headers_use_the_same_aliases_and_numbers_the_same_parsing(tmp_path):
    folder = write_csv_folder(tmp_path / "csv",
                              "\ufeffID,Jenis,Indikator Kinerja,Target Kinerja,Formulasi Penghitungan\n"
                              "i1,sasaran,Meningkatnya layanan,\"1.000\",'=A/B\n")
    (element,) = load_cascade(folder).elemen
    assert (element.uraian, element.target, element.formula) == ("Meningkatnya layanan", 1000, "=A/B")


def test_csv_missing_required_column_and_missing_organisasi(tmp_path):
    folder = write_csv_folder(tmp_path / "csv", "id,uraian\ni1,Sasaran\n")
    (folder / "organisasi.csv").unlink()
    out = assert_unusable(folder, "elemen.csv baris 1, kolom 'jenis'", "kolom wajib", "organisasi.csv tidak ada")
    assert "wajib diisi" not in out


def test_csv_title_rows_above_the_header_are_one_error(tmp_path):
    folder = write_csv_folder(tmp_path / "csv", "INDIKATOR KINERJA INDIVIDU,,,\nDinas Uji,Tahun 2025,,\n\n"
                                                "ID,Jenis,Indikator Kinerja,Penanggung Jawab\ni1,sasaran,S,kadis\n")
    out = assert_unusable(folder, "elemen.csv baris 1: ", "judul kolom tampaknya ada di baris 4", "hapus baris 1-3")
    assert len(errors(out)) == 1


def test_csv_blank_lines_keep_row_numbers_as_a_spreadsheet_shows_them(tmp_path):
    folder = write_csv_folder(tmp_path / "csv", "id,jenis,uraian,target\n\ni1,sasaran,\"dua\nbaris\",\n"
                                                "i2,sasaran,Sasaran,seratus\n")
    assert_unusable(folder, "elemen.csv baris 4, kolom 'target'", "seratus")


def test_csv_unknown_header_is_one_error_at_the_header_row(tmp_path):
    folder = write_csv_folder(tmp_path / "csv",
                              "id,jenis,uraian,Target Triwulan II\ni1,sasaran,S,70\ni2,sasaran,T,80\n")
    out = assert_unusable(folder, f"{folder}: elemen.csv baris 1, kolom 'Target Triwulan II'",
                          "2 sel terisi, pertama di baris 2: '70'", "nilai per triwulan diisi di capaian.csv")
    assert len(errors(out)) == 1


ELEMEN = "id,jenis,uraian,jabatan\n"


@pytest.mark.parametrize("elemen", [
    ELEMEN + 'i1,sasaran,"Sasaran satu,kadis\n',  # runs to the end of the file
    ELEMEN + 'i1,sasaran,"Sasaran satu,kadis\r\ni2,sasaran,"Sasaran dua",kadis\r\n',  # ends inside a later row
    ELEMEN + 'i1,sasaran,"Sasaran" satu,kadis\ni2,sasaran,Sasaran dua,kadis\n',  # text after the closing quote
    # closed only by the inch mark of a later row: the rows up to it would be swallowed, silently
    ELEMEN + 'i1,sasaran,"Sasaran satu,kadis\ni2,sasaran,Sasaran dua,kadis\ni3,sasaran,Layar 5",kadis\n',
    ELEMEN + 'i1,sasaran,"Layar 5 inch,kadis\ni2,sasaran,Layar 7",kadis\n',  # ... by the very next row
])
def test_csv_quote_that_is_not_closed_is_located_where_it_opens(tmp_path, elemen):
    folder = write_csv_folder(tmp_path / "csv", ELEMEN + 'i0,sasaran,"Sasaran\nnol",kadis\n' + elemen[len(ELEMEN):])
    out = assert_unusable(folder, f"{folder / 'elemen.csv'}: baris 3, kolom 'uraian'", "tanda kutip")
    assert len(errors(out)) == 1
    assert_indonesian(out)


def test_a_quoted_cell_over_several_lines_of_text_still_loads(tmp_path):
    """Only a line that is a row of its own (an id, then a jenis in the jenis column) is taken for a swallowed row,
    not a line of text holding as many commas as the header."""
    folder = write_csv_folder(tmp_path / "csv", "id,jenis,uraian,jabatan,formula\n"
                              'i1,sasaran,"Sasaran satu:\nlayanan, rujukan",,"PMKS dilayani\n'
                              '(anak, lansia, disabilitas, fakir miskin, korban bencana)\nper tahun"\n')
    (record,) = load_cascade(folder).elemen
    assert record.uraian == "Sasaran satu:\nlayanan, rujukan"
    assert record.formula == "PMKS dilayani\n(anak, lansia, disabilitas, fakir miskin, korban bencana)\nper tahun"


def test_csv_quote_not_closed_in_the_header_row(tmp_path):
    folder = write_csv_folder(tmp_path / "csv", 'id,"jenis,uraian\ni1,sasaran,S\n')
    out = assert_unusable(folder, f"{folder / 'elemen.csv'}: baris 1: ", "tanda kutip", "sel B1")
    assert_indonesian(out)


def test_csv_cell_over_the_readers_limit_is_located(tmp_path, monkeypatch):
    monkeypatch.setattr(models.csv_folder, "MAX_CELL", 1_000)
    limit = csv.field_size_limit()
    folder = write_csv_folder(tmp_path / "csv", ELEMEN + "i1,sasaran,S,kadis\n" + f'i2,sasaran,"{"x" * 2_000}",kadis\n')
    out = assert_unusable(folder, f"{folder / 'elemen.csv'}: baris 3, kolom 'uraian'", "1.000 karakter")
    assert_indonesian(out)
    assert csv.field_size_limit() == limit


def test_empty_sheets(workbook):
    book, save = workbook
    for title in ("capaian", "elemen"):
        del book[title]
        book.create_sheet(title)
    out = assert_unusable(save(), "sheet 'elemen': kosong; baris pertama harus berisi judul kolom")
    assert "capaian" not in out  # an empty optional table is just empty


def test_two_sheets_for_one_table(workbook):
    book, save = workbook
    book.create_sheet("Elemen ")
    assert_unusable(save(), "'elemen' dan 'Elemen '", "ganti nama")


def test_corrupt_header_row_is_a_clean_error(tmp_path):
    path = tmp_path / "rusak.xlsx"
    save_template(path)
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data.replace(b"<sheetData>", b"<sheetData><row><c><<") if "sheet3" in item.filename
                            else data)
    path.write_bytes(buffer.getvalue())
    assert_indonesian(assert_unusable(path, str(path), "sheet 'elemen'", "workbook rusak"))


def test_a_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "arsip.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("catatan.txt", "bukan workbook")
    out = assert_unusable(path, str(path), "workbook rusak", "bagian '[Content_Types].xml' tidak ada")
    assert_indonesian(out)


def test_xml_entity_declarations_are_refused(tmp_path):
    path = tmp_path / "entitas.xlsx"
    save_template(path)
    buffer = io.BytesIO()
    laughs = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "hahaha"><!ENTITY b "&a;&a;&a;&a;">]>'
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, laughs + data if item.filename == "xl/workbook.xml" else data)
    path.write_bytes(buffer.getvalue())
    assert_unusable(path, str(path), "xl/workbook.xml", "DTD")


# --- semicolon-separated CSV (Excel set to Indonesian) -------------------------------------------------


def test_a_semicolon_separated_folder_reads_as_its_comma_separated_twin(tmp_path):
    """Excel in an Indonesian locale saves "CSV" with ';' between cells, the comma being its decimal mark."""
    commas, semicolons = tmp_path / "koma", tmp_path / "titik_koma"
    assert CliRunner().invoke(main, ["export", str(FIXTURES / "probolinggo.yaml"), "-o", str(commas)]).exit_code == 0
    semicolons.mkdir()
    for file in commas.iterdir():
        rows = list(csv.reader(io.StringIO(file.read_text(encoding="utf-8-sig"), newline="")))
        with open(semicolons / file.name, "w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle, delimiter=";").writerows(rows)
    text = (semicolons / "elemen.csv").read_text(encoding="utf-8-sig")
    assert '"' in text and text.splitlines()[0].count(";") > 5  # quoted cells: csv's own path is exercised
    assert load_cascade(semicolons).model_dump(exclude={"source"}) == load_cascade(commas).model_dump(exclude={"source"})


def test_a_semicolon_separated_file_with_mac_line_ends_is_read(tmp_path):
    """Excel for Mac ends lines with a lone CR; a decimal comma further on must not decide the separator."""
    folder = write_csv_folder(tmp_path / "csv", "id;jenis;uraian;target\ri1;sasaran;Sasaran, dengan koma;12,5\r",
                              organisasi="kunci;nilai\rkode;uji\rnama;Dinas Uji\r")
    (record,) = load_cascade(folder).elemen
    assert (record.uraian, record.target) == ("Sasaran, dengan koma", 12.5)


def test_the_separator_is_the_one_the_header_uses_most():
    separator = models.csv_folder._separator
    assert separator("id;jenis;uraian;catatan (rumus, penjelasan)\ni1;sasaran;S;a, b\n") == ";"
    assert separator("\n\nid,jenis,uraian;catatan\n") == ","
    assert separator("") == ","


def test_a_semicolon_separated_row_is_split_at_semicolons_only(tmp_path):
    folder = write_csv_folder(tmp_path / "csv", "id;jenis;uraian;target\ni1;sasaran;Sasaran, dengan koma;12,5\n",
                              organisasi="kunci;nilai\nkode;uji\nnama;Dinas Uji\n")
    (record,) = load_cascade(folder).elemen
    assert (record.uraian, record.target) == ("Sasaran, dengan koma", 12.5)


def test_a_broken_quote_in_a_semicolon_separated_file_is_located(tmp_path):
    folder = write_csv_folder(tmp_path / "csv", 'id;jenis;uraian\ni1;sasaran;"Sasaran" satu\n',
                              organisasi="kunci;nilai\nkode;uji\nnama;Dinas Uji\n")
    assert_unusable(folder, "baris 2, kolom 'uraian'", "sel C2", "tanda kutip")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_a_utf16_file_is_named_as_such(tmp_path, encoding):
    """Notepad's and Excel's "Unicode" is UTF-16: say so, rather than "binary" or "not UTF-8"."""
    folder = write_csv_folder(tmp_path / "csv", "id,jenis,uraian\ni1,sasaran,Sasaran\n")
    (folder / "elemen.csv").write_bytes("id,jenis,uraian\ni1,sasaran,Sasaran\n".encode(encoding))
    yaml_file = tmp_path / "kaskade.yaml"
    yaml_file.write_bytes("organisasi: {kode: x, nama: X}\nelemen: []\n".encode(encoding))
    for path, named in ((folder, folder / "elemen.csv"), (yaml_file, yaml_file)):
        out = assert_unusable(path, f"{named}: tersimpan sebagai UTF-16", "simpan ulang sebagai UTF-8")
        assert "biner" not in out


def test_a_missing_jabatan_file_or_sheet_is_named(tmp_path):
    folder = tmp_path / "csv"
    assert CliRunner().invoke(main, ["export", str(FIXTURES / "sampang.yaml"), "-o", str(folder)]).exit_code == 0
    (folder / "jabatan.csv").unlink()
    assert_unusable(folder, "jabatan.csv tidak ada di folder ini")
    workbook = tmp_path / "kaskade.xlsx"
    assert CliRunner().invoke(main, ["export", str(FIXTURES / "sampang.yaml"), "-o", str(workbook)]).exit_code == 0
    book = openpyxl.load_workbook(workbook)
    del book["jabatan"]
    book.save(workbook)
    assert_unusable(workbook, "sheet 'jabatan' tidak ada")
