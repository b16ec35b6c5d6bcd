"""Read a cascade from YAML, JSON, an XLSX workbook or a folder of CSV files, reporting every located problem.

Each reader turns its file into plain tables (lists of dicts) plus the location of every row;
`build_cascade` then validates the rows one by one and collects all problems before raising.
The spreadsheet readers (`models.csv_folder`, `models.xlsx_reader`) share `models.sheets`.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable, Iterable, Sequence
from itertools import repeat
from operator import attrgetter
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from models.bulk import Records, column_of, columns_of
from models.cascade import Capaian, Cascade, Elemen, Jabatan, Organisasi, period_as_typed
from models.errors import InputError, Problem, os_cause

TABLES: dict[str, type[BaseModel]] = {"jabatan": Jabatan, "elemen": Elemen, "capaian": Capaian}
TOP_LEVEL_KEYS = ("organisasi", "jabatan", "elemen", "capaian")
CASCADE_SUFFIXES = (".yaml", ".yml", ".json")
WORKBOOK_SUFFIXES = (".xlsx",)
_OTHER_SUFFIX_HINTS = {
    ".xls": "format .xls lama tidak didukung; buka di Excel lalu simpan sebagai .xlsx",
    ".xlsm": "workbook bermakro tidak dibaca; simpan sebagai .xlsx (tanpa makro)",
    ".ods": "simpan sebagai .xlsx (LibreOffice: Simpan Sebagai > Excel 2007-365)",
    ".csv": "kaskade CSV adalah folder berisi organisasi.csv, jabatan.csv, elemen.csv dan capaian.csv; "
            "berikan nama foldernya",
}

Locator = Callable[[str, int], str]
"""Maps (table, row index) to a human location such as 'elemen[3] (baris 40)'."""


class _TextLoader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):  # type: ignore[misc]
    """YAML loader that reads every scalar as text, so `1.06` codes and `08` NIPs stay exact.

    Typing is left to the pydantic models, exactly as for CSV cells.
    """


_TextLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag in ("tag:yaml.org,2002:null", "tag:yaml.org,2002:merge")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _tag in ("int", "float", "bool", "timestamp", "binary"):  # explicit `!!int x` is text too, never a traceback
    _TextLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _TextLoader.construct_scalar)


def load_cascade(path: str | Path, progress: Callable[[str, int, int | None], None] | None = None) -> Cascade:
    """Load one cascade from a `.yaml`/`.yml`/`.json`/`.xlsx` file or a folder holding `elemen.csv`.

    `progress(table, rows read, rows expected or None)` is called now and then while a
    spreadsheet is read, for a caller that shows progress on long imports.

    Raises
    ------
    InputError
        With every located problem when the input cannot be read as a cascade.
    """
    path = Path(path)
    try:
        # Imported here: the spreadsheet readers validate through `build_cascade` in this module,
        # and a YAML-only run need not pay for importing openpyxl.
        if path.is_dir():
            from models.csv_folder import read_csv_folder
            return read_csv_folder(path, progress)
        if path.suffix.lower() in WORKBOOK_SUFFIXES and path.is_file():
            from models.xlsx_reader import read_xlsx
            return read_xlsx(path, progress)
        text = _read_text(path)
        if path.suffix.lower() == ".json":
            tables, locate = _read_json(text, str(path))
        else:
            tables, locate = _read_yaml(text, str(path))
        return build_cascade(tables, locate, str(path))
    except RecursionError:
        raise InputError([Problem(str(path), "", None,
                                  "struktur bersarang terlalu dalam; sebuah kaskade hanya berisi tabel baris")]) from None


def _read_text(path: Path) -> str:
    if not path.exists():
        raise InputError([Problem(str(path), "", None, "file atau folder tidak ditemukan")])
    if path.suffix.lower() not in CASCADE_SUFFIXES:
        hint = _OTHER_SUFFIX_HINTS.get(path.suffix.lower(), "")
        raise InputError([Problem(str(path), "", None,
                                  "jenis file tidak dikenal; gunakan .yaml, .yml, .json, .xlsx atau folder berisi "
                                  "elemen.csv" + (f" ({hint})" if hint else ""))])
    data = read_bytes(path)
    if is_utf16(data):
        raise InputError([Problem(str(path), "", None, UTF16_PROBLEM)])
    if b"\x00" in data:
        raise InputError([Problem(str(path), "", None, "bukan file teks (berisi data biner)")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError([Problem(str(path), f"baris {line}", None,
                                  "bukan teks UTF-8; simpan ulang file sebagai UTF-8")]) from None
    if not text.strip():
        raise InputError([Problem(str(path), "", None, "file kosong")])
    return text


UTF16_PROBLEM = "tersimpan sebagai UTF-16 (\"Unicode\" di Notepad atau Excel); simpan ulang sebagai UTF-8"


def is_utf16(data: bytes) -> bool:
    """Whether a file is UTF-16 text: a byte-order mark, or a zero byte beside most others (ASCII in UTF-16)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    sample = data[:4096]
    return len(sample) >= 8 and max(sample[0::2].count(0), sample[1::2].count(0)) > 0.4 * len(sample) / 2


