"""A filled column under an unknown header, in a CSV table large enough for the bulk reader.

The column is one problem at its header whichever path reads the rows (`models.bulk` or
`models.sheets._record`), and it sends no row to the slower per-row path.
"""

import models.sheets
from models.headers import SPELLINGS, names_quarter, nearest
from tests.test_load_scale_equivalence import assert_same_load, generated_tables, loaded, write_tables


def test_an_unknown_header_is_one_message_in_bulk_and_row_by_row_over_several_batches(tmp_path, monkeypatch):
    tables = generated_tables(5_000, seed=6)  # 15,007 elements: two batches of `PROGRESS_EVERY` rows and more
    elemen = tables["elemen"]
    column = elemen[0].index("realisasi")
    elemen[0][column] = "Realisasi  TW1 "
    for row in elemen[2:]:
        row[column] = "66"
    folder = write_tables(tmp_path / "kaskade", tables)
    (problem,) = assert_same_load(folder)
    assert (problem.location, problem.field) == ("elemen.csv baris 1", "Realisasi TW1")
    assert f"{len(elemen) - 2} sel terisi, pertama di baris 3: '66'" in problem.message
    assert "capaian.csv" in problem.message
    one_by_one = []
    record = models.sheets._record
    monkeypatch.setattr(models.sheets, "_record",
                        lambda sheet, *args: one_by_one.append(sheet.table) or record(sheet, *args))
    assert loaded(folder) == [problem]
    assert "elemen" not in one_by_one


def test_quarter_headers():
    assert [names_quarter(h) for h in ("Realisasi TW1", "Target Triwulan IV", "Realisasi Q2", "TW 3")] == [True] * 4
    assert [names_quarter(h) for h in ("Realisasi", "Twitter", "Target 2024", "Kuartal")] == [False] * 4


def test_the_nearest_column_is_named_only_when_one_fits():
    elemen = SPELLINGS["elemen"]
    assert nearest("Sumber Data Kinerja", elemen) == "sumber_data"  # `sumber` and `sumber_data`: one column
    assert nearest("Indikator Kinerja Utama 2024", elemen) == "uraian"
    assert nearest("Id Elemen Induk", elemen) is None  # id or induk
    assert nearest("No Indikator", elemen) is None  # a row number or uraian
    assert nearest("Keterangan", elemen) is None
