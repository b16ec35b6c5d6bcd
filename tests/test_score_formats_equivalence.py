"""`cascade score`'s CSV and JSON, built a column at a time, equal the row-by-row rendering of `score`:
the same text, byte for byte (the JSON as `json_layout` writes the records' dicts)."""

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cascade import score
from cascade.array_graph import ArrayGraph
from cascade.capaian import DEFAULT_SCALE, Scale, ScoreOptions
from cascade.formats import json_layout, score_csv, score_json
from cascade.graph import build_graph, records, tree_order
from models.cells import csv_value, escape_text, escape_texts
from models.loaders import build_cascade
from models.numbers import format_number
from tests.test_array_graph import cascades

OPTIONS = [ScoreOptions(), ScoreOptions(periode="TW2", kosong="nol"), ScoreOptions(periode="TW4", batas=120.0),
           ScoreOptions(skala=Scale.parse("90==Luar biasa;50=@Cukup;0=-Kurang")),
           ScoreOptions(skala=Scale.parse('90=Baik, "sekali";0=Kurang'))]


def reference_csv(G, options):
    """The CSV as first written: one row per element from its `ElementScore`."""
    def number(value):
        return "" if value is None else format_number(value)
    scores, by_id = score(G, options), records(G)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(score_csv.COLUMNS)
    for node, _ in tree_order(G):
        s, item = scores[node], by_id[node]
        writer.writerow((escape_text(node), csv_value(item.jabatan), escape_text(item.uraian), csv_value(s.target),
                         number(s.realisasi), number(s.capaian), number(s.langsung), number(s.turunan),
                         s.sumber or "", csv_value(s.kategori)))
    return out.getvalue()


def reference_json(G, options):
    return [{"id": s.id, "capaian": s.capaian, "capaian_langsung": s.langsung, "capaian_turunan": s.turunan,
             "sumber": s.sumber, "kategori": s.kategori} for s in score(G, options).values()]


def edge_cases():
    """Negative zero, ranges, text a spreadsheet would run, a cycle, quarterly rows and a child named twice."""
    return build_cascade({
        "organisasi": {"kode": "x", "nama": "X"},
        "jabatan": [{"id": "=kepala", "nama": "Kepala"}],
        "elemen": [
            {"id": "s", "jenis": "sasaran", "uraian": "+Sasaran", "jabatan": "=kepala"},
            {"id": "-a", "jenis": "iku", "uraian": "A", "induk": ["s", "s"], "target": "-0", "realisasi": "0"},
            {"id": "b", "jenis": "iku", "uraian": "B", "induk": ["s"], "polaritas": "negatif", "target": "-5",
             "realisasi": "-10"},
            {"id": "c", "jenis": "iku", "uraian": "C", "induk": ["s"], "polaritas": "rentang", "target": "60-80",
             "realisasi": "90"},
            {"id": "d", "jenis": "iki", "uraian": "D", "induk": ["c"], "target": "1,125", "realisasi": "1e20"},
            {"id": "e", "jenis": "iki", "uraian": "E", "induk": ["f"]},
            {"id": "f", "jenis": "iki", "uraian": "F", "induk": ["e"], "target": "3", "realisasi": "2"},
        ],
        "capaian": [{"id": "d", "periode": "TW1", "target": "2", "realisasi": "1"},
                    {"id": "d", "periode": "TW2", "target": "2", "realisasi": "3"},
                    {"id": "b", "periode": "2025", "realisasi": "-4"}],
    }, lambda table, i: f"{table}[{i}]", "tepi")


CASES = [*cascades(), ("tepi", edge_cases())]


@pytest.mark.parametrize("options", OPTIONS, ids=str)
@pytest.mark.parametrize(("name", "cascade"), CASES, ids=[name for name, _ in CASES])
def test_csv_and_json_equal_the_row_by_row_rendering(name, cascade, options):
    reference = build_graph(cascade)
    for G in (ArrayGraph(cascade), build_graph(cascade)):
        assert score_csv.render(G, options) == reference_csv(reference, options)
        document = {"periode": options.periode, "elements": reference_json(reference, options)}
        assert score_json.render(G, options) == json_layout.dumps(document, 2) + "\n"


def test_the_edge_cases_reach_every_kind_of_cell():
    text = score_csv.render(ArrayGraph(edge_cases()), ScoreOptions(skala=DEFAULT_SCALE))
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(text))}
    assert rows["'-a"]["target"] == "-0" and rows["'-a"]["jabatan"] == ""
    assert rows["s"]["jabatan"] == "'=kepala" and rows["s"]["uraian"] == "'+Sasaran"
    assert rows["c"]["target"] == "60-80" and rows["d"]["target"] == "1.1250"
    assert rows["e"]["capaian"] == "" and rows["b"]["sumber"] == "langsung"


@given(st.lists(st.lists(st.text(st.characters(blacklist_categories=("Cs",))), min_size=2, max_size=4), max_size=5))
def test_cells_read_back_as_written_and_match_the_csv_writer(rows):
    width = max(map(len, rows), default=0)
    rows = [row + [""] * (width - len(row)) for row in rows]
    columns = [score_csv.cells([row[j] for row in rows]) for j in range(width)]
    text = "".join(",".join(row) + "\n" for row in zip(*columns))
    assert list(csv.reader(io.StringIO(text, newline=""))) == rows
    if not any("\r" in cell for row in rows for cell in row):  # the writer leaves a lone \r unquoted
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        assert text == out.getvalue()


@given(st.lists(st.text(st.sampled_from("ab,\"'\n\r=+-@\t "), max_size=4), max_size=6))
def test_text_cells_take_the_short_way_only_when_nothing_needs_marking(texts):
    assert score_csv.text_cells(texts) == score_csv.cells(escape_texts(texts))