def read_bytes(path: Path) -> bytes:
    """A file's bytes, or a located error in Indonesian when the system refuses to read it."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError([Problem(str(path), "", None, f"file tidak dapat dibaca: {os_cause(exc, reading=True)}")]) from None


_BAD_BACKSLASH = ("garis miring terbalik (\\) di dalam teks bertanda kutip ganda tidak sah; tulis \\\\ atau "
                  "pakai tanda kutip tunggal")
YAML_PROBLEMS = (
    ("mapping values are not allowed",
     "titik dua (:) tidak boleh di sini; periksa indentasi, atau beri tanda kutip pada teks yang memuat ': '"),
    ("cannot start any token", "karakter ini tidak boleh memulai nilai (tab untuk indentasi? gunakan spasi)"),
    ("tab character", "tab tidak boleh dipakai untuk indentasi; gunakan spasi"),
    ("found unexpected end of stream", "file berakhir sebelum tanda kutip atau kurung ditutup"),
    ("<stream end>", "file berakhir sebelum kurung [ ] atau { } ditutup"),
    ("expected <block end>", "indentasi tidak konsisten dengan baris sebelumnya"),
    ("another document", "file berisi lebih dari satu dokumen YAML (dipisah ---); jadikan satu dokumen"),
    ("document start>", "ada teks setelah akhir dokumen (kurung penutup berlebih?)"),
    ("found undefined alias", "alias (*nama) merujuk jangkar (&nama) yang tidak ada"),
    ("second occurrence", "jangkar (&nama) yang sama ditulis dua kali"),
    ("alphabetic or numeric character", "nama jangkar atau alias (&nama, *nama) kosong atau tidak sah"),
    ("could not find expected ':'", "kunci tanpa titik dua (:)"),
    ("did not find expected key", "indentasi atau tanda - tidak cocok dengan baris sebelumnya"),
    ("did not find expected '-' indicator", "indentasi atau tanda - tidak cocok dengan baris sebelumnya"),
    ("did not find expected ',' or", "kurung tidak tertutup atau koma hilang"),
    ("escape", _BAD_BACKSLASH),
    ("hexdecimal number", _BAD_BACKSLASH),
    ("could not determine a constructor", "tag YAML (!nama) tidak dikenal; hapus tanda ! di depan nilai"),
    ("unhashable key", "kunci berupa daftar atau pemetaan; kunci harus berupa teks"),
    ("indentation indicator", "indikator indentasi sesudah | atau > harus angka 1-9"),
    ("incompatible YAML document", "versi YAML tidak didukung; hapus baris %YAML"),
    ("mapping keys are not allowed", "tanda ? (kunci majemuk) tidak boleh di sini"),
    ("expected a comment or a line break", "ada teks sesudah nilai yang sudah selesai (tanda kutip penutup?)"),
)
"""Phrases of the YAML parsers' problems (libyaml and pure PyYAML word them differently), and what a
planner should look for, in Bahasa Indonesia."""

JSON_PROBLEMS = {
    "Expecting value": "nilai diharapkan di sini (koma berlebih, atau file terpotong?)",
    "Expecting property name enclosed in double quotes": "nama kunci harus diapit tanda kutip ganda \"...\"",
    "Expecting ',' delimiter": "koma (,) hilang di antara dua nilai",
    "Expecting ':' delimiter": "titik dua (:) hilang setelah nama kunci",
    "Unterminated string starting at": "teks tidak ditutup dengan tanda kutip",
    "Extra data": "ada isi setelah akhir dokumen JSON",
    "Invalid control character at": "karakter kendali di dalam teks (tulis sebagai \\n atau \\t)",
    "Invalid \\escape": "garis miring terbalik (\\) tidak sah di dalam teks; tulis \\\\",
    "Invalid \\uXXXX escape": "\\u harus diikuti empat digit heksadesimal",
}


def _yaml_problem(problem: str | None) -> str:
    text = problem or ""
    return next((said for phrase, said in YAML_PROBLEMS if phrase in text),
                "struktur tidak sah; periksa baris ini dan baris sebelumnya")


def _read_yaml(text: str, source: str) -> tuple[object, Locator]:
    loader = _TextLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"baris {mark.line + 1}, kolom {mark.column + 1}" if mark else ""
        raise InputError([Problem(source, where, None, f"YAML rusak: {_yaml_problem(exc.problem)}")]) from None
    except yaml.reader.ReaderError as exc:  # a character YAML forbids: located by its position in the text
        where = f"baris {text.count(chr(10), 0, exc.position) + 1}"
        character = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        raise InputError([Problem(source, where, None, f"YAML rusak: karakter kendali {character} tidak boleh ada "
                                                       f"di YAML; hapus karakter itu")]) from None
    except yaml.YAMLError:
        raise InputError([Problem(source, "", None, "YAML rusak: struktur tidak sah")]) from None
    finally:
        loader.dispose()
    lines = _row_lines(node)
    locate = lambda table, i: f"{table}[{i}]" + (f" (baris {lines[table][i]})" if table in lines else "")  # noqa: E731
    problems = list(_repeated_keys(node, locate, source))
    if problems:
        raise InputError(problems)
    return data, locate


def _row_lines(node: yaml.Node | None) -> dict[str, list[int]]:
    """Line number of every row of every table, for error messages."""
    lines: dict[str, list[int]] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(value, yaml.SequenceNode):
                lines[str(key.value)] = [item.start_mark.line + 1 for item in value.value]
    return lines


def _repeated_keys(node: yaml.Node | None, locate: Locator, source: str) -> Iterable[Problem]:
    """A key written twice in one mapping: YAML keeps the last silently, so say so instead."""
    if not isinstance(node, yaml.MappingNode):
        return
    mappings: list[tuple[str, yaml.MappingNode]] = [("", node)]
    for key, value in node.value:
        if isinstance(value, yaml.MappingNode):
            mappings.append((str(key.value), value))
        elif isinstance(value, yaml.SequenceNode):
            mappings += [(locate(str(key.value), i), item) for i, item in enumerate(value.value)
                         if isinstance(item, yaml.MappingNode)]
    for where, mapping in mappings:
        first_line: dict[str, int] = {}
        for key, _ in mapping.value:
            name, line = str(key.value), key.start_mark.line + 1
            if name in first_line:
                yield Problem(source, where or f"baris {line}", name,
                              f"kunci ditulis dua kali (baris {first_line[name]} dan {line}); hapus salah satu")
            else:
                first_line.setdefault(name, line)


def _read_json(text: str, source: str) -> tuple[object, Locator]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError([Problem(source, f"baris {exc.lineno}, kolom {exc.colno}", None,
                                  f"JSON rusak: {JSON_PROBLEMS.get(exc.msg, 'struktur tidak sah')}")]) from None
    return data, lambda table, i: f"{table}[{i}]"


def _is_audit_output(data: object) -> bool:
    """An audit or a score saved as JSON (`check`: one organisation's object, or a folder's array of
    them; `score`: its periode and elements) beside the cascades is read back with them on the next run."""
    audits = data if isinstance(data, list) and data else [data]
    return all(isinstance(item, dict) and "elemen" not in item
               and ("findings" in item or {"periode", "elements"} <= item.keys()) for item in audits)


def build_cascade(data: object, locate: Locator, source: str) -> Cascade:
    """Validate raw tables row by row and assemble a `Cascade`, or raise with every problem.

    A row may also be a record the CSV reader already validated in bulk (`models.bulk`): it is kept as is,
    and a table it read wholly so (`Records`, not a list) becomes the cascade's as it is, columns and all.
    """
    if _is_audit_output(data):
        raise InputError([Problem(source, "", None, "ini keluaran `cascade check` atau `cascade score` "
                                  "(--format json), bukan kaskade; simpan keluaran di luar folder yang diperiksa")])
    if not isinstance(data, dict):
        raise InputError([Problem(source, "", None,
                                  "isi file harus berupa pemetaan dengan kunci organisasi, jabatan, elemen, capaian")])
    problems = [Problem(source, "", str(key), f"kunci tidak dikenal; yang dikenal: {', '.join(TOP_LEVEL_KEYS)}")
                for key in data if key not in TOP_LEVEL_KEYS]
    organisasi = None
    if data.get("organisasi") is None:
        problems.append(Problem(source, "", "organisasi", "wajib ada (kode dan nama organisasi)"))
    else:
        organisasi = _validate(Organisasi, data["organisasi"], "organisasi", source, problems)
    if "elemen" not in data:
        problems.append(Problem(source, "", "elemen", "tabel elemen wajib ada"))
    tables: dict[str, tuple] = {}
    for table, model in TABLES.items():
        rows = data.get(table) or []
        if not isinstance(rows, (list, Records)):
            problems.append(Problem(source, table, None, "harus berupa daftar baris"))
            rows = []
        # Every row already a record, read in bulk (`models.bulk`): the common case of a large table.
        validated = isinstance(rows, Records) or all(map(isinstance, rows, repeat(model)))
        if validated:
            tables[table] = rows if isinstance(rows, Records) else tuple(rows)
        else:
            records = [row if isinstance(row, model) else _validate(model, row, locate(table, i), source, problems)
                       for i, row in enumerate(rows)]
            tables[table] = tuple(record for record in records if record is not None)
        problems.extend(_duplicate_keys(rows, model, table, locate, source, validated))
    if "jabatan" not in data and any(column_of(tables["elemen"], "jabatan")):
        # Every owner would be reported unknown, one finding per element: say what is missing instead.
        problems.append(Problem(source, "", "jabatan", "tabel jabatan wajib ada: elemen menyebut jabatan pemiliknya"))
    if problems or organisasi is None:
        raise InputError(problems)
    # Every record was validated above; validating the container again would re-run them all.
    return Cascade.model_construct(organisasi=organisasi, jabatan=tables["jabatan"], elemen=tables["elemen"],
                                   capaian=tables["capaian"], source=source)


def _validate(model: type[BaseModel], row: object, where: str, source: str,
              problems: list[Problem]) -> BaseModel | None:
    if not isinstance(row, dict):
        problems.append(Problem(source, where, None, f"harus berupa pemetaan kolom: nilai, bukan {row!r}"))
        return None
    try:
        return model.model_validate(row)
    except ValidationError as exc:
        problems.extend(_problems_from(exc, row, where, source))
        return None


def _problems_from(exc: ValidationError, row: dict, where: str, source: str) -> Iterable[Problem]:
    for error in exc.errors(include_url=False):
        field = ".".join(str(part) for part in error["loc"] if not isinstance(part, int)) or None
        if field and "." in field:  # e.g. 'target.float' from a union: report the column only
            field = field.split(".")[0]
        yield Problem(source, where, field, _message(error, row.get(field) if field else None))


def _message(error: dict, value: object) -> str:
    """Pydantic's English messages, said in Bahasa Indonesia with the offending value."""
    kind = error["type"]
    shown = f" (nilai: {value!r})" if value is not None else ""
    if kind == "missing":
        return "wajib diisi"
    if kind == "extra_forbidden":
        return f"kolom tidak dikenal{shown}"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "").replace(" or ", " atau ")
        return f"nilai {value!r} tidak dikenal; pilihan: {expected}"
    if kind in ("value_error", "assertion_error"):
        return str(error["msg"]).removeprefix("Value error, ")
    if kind.startswith("string"):
        return f"harus berupa teks{shown}"
    if kind == "finite_number":
        return f"harus berupa angka berhingga{shown}"
    if kind.startswith(("int", "float")):
        return f"harus berupa angka{shown}"
    if kind.startswith(("list", "tuple")):
        return f"harus berupa daftar{shown}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"harus berupa pemetaan kolom: nilai{shown}"
    if kind == "invalid_key":
        return "nama kolom harus berupa teks"
    return f"nilai tidak sah{shown}"


