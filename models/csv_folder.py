"""A cascade as a folder of CSV files: `organisasi.csv`, `jabatan.csv`, `elemen.csv`, `capaian.csv`.

UTF-8 (a BOM is accepted, and written so Excel shows the text right), comma-separated, one
header row. Row numbers in messages count the header as row 1, as a spreadsheet shows them.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from models.cascade import Cascade
from models.cells import Cell, escape_text, format_number, table_rows
from models.errors import InputError, Problem
from models.headers import COLUMNS, TABLES
from models.sheets import Progress, Sheet, read_sheets


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
    data = file.read_bytes()
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
    try:
        rows = list(enumerate(csv.reader(io.StringIO(text, newline="")), 1))
    except csv.Error as exc:
        problems.append(Problem(str(file), "", None, f"CSV tidak terbaca: {exc}"))
        return None
    # Numbered as a spreadsheet shows them: a quoted cell spanning lines is still one row.
    start = next((i for i, (_, cells) in enumerate(rows) if any(c.strip() for c in cells)), len(rows))
    header_row, header = rows[start] if start < len(rows) else (1, [])
    return Sheet(table, f"{table}.csv", header, header_row, rows[start + 1:], total=len(rows) - start - 1)


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
