"""Read a cascade from an `.xlsx` workbook: one sheet per table, values only, nothing executed.

Safety, in order:

- Before openpyxl opens the file, its zip directory is checked: at most `MAX_UNPACKED` bytes
  once unpacked, at most `MAX_MEMBERS` parts, and no part larger than `RATIO_FLOOR` that unpacks
  more than `MAX_RATIO` times its packed size (a zip bomb). Python's zipfile never unpacks more
  than a part's declared size, so the declared sizes are a real bound.
- Sheets are streamed with openpyxl's read-only mode. Formulas are never evaluated: a formula
  cell is an error naming the cell, because its cached result may be stale or absent and a
  planner must decide what value was meant. Excel error values and dates (Excel turns `1.06`
  into a date) are errors too.
- No XML part may hold a DTD (`<!DOCTYPE`, which Excel never writes): entities cannot be
  declared, so entity expansion (billion laughs) and external entities (XXE) are out whatever
  XML parser openpyxl uses. defusedxml is therefore not required; openpyxl uses it when it is
  installed, at about 1.3 times the parsing time.

A damaged package (bad CRC, corrupt compressed data, broken XML, a missing part) is one located
error, "workbook rusak", with the cause told in Indonesian: Python's own exception text is English.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path

import openpyxl
from openpyxl.cell.read_only import EmptyCell
from openpyxl.utils.cell import range_boundaries

from models.cascade import Cascade
from models.cells import decode_xlsx_text, grouped
from models.numbers import format_number
from models.errors import InputError, Problem
from models.headers import COLUMNS, SHEET_SPELLINGS, resolve
from models.bulk import paused_gc
from models.sheets import CellProblem, Progress, Sheet, read_sheets

MAX_UNPACKED = 512 * 2**20
MAX_MEMBERS = 10_000
MAX_RATIO = 200
RATIO_FLOOR = 2**20  # small parts compress oddly well without being a threat

_XML_PARTS = (".xml", ".rels", ".vml")
_DTD_MARKERS = tuple("<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))
_MARKER_WINDOW = 32  # longer than any marker, so one split across two chunks is still seen
_OVERLAP = 4096
_MERGE_REF = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)\"")


def read_xlsx(path: Path, progress: Progress | None = None) -> Cascade:
    """Load the cascade in a workbook, or raise with every located problem."""
    source = str(path)
    _check_archive(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many types on a malformed package
        raise _damaged(path, "", exc) from None
    try:
        by_table: dict[str, str] = {}
        for title in workbook.sheetnames:
            table = resolve(title, SHEET_SPELLINGS)
            if table in by_table:
                raise InputError([Problem(source, "", None, f"sheet {by_table[table]!r} dan {title!r} sama-sama "
                                                            f"terbaca sebagai tabel {table}; ganti nama salah satu")])
            if table:
                by_table[table] = title
        sheets = [_sheet(path, workbook, by_table[table], table) for table in COLUMNS if table in by_table]
        with paused_gc():  # as for a CSV folder: collector passes would walk every record made so far
            return read_sheets(sheets, source, lambda table: _missing_sheet(table, workbook.sheetnames), progress)
    finally:
        workbook.close()


def _check_archive(path: Path) -> None:
    """Refuse what is not a workbook, or would unpack into far more than it looks like."""
    source = str(path)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError([Problem(source, "", None,
                                  "bukan file .xlsx yang sah (bukan arsip zip). File .xls lama atau yang "
                                  "dikunci kata sandi: buka di Excel lalu simpan sebagai .xlsx tanpa kata "
                                  "sandi")]) from None
    if len(members) > MAX_MEMBERS:
        raise InputError([Problem(source, "", None, f"berisi {grouped(len(members))} bagian, melebihi batas "
                                                    f"{grouped(MAX_MEMBERS)}; bukan workbook biasa")])
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_UNPACKED:
        raise InputError([Problem(source, "", None,
                                  f"terurai menjadi {grouped(unpacked / 2**20)} MB, melebihi batas "
                                  f"{grouped(MAX_UNPACKED / 2**20)} MB; pecah kaskade menjadi beberapa file")])
    for member in members:
        if member.file_size > RATIO_FLOOR and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            ratio = member.file_size / max(member.compress_size, 1)
            raise InputError([Problem(source, "", None,
                                      f"bagian {member.filename} termampatkan {grouped(ratio)} kali "
                                      f"(batas {MAX_RATIO}); "
                                      f"file seperti ini (zip bomb) tidak dibuka")])
    with zipfile.ZipFile(path) as archive:
        for member in members:
            try:
                dtd = member.filename.lower().endswith(_XML_PARTS) and _declares_dtd(archive, member)
            except Exception as exc:  # zipfile raises many types on a damaged part
                raise _damaged(path, f"bagian {member.filename}", exc) from None
            if dtd:
                raise InputError([Problem(source, "", None,
                                          f"bagian {member.filename} memuat deklarasi DTD (<!DOCTYPE), yang tidak "
                                          f"pernah ada di workbook Excel; file tidak dibuka")])


def _declares_dtd(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    """True when an XML part holds `<!DOCTYPE`: the only way to declare entities (billion laughs, XXE).

    Refusing these keeps entity attacks out whatever XML parser openpyxl ends up using.
    """
    pending = b""
    with archive.open(member) as part:
        while chunk := part.read(2**20):
            block = pending + chunk
            if any(marker in block for marker in _DTD_MARKERS):
                return True
            pending = block[-_MARKER_WINDOW:]
    return False


def _missing_sheet(table: str, titles: Sequence[str]) -> str:
    present = ", ".join(repr(t) for t in titles) or "tidak ada"
    return (f"sheet {table!r} tidak ada (judul kolom: {', '.join(COLUMNS[table])}); "
            f"sheet yang ada: {present}")


def _sheet(path: Path, workbook, title: str, table: str) -> Sheet:
    label = f"sheet {title!r}"
    try:
        worksheet = workbook[title]
        total = worksheet.max_row
        # A stale <dimension> would make openpyxl skip or drop rows: read every row that is there.
        worksheet.reset_dimensions()
        rows = enumerate(worksheet.iter_rows(), 1)
        header_row, header = 1, []
        for number, cells in rows:
            values = [_value(cell) for cell in cells]
            if any(v is not None and not (isinstance(v, str) and not v.strip()) for v in values):
                header_row, header = number, [None if isinstance(v, CellProblem) else v for v in values]
                break
        merged = _merged(path, worksheet)
    except Exception as exc:  # a malformed sheet part: openpyxl and zipfile raise many types
        raise _damaged(path, label, exc) from None
    return Sheet(table, label, header, header_row, _values(rows, path, label), total=total, merged=merged,
                 cell_refs=True)


def _values(rows: Iterator[tuple[int, tuple]], path: Path, label: str) -> Iterator[tuple[int, list[object]]]:
    try:
        for number, cells in rows:
            yield number, [_value(cell) for cell in cells]
    except Exception as exc:  # as in `_sheet`
        raise _damaged(path, label, exc) from None


def _damaged(path: Path, place: str, exc: Exception) -> InputError:
    return InputError([Problem(str(path), place, None,
                               f"workbook rusak: {_cause(exc)}. Coba buka di Excel lalu simpan ulang, atau ambil "
                               f"salinan yang utuh")])


def _cause(exc: Exception) -> str:
    """What went wrong, in Indonesian: Python words it in English, so only its kind, position or part name is used."""
    if isinstance(exc, zipfile.BadZipFile):
        return "CRC tidak cocok" if "CRC" in str(exc) else "struktur arsip zip rusak"
    if isinstance(exc, zlib.error):
        return "data termampatkan rusak"
    if isinstance(exc, EOFError):
        return "data terpotong"
    if isinstance(exc, NotImplementedError):
        return "metode pemampatan tidak didukung"
    if isinstance(exc, SyntaxError):  # what ElementTree and lxml raise on broken XML
        line, column = getattr(exc, "position", (exc.lineno, exc.offset))
        return f"XML tidak utuh atau tidak sah (baris XML {line}, karakter {column})"
    if isinstance(exc, KeyError) and (missing := re.search(r"named '([^']+)'", str(exc))):
        return f"bagian {missing.group(1)!r} tidak ada"  # zipfile's KeyError names the part it lacks
    if isinstance(exc, OSError):
        return f"file tidak dapat dibaca (kesalahan sistem, errno {exc.errno})"
    return "isinya tidak sesuai format workbook Excel"


def _value(cell) -> object:
    """A cell's value as the planner sees it; a refused cell becomes a `CellProblem`."""
    if isinstance(cell, EmptyCell):
        return None
    value = cell.value
    if value is None:
        return None
    kind = cell.data_type
    if kind == "f":
        return CellProblem(f"sel berisi rumus {_formula_text(value)}; rumus tidak dihitung. Salin sel lalu "
                           f"tempel sebagai nilai (Paste Special > Values)")
    if kind == "e":
        return CellProblem(f"sel berisi galat Excel {value}; isi dengan nilai yang benar")
    if isinstance(value, (dt.datetime, dt.date, dt.time, dt.timedelta)):
        return CellProblem(f"sel berisi tanggal/waktu {value}; Excel mengubah isian seperti 1.06 atau 6-8 menjadi "
                           f"tanggal. Format sel sebagai Teks lalu ketik ulang")
    if isinstance(value, str):
        return decode_xlsx_text(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in (cell.number_format or ""):
        # Excel stores a typed `90%` as 0.9 with a percent format; the contract means 90, and the `%`
        # tells an empty satuan what it is (`Elemen._percent_target_names_the_unit`), as typed text does.
        return f"{format_number(float(Decimal(repr(value)) * 100))}%"
    return value


def _formula_text(value: object) -> str:
    text = getattr(value, "text", value)  # array formulas are objects holding their text
    return repr(str(text))


def _merged(path: Path, worksheet) -> list[tuple[int, int, int, int]]:
    """Merged areas of a sheet, found in its XML (openpyxl's read-only mode does not report them).

    The part is scanned in chunks; a match starting in the last `_OVERLAP` bytes of a chunk is
    left for the next round, so none is missed or counted twice.
    """
    refs: list[bytes] = []
    pending = b""
    # `_worksheet_path` is openpyxl's own name for the part; the merged-cell test guards against a rename.
    with zipfile.ZipFile(path) as archive, archive.open(worksheet._worksheet_path) as part:
        while True:
            chunk = part.read(2**20)
            block = pending + chunk
            limit = len(block) - _OVERLAP if chunk else len(block)
            refs += [m.group(1) for m in _MERGE_REF.finditer(block) if m.start() < limit]
            if not chunk:
                break
            pending = block[max(limit, 0):]
    areas = [range_boundaries(ref.decode()) for ref in refs]
    return [area for area in areas if area[0] != area[2] or area[1] != area[3]]
