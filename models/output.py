"""Write a cascade as YAML, JSON, an XLSX workbook or a CSV folder, safely.

Safety rules, for every output: the input is never overwritten (not even when asked); an existing
output is replaced only when asked; the new content is written to a hidden temporary file in the
same folder and renamed over the target, so a crash or a full disk never leaves half a file. A CSV
folder is swapped in with two renames, and only a folder holding nothing but the four CSV files
is ever replaced.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml
from pydantic import BaseModel

from models.cascade import Cascade, Rentang
from models.cells import number_cell, table_rows
from models.numbers import format_number
from models.csv_folder import write_csv_folder
from models.errors import CascadeError, os_cause
from models.headers import COLUMNS, ORGANISASI_KEYS, TABLES
from models.sheets import Progress

KINDS = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".xlsx": "xlsx", "": "csv"}
"""Output kind by suffix; a name without suffix (or an existing folder) is a CSV folder."""

_CSV_FILES = frozenset(f"{table}.csv" for table in TABLES)


def output_kind(path: Path) -> str:
    """`yaml`, `json`, `xlsx` or `csv` (a folder), from the name of the output."""
    kind = "csv" if path.is_dir() else KINDS.get(path.suffix.lower())
    if kind is None:
        raise CascadeError(f"{path}: jenis keluaran tidak dikenal; gunakan .yaml, .json, .xlsx, "
                           f"atau nama folder (tanpa akhiran) untuk CSV")
    return kind


def check_output(path: Path, inputs: Iterable[Path], overwrite: bool) -> None:
    """Refuse an output that is an input, or that exists and may not be replaced."""
    refuse_inputs(path, inputs)
    if not path.parent.is_dir():
        raise CascadeError(f"{path}: folder {path.parent} tidak ada")
    if not path.exists() and not path.is_symlink():
        return
    if not overwrite:
        raise _exists(path)
    if output_kind(path) == "csv":
        if not path.is_dir() or path.is_symlink():
            raise CascadeError(f"{path}: bukan folder; tidak diganti dengan folder CSV")
        others = sorted(p.name for p in path.iterdir() if p.name not in _CSV_FILES)
        if others:
            raise CascadeError(f"{path}: folder berisi file lain ({', '.join(others[:5])}); "
                               f"hanya folder CSV kaskade yang boleh diganti")
    elif path.is_dir():
        raise CascadeError(f"{path}: adalah folder; tidak diganti dengan file")


def _exists(path: Path) -> CascadeError:
    return CascadeError(f"{path}: sudah ada; tambahkan --timpa untuk menggantinya")


def refuse_inputs(path: Path, inputs: Iterable[Path]) -> None:
    """Refuse to write over a file the cascade was read from, whatever the options."""
    for source in inputs:
        if _same(path, source):
            raise CascadeError(f"{path}: ini file masukan ({source}); masukan tidak pernah ditimpa, "
                               f"tulis ke nama lain")


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def save_cascade(cascade: Cascade, path: Path, overwrite: bool = False, inputs: Iterable[Path] = (),
                 progress: Progress | None = None) -> None:
    """Write `cascade` to `path` in the kind its name says (see `output_kind`).

    Raises
    ------
    CascadeError
        When the output is an input, exists without `overwrite`, or has an unknown kind.
    InputError
        When the cascade holds something the output kind cannot (see `models.cells`, `models.xlsx_writer`).
    """
    kind = output_kind(path)
    check_output(path, inputs, overwrite)
    if kind == "csv":
        with _atomic_folder(path) as folder:
            _unicode_safe(lambda: write_csv_folder(cascade, folder), path)
        return
    with _atomic_file(path) as temporary:
        if kind == "xlsx":
            from models.xlsx_writer import write_workbook  # here: YAML/JSON output need not import openpyxl
            write_workbook(table_rows(cascade), temporary, cascade.source, progress)
        else:
            text = yaml_text(cascade) if kind == "yaml" else json_text(cascade)
            _unicode_safe(lambda: temporary.write_text(text, encoding="utf-8"), path)


def check_generated(paths: Iterable[Path], inputs: Iterable[Path], overwrite: bool) -> None:
    """Refuse outputs that are inputs, or that exist (another agency's workbook, say) and may not be replaced."""
    inputs = list(inputs)
    for path in paths:
        refuse_inputs(path, inputs)
        if path.is_dir():
            raise CascadeError(f"{path}: adalah folder; tulis ke nama file")
        if not overwrite and (path.exists() or path.is_symlink()):
            raise _exists(path)


def write_bytes(path: Path, data: bytes, inputs: Iterable[Path] = (), overwrite: bool = False) -> None:
    """Write a generated output (diagram, matrix, report): never over an input, over an existing
    file only when `overwrite`, atomically; its folder is created when missing."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CascadeError(f"{path}: folder keluaran tidak dapat dibuat: {os_cause(exc)}") from None
    check_generated([path], inputs, overwrite)
    with _atomic_file(path) as temporary:
        temporary.write_bytes(data)


def input_files(source: Path) -> list[Path]:
    """The files a cascade was read from: the file itself, or the tables of a CSV folder."""
    return [source / f"{table}.csv" for table in TABLES] if source.is_dir() else [source]


def save_template(path: Path, cascade: Cascade | None = None, overwrite: bool = False,
                  inputs: Iterable[Path] = ()) -> None:
    """Write a blank template workbook, or one holding the organisasi and jabatan of `cascade`."""
    if path.suffix.lower() != ".xlsx":
        raise CascadeError(f"{path}: templat ditulis sebagai .xlsx")
    check_output(path, inputs, overwrite)
    from models.xlsx_writer import template_tables, write_workbook  # here: see save_cascade
    with _atomic_file(path) as temporary:
        write_workbook(template_tables(cascade), temporary, cascade.source if cascade else "")


def _unicode_safe(write: Callable[[], object], path: Path) -> None:
    try:
        write()
    except UnicodeEncodeError as exc:
        raise CascadeError(f"{path}: teks berisi karakter Unicode yang tidak sah ({exc.object[exc.start:exc.end]!r}) "
                           f"dan tidak dapat disimpan sebagai UTF-8") from None


def _write_failed(path: Path, exc: OSError) -> CascadeError:
    return CascadeError(f"{path}: tidak dapat menulis keluaran: {os_cause(exc)}")


@contextmanager
def _atomic_file(path: Path) -> Iterator[Path]:
    """A temporary file beside `path`, renamed over it only when writing succeeded.

    An operating-system failure (no permission, disk full) becomes a `CascadeError` naming the
    output; the previous output, if any, is left as it was.
    """
    try:
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise _write_failed(path, exc) from None
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        with open(temporary, "rb+") as written:
            os.fsync(written.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except OSError as exc:
        raise _write_failed(path, exc) from None
    finally:
        temporary.unlink(missing_ok=True)


@contextmanager
def _atomic_folder(path: Path) -> Iterator[Path]:
    """A temporary folder beside `path`, swapped in for it only when writing succeeded.

    As for `_atomic_file`, an operating-system failure becomes a `CascadeError` and the previous
    folder is left (or put back) where it was.
    """
    try:
        temporary = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"))
    except OSError as exc:
        raise _write_failed(path, exc) from None
    try:
        yield temporary
        os.chmod(temporary, 0o777 & ~_umask())
        if path.exists():
            _swap(temporary, path)
        else:
            os.replace(temporary, path)
    except OSError as exc:
        raise _write_failed(path, exc) from None
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def _swap(new: Path, path: Path) -> None:
    """Put folder `new` where folder `path` is: two renames, the old folder put back if the second fails."""
    old = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=".old"))
    aside = old / path.name
    try:
        os.replace(path, aside)
        os.replace(new, path)
    except OSError:
        if aside.exists():
            os.replace(aside, path)  # should this fail too, the old folder is kept in `old`, not deleted
        old.rmdir()
        raise
    shutil.rmtree(old, ignore_errors=True)  # the new folder is in place: a leftover is no reason to fail


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --- YAML and JSON ------------------------------------------------------------------------------


class _Number(str):
    """A number already written as the text `parse_number` reads back exactly."""


class _Flow(list):
    """A list written inline: `induk: [s1, s2]`."""


class _FlowMapping(dict):
    """A short row written on one line, like the capaian rows of the fixtures."""


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    pass


_Dumper.add_representer(_Number, lambda d, v: d.represent_scalar(d.resolve(yaml.ScalarNode, str(v), (True, False)),
                                                                  str(v)))
_Dumper.add_representer(_Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))
_Dumper.add_representer(_FlowMapping, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, flow_style=True))


def yaml_text(cascade: Cascade) -> str:
    """The cascade as a YAML document in the contract's shape (defaults left out)."""
    document = _document(cascade, as_yaml=True)
    document["capaian"] = [_FlowMapping(row) for row in document["capaian"]]
    header = f"# Dibuat oleh cascade dari {cascade.source}\n" if cascade.source else ""
    return header + yaml.dump({k: v for k, v in document.items() if v or k == "elemen"}, Dumper=_Dumper,
                              sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)


def json_text(cascade: Cascade) -> str:
    """The cascade as a JSON document in the contract's shape (defaults left out)."""
    return json.dumps(_document(cascade, as_yaml=False), ensure_ascii=False, indent=1) + "\n"


def _document(cascade: Cascade, as_yaml: bool) -> dict:
    organisasi = {key: _value(value, as_yaml) for key in ORGANISASI_KEYS
                  if (value := getattr(cascade.organisasi, key)) is not None}
    return {"organisasi": organisasi,
            **{table: [_record(r, table, as_yaml) for r in getattr(cascade, table)] for table in TABLES[1:]}}


def _record(record: BaseModel, table: str, as_yaml: bool) -> dict:
    fields = type(record).model_fields
    return {name: _value(value, as_yaml) for name in COLUMNS[table]
            if (value := getattr(record, name)) != fields[name].default}


def _value(value: object, as_yaml: bool) -> object:
    """Numbers as YAML text that reads back exactly, or as JSON numbers; lists and ranges as written."""
    if isinstance(value, tuple):
        return _Flow(value) if as_yaml else list(value)
    if isinstance(value, Rentang):
        return str(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _Number(format_number(value)) if as_yaml else number_cell(float(value))
    return value
