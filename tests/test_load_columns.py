"""The tables a CSV load keeps by column (`models.bulk.Records`), making records only when asked for.

The scorer and the checks read whole fields of 10^6 elements (and their jabatan and capaian) from
`Records.columns` instead of making every record, so the columns must hold exactly the records'
values, and be there only when every row of the table was built in bulk: otherwise the table is a
plain tuple and the columns are read from the records.
"""

from __future__ import annotations

import copy
import operator
import pickle
import warnings
from pathlib import Path

import pytest

import models.bulk
import models.sheets
from cascade.array_graph import ArrayGraph
from cascade.audit import audit
from cascade.capaian import ScoreOptions
from cascade.core import CascadeArrays, ElementColumns
from cascade.formats import score_text
from cascade.graph import arrays
from models import Cascade, load_cascade
from models.bulk import Records
from models.cascade import Elemen
from models.headers import COLUMNS
from models.output import save_cascade
from tests.test_load_scale_equivalence import assert_same_load, generated_tables, write_tables

ORGANISASI = [["kunci", "nilai"], ["kode", "1.06"], ["nama", "Dinas Uji"]]
JABATAN = [["id", "nama", "eselon", "atasan"], ["kada", "Bupati", "kepala_daerah", ""],
           ["kadis", "Kepala Dinas", "II", "kada"]]

ELEMEN = [
    {"id": "t1", "jenis": "tujuan", "uraian": "Tujuan satu", "jabatan": "kada"},
    {"id": "s1", "jenis": "sasaran", "uraian": "Sasaran satu", "jabatan": "kada", "induk": "t1"},
    {"id": "s2", "jenis": "sasaran", "uraian": "Sasaran dua", "jabatan": "kada", "induk": "t1", "kode": "1.06"},
    {"id": "i1", "jenis": "iku", "uraian": "Indeks rentang", "jabatan": "kadis", "induk": "s1", "satuan": "%",
     "polaritas": "rentang", "target": "60-80", "realisasi": "70", "bobot": "2", "agregasi": "terakhir"},
    {"id": "i2", "jenis": "indikator", "uraian": "Lintas sasaran", "jabatan": "kadis", "induk": "s1;s2",
     "polaritas": "negatif", "target": "1.234,5", "realisasi": "90%", "formula": "a / b", "sumber_data": "BPS",
     "abaikan": "K402; K403", "crosscutting": "s2"},
    {"id": "i3", "jenis": "iki", "uraian": "Nilai bawaan", "induk": "s2"},
    {"id": "p1", "jenis": "program", "uraian": " Program dengan spasi ", "jabatan": "kadis", "induk": "i1;i2",
     "target": "12,5", "bobot": "0,5", "agregasi": "jumlah"},
    {"id": "k1", "jenis": "kegiatan", "uraian": "Kegiatan", "induk": "p1", "satuan": "dokumen", "target": "4"},
]
"""Every kind of value: ranges, lists in induk and abaikan, numbers as planners type them, blank cells (defaults)."""


def folder_of(tmp_path: Path, elemen: list[dict[str, str]]) -> Path:
    rows = [list(COLUMNS["elemen"]), *([row.get(name, "") for name in COLUMNS["elemen"]] for row in elemen)]
    return write_tables(tmp_path / "kaskade", {"organisasi": ORGANISASI, "jabatan": JABATAN, "elemen": rows})


def assert_columns_match(table: Records, same_objects: bool = True) -> None:
    assert type(table) is Records
    assert list(table.columns) == list(table.model.model_fields)
    for name, column in table.columns.items():
        assert type(column) is list
        values = [getattr(record, name) for record in table]
        assert column == values, name
        assert not same_objects or all(kept is value for kept, value in zip(column, values, strict=True)), name


@pytest.mark.parametrize("batch", [2, 3, 10_000])
def test_columns_hold_the_values_of_every_record(tmp_path, monkeypatch, batch):
    """Across batches too: in a batch of 2 or 3 rows some columns are blank throughout, and take their default."""
    monkeypatch.setattr(models.sheets, "PROGRESS_EVERY", batch)
    cascade = assert_same_load(folder_of(tmp_path, ELEMEN))
    assert_columns_match(cascade.elemen)
    assert cascade.elemen.columns["induk"][6] == ("i1", "i2")
    assert_columns_match(cascade.jabatan)
    assert type(cascade.capaian) is tuple and not cascade.capaian  # no capaian.csv


def test_columns_of_a_generated_cascade(tmp_path, monkeypatch):
    monkeypatch.setattr(models.sheets, "PROGRESS_EVERY", 97)
    cascade = load_cascade(write_tables(tmp_path / "kaskade", generated_tables(300, seed=7, multi_parent=0.5)))
    assert len(cascade.elemen) > 300 and cascade.capaian
    for table in (cascade.jabatan, cascade.elemen, cascade.capaian):
        assert_columns_match(table)


