"""Column names of the spreadsheet tables, and the header spellings planners actually type.

One table serves the CSV and XLSX readers alike, and docs/spreadsheet.md lists it for users.
A header is matched after case, spaces and punctuation are made uniform ("Sumber Data",
"SUMBER_DATA" and "sumber-data" are all `sumber_data`), then through the aliases below, then by
tolerating one small typo (two in headers of eight letters or more) when only one column is that close.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rapidfuzz.distance import OSA

from models.cascade import Capaian, Elemen, Jabatan, Organisasi

TABLES = ("organisasi", "jabatan", "elemen", "capaian")

COLUMNS: dict[str, tuple[str, ...]] = {
    "organisasi": ("kunci", "nilai"),
    "jabatan": tuple(Jabatan.model_fields),
    "elemen": tuple(Elemen.model_fields),
    "capaian": tuple(Capaian.model_fields),
}
"""Every table's columns in contract order: the order export writes them in."""

REQUIRED: dict[str, tuple[str, ...]] = {
    "organisasi": ("kunci", "nilai"),
    **{table: tuple(name for name, field in model.model_fields.items() if field.is_required())
       for table, model in (("jabatan", Jabatan), ("elemen", Elemen), ("capaian", Capaian))},
}

ORGANISASI_KEYS: tuple[str, ...] = tuple(Organisasi.model_fields)
"""The `kunci` values of the organisasi table (its rows), in contract order."""

NUMERIC: dict[str, frozenset[str]] = {
    "organisasi": frozenset({"tahun"}),
    "jabatan": frozenset(),
    "elemen": frozenset({"target", "realisasi", "bobot"}),
    "capaian": frozenset({"target", "realisasi"}),
}
"""Columns (for organisasi: keys) holding numbers; every other column is text, even `1.06` codes."""

LIST_SEPARATOR = ";"

ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "organisasi": {
        "kunci": ("Butir",),
        "nilai": ("Isi",),
    },
    "organisasi.kunci": {
        "kode": ("Kode Organisasi", "Kode OPD", "Kode Perangkat Daerah", "Kode Instansi"),
        "nama": ("Nama Organisasi", "Nama OPD", "Nama Perangkat Daerah", "Perangkat Daerah", "Instansi",
                 "Nama Instansi"),
        "tahun": ("Tahun Anggaran", "Tahun Kinerja"),
        "pemda": ("Pemerintah Daerah",),
    },
    "jabatan": {
        "id": ("ID Jabatan", "Kode Jabatan"),
        "nama": ("Nama Jabatan", "Jabatan"),
        "eselon": ("Jenjang", "Jenjang Jabatan", "Tingkat"),
        "atasan": ("ID Atasan", "Atasan Langsung", "Jabatan Atasan"),
        "pegawai": ("Nama Pegawai", "Pemangku Jabatan", "Pejabat", "Nama Pejabat"),
        "nip": ("NIP Pegawai", "NIP Pejabat"),
    },
    "elemen": {
        "id": ("ID Elemen",),
        "jenis": ("Jenis Elemen", "Tipe"),
        "uraian": ("Indikator Kinerja", "Indikator Kinerja Utama", "Indikator Kinerja Individu", "Indikator",
                   "Uraian Kinerja", "Pernyataan Kinerja", "Rencana Hasil Kerja"),
        "jabatan": ("Penanggung Jawab", "Pemilik", "Pemilik Kinerja", "ID Jabatan"),
        "induk": ("ID Induk", "Mendukung", "Kinerja Atasan yang Didukung",
                  "Rencana Hasil Kerja Pimpinan yang Diintervensi"),
        "kode": ("Kode Rekening", "Kode Program", "Kode Kegiatan", "Kode Sub Kegiatan", "Kode Nomenklatur"),
        "satuan": ("Satuan Ukuran", "Satuan Indikator"),
        "polaritas": ("Polarisasi", "Sifat Indikator"),
        "target": ("Target Kinerja", "Target Tahunan"),
        "realisasi": ("Realisasi Kinerja", "Realisasi Tahunan"),
        "formula": ("Formulasi", "Formulasi Penghitungan", "Formulasi Perhitungan", "Formula Penghitungan",
                    "Formula Perhitungan", "Cara Penghitungan", "Cara Perhitungan", "Rumus",
                    "Penjelasan/Formulasi Perhitungan", "Penjelasan/Formulasi", "Formulasi/Penjelasan"),
        "sumber_data": ("Sumber",),
        "bobot": ("Bobot (%)",),
        "agregasi": ("Cara Agregasi",),
        "abaikan": ("Abaikan Aturan",),
        "crosscutting": ("Cross Cutting", "Lintas Unit"),
    },
    "capaian": {
        "id": ("ID Elemen", "ID Indikator"),
        "periode": ("Triwulan", "TW", "Periode Pelaporan"),
        "target": ("Target Periode", "Target Triwulan"),
        "realisasi": ("Realisasi Periode", "Realisasi Triwulan"),
    },
}
"""Header variants accepted for each column, as planners write them (matched after `normalize`)."""

ROW_NUMBER_HEADERS = ("No", "No.", "Nomor", "No Urut")
"""A row-numbering column carries no cascade data; it is skipped in every table."""

ROW_NUMBER = "#no"  # what `resolve` returns for a row-numbering header

_NOT_WORD = re.compile(r"[^0-9a-z]+")


def normalize(text: object) -> str:
    """Header text made uniform: lower case, every run of spaces or punctuation one `_`.

    >>> normalize("  Sumber  Data "), normalize("Penjelasan/Formulasi Perhitungan"), normalize("Bobot (%)")
    ('sumber_data', 'penjelasan_formulasi_perhitungan', 'bobot')
    """
    return _NOT_WORD.sub("_", str(text).casefold()).strip("_")


def _spellings(table: str) -> dict[str, str]:
    names = ORGANISASI_KEYS if table == "organisasi.kunci" else COLUMNS[table]
    spellings = {normalize(name): name for name in names}
    for name, aliases in ALIASES[table].items():
        spellings.update((normalize(alias), name) for alias in aliases)
    if table != "organisasi.kunci":
        spellings.update((normalize(header), ROW_NUMBER) for header in ROW_NUMBER_HEADERS)
    return spellings


SPELLINGS: dict[str, dict[str, str]] = {table: _spellings(table) for table in ALIASES}
"""Per table (and for organisasi keys, "organisasi.kunci"): every accepted spelling -> its column."""

SHEET_SPELLINGS: dict[str, str] = {table: table for table in TABLES}


def resolve(text: object, spellings: Mapping[str, str]) -> str | None:
    """The column a header names, or None when it names none of them.

    >>> resolve("Indikator Kinerja", SPELLINGS["elemen"]), resolve("Polaritass", SPELLINGS["elemen"])
    ('uraian', 'polaritas')
    >>> resolve("Realisasi TW1", SPELLINGS["elemen"]) is None
    True
    """
    key = normalize(text)
    if key in spellings:
        return spellings[key]
    allowed = typo_allowance(key)
    if not allowed:
        return None
    distances = [(OSA.distance(key, known, score_cutoff=allowed), name) for known, name in spellings.items()]
    close = [(d, name) for d, name in distances if d <= allowed]
    if not close:
        return None
    best = min(d for d, _ in close)
    names = {name for d, name in close if d == best}
    return names.pop() if len(names) == 1 else None


_QUARTER = re.compile(r"(?:^|_)(?:(?:tw|trw|q)_?(?:[1-4]|i{1,3}|iv)|triwulan)(?:_|$)")
"""A quarter named in a normalized header: `realisasi_tw1`, `target_triwulan_ii`, `tw_4`."""


def names_quarter(text: object) -> bool:
    """Whether a header names a quarter ("Realisasi TW1"): quarterly values are rows of the capaian table.

    >>> names_quarter("Realisasi TW1"), names_quarter("Target Triwulan II"), names_quarter("Twitter")
    (True, True, False)
    """
    return _QUARTER.search(normalize(text)) is not None


def nearest(text: object, spellings: Mapping[str, str]) -> str | None:
    """The column a header that names none most likely means: the one every spelling whose words it holds
    names ("Target 2024" holds `target`); None when no spelling or several columns fit.

    >>> nearest("Target 2024", SPELLINGS["elemen"]), nearest("Bobot Indikator", SPELLINGS["elemen"])
    ('target', None)
    """
    words = set(normalize(text).split("_"))
    fits = {name for known, name in spellings.items() if words.issuperset(known.split("_"))}
    return fits.pop() if len(fits) == 1 and ROW_NUMBER not in fits else None


def typo_allowance(key: str) -> int:
    """How many edits (a transposition counts as one) a header may be off by: 0 below 5 letters."""
    return 0 if len(key) < 5 else 1 if len(key) < 8 else 2

