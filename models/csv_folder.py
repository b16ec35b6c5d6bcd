"""A cascade as a folder of CSV files: `organisasi.csv`, `jabatan.csv`, `elemen.csv`, `capaian.csv`.

UTF-8 (a BOM is accepted, and written so Excel shows the text right), one header row. Cells are
separated by commas, or by semicolons when the header row holds more of them than commas: Excel
set to Indonesian writes ";" because the comma is its decimal mark. Row numbers in messages count
the header as row 1, as a spreadsheet shows them.
"""

from __future__ import annotations

import csv
import io
import re
import threading
from collections.abc import Callable, Iterator
from itertools import count, repeat
from pathlib import Path
from typing import TypeVar, get_args

from models.bulk import paused_gc
from models.cascade import Cascade, Jenis, choice_as_typed, is_period, period_as_typed
from models.cells import Cell, escape_text, grouped, table_rows
from models.numbers import format_number
from models.errors import InputError, Problem
from models.headers import COLUMNS, SPELLINGS, TABLES, normalize, resolve
from models.loaders import UTF16_PROBLEM, is_utf16, read_bytes
from models.sheets import Progress, Sheet, column_letter, read_sheets

MAX_CELL = 2**24
"""Longest cell read, in characters. Python's csv stops at 131,072 by default, but export writes
any text a YAML cascade holds; a bound still turns a runaway read into a located error."""

_LIMIT_LOCK = threading.Lock()  # csv's field size limit is process-wide: set and restore it one reader at a time
_FIELD = {separator: re.compile(rf'"(?:[^"]|"")*+"(?=[{separator}\r\n]|\Z)|(?!")[^{separator}\r\n]*')
          for separator in ",;"}
"""One well-formed field: quoted and closed right before a separator or the end of the line, or unquoted."""


def read_csv_folder(folder: Path, progress: Progress | None = None) -> Cascade:
    """Load the cascade held by a folder with `elemen.csv`, or raise with every located problem."""
    if not (folder / "elemen.csv").is_file():
        raise InputError([Problem(str(folder), "", None, "folder ini tidak berisi elemen.csv")])
    problems: list[Problem] = []
    with paused_gc():
        sheets = [sheet for table in TABLES if (file := folder / f"{table}.csv").is_file()
                  if (sheet := _sheet(file, table, problems)) is not None]
        if problems:
            raise InputError(problems)
        return read_sheets(sheets, str(folder), _missing, progress)


def _missing(table: str) -> str:
    return f"{table}.csv tidak ada di folder ini (judul kolom: {', '.join(COLUMNS[table])})"


def _sheet(file: Path, table: str, problems: list[Problem]) -> Sheet | None:
    data = read_bytes(file)
    if is_utf16(data):
        problems.append(Problem(str(file), "", None, UTF16_PROBLEM))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(Problem(str(file), f"baris {line}", None,
                                "bukan teks UTF-8; simpan ulang file sebagai CSV UTF-8"))
        return None
    del data
    if "\x00" in text:
        problems.append(Problem(str(file), "", None, "bukan file teks (berisi data biner)"))
        return None
    separator = _separator(text)
    escaped = _may_hold_escapes(text, separator)
    parsed = _rows(file, table, text, separator, problems)
    if parsed is None:
        return None
    rows, total = parsed
    # Numbered as a spreadsheet shows them: a quoted cell spanning lines is still one row. The header
    # is looked for in the same iterator as the rows, which then go on from the row after it.
    header_row, header = next(((number, cells) for number, cells in enumerate(rows, 1)
                               if any(c.strip() for c in cells)), (1, []))
    return Sheet(table, f"{table}.csv", header, header_row, zip(count(header_row + 1), rows),
                 total=total - header_row, text_cells=True, escaped=escaped)


_CONTENT = re.compile(r"\S")
_LINE_END = re.compile(r"\r\n|\r|\n")


