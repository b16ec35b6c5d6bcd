"""Write a cascade, or a blank template, as a guided `.xlsx` workbook.

Every workbook this writes is also a template: each header cell carries a note saying what the
column holds, `jenis`/`eselon`/`polaritas`/`agregasi` are dropdowns, `atasan` and `jabatan`
only accept ids listed in the jabatan sheet, and text columns are formatted as Text so a code
typed as `1.06` stays `1.06`. Text a spreadsheet would run as a formula is stored as text.
"""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from models.cascade import Agregasi, Cascade, Eselon, Jenis, Polaritas
from models.cells import UNSAFE_START, Cell, encode_xlsx_text, grouped, table_rows
from models.numbers import format_number
from models.errors import InputError, Problem
from models.headers import COLUMNS, NUMERIC
from models.sheets import PROGRESS_EVERY, Progress

MAX_CELL_TEXT = 32_767  # Excel's limit on the characters of one cell
ROOM = 1_000  # rows below the data that still get dropdowns and Text format

NOTES: dict[str, dict[str, str]] = {
    "organisasi": {
        "kunci": "Wajib. Satu butir per baris: kode (kode singkat organisasi, wajib), nama (nama organisasi, "
                 "wajib), tahun (tahun kinerja, angka), pemda (pemerintah daerah).",
        "nilai": "Isi butir di kolom kunci pada baris yang sama.",
    },
    "jabatan": {
        "id": "Wajib. Kunci unik jabatan, misalnya kadis atau kabid_rehsos. Dipakai di kolom atasan dan di "
              "kolom jabatan sheet elemen.",
        "nama": "Wajib. Nama jabatan seperti tertulis di dokumen.",
        "eselon": "Pilih dari daftar: kepala_daerah, I, II, III, IV, fungsional, pelaksana.",
        "atasan": "id jabatan atasan langsung, dipilih dari kolom id sheet ini. Kosong hanya untuk kepala "
                  "(tepat satu jabatan).",
        "pegawai": "Nama pemegang jabatan.",
        "nip": "NIP 18 digit, boleh berspasi (19670711 198809 1 001). Diketik sebagai teks.",
    },
    "elemen": {
        "id": "Wajib. Kunci unik elemen, misalnya kadis.s1 atau iku1. Dipakai di kolom induk dan di sheet "
              "capaian.",
        "jenis": "Wajib. Pilih dari daftar: tujuan, sasaran, indikator, iku, iki, program, kegiatan, subkegiatan.",
        "uraian": "Wajib. Pernyataan sasaran atau indikator seperti tertulis.",
        "jabatan": "id jabatan pemilik, dipilih dari kolom id sheet jabatan.",
        "induk": "id elemen yang didukung. Lebih dari satu: pisahkan dengan titik koma, misalnya s1;s2.",
        "kode": "Kode Permendagri 90/2019 untuk program/kegiatan/subkegiatan, misalnya 1.06.01. Diketik sebagai teks.",
        "satuan": "Satuan indikator: %, orang, dokumen, indeks, ...",
        "polaritas": "Pilih dari daftar: positif (bila kosong), negatif, rentang.",
        "target": "Angka, boleh gaya Indonesia: 1.000 atau 12,5 atau 90%. Polaritas rentang: bawah-atas, "
                  "misalnya 60-80.",
        "realisasi": "Angka realisasi tahunan.",
        "formula": "Formulasi penghitungan atau penjelasan indikator.",
        "sumber_data": "Sumber data indikator.",
        "bobot": "Bobot dalam agregasi ke induk; kosong berarti 1.",
        "agregasi": "Data triwulan: jumlah atau terakhir. Kosong: ditentukan dari satuan.",
        "abaikan": "Kode atau nama aturan yang diabaikan untuk elemen ini, dipisah titik koma, misalnya K402.",
        "crosscutting": "id induk (juga tercantum di kolom induk) yang merupakan dukungan lintas unit.",
    },
    "capaian": {
        "id": "Wajib. id elemen, dipilih dari kolom id sheet elemen.",
        "periode": "Wajib. TW1, TW2, TW3, TW4 atau tahun (misalnya 2024).",
        "target": "Target triwulan ini saja, bukan kumulatif sampai triwulan ini: cascade sendiri menjumlahkan "
                  "TW1 s.d. TWn untuk indikator hitungan. Kosong: target tahunan elemen dipakai.",
        "realisasi": "Realisasi triwulan ini saja, bukan kumulatif sampai triwulan ini (angka). Untuk indikator "
                     "persentase/indeks isi nilai triwulan itu.",
    },
}
"""The note on each header cell, in the planner's words."""

CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("jabatan", "eselon"): get_args(Eselon),
    ("elemen", "jenis"): get_args(Jenis),
    ("elemen", "polaritas"): get_args(Polaritas),
    ("elemen", "agregasi"): get_args(Agregasi),
}

REFERENCES: dict[tuple[str, str], str] = {
    ("jabatan", "atasan"): "jabatan",
    ("elemen", "jabatan"): "jabatan",
    ("capaian", "id"): "elemen",
}
"""Columns restricted to the ids (column A) of another sheet."""

_EXAMPLE: dict[str, list[dict[str, Cell]]] = {
    "organisasi": [{"kunci": "kode", "nilai": "dinsos"}, {"kunci": "nama", "nilai": "Dinas Sosial Kota Contoh"},
                   {"kunci": "tahun", "nilai": 2024}, {"kunci": "pemda", "nilai": "Kota Contoh"}],
    "jabatan": [{"id": "kadis", "nama": "Kepala Dinas Sosial", "eselon": "II"},
                {"id": "kabid", "nama": "Kepala Bidang Rehabilitasi Sosial", "eselon": "III", "atasan": "kadis"}],
    "elemen": [
        {"id": "contoh.s1", "jenis": "sasaran", "uraian": "Meningkatnya kualitas hidup PMKS", "jabatan": "kadis"},
        {"id": "contoh.iku1", "jenis": "indikator", "uraian": "Persentase PMKS yang tertangani", "jabatan": "kadis",
         "induk": "contoh.s1", "satuan": "%", "target": 80, "formula": "PMKS tertangani / PMKS x 100%",
         "sumber_data": "DTKS"},
        {"id": "contoh.sp1", "jenis": "sasaran", "uraian": "Meningkatnya layanan rehabilitasi sosial", "jabatan": "kabid",
         "induk": "contoh.iku1"},
        {"id": "contoh.ip1", "jenis": "indikator", "uraian": "Persentase penyandang disabilitas terlantar yang direhabilitasi",
         "jabatan": "kabid", "induk": "contoh.sp1", "satuan": "%", "target": 75,
         "formula": "disabilitas direhabilitasi / disabilitas terlantar x 100%", "sumber_data": "Laporan bidang"},
    ],
    "capaian": [{"id": "contoh.iku1", "periode": "TW1", "target": 80, "realisasi": 75}],
}
"""The example rows of a blank template: a small clean cascade that imports as it is. Its element ids
start `contoh.`, so a planner's own `iku1` never picks up an example capaian row left behind."""

_WIDTHS = {"uraian": 60, "formula": 50, "sumber_data": 30, "nama": 40, "pegawai": 30, "nilai": 50, "induk": 24,
           "id": 20, "nip": 24}
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def template_tables(cascade: Cascade | None = None) -> dict[str, list[list[Cell]]]:
    """The rows of a template: example rows, or the organisasi and jabatan of an existing cascade."""
    if cascade is None:
        return {table: [[row.get(c) for c in COLUMNS[table]] for row in rows] for table, rows in _EXAMPLE.items()}
    tables = table_rows(cascade)
    return {**tables, "elemen": [], "capaian": []}


