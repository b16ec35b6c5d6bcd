"""The bulk CSV reader (`models.bulk`) against the per-row path it stands in for.

Each test loads the same folder twice: as `load_cascade` does, and with every row sent through the
per-row path (`models.sheets._record`, then pydantic in `build_cascade`), which is how every row was
read before the bulk reader. The records must be equal down to the types of their values and their
`model_fields_set`, and bad input must give the very same messages, in the same order.
"""

from __future__ import annotations

import csv
import gc
import io
import random
import tempfile
from contextlib import contextmanager
from functools import cache
from itertools import compress
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

import models.csv_folder
import models.sheets
from fixtures.generator import generate
from models import Cascade, InputError, load_cascade
from models.bulk import CHECKS, COMPLETIONS, KINDS, Records
from models.cascade import Capaian, Elemen, Jabatan, Rentang
from models.csv_folder import write_csv_folder
from models.headers import COLUMNS
from models.loaders import build_cascade
from models.output import save_cascade

ROOT = Path(__file__).resolve().parent.parent
TABLES = ("jabatan", "elemen", "capaian")


class _PerRow:
    """Stands in for `BulkBuilder`: every row goes through the per-row path."""

    every_row = False

    def __init__(self, *_: object, **__: object):
        pass

    def build(self, rows: list) -> set[int]:
        return set(range(len(rows)))

    def records(self) -> tuple:
        return ()


@contextmanager
def row_by_row():
    with mock.patch.object(models.sheets, "BulkBuilder", _PerRow):
        yield


def loaded(folder: Path) -> Cascade | list:
    """The cascade in `folder`, or the problems that stop it loading."""
    try:
        return load_cascade(folder)
    except InputError as exc:
        return exc.problems


def assert_same_load(folder: Path) -> Cascade | list:
    """Load `folder` in bulk and row by row; both must give the same cascade, or the same problems."""
    bulk = loaded(folder)
    with row_by_row():
        expected = loaded(folder)
    if isinstance(expected, list):
        assert bulk == expected
        return bulk
    assert isinstance(bulk, Cascade)
    assert bulk == expected
    for table in TABLES:
        for got, want in zip(getattr(bulk, table), getattr(expected, table), strict=True):
            assert type(got) is type(want)
            assert list(got.__dict__.items()) == list(want.__dict__.items())
            assert [type(v) for v in got.__dict__.values()] == [type(v) for v in want.__dict__.values()]
            assert got.model_fields_set == want.model_fields_set
            assert (got.__pydantic_extra__, got.__pydantic_private__) == (want.__pydantic_extra__,
                                                                          want.__pydantic_private__)
    return bulk


