"""Tables read from a spreadsheet (XLSX sheets or CSV files) turned into a validated cascade.

The CSV and XLSX readers only produce `Sheet`s: a header row and numbered rows of cell values.
Everything after that is shared: header matching (`models.headers`), blank rows, row numbers in
messages, and validation through the same `build_cascade` as YAML and JSON. The rows of a large CSV
table are validated a column at a time (`models.bulk`); any row that path cannot vouch for goes this
per-row way, so its messages are the same.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain, islice

from models.bulk import BulkBuilder
from models.cascade import Cascade
from models.cells import unescape_text
from models.errors import InputError, Problem
from models.headers import (
    COLUMNS,
    NUMERIC,
    ORGANISASI_KEYS,
    REQUIRED,
    ROW_NUMBER,
    SPELLINGS,
    names_quarter,
    nearest,
    normalize,
    resolve,
)
from models.loaders import TABLES, build_cascade

Progress = Callable[[str, int, "int | None"], None]
"""Called as (table, rows read so far, rows expected or None) while a long table is read."""

PROGRESS_EVERY = 10_000
EXACT_DIGITS = 15  # Excel keeps 15 significant digits: a longer number typed in a text column is already wrong
TITLE_ROWS = 10  # how far below a title-like first row a header row is looked for
_KNOWN = {table: frozenset(names) for table, names in COLUMNS.items()}  # each table's columns, looked up per cell


@dataclass(frozen=True)
class CellProblem:
    """A cell the reader refused (a formula, a date, an Excel error), with the reason."""

    message: str


@dataclass
class Sheet:
    """One table as a spreadsheet holds it."""

    table: str
    label: str  # how messages name it: "sheet 'elemen'" or "elemen.csv"
    header: Sequence[object]
    header_row: int
    rows: Iterable[tuple[int, Sequence[object]]]  # (row number as the planner sees it, cells)
    total: int | None = None  # rows expected, for progress only
    merged: Sequence[tuple[int, int, int, int]] = ()  # (min_col, min_row, max_col, max_row), 1-based
    cell_refs: bool = False  # name cells like "F12" in messages (a workbook, not a CSV)
    text_cells: bool = False  # every cell is text as typed (a CSV file): rows can be read in bulk (`models.bulk`)
    escaped: bool = False  # text may start with the `'` export writes before formula-like text (CSV only)


@dataclass
class _Filled:
    """The cells filled under a column the header names no known column for: reported once, at its header."""

    count: int
    first_row: int
    first_value: object


@dataclass
class _Reading:
    """What has been gathered from the sheets of one source, before validation."""

    source: str
    problems: list[Problem] = field(default_factory=list)
    data: dict[str, object] = field(default_factory=dict)
    sheets: dict[str, Sheet] = field(default_factory=dict)
    rows: dict[str, list[int]] = field(default_factory=dict)  # table -> row number of each data row
    letters: dict[str, dict[str, str]] = field(default_factory=dict)  # table -> column -> letter
    organisasi_rows: dict[str, int] = field(default_factory=dict)  # organisasi key -> row number
    refused: set[tuple[str, str | None]] = field(default_factory=set)  # (location, column) already reported

    def locate(self, table: str, index: int) -> str:
        return f"{self.sheets[table].label} baris {self.rows[table][index]}"


def read_sheets(sheets: Iterable[Sheet], source: str, missing_label: Callable[[str], str],
                progress: Progress | None = None) -> Cascade:
    """Validate the sheets of one source as a cascade, or raise with every located problem.

    `missing_label(table)` says how to tell the planner a table is absent ("sheet 'organisasi'
    tidak ada ..."). In an `escaped` sheet, the protective `'` written before formula-like text on
    export is removed again (CSV only: in a workbook the cell type already keeps such text literal).
    """
    reading = _Reading(source)
    for sheet in sheets:
        _read_sheet(sheet, reading, progress)
    try:
        cascade = build_cascade(reading.data, reading.locate, source)
    except InputError as exc:
        # An organisasi value is a row's `nilai` cell only once placed: `refused` is checked before and after.
        placed = (_placed(problem, reading, missing_label) for problem in exc.problems
                  if (problem.location, problem.field) not in reading.refused)
        reading.problems.extend(problem for problem in placed
                                if (problem.location, problem.field) not in reading.refused)
    else:
        if not reading.problems:
            return cascade
    raise InputError(reading.problems)


def _read_sheet(sheet: Sheet, reading: _Reading, progress: Progress | None) -> None:
    table, problems = sheet.table, reading.problems
    reading.sheets[table] = sheet
    if all(_blank(cell) for cell in sheet.header):  # nothing in it at all
        if table in ("organisasi", "elemen"):
            problems.append(Problem(reading.source, sheet.label, None,
                                    f"kosong; baris pertama harus berisi judul kolom: {', '.join(COLUMNS[table])}"))
            reading.refused.add(("", table))
        return
    spellings = SPELLINGS[table]
    if header_row := _header_below_title(sheet):
        above = "baris 1" if header_row == 2 else f"baris 1-{header_row - 1}"
        problems.append(Problem(reading.source, f"{sheet.label} baris {sheet.header_row}", None,
                                f"bukan baris judul kolom; judul kolom tampaknya ada di baris {header_row}. "
                                f"Judul kolom harus di baris pertama: hapus {above} di atasnya"))
        reading.refused.add(("", table))  # reported here, not once per column and row
        return
    columns = [resolve(cell, spellings) or normalize(cell) if not _blank(cell) else None for cell in sheet.header]
    letters = {name: column_letter(i) for i, name in enumerate(columns) if name}
    reading.letters[table] = letters
    usable = _header_usable(sheet, columns, reading)
    unknown = [i for i, name in enumerate(columns) if _is_unknown(name, table)]
    filled: dict[int, _Filled] = {}  # unknown column -> what is under it, reported after the header problems
    header_problems_end = len(problems)
    for area in sheet.merged:
        problems.append(_merge_problem(sheet, area, columns, reading.source))
    numbers: list[int] = []
    records: list[dict[str, object] | None] = []  # a row read one by one, or None: read in bulk, into `bulk`
    reading.rows[table] = numbers
    bulk = BulkBuilder(TABLES[table], columns, sheet.escaped) if usable and sheet.text_cells and table in TABLES \
        else None
    rows, count = iter(sheet.rows), 0
    while batch := list(islice(rows, PROGRESS_EVERY)):
        batch_numbers, batch_cells = zip(*batch)
        if unknown:
            _gather_filled(batch, unknown, filled)
        one_by_one = bulk.build(batch_cells) if bulk else range(len(batch))  # the rest went into `bulk`
        if one_by_one:
            for i, (number, cells) in enumerate(zip(batch_numbers, batch_cells)):
                record = _record(sheet, number, cells, columns, reading) if i in one_by_one else None
                if record == {}:  # a blank row, left out
                    continue
                numbers.append(number)
                records.append(record)
        else:
            numbers.extend(batch_numbers)
            records += [None] * len(batch)
        count += len(batch)
        if progress and count % PROGRESS_EVERY == 0:
            progress(table, count, sheet.total)
    if progress:
        progress(table, len(numbers), len(numbers))
    present = {name for name in columns if name}
    problems[header_problems_end:header_problems_end] = [
        _unknown_column_problem(sheet, i, filled[i], reading.source, present) for i in sorted(filled)]
    for area in sheet.merged:
        reading.refused.update(_covered_cells(sheet, area, columns, numbers))
    if not usable:
        reading.refused.add(("", table))  # the header problem says it already
        return
    if table == "organisasi":
        reading.data[table] = _organisasi(sheet, records, numbers, reading)
    elif bulk and bulk.every_row:  # none left to the per-row path, none dropped
        reading.data[table] = bulk.records()
    else:
        made = iter(bulk.records() if bulk else ())
        reading.data[table] = [next(made) if record is None else record for record in records]


def _header_below_title(sheet: Sheet) -> int | None:
    """The row of the real header when title rows ("INDIKATOR KINERJA INDIVIDU") sit above it, else None.

    Looked for only when the first row lacks a required column. A title may itself read as a column
    (that one is an alias of `uraian`), so a row below is the header when it names every required
    column and more columns than the first row. The rows looked at are put back into `sheet.rows`.
    """
    spellings, required = SPELLINGS[sheet.table], set(REQUIRED[sheet.table])
    first = _named(sheet.header, spellings)
    if required <= first:
        return None
    rows = iter(sheet.rows)
    ahead = list(islice(rows, TITLE_ROWS))
    sheet.rows = chain(ahead, rows)
    return next((number for number, cells in ahead
                 if required <= (named := _named(cells, spellings)) and len(named) > len(first)), None)


def _named(cells: Sequence[object], spellings: dict[str, str]) -> set[str]:
    return {name for cell in cells if not _blank(cell) and (name := resolve(cell, spellings))}


def _header_usable(sheet: Sheet, columns: list[str | None], reading: _Reading) -> bool:
    """Report a header row that cannot be read; its rows are then left out of validation."""
    where = f"{sheet.label} baris {sheet.header_row}"
    problems = reading.problems
    before = len(problems)
    first: dict[str, int] = {}
    for i, name in enumerate(columns):
        if not name or name == ROW_NUMBER or _is_unknown(name, sheet.table):  # unknown: reported if filled
            continue
        if name in first:
            problems.append(Problem(reading.source, where, name,
                                    f"dua judul kolom terbaca sebagai '{name}': {sheet.header[first[name]]!r} "
                                    f"(kolom {column_letter(first[name])}) dan {sheet.header[i]!r} "
                                    f"(kolom {column_letter(i)}); hapus atau ganti salah satu"))
        else:
            first[name] = i
    found = ", ".join(repr(str(h)) for h in sheet.header if not _blank(h)) or "tidak ada"
    for name in REQUIRED[sheet.table]:
        if name not in first:
            problems.append(Problem(reading.source, where, name,
                                    f"kolom wajib tidak ada di baris judul; judul yang ada: {found}"))
    return len(problems) == before


def _record(sheet: Sheet, number: int, cells: Sequence[object], columns: list[str | None],
            reading: _Reading) -> dict[str, object]:
    """One row as {column: value}, blank cells left out; refused cells are reported here."""
    record: dict[str, object] = {}
    where = f"{sheet.label} baris {number}"
    known = _KNOWN[sheet.table]
    for i, value in enumerate(cells):
        if _blank(value):
            continue
        name = columns[i] if i < len(columns) else None
        if name is not None and name not in known:  # a row number, or an unknown column reported at its header
            continue
        if name is None:
            reading.problems.append(Problem(reading.source, where, None,
                                            f"sel {column_letter(i)}{number} berisi {value!r} tetapi kolomnya tidak "
                                            f"berjudul; beri judul kolom atau hapus isinya"))
            continue
        if _is_number(value) and name not in NUMERIC[sheet.table] and (sheet.table, name) != ("organisasi", "nilai"):
            value = _number_as_text(value)  # organisasi values are typed by their key, in `_organisasi`
        elif sheet.escaped and isinstance(value, str):
            value = unescape_text(value)
        if isinstance(value, CellProblem):
            reading.problems.append(Problem(reading.source, _cell_place(sheet, where, i, number), name,
                                            value.message))
            reading.refused.add((where, name))  # not to be reported again as missing
            continue
        record[name] = value
    return record


def _organisasi(sheet: Sheet, records: list[dict[str, object]], numbers: list[int],
                reading: _Reading) -> dict[str, object]:
    """The kunci/nilai rows folded into one mapping; key spellings resolved like headers."""
    organisasi: dict[str, object] = {}
    for record, number in zip(records, numbers, strict=True):
        where = f"{sheet.label} baris {number}"
        if (where, "kunci") in reading.refused:  # under a merged cell, reported as such
            continue
        if "kunci" not in record:
            reading.problems.append(Problem(reading.source, where, "kunci",
                                            f"wajib diisi (nilai {record.get('nilai')!r} tanpa kunci)"))
            continue
        key = resolve(record["kunci"], SPELLINGS["organisasi.kunci"]) or normalize(record["kunci"])
        value = record.get("nilai")
        if key in reading.organisasi_rows:
            reading.problems.append(Problem(reading.source, where, "kunci",
                                            f"kunci {key!r} sudah ada di baris {reading.organisasi_rows[key]}"))
            continue
        reading.organisasi_rows[key] = number
        if key not in NUMERIC["organisasi"] and _is_number(value):
            value = _number_as_text(value)
            if isinstance(value, CellProblem):
                reading.problems.append(Problem(reading.source, where, "nilai", value.message))
                continue
        organisasi[key] = value
    return organisasi


def _is_unknown(name: str | None, table: str) -> bool:
    """Whether a header cell names a column the table does not have (None: the header cell is blank)."""
    return name is not None and name != ROW_NUMBER and name not in _KNOWN[table]


def _gather_filled(batch: list[tuple[int, Sequence[object]]], unknown: list[int], filled: dict[int, _Filled]) -> None:
    """Count the cells filled under unknown columns, whichever path then reads their rows."""
    for i in unknown:
        for number, cells in batch:
            if i < len(cells) and not _blank(cells[i]):
                if i in filled:
                    filled[i].count += 1
                else:
                    filled[i] = _Filled(1, number, cells[i])


def _unknown_column_problem(sheet: Sheet, index: int, filled: _Filled, source: str, present: set[str]) -> Problem:
    """One problem for a filled column whose header names no known column, saying what it was likely meant to be.

    Quarterly values ("Realisasi TW1") are rows of the capaian table, not columns; that is said instead
    of the nearest column, which would read them as yearly values.
    """
    header = " ".join(str(sheet.header[index]).split())
    table = sheet.table
    shown = "" if isinstance(filled.first_value, CellProblem) else f": {filled.first_value!r}"
    cells = f"{filled.count} sel terisi, pertama di baris {filled.first_row}{shown}" if filled.count > 1 \
        else f"1 sel terisi, di baris {filled.first_row}{shown}"
    if names_quarter(header) and table == "elemen":
        hint = (f"nilai per triwulan diisi di {_label_of(sheet, 'capaian')}, satu baris per elemen dan triwulan "
                f"(kolom id, periode, target, realisasi; periode TW1-TW4); kolom target dan realisasi di "
                f"{sheet.label} berisi nilai tahunan")
    elif names_quarter(header) and table == "capaian":
        hint = ("di tabel capaian setiap triwulan ditulis satu baris: triwulannya di kolom periode (TW1-TW4), "
                "nilainya di kolom target dan realisasi")
    elif (column := nearest(header, SPELLINGS[table])) and column not in present:
        hint = f"maksudnya {column!r}? Ganti judulnya, atau hapus kolom ini bila isinya tidak dipakai"
    elif column and table == "elemen" and re.search(r"\b(19|20)\d{2}\b", header):  # "Target 2025" beside "Target"
        hint = (f"kolom {column!r} sudah ada; nilai tahun lain diisi di {_label_of(sheet, 'capaian')}, satu baris per "
                f"elemen dengan periode berupa tahun (misalnya 2025)")
    else:
        hint = (f"kolom yang dikenal: {', '.join(COLUMNS[table])}. Ganti judulnya, atau hapus kolom ini bila isinya "
                f"tidak dipakai")
    where = _cell_place(sheet, f"{sheet.label} baris {sheet.header_row}", index, sheet.header_row)
    return Problem(source, where, header, f"judul kolom tidak dikenal, sehingga isinya tidak terbaca ({cells}); "
                                          f"{hint}")


def _label_of(sheet: Sheet, table: str) -> str:
    """How messages name another table of the same source as `sheet`."""
    return f"sheet {table!r}" if sheet.cell_refs else f"{table}.csv"


def _covered_cells(sheet: Sheet, area: tuple[int, int, int, int], columns: list[str | None],
                   numbers: list[int]) -> Iterable[tuple[str, str | None]]:
    """The (location, column) of the cells a merged area covers beyond its first, in rows read (`numbers`,
    ascending): they are blank only because of the merge, which is reported already."""
    min_col, min_row, max_col, max_row = area
    names = columns[min_col - 1:max_col]
    for number in numbers[bisect_left(numbers, min_row):bisect_right(numbers, max_row)]:
        where = f"{sheet.label} baris {number}"
        yield from ((where, name) for name in (names if number > min_row else names[1:]))


def _placed(problem: Problem, reading: _Reading, missing_label: Callable[[str], str]) -> Problem:
    """A validation problem told in spreadsheet terms: which row of which sheet, which cell."""
    if problem.location == "" and problem.field in COLUMNS and problem.field not in reading.sheets:  # a whole table
        return Problem(problem.file, "", None, missing_label(problem.field))
    if problem.location == "organisasi" and "organisasi" in reading.sheets:
        return _organisasi_problem(problem, reading)
    table, _, number = problem.location.partition(" baris ")
    sheet = next((s for s in reading.sheets.values() if s.label == table), None)
    letter = reading.letters[sheet.table].get(problem.field or "") if sheet and sheet.cell_refs else None
    if letter and number.isdigit():
        return replace(problem, location=f"{problem.location} (sel {letter}{number})")
    return problem


def _organisasi_problem(problem: Problem, reading: _Reading) -> Problem:
    """Organisasi keys are rows, not columns: name the row of the key, or say the row is missing."""
    label, key = reading.sheets["organisasi"].label, problem.field or ""
    number = reading.organisasi_rows.get(key)
    if number is None:
        detail = "" if problem.message == "wajib diisi" else f" ({problem.message})"
        return Problem(problem.file, label, "kunci", f"baris berkunci {key!r} wajib ada{detail}")
    if problem.message.startswith("kolom tidak dikenal"):
        known = ", ".join(ORGANISASI_KEYS)
        return Problem(problem.file, f"{label} baris {number}", "kunci",
                       f"kunci {key!r} tidak dikenal; yang dikenal: {known}")
    return Problem(problem.file, f"{label} baris {number}", "nilai", f"{key}: {problem.message}")


def _cell_place(sheet: Sheet, where: str, index: int, number: int) -> str:
    return f"{where} (sel {column_letter(index)}{number})" if sheet.cell_refs else where


def _merge_problem(sheet: Sheet, area: tuple[int, int, int, int], columns: list[str | None], source: str) -> Problem:
    min_col, min_row, max_col, max_row = area
    name = columns[min_col - 1] if min_col - 1 < len(columns) else None
    cells = f"{column_letter(min_col - 1)}{min_row}:{column_letter(max_col - 1)}{max_row}"
    rows = f"baris {min_row}" if min_row == max_row else f"baris {min_row}-{max_row}"
    return Problem(source, f"{sheet.label} {rows}", name if name != ROW_NUMBER else None,
                   f"sel {cells} digabung (merge); hanya sel pertama yang berisi nilai. Pisahkan gabungan sel "
                   f"(Unmerge) dan isi nilainya di setiap baris")


def _number_as_text(value: int | float) -> str | CellProblem:
    """A number typed in a text column (a code, a NIP) as the text it was, when that is still knowable."""
    if isinstance(value, float) and not value.is_integer():
        return repr(value)
    digits = len(str(abs(int(value))))
    if digits > EXACT_DIGITS:
        return CellProblem(f"angka {int(value)} terlalu panjang: Excel hanya menyimpan {EXACT_DIGITS} digit, "
                           f"sehingga digit terakhirnya sudah berubah. Ketik ulang sebagai teks (awali dengan ')")
    return str(int(value))


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def column_letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based index: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
