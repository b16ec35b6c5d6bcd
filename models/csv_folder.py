"""A cascade as a folder of CSV files: `organisasi.csv`, `jabatan.csv`, `elemen.csv`, `capaian.csv`.

UTF-8 (a BOM is accepted, and written so Excel shows the text right), comma-separated, one
header row. Row numbers in messages count the header as row 1, as a spreadsheet shows them.
"""

from __future__ import annotations

import csv
import io
import re
import threading
from pathlib import Path

from models.cascade import Cascade
from models.cells import Cell, escape_text, grouped, table_rows
from models.numbers import format_number
from models.errors import InputError, Problem
from models.headers import COLUMNS, SPELLINGS, TABLES, normalize, resolve
from models.loaders import read_bytes
from models.sheets import Progress, Sheet, column_letter, read_sheets

MAX_CELL = 2**24
"""Longest cell read, in characters. Python's csv stops at 131,072 by default, but export writes
any text a YAML cascade holds; a bound still turns a runaway read into a located error."""

_LIMIT_LOCK = threading.Lock()  # csv's field size limit is process-wide: set and restore it one reader at a time
_FIELD = re.compile(r'"(?:[^"]|"")*+"(?=[,\r\n]|\Z)|(?!")[^,\r\n]*')
"""One well-formed field: quoted and closed right before a comma or the end of the line, or unquoted."""


def read_csv_folder(folder: Path, progress: Progress | None = None) -> Cascade:
    """Load the cascade held by a folder with `elemen.csv`, or raise with every located problem."""
    if not (folder / "elemen.csv").is_file():
        raise InputError([Problem(str(folder), "", None, "folder ini tidak berisi elemen.csv")])
    problems: list[Problem] = []
    sheets = [sheet for table in TABLES if (file := folder / f"{table}.csv").is_file()
              if (sheet := _sheet(file, table, problems)) is not None]
    if problems:
        raise InputError(problems)
    return read_sheets(sheets, str(folder), _missing, progress, unescape=True)


def _missing(table: str) -> str:
    return f"{table}.csv tidak ada di folder ini (judul kolom: {', '.join(COLUMNS[table])})"


def _sheet(file: Path, table: str, problems: list[Problem]) -> Sheet | None:
    data = read_bytes(file)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(Problem(str(file), f"baris {line}", None,
                                "bukan teks UTF-8; simpan ulang file sebagai CSV UTF-8"))
        return None
    if "\x00" in text:
        problems.append(Problem(str(file), "", None, "bukan file teks (berisi data biner)"))
        return None
    rows, problem = _rows(file, table, io.StringIO(text, newline="").readlines())
    if problem:
        problems.append(problem)
        return None
    # Numbered as a spreadsheet shows them: a quoted cell spanning lines is still one row.
    start = next((i for i, (_, cells) in enumerate(rows) if any(c.strip() for c in cells)), len(rows))
    header_row, header = rows[start] if start < len(rows) else (1, [])
    return Sheet(table, f"{table}.csv", header, header_row, rows[start + 1:], total=len(rows) - start - 1)


def _rows(file: Path, table: str, lines: list[str]) -> tuple[list[tuple[int, list[str]]], Problem | None]:
    """The numbered rows of a CSV file, or the problem that stopped reading them.

    Strict parsing makes a quote that is never closed an error: by default csv would quietly read the
    rest of the file into that one cell.
    """
    rows: list[tuple[int, list[str]]] = []
    start = 0  # the line where the next row begins
    reader = csv.reader(lines, strict=True)
    with _LIMIT_LOCK:
        limit = csv.field_size_limit(MAX_CELL)
        try:
            for cells in reader:
                rows.append((len(rows) + 1, cells))
                start = reader.line_num
        except csv.Error:
            return rows, _broken_row(file, table, rows, "".join(lines[start:]))
        finally:
            csv.field_size_limit(limit)
    return rows, None


def _broken_row(file: Path, table: str, rows: list[tuple[int, list[str]]], rest: str) -> Problem:
    """Locate the cell that stopped csv in the row starting `rest`: a badly closed quote, else one over `MAX_CELL`."""
    number, index, position = len(rows) + 1, 0, 0
    while ((field := _FIELD.match(rest, position)) and len(field[0]) <= MAX_CELL
           and rest.startswith(",", field.end())):
        index, position = index + 1, field.end() + 1
    header = next((cells for _, cells in rows if any(c.strip() for c in cells)), [])
    title = header[index] if index < len(header) and header[index].strip() else None
    name = resolve(title, SPELLINGS[table]) or normalize(title) if title else None
    cell = f"sel {column_letter(index)}{number}"
    if field:
        return Problem(str(file), f"baris {number}", name,
                       f"{cell} lebih dari {grouped(MAX_CELL)} karakter; pecah teksnya atau periksa tanda kutipnya")
    return Problem(str(file), f"baris {number}", name,
                   f"tanda kutip (\") di {cell} tidak ditutup dengan benar, sehingga teks sesudahnya ikut terbaca "
                   f"sebagai isi sel. Teks bertanda kutip harus diakhiri \" tepat sebelum koma atau akhir baris; "
                   f"tanda kutip di dalam teks ditulis dua kali (\"\")")


def write_csv_folder(cascade: Cascade, folder: Path) -> None:
    """Write the four tables into an existing empty folder (see `models.output` for safe replacing)."""
    for table, rows in table_rows(cascade).items():
        with open(folder / f"{table}.csv", "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS[table])
            writer.writerows([_text(cell) for cell in row] for row in rows)


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, str):
        return escape_text(cell)
    return format_number(cell)