def write_tables(folder: Path, tables: dict[str, list[list[str]]], quoting: int = csv.QUOTE_MINIMAL,
                 lineterminator: str = "\r\n") -> Path:
    folder.mkdir(exist_ok=True)
    for table, rows in tables.items():
        with open(folder / f"{table}.csv", "w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle, quoting=quoting, lineterminator=lineterminator).writerows(rows)
    return folder


def read_tables(folder: Path) -> dict[str, list[list[str]]]:
    tables = {}
    for file in sorted(folder.glob("*.csv")):
        with open(file, encoding="utf-8-sig", newline="") as handle:
            tables[file.stem] = list(csv.reader(handle))
    return tables


def generated_tables(positions: int, seed: int, **options: object) -> dict[str, list[list[str]]]:
    """A generated cascade as CSV rows (header first), with a capaian table added."""
    cascade = build_cascade(generate(positions=positions, seed=seed, **options).document,
                            lambda table, i: f"{table}[{i}]", "generated")
    with tempfile.TemporaryDirectory() as folder:
        write_csv_folder(cascade, Path(folder))
        tables = read_tables(Path(folder))
    indicators = [e.id for e in cascade.elemen if e.is_indicator]
    tables["capaian"] = [list(COLUMNS["capaian"]),
                         *([i, period, "70", "65,5"] for i in indicators[:20] for period in ("TW1", "tw2")),
                         *([i, "2024", "1.000", ""] for i in indicators[20:30])]
    return tables


# --- equal records --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["sampang.yaml", "probolinggo.yaml"])
def test_fixtures_load_the_same_in_bulk_and_row_by_row(tmp_path, name):
    save_cascade(load_cascade(ROOT / "fixtures" / name), tmp_path / "kaskade")
    assert_same_load(tmp_path / "kaskade")


def test_every_column_and_awkward_text_loads_the_same(tmp_path):
    from tests.test_interchange import rich  # every column, formula-like text, multi-line cells, `1.125`

    save_cascade(rich(), tmp_path / "kaskade")
    assert models.csv_folder._may_hold_escapes((tmp_path / "kaskade" / "elemen.csv").read_text("utf-8-sig"), ",")
    cascade = assert_same_load(tmp_path / "kaskade")
    assert cascade == rich().model_copy(update={"source": str(tmp_path / "kaskade")})


@pytest.mark.parametrize(("positions", "agencies", "multi_parent"), [(200, 1, 0.0), (600, 3, 0.5)])
def test_generated_cascades_load_the_same_and_no_row_goes_the_slow_way(tmp_path, positions, agencies, multi_parent):
    folder = write_tables(tmp_path / "kaskade", generated_tables(positions, seed=positions, agencies=agencies,
                                                                 multi_parent=multi_parent))
    per_row = mock.Mock(wraps=models.sheets._record)
    with mock.patch.object(models.sheets, "_record", per_row):
        cascade = load_cascade(folder)
    assert {call.args[0].table for call in per_row.call_args_list} == {"organisasi"}
    assert len(cascade.elemen) > positions and len(cascade.capaian) == 50
    assert_same_load(folder)


def test_bulk_reader_knows_every_field_and_validator_of_the_records():
    """A field or validator added to a record must be added to `models.bulk` too."""
    for model in (Jabatan, Elemen, Capaian):
        assert set(KINDS[model]) == set(model.model_fields), model
        decorators = model.__pydantic_decorators__
        handled_before = {"_drop_blank_cells"}  # blank cells are not given, in both paths
        # A before-validator completing a row from its other cells: `COMPLETIONS` does the same in bulk.
        completing = {"_percent_target_names_the_unit"} if model is Elemen else set()
        assert {f.__name__ for f in COMPLETIONS.get(model, ())} == completing, model
        checks = {check.__name__ for check, _ in CHECKS.get(model, ())}
        assert set(decorators.model_validators) - handled_before - completing == checks
    # `_choices` and `_eselon` read other spellings of a choice: `models.bulk._choice` leaves those to the records.
    assert set(Elemen.__pydantic_decorators__.field_validators) == {"_lists", "_choices", "_read_target",
                                                                    "_read_number"}
    assert set(Capaian.__pydantic_decorators__.field_validators) == {"_known_period", "_read_number"}
    assert set(Jabatan.__pydantic_decorators__.field_validators) == {"_eselon"}


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(st.tuples(st.sampled_from([None, 70.0, Rentang(lo=60, hi=80)]),
                               st.sampled_from(["positif", "negatif", "rentang"]),
                               st.sampled_from([(), ("a",), ("a", "b")]), st.sampled_from([(), ("a",), ("b",)])),
                     max_size=12))
def test_after_validators_are_called_on_every_record_they_may_refuse(rows):
    """`BulkBuilder._refused` calls them only on the rows their `Suspects` pick from the batch's columns."""
    records = [Elemen.model_construct(id=f"e{i}", jenis="iku", uraian="u", target=target, polaritas=polaritas,
                                      induk=induk, crosscutting=crosscutting)
               for i, (target, polaritas, induk, crosscutting) in enumerate(rows)]
    columns = {name: [getattr(record, name) for record in records] for name in Elemen.model_fields}
    for model in (Jabatan, Elemen, Capaian):
        for check, suspects in CHECKS.get(model, ()):
            picked = set(compress(range(len(records)), suspects(columns)))
            for i, record in enumerate(records):
                try:
                    check(record)
                except (ValueError, AssertionError):
                    assert i in picked