def write_workbook(tables: dict[str, list[list[Cell]]], path: Path, source: str = "",
                   progress: Progress | None = None) -> None:
    """Write the four tables as a guided workbook at `path` (see `models.output` for safe replacing).

    Raises
    ------
    InputError
        When a text is longer than an Excel cell can hold; nothing is written then.
    """
    problems = [Problem(source, f"{table}[{i}] ({COLUMNS[table][0]} {row[0]!r})", COLUMNS[table][j],
                        f"teks {grouped(len(cell))} karakter melebihi batas sel Excel ({grouped(MAX_CELL_TEXT)}); "
                        f"simpan sebagai YAML atau CSV")
                for table, rows in tables.items() for i, row in enumerate(rows) for j, cell in enumerate(row)
                if isinstance(cell, str) and len(encode_xlsx_text(cell)) > MAX_CELL_TEXT]
    if problems:
        raise InputError(problems)
    workbook = openpyxl.Workbook(write_only=True)
    sizes = {table: len(rows) for table, rows in tables.items()}
    for table in COLUMNS:
        rows = tables.get(table, [])
        sheet = workbook.create_sheet(table)
        _prepare(sheet, table, sizes)
        sheet.append([_header_cell(sheet, table, name) for name in COLUMNS[table]])
        typed = [name in TYPED_AS_TEXT for name in COLUMNS[table]]
        for count, row in enumerate(rows, 1):
            sheet.append([_cell(sheet, value, text) for value, text in zip(row, typed)])
            if progress and count % PROGRESS_EVERY == 0:
                progress(table, count, len(rows))
        if progress:
            progress(table, len(rows), len(rows))
    workbook.save(path)


def _prepare(sheet, table: str, sizes: dict[str, int]) -> None:
    """Column widths, Text format, frozen header and dropdowns: set before the first row is written."""
    sheet.freeze_panes = "A2"
    # Write-only sheets carry no <dimension>; without one, openpyxl's read-only mode parses the
    # whole sheet once more just to size it. The writer asks the sheet for it when it has the hook.
    used = f"A1:{get_column_letter(len(COLUMNS[table]))}{sizes.get(table, 0) + 1}"
    sheet.calculate_dimension = lambda: used
    last = sizes.get(table, 0) + 1 + ROOM
    for i, name in enumerate(COLUMNS[table], 1):
        letter = get_column_letter(i)
        dimension = sheet.column_dimensions[letter]
        dimension.width = _WIDTHS.get(name, 14)
        if table != "organisasi" and (name not in NUMERIC[table] or name == "target"):
            dimension.number_format = "@"  # a target may be a range: Excel would make `1-3` a date
        area = f"{letter}2:{letter}{last}"
        if (table, name) in CHOICES:
            choices = ",".join(CHOICES[table, name])
            # A warning, not a stop: cascade also reads other spellings (IKI, III.a, Pengawas).
            _validate(sheet, area, f'"{choices}"', f"Pilihan yang dikenal: {choices}. Ejaan lain yang lazim "
                                                  f"(huruf besar, III.a, Pengawas) tetap terbaca.", style="warning")
        elif (table, name) == ("capaian", "periode"):  # a year is a periode too: informed, never refused
            _validate(sheet, area, '"TW1,TW2,TW3,TW4"', "Periode: TW1-TW4, atau tahun empat angka (misalnya 2024) "
                                                        "untuk capaian tahunan.", style="information")
        elif (table, name) in REFERENCES:
            other = REFERENCES[table, name]
            end = sizes.get(other, 0) + 1 + ROOM
            _validate(sheet, area, f"{other}!$A$2:$A${end}", f"Pilih id yang ada di kolom id sheet {other}.")


def _validate(sheet, area: str, formula: str, message: str, style: str = "stop") -> None:
    rule = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                          errorTitle="Nilai tidak dikenal", error=message, errorStyle=style)
    rule.add(area)
    sheet.data_validations.append(rule)


def _header_cell(sheet, table: str, name: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=name)
    cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
    cell.comment = Comment(NOTES[table][name], "cascade", width=320, height=140)
    return cell


TYPED_AS_TEXT = frozenset({"nip", "kode"})
"""Columns whose written cells keep Excel's Text format: a cell's own General format beats its
column's, and retyping an 18-digit NIP or a code like `1.10` into a General cell turns it into a
rounded number."""


def _cell(sheet, value: Cell, text: bool) -> object:
    if isinstance(value, float) and float(f"{value:.16g}") != value:
        # openpyxl writes 16 significant digits; the few doubles needing 17 go in as exact text.
        return format_number(value)
    if not isinstance(value, str):
        return value
    value = encode_xlsx_text(value)
    if text and not value.startswith(UNSAFE_START):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "@"
        return cell
    if not value.startswith(UNSAFE_START):
        return value
    # Stored as text with Excel's quote prefix: shown and edited literally, never run as a formula.
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell
