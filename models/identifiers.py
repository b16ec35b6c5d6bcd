"""Indonesian identifiers: the civil-servant NIP and Permendagri 90/2019 budget codes."""

from __future__ import annotations

import datetime as dt
import re

BUDGET_CODE = {
    "program": re.compile(r"^\d\.\d{2}\.\d{2}$"),
    "kegiatan": re.compile(r"^\d\.\d{2}\.\d{2}\.\d\.\d{2}$"),
    "subkegiatan": re.compile(r"^\d\.\d{2}\.\d{2}\.\d\.\d{2}\.\d{4}$"),
}
"""Shape of each budget level's code (urusan.bidang.program[.x.kegiatan[.subkegiatan]])."""

_BUDGET_EXAMPLE = {"program": "1.06.01", "kegiatan": "1.06.01.2.01", "subkegiatan": "1.06.01.2.01.0001"}


def nip_problem(nip: str) -> str | None:
    """Why an 18-digit NIP is invalid, or None when it is valid.

    Layout: birth date YYYYMMDD, TMT (start) YYYYMM, gender 1|2, serial NNN; spaces allowed.

    >>> nip_problem("19670711 198809 1 001") is None
    True
    >>> nip_problem("19671311 198809 1 001")
    'tanggal lahir 19671311 bukan tanggal yang sah'
    """
    digits = nip.replace(" ", "")
    if not re.fullmatch(r"[0-9]{18}", digits):  # ASCII digits only: '²' passes isdigit() but not int()
        return f"NIP harus 18 digit angka, ditemukan {len(digits)} karakter"
    try:
        born = dt.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return f"tanggal lahir {digits[0:8]} bukan tanggal yang sah"
    year, month = int(digits[8:12]), int(digits[12:14])
    if not 1 <= month <= 12 or year < 1900:
        return f"TMT {digits[8:14]} bukan bulan yang sah"
    if (year, month) <= (born.year, born.month):
        return f"TMT {digits[8:14]} tidak setelah tanggal lahir {digits[0:8]}"
    if digits[14] not in "12":
        return f"digit jenis kelamin harus 1 atau 2, bukan {digits[14]}"
    return None


def budget_code_problem(jenis: str, code: str) -> str | None:
    """Why a program/kegiatan/sub-kegiatan code is malformed, or None.

    >>> budget_code_problem("subkegiatan", "1.01.01.02.01.0001")
    "kode subkegiatan '1.01.01.02.01.0001' tidak berbentuk 1.06.01.2.01.0001"
    """
    if BUDGET_CODE[jenis].match(code):
        return None
    return f"kode {jenis} {code!r} tidak berbentuk {_BUDGET_EXAMPLE[jenis]}"


def code_prefix(code: str, jenis: str) -> str:
    """The part of a code naming its program (3 segments) or kegiatan (5 segments)."""
    return ".".join(code.split(".")[: 3 if jenis == "program" else 5])