@pytest.mark.parametrize(("table", "column"), [("elemen", "id"), ("jabatan", "id"), ("capaian", "periode")])
def test_a_key_given_twice_in_a_table_read_wholly_in_bulk_gives_the_same_messages(tmp_path, table, column):
    tables = generated_tables(40, seed=6)
    rows = tables[table]
    duplicate = list(rows[5])
    if column == "periode":  # the same element and period as `rows[5]`, written another way
        duplicate[rows[0].index("periode")] = duplicate[rows[0].index("periode")].lower()
    rows.insert(9, duplicate)
    tables_read = []
    with mock.patch.object(models.sheets, "build_cascade",
                           lambda data, *args: tables_read.append(data) or build_cascade(data, *args)):
        problems = assert_same_load(write_tables(tmp_path / "kaskade", tables))
    assert [(p.location, p.field) for p in problems] == [(f"{table}.csv baris 10", column)]
    assert problems[0].message.endswith(f"{table}.csv baris 6")
    assert type(tables_read[0]["elemen"]) is Records  # read wholly in bulk, columns and all


def test_records_with_the_same_fields_share_one_fields_set(tmp_path):
    folder = write_tables(tmp_path / "kaskade", generated_tables(100, seed=1))
    cascade = load_cascade(folder)
    sets = {id(e.model_fields_set) for e in cascade.elemen}
    assert len(sets) == len({frozenset(e.model_fields_set) for e in cascade.elemen}) < 20


def test_progress_is_reported_as_row_by_row(tmp_path, monkeypatch):
    monkeypatch.setattr(models.sheets, "PROGRESS_EVERY", 7)
    folder = write_tables(tmp_path / "kaskade", generated_tables(60, seed=2))
    seen, expected = [], []
    load_cascade(folder, progress=lambda *call: seen.append(call))
    with row_by_row():
        load_cascade(folder, progress=lambda *call: expected.append(call))
    assert seen == expected and ("elemen", 7, len(read_tables(folder)["elemen"]) - 1) in seen


def test_the_collector_is_left_as_it_was(tmp_path):
    folder = write_tables(tmp_path / "kaskade", generated_tables(30, seed=3))
    assert gc.isenabled()
    load_cascade(folder)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()
    try:
        load_cascade(folder)
        assert not gc.isenabled()
    finally:
        gc.enable()


# --- the same messages ------------------------------------------------------------------------------


TEXT = ["", " ", "\t", "\xa0", "\x1c", "x ", " x", "\xa0x\xa0", "x\x1c", "\x1cx", "x\u2003", "x\n", "'=1+1", "''kutip",
        "'biasa", "'-5", "-5", "=SUM(A1)", "+62", "@x", "a,b", 'kata "kutip"', "dua\nbaris"]
"""Text every text column accepts: whitespace pydantic and `str.strip` trim differently, export's `'`
escape, cells that need CSV quoting."""

ACCEPTED = {
    ("jabatan", "nama"): [t for t in TEXT if t.strip()],
    **{("jabatan", c): TEXT for c in ("pegawai", "nip")},
    ("jabatan", "eselon"): ["", "II", "IV", "pelaksana", "kepala_daerah", "III.a", "Eselon IV/b", "Pengawas",
                            "Kepala Daerah"],
    ("elemen", "uraian"): [t for t in TEXT if t.strip()],
    **{("elemen", c): TEXT for c in ("kode", "satuan", "formula", "sumber_data")},
    ("elemen", "abaikan"): ["", "K402", "a;b", ";", " ; ", "a; b", "x;;y", " x", "x ", "'=x", "''x", "\x1cx", "x\n"],
    **{("elemen", c): ["80", "1.000", "1.125", "12,5", "1.234,5", "90%", " 7 ", "0", "-5", "'-5", "'+5"]
       for c in ("target", "realisasi", "bobot")},
    ("elemen", "agregasi"): ["", "jumlah", "terakhir", "Terakhir"],
    ("capaian", "periode"): ["TW3", "tw4 ", " 2025", "2026\n", "'TW3", "Triwulan III", "Q3"],
    **{("capaian", c): ["", "80", "12,5", "90%", " 7 ", "'-5"] for c in ("target", "realisasi")},
}
"""Per column, cells its model accepts: a folder changed only with these must load."""

