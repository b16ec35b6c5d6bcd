"""Pydantic models of the cascade input contract.

Each model validates the shape of one record. Rules that span records (unknown references,
cycles, duplicates, weights) are checks in `cascade.checks`, so one bad row never hides the rest.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal, NewType

from pydantic import BaseModel, ConfigDict, PlainSerializer, field_validator, model_validator

from models.numbers import format_number, parse_number, parse_range

ElementId = NewType("ElementId", str)
JabatanId = NewType("JabatanId", str)

Eselon = Literal["kepala_daerah", "I", "II", "III", "IV", "fungsional", "pelaksana"]
Jenis = Literal["tujuan", "sasaran", "indikator", "iku", "iki", "program", "kegiatan", "subkegiatan"]
Polaritas = Literal["positif", "negatif", "rentang"]
Agregasi = Literal["jumlah", "terakhir"]

INDICATOR_KINDS = frozenset({"indikator", "iku", "iki"})
BUDGET_KINDS = frozenset({"program", "kegiatan", "subkegiatan"})

_PERIOD = re.compile(r"^(TW[1-4]|\d{4})$")
_QUARTER = re.compile(r"^(?:TW|TRIWULAN|Q)[\s.-]*(IV|I{1,3}|[1-4])$")
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}

_ESELON_WORDS = {"kepala daerah": "kepala_daerah", "jpt madya": "I", "jpt pratama": "II", "administrator": "III",
                 "pengawas": "IV", "fungsional": "fungsional", "pelaksana": "pelaksana"}
"""Other names of the eselon levels: the JPT/administrator/pengawas titles of the ASN law."""


def is_period(value: str) -> bool:
    """`TW1`..`TW4` or a year, as `period_as_typed` writes them."""
    return bool(_PERIOD.match(value))


def period_as_typed(value: str) -> str:
    """`tw1`, `TW 1`, `TW-I`, `Triwulan I`, `Q1` -> `TW1`; a year or anything else upper-cased, as it is."""
    value = value.strip().upper()
    if quarter := _QUARTER.match(value):
        return f"TW{_ROMAN.get(quarter.group(1), quarter.group(1))}"
    return value


def choice_as_typed(value: object) -> object:
    """`IKI`, ` Negatif `, `Sub-kegiatan`: a choice typed in a cell in any case (Excel's lists ignore case)."""
    return re.sub(r"[\s_-]+", "", value).lower() if isinstance(value, str) else value


def _eselon_as_typed(value: object) -> object:
    """`III`, `III.a`, `Eselon IV/b`, `iii`, `Pengawas`, `Kepala Daerah`: the eselon a planner means."""
    if not isinstance(value, str):
        return value
    words = re.sub(r"[\s_]+", " ", value.strip().lower()).removeprefix("eselon ").strip()
    if words in _ESELON_WORDS:
        return _ESELON_WORDS[words]
    roman = re.fullmatch(r"(iv|i{1,3})(?:\s*[./-]?\s*[ab])?", words)
    return roman.group(1).upper() if roman else value


class _Record(BaseModel):
    """Shared configuration: no unknown keys, immutable, numbers accepted where text is expected."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True,
                              str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _drop_blank_cells(cls, data: object) -> object:
        """An empty spreadsheet cell means 'not given', the same as a missing key."""
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if not (v is None or (isinstance(v, str) and not v.strip()))}
        return data


def _as_list(value: object) -> object:
    """Accept `a;b` (CSV/Excel) as well as a real list (YAML/JSON)."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    return value


class Rentang(BaseModel):
    """A range target `lo-hi`: inside it the capaian is 100%."""

    model_config = ConfigDict(frozen=True)
    lo: float
    hi: float

    def __str__(self) -> str:
        return f"{format_number(self.lo)}-{format_number(self.hi)}"


class Organisasi(_Record):
    kode: str
    nama: str
    tahun: int | None = None
    pemda: str | None = None


class Jabatan(_Record):
    id: JabatanId
    nama: str
    eselon: Eselon | None = None
    atasan: JabatanId | None = None
    pegawai: str | None = None
    nip: str | None = None

    _eselon = field_validator("eselon", mode="before")(_eselon_as_typed)


class Elemen(_Record):
    id: ElementId
    jenis: Jenis
    uraian: str
    jabatan: JabatanId | None = None
    induk: tuple[ElementId, ...] = ()
    kode: str | None = None
    satuan: str | None = None
    polaritas: Polaritas = "positif"
    target: float | Rentang | None = None
    realisasi: float | None = None
    formula: str | None = None
    sumber_data: str | None = None
    bobot: float = 1.0
    agregasi: Agregasi | None = None
    abaikan: tuple[str, ...] = ()
    crosscutting: tuple[ElementId, ...] = ()

    _lists = field_validator("induk", "abaikan", "crosscutting", mode="before")(_as_list)
    _choices = field_validator("jenis", "polaritas", "agregasi", mode="before")(choice_as_typed)

    @field_validator("target", mode="before")
    @classmethod
    def _read_target(cls, value: object) -> object:
        if isinstance(value, Rentang):
            return value
        if isinstance(value, (dict, list)):
            raise ValueError(f"harus berupa angka atau rentang 'bawah-atas' (misalnya 60-80), bukan {value!r}")
        bounds = parse_range(value)
        if bounds:
            return Rentang(lo=bounds[0], hi=bounds[1])
        return parse_number(value)

    @field_validator("realisasi", "bobot", mode="before")
    @classmethod
    def _read_number(cls, value: object) -> float:
        return parse_number(value)

    @model_validator(mode="before")
    @classmethod
    def _percent_target_names_the_unit(cls, data: object) -> object:
        """A target typed `90%` with no satuan is a percentage: K403 and the quarterly cumulation read the unit.
        (`models.bulk.COMPLETIONS` does the same on the cells it reads in bulk.)"""
        if (isinstance(data, dict) and isinstance(data.get("target"), str) and data["target"].strip().endswith("%")
                and not str(data.get("satuan") or "").strip()):
            return {**data, "satuan": "%"}
        return data

    @model_validator(mode="after")
    def _range_matches_polarity(self) -> Elemen:
        if isinstance(self.target, Rentang) and self.polaritas != "rentang":
            raise ValueError(f"target rentang {self.target} hanya boleh untuk polaritas 'rentang', "
                             f"bukan {self.polaritas!r}")
        if self.polaritas == "rentang" and isinstance(self.target, float):
            raise ValueError(f"polaritas 'rentang' memerlukan target berbentuk 'bawah-atas' "
                             f"(misalnya 60-80), bukan {self.target:g}")
        unknown = set(self.crosscutting).difference(self.induk) if self.crosscutting else None
        if unknown:
            raise ValueError(f"crosscutting {sorted(unknown)} harus juga tercantum di induk")
        return self

    @property
    def is_indicator(self) -> bool:
        return self.jenis in INDICATOR_KINDS


class Capaian(_Record):
    """One period's target and realisation for an element (quarterly or yearly)."""

    id: ElementId
    periode: str
    target: float | None = None
    realisasi: float | None = None

    @field_validator("periode")
    @classmethod
    def _known_period(cls, value: str) -> str:
        value = period_as_typed(value)
        if not is_period(value):
            raise ValueError(f"periode harus TW1, TW2, TW3, TW4 atau tahun (misalnya 2024), bukan {value!r}")
        return value

    @field_validator("target", "realisasi", mode="before")
    @classmethod
    def _read_number(cls, value: object) -> float:
        if isinstance(value, str) and parse_range(value):
            raise ValueError(f"rentang {value.strip()!r} tidak dapat menjadi nilai satu periode; target rentang "
                             f"ditulis di kolom target elemen dan berlaku untuk setiap triwulan")
        return parse_number(value)


class Cascade(BaseModel):
    """One organisation's whole cascade, as loaded from one file."""

    model_config = ConfigDict(frozen=True)

    organisasi: Organisasi
    # A table the CSV reader built in bulk is a `models.bulk.Records`, dumped as the tuple of its records.
    jabatan: Annotated[tuple[Jabatan, ...], PlainSerializer(tuple, return_type=tuple[Jabatan, ...])] = ()
    elemen: Annotated[tuple[Elemen, ...], PlainSerializer(tuple, return_type=tuple[Elemen, ...])] = ()
    capaian: Annotated[tuple[Capaian, ...], PlainSerializer(tuple, return_type=tuple[Capaian, ...])] = ()
    source: str = ""