def _duplicate_keys(rows: Sequence, model: type[BaseModel], table: str, locate: Locator, source: str,
                    validated: bool) -> Iterable[Problem]:
    """The same id twice (the same id and periode twice in `capaian`, which would be summed).

    `validated`: every row is a record of `model`, whose keys are then read without looking at each row first,
    or even taken from the columns the bulk reader kept.
    """
    columns = ("id", "periode") if table == "capaian" else ("id",)
    key_of = attrgetter(*columns)  # a record's id (and periode) are already trimmed (and upper case)
    if isinstance(rows, Records):
        if columns == ("id",) and len(rows.row_of_id) == len(rows):
            return
        keys = rows.columns["id"] if columns == ("id",) else list(zip(*columns_of(rows, columns)))
    elif validated:
        keys = list(map(key_of, rows))
    else:
        keys = [key_of(row) if isinstance(row, model) else _raw_key(row, columns) for row in rows]
    if len(set(keys)) == len(keys):  # nothing repeated: the common case, checked at C speed
        return
    first_row: dict[object, int] = {}
    for i, key in enumerate(keys):
        if key is None:
            continue
        if key not in first_row:
            first_row[key] = i
        elif table == "capaian":
            yield Problem(source, locate(table, i), "periode",
                          f"capaian {key[0]!r} periode {key[1]} sudah diisi di {locate(table, first_row[key])}")
        else:
            yield Problem(source, locate(table, i), "id",
                          f"id {key!r} sudah dipakai di {locate(table, first_row[key])}")