TRICKY = [
    *TEXT, "tujuan", "sasaran", "indikator", "iku", "program", " sasaran", "Sasaran", "subkegiatan", "IKI",
    "Sub-kegiatan", "III.a", "Eselon V", "Pengawas", "Negatif", "Triwulan II",
    "II", "IV", "ii", "pelaksana", "kepala_daerah", "positif", "negatif", "rentang", "rentang ", "jumlah", "terakhir",
    "80", "1.000", "1.125", "12,5", "1.234,5", "90%", "60-80", "80-60", "60 - 80 %", "1e400", "nan", "inf", "abc",
    " 7 ", "0", "a;b", ";", " ; ", "a; b", "x;;y", "TW1", "tw2", "2024", "TW5", " TW1", "tw1 ", "TW1\n", "K402",
]
"""Cells that each path must read alike, whichever column they are in; many are refused there."""


def _mutated(tables: dict[str, list[list[str]]], data: st.DataObject,
             accepted_only: bool = False) -> dict[str, list[list[str]]]:
    tables = {table: [list(row) for row in rows] for table, rows in tables.items()}
    for _ in range(data.draw(st.integers(0, 12), label="cells")):
        if accepted_only:
            table, name = data.draw(st.sampled_from(sorted(ACCEPTED)))
            values = ACCEPTED[table, name]
        else:
            table = data.draw(st.sampled_from(TABLES))
            values = [*TRICKY, *(row[0] for row in tables[table][1:])]  # ids: duplicates, references
        rows = tables[table]
        row = rows[data.draw(st.integers(1, len(rows) - 1))]
        if row:  # not a row already cut to nothing
            column = rows[0].index(name) if accepted_only else data.draw(st.integers(0, len(row) - 1))
            row[column] = data.draw(st.sampled_from(values))
    if accepted_only:
        return tables
    for _ in range(data.draw(st.integers(0, 2), label="row changes")):
        table = data.draw(st.sampled_from(TABLES))
        rows = tables[table]
        i = data.draw(st.integers(1, len(rows) - 1))
        change = data.draw(st.sampled_from(["blank", "short", "long", "long blank", "copy"]))
        if change == "blank":
            rows[i] = [""] * len(rows[i])
        elif change == "short":
            rows[i] = rows[i][:data.draw(st.integers(0, max(len(rows[i]) - 1, 0)))]
        elif change in ("long", "long blank"):
            rows[i] = [*rows[i], "" if change == "long blank" else data.draw(st.sampled_from(TRICKY))]
        else:
            rows.insert(i, list(rows[data.draw(st.integers(1, len(rows) - 1))]))
    if data.draw(st.booleans(), label="header changes"):
        table = data.draw(st.sampled_from(TABLES))
        header = tables[table][0]
        column = data.draw(st.integers(0, len(header) - 1))
        header[column] = data.draw(st.sampled_from(["", "warna", "No", "Uraian Kinerja", "ID Elemen", "Nama Pegawai",
                                                    "Triwulan", " Target ", "polaritass", header[column].upper()]))
    return tables


@cache
def base() -> dict[str, list[list[str]]]:
    return generated_tables(12, seed=4, multi_parent=0.5)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
       lineterminator=st.sampled_from(["\r\n", "\n"]))
