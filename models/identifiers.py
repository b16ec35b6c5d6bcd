"""Indonesian identifiers: the civil-servant NIP (PNS and PPPK) and Permendagri 90/2019 budget codes."""

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

PPPK_SINCE = 2019
"""First year of PPPK appointments: a Nomor Induk PPPK's year (digits 9-12) is never earlier."""
PPPK_CODE_FROM = 21
"""Lowest code a Nomor Induk PPPK has where a PNS NIP has the TMT month (21 PPPK, 24 paruh waktu)."""


def nip_problem(nip: str) -> str | None:
    """Why an 18-digit NIP (or Nomor Induk PPPK) is invalid, or None when it is valid.

    PNS layout: birth date YYYYMMDD, TMT (start) YYYYMM, gender 1|2, serial NNN; spaces allowed.
    PPPK layout: birth date YYYYMMDD, year of appointment YYYY, a two-digit code where a PNS has
    the TMT month (21, or 24 for PPPK paruh waktu: 21 and above, never a month), gender 1|2,
    serial NNN. PPPK appointments began in 2019, so a number is read as PPPK only when that year
    is 2019 or later and the code 21 or more; its year must come after the birth year.

    >>> nip_problem("19670711 198809 1 001") is None
    True
    >>> nip_problem("19671311 198809 1 001")
    'tanggal lahir 19671311 bukan tanggal yang sah'
    >>> nip_problem("19850101 202121 1 001") is None  # PPPK
    True
    >>> nip_problem("NIP. 19670711 198809 1 001")
    "NIP harus 18 digit angka, ditemukan 22 karakter; hapus awalan 'NIP.'"
    >>> nip_problem("19670711 198813 1 001")
    'TMT 198813 tidak sah: 13 bukan bulan 01-12 (NIP PNS) maupun kode 21 ke atas dengan tahun 2019 ke atas (Nomor Induk PPPK)'
    """
    digits = nip.replace(" ", "")
    if not re.fullmatch(r"[0-9]{18}", digits):  # ASCII digits only: '²' passes isdigit() but not int()
        if label := re.fullmatch(r"(?i)(nip[.:]?)[0-9]{18}", digits):  # copied with its label, as documents print it
            return f"NIP harus 18 digit angka, ditemukan {len(digits)} karakter; hapus awalan '{label.group(1)}'"
        return f"NIP harus 18 digit angka, ditemukan {len(digits)} karakter"
    try:
        born = dt.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return f"tanggal lahir {digits[0:8]} bukan tanggal yang sah"
    year, month = int(digits[8:12]), int(digits[12:14])
    pppk = year >= PPPK_SINCE and month >= PPPK_CODE_FROM  # a code, not a month
    if year < 1900:
        return f"TMT {digits[8:14]} tidak sah: tahun {digits[8:12]} sebelum 1900"
    if not (1 <= month <= 12 or pppk):
        return (f"TMT {digits[8:14]} tidak sah: {digits[12:14]} bukan bulan 01-12 (NIP PNS) maupun "
                f"kode {PPPK_CODE_FROM} ke atas dengan tahun {PPPK_SINCE} ke atas (Nomor Induk PPPK)")
    if pppk and year <= born.year:
        return f"tahun pengangkatan PPPK {digits[8:12]} tidak setelah tanggal lahir {digits[0:8]}"
    if not pppk and (year, month) <= (born.year, born.month):
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
