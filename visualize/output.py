"""Writing outputs safely: never over an input file, and atomically (temp file, then rename).

A reader of the output (a browser, a spreadsheet, a CI step) never sees half a file, and an
interrupted run leaves the previous output intact.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from models import CascadeError
from models.loaders import TOP_LEVEL_KEYS


def input_files(source: Path) -> list[Path]:
    """The files a cascade was read from: the file itself, or the tables of a CSV folder."""
    return [source / f"{table}.csv" for table in TOP_LEVEL_KEYS] if source.is_dir() else [source]


def write_atomic(path: Path, data: bytes, inputs: list[Path] = ()) -> None:
    """Write `data` to `path` via a temporary file in the same folder and `os.replace`."""
    if any(_same_file(path, source) for source in inputs):
        raise CascadeError(f"{path}: ini file masukan kaskade; pilih nama keluaran lain (masukan tidak pernah ditimpa)")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise CascadeError(f"{path}: tidak dapat menulis keluaran: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, _ordinary_mode())  # mkstemp makes the file private (0600)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise CascadeError(f"{path}: tidak dapat menulis keluaran: {exc.strerror or exc}") from None


def _ordinary_mode() -> int:
    """The mode a plain ``open(path, "w")`` would give: 0666 less the umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False