def test_tricky_cells_load_the_same_or_fail_with_the_same_messages(data, quoting, lineterminator):
    with tempfile.TemporaryDirectory() as folder:
        assert_same_load(write_tables(Path(folder) / "kaskade", _mutated(base(), data), quoting, lineterminator))


@settings(max_examples=300, deadline=None)
@given(data=st.data(), quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
def test_tricky_but_accepted_cells_load_to_equal_records(data, quoting):
    with tempfile.TemporaryDirectory() as folder:
        result = assert_same_load(write_tables(Path(folder) / "kaskade", _mutated(base(), data, True), quoting))
    assume(isinstance(result, Cascade))  # two changed periods may name the same one twice


def test_bad_cells_in_random_rows_of_a_large_folder_give_the_same_messages(tmp_path):
    rng = random.Random(5)
    tables = generated_tables(3_000, seed=5, agencies=2, multi_parent=0.3)
    defects = [("elemen", "target", "seratus"), ("elemen", "jenis", "tujuann"), ("elemen", "id", ""),
               ("elemen", "polaritas", "rentang"), ("elemen", "crosscutting", "bukan.induk"),
               ("elemen", "uraian", "   "), ("elemen", "bobot", "'-1"), ("elemen", "induk", "a; b"),
               ("jabatan", "eselon", "V"), ("jabatan", "nama", ""), ("capaian", "periode", "TW9"),
               ("capaian", "realisasi", "1e400")]
    for table, column, value in defects * 2:
        rows = tables[table]
        rng.choice(rows[1:])[rows[0].index(column)] = value
    elemen = tables["elemen"]
    elemen[rng.randrange(1, len(elemen))][0] = elemen[rng.randrange(1, len(elemen))][0]  # a duplicate id
    problems = assert_same_load(write_tables(tmp_path / "kaskade", tables))
    assert len(problems) >= len(defects)
    assert any("elemen.csv baris" in str(p) and "'seratus'" in str(p) for p in problems)


# --- reading the CSV text -----------------------------------------------------------------------------


def csv_rows(text: str, limit: int, separator: str) -> tuple[list[list[str]], int | None]:
    """The rows csv reads (strict, at most `limit` characters a cell), and the line where it stopped, if it did."""
    lines = io.StringIO(text, newline="").readlines()
    rows, start = [], 0
    reader = csv.reader(lines, delimiter=separator, strict=True)
    before = csv.field_size_limit(limit)
    try:
        for cells in reader:
            rows.append(cells)
            start = reader.line_num
    except csv.Error:
        return rows, start
    finally:
        csv.field_size_limit(before)
    return rows, None


@settings(max_examples=1_000, deadline=None)
@example(text='id,jenis\n"x\ni2,sasaran\n"\n', limit=1_000, separator=",")  # a quoted cell swallowing a row
@given(text=st.text(alphabet="ab ,;\"'\r\n\x0c\u2028", max_size=40), limit=st.sampled_from([3, 1_000]),
       separator=st.sampled_from(",;"))
def test_csv_text_is_read_as_csv_reads_it(text, limit, separator):
    file = Path("x.csv")
    expected, stopped = csv_rows(text, limit, separator)
    problems = []
    with mock.patch.object(models.csv_folder, "MAX_CELL", limit):
        parsed = models.csv_folder._rows(file, "elemen", text, separator, problems)
        if stopped is not None:
            lines = io.StringIO(text, newline="").readlines()
            assert parsed is None
            assert problems == [models.csv_folder._broken_row(file, "elemen", expected, "".join(lines[stopped:]),
                                                              separator)]
            return
    if parsed is None:  # csv read on, but a quoted cell spans a line that is a row of its own
        (problem,) = problems
        assert "tidak ditutup di baris itu" in problem.message and "sasaran" in problem.message
        return
    rows, total = parsed
    rows = list(rows)
    assert rows == [cells or [""] for cells in expected] and total == len(expected)  # a blank line: one blank cell
    if any(cell.startswith("'") for cells in rows for cell in cells):
        assert models.csv_folder._may_hold_escapes(text, separator)
