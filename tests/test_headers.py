"""Header spellings: the aliases planners type, small typos, and nothing that reads as the wrong column."""

from pathlib import Path

import pytest
from rapidfuzz.distance import OSA

from models.headers import (
    ALIASES,
    COLUMNS,
    ROW_NUMBER,
    ROW_NUMBER_HEADERS,
    SPELLINGS,
    normalize,
    resolve,
    typo_allowance,
)

DOCS = Path(__file__).resolve().parent.parent / "docs" / "spreadsheet.md"


@pytest.mark.parametrize(("header", "column"), [
    ("uraian", "uraian"), ("URAIAN", "uraian"), ("  Sumber  Data ", "sumber_data"), ("sumber-data", "sumber_data"),
    ("Indikator Kinerja", "uraian"), ("Indikator Kinerja Utama", "uraian"), ("Sumber Data", "sumber_data"),
    ("Formulasi Penghitungan", "formula"), ("PENJELASAN/FORMULASI PERHITUNGAN", "formula"), ("Bobot (%)", "bobot"),
    ("Penanggung Jawab", "jabatan"), ("Rencana Hasil Kerja Pimpinan yang Diintervensi", "induk"),
    ("No.", ROW_NUMBER),
    # typos: one edit in short headers, two in long ones, a swap counts as one
    ("Polaritass", "polaritas"), ("uraain", "uraian"), ("Sumber Dta", "sumber_data"),
    ("Formulasi Pengitungan", "formula"), ("Crosscuting", "crosscutting"),
])
def test_elemen_headers(header, column):
    assert resolve(header, SPELLINGS["elemen"]) == column


@pytest.mark.parametrize("header", ["Realisasi TW1", "Target 2024", "Target TW1", "Keterangan", "kode2x", "idx"])
def test_different_columns_are_not_taken_for_typos(header):
    assert resolve(header, SPELLINGS["elemen"]) is None


@pytest.mark.parametrize(("table", "header", "column"), [
    ("jabatan", "Nama Jabatan", "nama"), ("jabatan", "Jabatan", "nama"), ("jabatan", "Atasan Langsung", "atasan"),
    ("capaian", "Triwulan", "periode"), ("organisasi", "Butir", "kunci"),
    ("organisasi.kunci", "Nama OPD", "nama"), ("organisasi.kunci", "Tahun Anggaran", "tahun"),
])
def test_other_tables(table, header, column):
    assert resolve(header, SPELLINGS[table]) == column


def test_no_spelling_is_within_typo_reach_of_another_column():
    for table, spellings in SPELLINGS.items():
        for a, column_a in spellings.items():
            for b, column_b in spellings.items():
                if column_a != column_b:
                    reach = max(typo_allowance(a), typo_allowance(b))
                    assert OSA.distance(a, b) > reach, (table, a, b)


def test_aliases_name_real_columns_and_do_not_collide():
    for table, columns in ALIASES.items():
        known = set(COLUMNS.get(table, ())) or {"kode", "nama", "tahun", "pemda"}
        assert set(columns) <= known, table
        spelled = [normalize(a) for aliases in columns.values() for a in aliases]
        assert len(spelled) == len(set(spelled)), table


def test_docs_list_every_alias():
    text = DOCS.read_text(encoding="utf-8")
    for columns in ALIASES.values():
        for aliases in columns.values():
            for alias in aliases:
                assert f"`{alias}`" in text, alias
    assert all(f"`{header}`" in text for header in ROW_NUMBER_HEADERS)