def test_the_graph_maps_ids_through_the_loaders_dict(tmp_path):
    cascade = load_cascade(write_tables(tmp_path / "kaskade", generated_tables(200, seed=3, multi_parent=0.3)))
    a = arrays(ArrayGraph(cascade))
    assert a.index is cascade.elemen.row_of_id and a.index == {e.id: i for i, e in enumerate(cascade.elemen)}
    plain = CascadeArrays.from_element_columns(ElementColumns.from_elements(tuple(cascade.elemen)))
    assert (a.parent_idx.tolist(), a.child_idx.tolist()) == (plain.parent_idx.tolist(), plain.child_idx.tolist())


@pytest.mark.parametrize(("row", "column", "cell"), [
    (5, "satuan", "   "),  # only spaces: blank to the records, given to their fields set
    (7, "formula", "'=a/b"),  # export's escape, removed by the per-row path
    (7, "uraian", "'Kegiatan"),
])
@pytest.mark.parametrize("batch", [2, 10_000])
def test_a_row_read_the_slow_way_leaves_a_plain_tuple(tmp_path, monkeypatch, row, column, cell, batch):
    monkeypatch.setattr(models.sheets, "PROGRESS_EVERY", batch)
    elemen = [dict(record) for record in ELEMEN]
    elemen[row][column] = cell
    cascade = assert_same_load(folder_of(tmp_path, elemen))
    assert type(cascade.elemen) is tuple


def test_a_blank_row_left_out_leaves_a_plain_tuple(tmp_path):
    cascade = assert_same_load(folder_of(tmp_path, [*ELEMEN[:3], {}, *ELEMEN[3:]]))
    assert type(cascade.elemen) is tuple and len(cascade.elemen) == len(ELEMEN)


@pytest.mark.parametrize("name", ["kaskade.yaml", "kaskade.json", "kaskade.xlsx"])
def test_other_formats_load_plain_tuples_equal_to_the_csv_load(tmp_path, name):
    from_csv = load_cascade(folder_of(tmp_path, ELEMEN))
    save_cascade(from_csv, tmp_path / name)
    other = load_cascade(tmp_path / name)
    assert type(other.elemen) is tuple
    assert other == from_csv.model_copy(update={"source": str(tmp_path / name)})
    assert from_csv.elemen == other.elemen and hash(from_csv.elemen) == hash(other.elemen)


def test_a_cascade_with_columns_dumps_copies_and_pickles_as_one_without(tmp_path):
    cascade = load_cascade(folder_of(tmp_path, ELEMEN))
    plain = cascade.model_copy(update={"elemen": tuple(cascade.elemen), "jabatan": tuple(cascade.jabatan)})
    assert cascade == plain
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # pydantic warns when a value does not match the field's type
        assert cascade.model_dump() == plain.model_dump()
        assert cascade.model_dump_json() == plain.model_dump_json()
    schema = Cascade.model_json_schema(mode="serialization")["properties"]
    assert [schema[table]["items"] for table in ("jabatan", "elemen", "capaian")] == [
        {"$ref": "#/$defs/Jabatan"}, {"$ref": "#/$defs/Elemen"}, {"$ref": "#/$defs/Capaian"}]
    assert_columns_match(copy.deepcopy(cascade).elemen)
    unpickled = pickle.loads(pickle.dumps(cascade))
    assert unpickled == cascade
    assert_columns_match(unpickled.elemen, same_objects=False)  # pickle does not share floats
    save_cascade(cascade, tmp_path / "salinan")
    assert load_cascade(tmp_path / "salinan") == cascade.model_copy(update={"source": str(tmp_path / "salinan")})


def made(elemen: Records) -> list[int]:
    """The rows whose record has been made so far."""
    return [i for i, record in enumerate(elemen._made) if record is not None]


def test_records_are_made_when_first_asked_for(tmp_path):
    cascade = load_cascade(folder_of(tmp_path, ELEMEN))
    elemen = cascade.elemen
    assert made(elemen) == []
    fourth, last = elemen[3], elemen[-1]
    assert made(elemen) == [3, len(ELEMEN) - 1]
    assert elemen[3] is fourth and elemen.by_id["i1"] is fourth and elemen.by_id["k1"] is last
    assert elemen[1:3] == (elemen[1], elemen[2]) and type(elemen[1:3]) is tuple
    everything = list(elemen)  # the rest made in one pass, the ones already made kept
    assert everything[3] is fourth and everything[-1] is last and made(elemen) == list(range(len(ELEMEN)))
    assert_columns_match(elemen)
    with pytest.raises(IndexError):
        elemen[len(ELEMEN)]