def _raw_key(row: object, columns: tuple[str, ...]) -> object:
    """The key of a row before validation, shaped as `attrgetter(*columns)` gives it; None when incomplete."""
    values = [row.get(c) for c in columns] if isinstance(row, dict) else [None]
    if any(v is None for v in values):
        return None
    key = tuple(period_as_typed(str(v)) if c == "periode" else str(v).strip() for c, v in zip(columns, values))
    return key if len(key) > 1 else key[0]


ANSWER_KEY_SUFFIX = ".kebenaran.json"
"""What `cascade generate` appends to its output's name to name the answer key it writes beside it."""


def is_answer_key(path: Path) -> bool:
    """`NAME.kebenaran.json` beside the cascade `NAME` (a file or a CSV folder): expected findings, not a cascade."""
    name = path.name.removesuffix(ANSWER_KEY_SUFFIX)
    return name not in ("", path.name) and path.with_name(name).exists()


def discover_cascades(path: str | Path) -> list[Path]:
    """The cascades a path names: itself, or every cascade file and CSV folder inside a folder.

    Hidden files, Excel's `~$` lock files (present while a workbook is open) and the answer keys
    `cascade generate` writes beside its cascades are not cascades.
    """
    path = Path(path)
    if not path.is_dir() or (path / "elemen.csv").is_file():
        return [path]
    found = [p for p in sorted(path.iterdir()) if not p.name.startswith((".", "~$"))
             if (p.is_file() and p.suffix.lower() in (*CASCADE_SUFFIXES, *WORKBOOK_SUFFIXES) and not is_answer_key(p))
             or (p.is_dir() and (p / "elemen.csv").is_file())]
    if not found:
        raise InputError([Problem(str(path), "", None,
                                  "folder ini tidak berisi file kaskade (.yaml, .json, .xlsx, atau folder CSV)")])
    return found
