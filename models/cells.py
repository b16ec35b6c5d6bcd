"""A cascade as spreadsheet cells, and the text forms that read back exactly as written.

Export (XLSX and CSV) writes these cells; the readers and `build_cascade` turn them back into an
equal model. Defaults (`polaritas: positif`, `bobot: 1`, empty lists) are left blank, as a
planner would leave them.
"""

from __future__ import annotations

import re
from itertools import repeat

from pydantic import BaseModel

from models.cascade import Cascade, Rentang
from models.errors import InputError, Problem
from models.headers import COLUMNS, LIST_SEPARATOR, ORGANISASI_KEYS
from models.numbers import format_number

Cell = str | int | float | None

UNSAFE_START = ("=", "+", "-", "@", "\t", "\r")
"""Text starting with one of these is run as a formula by spreadsheet programs (CSV injection)."""
ESCAPED_START = (*UNSAFE_START, "'")  # what `escape_text` marks: formulas, and text already marked

EXACT_INTEGER = 2**53  # beyond this a float no longer holds every integer


def grouped(count: float) -> str:
    """A whole count with Indonesian thousands dots, for messages: 32767 -> '32.767'."""
    return f"{round(count):,}".replace(",", ".")


def number_cell(value: float) -> int | float:
    """A whole number as an int, so spreadsheets show `85`, not `85.0`."""
    return int(value) if value.is_integer() and abs(value) < EXACT_INTEGER else value


def escape_text(text: str) -> str:
    """Put `'` before text a spreadsheet would run as a formula, and before text already starting with `'`.

    >>> escape_text("=1+1"), unescape_text(escape_text("=1+1")), escape_text("'ok"), escape_text("aman")
    ("'=1+1", '=1+1', "''ok", 'aman')
    """
    return f"'{text}" if text.startswith(ESCAPED_START) else text


def escape_texts(texts: list[str]) -> list[str]:
    """`escape_text` of each text; the few that need it are found by one C-level pass.

    >>> escape_texts(["aman", "=1+1"])
    ['aman', "'=1+1"]
    """
    marked = list(map(str.startswith, texts, repeat(ESCAPED_START)))
    if not any(marked):
        return texts
    return [f"'{text}" if mark else text for text, mark in zip(texts, marked)]


def csv_value(value: object) -> str:
    """One value as a CSV cell for spreadsheets: exact numbers, ranges as ``lo-hi``, text made inert.

    >>> csv_value(1234567.0), csv_value(Rentang(lo=60, hi=80)), csv_value("=1+1"), csv_value(None)
    ('1234567', '60-80', "'=1+1", '')
    """
    if value is None:
        return ""
    if isinstance(value, float):
        return format_number(value)
    return escape_text(str(value))


def unescape_text(text: str) -> str:
    """Undo `escape_text`; text that `escape_text` could not have produced is left alone."""
    return text[1:] if len(text) > 1 and text[0] == "'" and text[1] in (*UNSAFE_START, "'") else text


def table_rows(cascade: Cascade) -> dict[str, list[list[Cell]]]:
    """The four tables of a cascade as rows of cells, columns in `COLUMNS` order (no header row).

    Raises
    ------
    InputError
        When a list item contains the `;` separator, which no cell could hold without splitting it.
    """
    problems: list[Problem] = []
    organisasi = [[key, _cell(value)] for key in ORGANISASI_KEYS
                  if (value := getattr(cascade.organisasi, key)) is not None]
    tables: dict[str, list[list[Cell]]] = {"organisasi": organisasi}
    for table in ("jabatan", "elemen", "capaian"):
        records: tuple[BaseModel, ...] = getattr(cascade, table)
        tables[table] = [_row(record, table, i, cascade.source, problems) for i, record in enumerate(records)]
    if problems:
        raise InputError(problems)
    return tables


def _row(record: BaseModel, table: str, index: int, source: str, problems: list[Problem]) -> list[Cell]:
    fields = type(record).model_fields
    row: list[Cell] = []
    for name in COLUMNS[table]:
        value = getattr(record, name)
        if value == fields[name].default:
            row.append(None)
            continue
        if isinstance(value, tuple):
            for item in value:
                if LIST_SEPARATOR in item:
                    problems.append(Problem(source, f"{table}[{index}]", name,
                                            f"{item!r} berisi '{LIST_SEPARATOR}', pemisah daftar di spreadsheet; "
                                            f"ganti id tersebut"))
        row.append(_cell(value))
    return row


def _cell(value: object) -> Cell:
    if isinstance(value, tuple):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, Rentang):
        return str(value)
    if isinstance(value, float):
        return number_cell(value)
    return value  # type: ignore[return-value]  # str or int


_XML_UNSAFE = re.compile("_x[0-9A-Fa-f]{4}_|[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")
_XML_ESCAPE = re.compile("_x([0-9A-Fa-f]{4})_")


def encode_xlsx_text(text: str) -> str:
    """Write characters XML cannot hold (a CR, control characters) the way Excel does: `_x000D_`.

    A literal `_x000D_` in the text gets its underscore escaped (`_x005F_x000D_`), as Excel does,
    so `decode_xlsx_text` gives back exactly the original.

    >>> encode_xlsx_text("a\\r\\nb"), decode_xlsx_text(encode_xlsx_text("a\\r\\nb")) == "a\\r\\nb"
    ('a_x000D_\\nb', True)
    >>> encode_xlsx_text("_x000D_"), decode_xlsx_text("_x005F_x000D_")
    ('_x005F_x000D_', '_x000D_')
    """
    return _XML_UNSAFE.sub(lambda m: f"_x005F{m.group()}" if len(m.group()) > 1 else f"_x{ord(m.group()):04X}_", text)


def decode_xlsx_text(text: str) -> str:
    """Undo Excel's `_xHHHH_` escapes (openpyxl leaves them in the text)."""
    return _XML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text
