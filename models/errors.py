"""Library exceptions: one root, with unusable input kept apart from internal bugs."""

from __future__ import annotations

import errno
from dataclasses import dataclass


class CascadeError(Exception):
    """Root of every error this library raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One located defect in an input file, worded for the planner who must fix it."""

    file: str
    location: str  # "baris 12", "elemen[3]" or "elemen[3] (baris 40)"
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.location}" if self.location else self.file
        if self.field:
            where += f", kolom '{self.field}'"
        return f"{where}: {self.message}"


class InputError(CascadeError):
    """The input cannot be read as a cascade; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


_WRITING_CAUSES = {
    errno.ENOENT: "folder tidak ada",
    errno.EACCES: "tidak ada izin menulis",
    errno.EPERM: "tidak ada izin menulis",
    errno.ENOSPC: "disk penuh",
    errno.EROFS: "sistem berkas hanya-baca",
    errno.EEXIST: "salah satu folder di jalurnya adalah file",
    errno.ENOTDIR: "salah satu folder di jalurnya adalah file",
}
_READING_CAUSES = {
    errno.ENOENT: "file tidak ada",
    errno.EACCES: "tidak ada izin membaca",
    errno.EPERM: "tidak ada izin membaca",
    errno.EISDIR: "ini folder, bukan file",
    errno.ENOTDIR: "salah satu folder di jalurnya adalah file",
    errno.EIO: "disk gagal dibaca",
}


def os_cause(exc: OSError, *, reading: bool = False) -> str:
    """Why the system refused, in Indonesian: `strerror` is English (or the OS's language)."""
    causes = _READING_CAUSES if reading else _WRITING_CAUSES
    return causes.get(exc.errno, f"kesalahan sistem (errno {exc.errno})")