def test_records_by_id_is_the_mapping_of_ids_to_records(tmp_path):
    elemen = load_cascade(folder_of(tmp_path, ELEMEN)).elemen
    by_id = elemen.by_id
    assert "p1" in by_id and "nope" not in by_id and by_id.get("nope") is None and len(by_id) == len(ELEMEN)
    assert made(elemen) == []
    assert dict(by_id) == {record.id: record for record in elemen}
    with pytest.raises(KeyError):
        by_id["nope"]


def test_copies_and_pickles_make_their_records_when_asked_for_too(tmp_path):
    cascade = load_cascade(folder_of(tmp_path, ELEMEN))
    for copied in (copy.deepcopy(cascade), pickle.loads(pickle.dumps(cascade))):
        assert type(copied.elemen) is Records and made(copied.elemen) == []
        assert copied == cascade and made(cascade.elemen) == list(range(len(ELEMEN)))


def test_score_reads_columns_and_check_only_the_records_it_reports_on(tmp_path):
    """At 10^6 elements making every record would cost more than the rest of either command."""
    cascade = load_cascade(write_tables(tmp_path / "kaskade", generated_tables(300, seed=5, multi_parent=0.3)))
    tables = (cascade.jabatan, cascade.elemen, cascade.capaian)
    assert all(type(table) is Records for table in tables)
    G = ArrayGraph(cascade)
    score_text.render(G, ScoreOptions(periode="TW3"))
    assert all(made(table) == [] for table in tables)
    findings = audit(cascade).findings
    heads = {j for j, atasan in zip(cascade.jabatan.columns["id"], cascade.jabatan.columns["atasan"]) if not atasan}
    named = {name for finding in findings for name in (*finding.elements, *finding.jabatan)} | heads
    messages = "\n".join(finding.message for finding in findings)
    assert findings and made(cascade.capaian) == []
    for table in (cascade.jabatan, cascade.elemen):
        read = {table.columns["id"][i] for i in made(table)}
        assert all(id_ in named or f"({id_})" in messages for id_ in read)


def test_records_read_one_by_one_are_made_together_past_an_eighth(tmp_path, monkeypatch):
    monkeypatch.setattr(models.bulk, "MADE_ALONE", 10)
    elemen = load_cascade(write_tables(tmp_path / "kaskade", generated_tables(300, seed=2))).elemen
    eighth = len(elemen) // 8
    looked_up = [elemen[i] for i in range(eighth)]
    assert made(elemen) == list(range(eighth))
    last = elemen[-1]  # one more than an eighth made alone: the rest are made together
    assert made(elemen) == list(range(len(elemen))) and last is list(elemen)[-1]
    assert [elemen[i] for i in range(eighth)] == looked_up and all(map(operator.is_, elemen[:eighth], looked_up))


def test_a_target_typed_with_percent_and_no_satuan_names_the_unit_on_both_paths(tmp_path):
    """`90%` in the target of a 'Jumlah ...' row is the defect K403 looks for; the bulk path leaves
    such rows to the per-row one, whose validator fills the satuan."""
    rows = [{"id": "s1", "jenis": "sasaran", "uraian": "Sasaran", "jabatan": "kadis"},
            {"id": "a", "jenis": "iki", "uraian": "Jumlah desa layak anak", "induk": "s1", "target": "90 %"},
            {"id": "b", "jenis": "iki", "uraian": "Jumlah desa", "induk": "s1", "target": "90%", "satuan": "desa"},
            {"id": "c", "jenis": "iki", "uraian": "Jumlah dokumen", "induk": "s1", "target": "12"}]
    from_csv = load_cascade(folder_of(tmp_path, rows))
    from_rows = [Elemen.model_validate(row) for row in rows]
    assert [e.satuan for e in from_csv.elemen] == [e.satuan for e in from_rows] == [None, "%", "desa", None]
    assert [e.target for e in from_csv.elemen] == [None, 90.0, 90.0, 12.0]
    findings = audit(from_csv, select=["K403"]).findings
    assert [f.elements for f in findings] == [("a",)]


def test_percent_targets_without_unit_stay_on_the_bulk_path(tmp_path):
    """Filling the satuan in bulk keeps a province whose targets are typed `80%` from the per-row path."""
    rows = [{"id": "s1", "jenis": "sasaran", "uraian": "Sasaran", "jabatan": "kadis"},
            *({"id": f"i{k}", "jenis": "iki", "uraian": "Persentase x", "induk": "s1", "target": "80%"} for k in range(50))]
    cascade = load_cascade(folder_of(tmp_path, rows))
    assert type(cascade.elemen) is Records and made(cascade.elemen) == []
    assert set(cascade.elemen.columns["satuan"][1:]) == {"%"}