def _separator(text: str) -> str:
    """`;` when the header (the first line holding anything) has more semicolons than commas (Excel
    in Indonesian: a title such as `Formulasi (rumus, penjelasan)` may hold a comma), else `,`."""
    content = _CONTENT.search(text)
    if content is None:
        return ","
    first = _LINE_END.split(text[content.start():], maxsplit=1)[0]
    return ";" if first.count(";") > first.count(",") else ","


def _rows(file: Path, table: str, text: str, separator: str,
          problems: list[Problem]) -> tuple[Iterator[list[str]], int] | None:
    """The rows of a CSV file as lists of cells, and how many there are; None after a problem.

    Without a quote in the file, no cell holds a separator or a line break: splitting the lines at
    the separator then reads what csv reads, several times faster. `str.splitlines` ends lines where csv
    does only when no other separator it knows (form feed, U+2028, ...) is in the text. A blank line
    reads as one blank cell where csv reads none; every reader skips it as a blank row all the same.
    """
    if '"' not in text and not any(separator in text for separator in _OTHER_LINE_SEPARATORS):
        lines = text.splitlines()
        if max(map(len, lines), default=0) <= MAX_CELL:
            return map(str.split, _drain(lines), repeat(separator)), len(lines)
    records, problem = _records(file, table, io.StringIO(text, newline="").readlines(), separator)
    if problem:
        problems.append(problem)
        return None
    return map(_cells, _drain(records), repeat(separator)), len(records)


T = TypeVar("T")


def _drain(items: list[T]) -> Iterator[T]:
    """The items in order, each removed from `items` (which ends empty) once taken: popped from its reversed end.

    A line is then freed as soon as its row is split, and its memory reused for the records, instead
    of every line of the file staying alive to the last row: at 10^6 elements, 100 MB less at the peak
    and a tenth of a second less spent by the system handing out fresh pages.
    """
    items.reverse()
    return map(items.pop, repeat(-1, len(items)))


_OTHER_LINE_SEPARATORS = "\v\f\x1c\x1d\x1e\x85\u2028\u2029"
"""Where `str.splitlines` ends a line, besides the \\n, \\r\\n and lone \\r that csv ends it at."""


def _records(file: Path, table: str, lines: list[str], separator: str) -> tuple[list[str | list[str]], Problem | None]:
    """Every record (row) of a CSV file, or the problem that stopped reading them.

    A record is a line holding no quote, whose cells `_cells` splits at the separator, or the cells csv
    read where a line holds a quote (csv then reads on through the lines a quoted cell spans).
    Strict parsing makes a quote that is never closed an error: by default csv would quietly read
    the rest of the file into that one cell. A quote closed only on a later row (`5"` for inches,
    say) would still swallow the rows up to it: a cell spanning a line that is a row of its own
    (`_swallowed_row`) is refused.
    """
    records: list[str | list[str]] = []
    position = 0  # the line where the next record begins

    def unread_lines() -> Iterator[str]:
        nonlocal position
        while position < len(lines):
            position += 1
            yield lines[position - 1]

    reader = csv.reader(unread_lines(), delimiter=separator, strict=True)
    with _LIMIT_LOCK:
        limit = csv.field_size_limit(MAX_CELL)
        try:
            while position < len(lines):
                line = lines[position]
                if '"' in line or len(line) > MAX_CELL:
                    start = position
                    records.append(next(reader))
                    spanned = position - start > 1  # a quoted cell went on over several lines
                    swallowed = _swallowed_row(records, table, lines[start + 1:position], separator) if spanned else None
                    if swallowed is not None:
                        return records, _swallowing_quote(file, table, records, swallowed, separator)
                else:
                    records.append(line)
                    position += 1
        except csv.Error:
            return records, _broken_row(file, table, records, "".join(lines[start:]), separator)
        finally:
            csv.field_size_limit(limit)
    return records, None


def _cells(record: str | list[str], separator: str) -> list[str]:
    """The cells of a record from `_records`: a line is split at the separator, without its line break (see `_rows`)."""
    return record if isinstance(record, list) else record.rstrip("\r\n").split(separator)


def _may_hold_escapes(text: str, separator: str) -> bool:
    """Whether some cell may start with the `'` that export puts before formula-like text."""
    return "'" in text and (text.startswith("'") or any(f"{before}'" in text for before in f'{separator}\n\r"'))


def _header(records: list[str | list[str]], separator: str) -> list[str]:
    """The first record holding anything: the header row."""
    return next((cells for cells in map(_cells, records, repeat(separator)) if any(c.strip() for c in cells)), [])


def _column(records: list[str | list[str]], index: int, table: str, separator: str) -> str | None:
    """The column the header names at `index`, if any."""
    header = _header(records, separator)
    title = header[index] if index < len(header) and header[index].strip() else None
    return resolve(title, SPELLINGS[table]) or normalize(title) if title else None


_ROW_MARK: dict[str, tuple[str, Callable[[str], bool]]] = {
    "elemen": ("jenis", lambda cell: choice_as_typed(cell) in get_args(Jenis)),
    "capaian": ("periode", lambda cell: is_period(period_as_typed(cell))),
}
"""Per table, a column whose cells come from a short list: a line holding one of those at that
column's place, under an id, is a row of the table, not a line of text."""


def _swallowed_row(records: list[str | list[str]], table: str, inner: list[str], separator: str) -> str | None:
    """The first line inside the last record's quoted cell that is a row of its own, if one is:
    an id-like first cell and, at the marking column's place, a cell from that column's list."""
    if table not in _ROW_MARK:
        return None
    column, is_mark = _ROW_MARK[table]
    header = [resolve(title, SPELLINGS[table]) for title in _header(records, separator)]
    if column not in header:
        return None
    at = header.index(column)
    for line in inner:
        cells = line.rstrip("\r\n").split(separator)
        if len(cells) > at and cells[0].strip() and " " not in cells[0].strip() and is_mark(cells[at].strip()):
            return line
    return None


def _swallowing_quote(file: Path, table: str, records: list[str | list[str]], swallowed: str,
                      separator: str) -> Problem:
    """The quote of the last record that read on through the line `swallowed`, a row of its own."""
    number, cells = len(records), records[-1]
    index = next((i for i, cell in enumerate(cells) if "\n" in cell or "\r" in cell), 0)
    shown = swallowed.rstrip("\r\n")
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return Problem(str(file), f"baris {number}", _column(records, index, table, separator),
                   f"tanda kutip (\") di sel {column_letter(index)}{number} tidak ditutup di baris itu, sehingga "
                   f"baris {shown!r} ikut terbaca sebagai isi sel ini. Teks "
                   f"bertanda kutip harus diakhiri \" tepat sebelum pemisah sel atau akhir baris; tanda kutip di "
                   f"dalam teks ditulis dua kali (\"\")")


def _broken_row(file: Path, table: str, records: list[str | list[str]], rest: str, separator: str) -> Problem:
    """Locate the cell that stopped csv in the row starting `rest`: a badly closed quote, else one over `MAX_CELL`."""
    number, index, position = len(records) + 1, 0, 0
    while ((field := _FIELD[separator].match(rest, position)) and len(field[0]) <= MAX_CELL
           and rest.startswith(separator, field.end())):
        index, position = index + 1, field.end() + 1
    name = _column(records, index, table, separator)
    cell = f"sel {column_letter(index)}{number}"
    if field:
        return Problem(str(file), f"baris {number}", name,
                       f"{cell} lebih dari {grouped(MAX_CELL)} karakter; pecah teksnya atau periksa tanda kutipnya")
    return Problem(str(file), f"baris {number}", name,
                   f"tanda kutip (\") di {cell} tidak ditutup dengan benar, sehingga teks sesudahnya ikut terbaca "
                   f"sebagai isi sel. Teks bertanda kutip harus diakhiri \" tepat sebelum pemisah sel atau akhir baris; "
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
