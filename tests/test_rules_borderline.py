"""Borderline input for the rules: K403 and K601 stay quiet on valid wording and PPPK numbers, K301/K302 on unknown positions."""

import pytest
import yaml
from click.testing import CliRunner

from cascade import audit
from cascade.array_graph import ArrayGraph
from cascade.checks import RULES, CheckConfig
from cascade.cli import main
from cascade.duplicates import staff_iki_copies
from cascade.graph import build_graph
from models.identifiers import nip_problem
from models.loaders import build_cascade
from tests.test_rules import DEFAULT_JABATAN

GRAPHS = {"networkx": build_graph, "arrays": ArrayGraph}


def document(elemen, jabatan=DEFAULT_JABATAN):
    return {"organisasi": {"kode": "uji", "nama": "Dinas Uji"}, "jabatan": jabatan, "elemen": elemen}


def cascade_of(doc):
    return build_cascade(doc, lambda table, i: f"{table}[{i}]", "uji")


def messages(doc, code):
    return [f.message for f in audit(cascade_of(doc), select=[code]).findings]


def indicator(uraian, formula=None, satuan=None):
    row = {"id": "i1", "jenis": "indikator", "jabatan": "kasi", "uraian": uraian}
    row |= {key: value for key, value in (("formula", formula), ("satuan", satuan)) if value}
    return row


# --- K403 unit-mismatch -------------------------------------------------------------------------------

@pytest.mark.parametrize(("uraian", "formula", "satuan"), [
    # a percent word later in a "Jumlah ..." name is a threshold, not the kind of number
    ("Jumlah desa dengan prevalensi stunting di bawah 14 persen", "Σ desa dengan prevalensi < 14%", "desa"),
    ("Jumlah sekolah dengan tingkat kelulusan 100 persen", "Σ sekolah", "sekolah"),
    # ratio words other than "/", "dibagi", "per"
    ("Persentase balita gizi buruk", "jumlah balita gizi buruk dibandingkan jumlah balita dikali 100", "%"),
    ("Persentase desa ODF", "desa ODF dibanding seluruh desa", "%"),
    ("Persentase PMKS tertangani", "perbandingan PMKS tertangani dengan seluruh PMKS", "%"),
    ("Persentase PMKS tertangani", "PMKS tertangani dikalikan 100% terhadap seluruh PMKS", "%"),
    ("Prosentase PMKS tertangani", "PMKS tertangani kali 100 persen", "%"),
    # x 1000 and x 100.000 are rates per 1,000 and per 100,000, not percentages
    ("Jumlah kasus TB per 100.000 penduduk", "kasus TB / jumlah penduduk x 100.000", "kasus"),
    ("Jumlah kematian bayi per 1.000 kelahiran hidup", "kematian bayi / kelahiran hidup x 1000", "kematian"),
    ("Jumlah kematian ibu per 100.000 kelahiran hidup", "kematian ibu / kelahiran hidup × 100,000", None),
    ("Jumlah kasus DBD per 100.000 penduduk", "kasus DBD / penduduk x 100 000", None),
])
def test_k403_no_longer_reports(uraian, formula, satuan):
    assert messages(document([indicator(uraian, formula, satuan)]), "K403") == []


@pytest.mark.parametrize(("uraian", "formula", "satuan", "message"), [
    ("Jumlah Persentase Penguatan LK3", "Jumlah kegiatan LK3", None, "sekaligus 'Jumlah' dan 'Persentase'"),
    ("Jumlah dan persentase lansia terlantar", "Σ lansia", None, "sekaligus 'Jumlah' dan 'Persentase'"),
    ("Persentase pekerja perempuan yang dibina", "Jumlah pekerja perempuan yang dibina", None,
     "adalah persentase, tetapi formulanya hitungan jumlah"),
    ("Jumlah orang yang mendapatkan layanan", "Σ terlayani / Σ PMKS x 100.", None,
     "adalah jumlah, tetapi formulanya persentase"),
    ("Jumlah desa layak anak", "desa layak anak dibandingkan seluruh desa dikali 100", None,
     "adalah jumlah, tetapi formulanya persentase"),
    ("Jumlah desa layak anak", "desa layak anak / seluruh desa x 100 %", None,
     "adalah jumlah, tetapi formulanya persentase"),
    ("Jumlah desa dengan cakupan di atas 80 persen", "Σ desa", "%", "adalah jumlah, tetapi satuannya %"),
])
def test_k403_still_reports(uraian, formula, satuan, message):
    found = messages(document([indicator(uraian, formula, satuan)]), "K403")
    assert len(found) == 1 and message in found[0], found


def test_k403_multiplying_is_no_division():
    """"dikali 100" makes a percentage; "dikali 2" alone divides nothing, so the formula is a count."""
    assert messages(document([indicator("Persentase PMKS tertangani", "PMKS tertangani dikali 2")]), "K403") != []
    assert messages(document([indicator("Persentase PMKS tertangani", "PMKS tertangani dikali 100")]), "K403") == []


# --- K601 invalid-nip -----------------------------------------------------------------------------------

@pytest.mark.parametrize("nip", ["19850101 202121 1 001", "199009132025242014", "19900913 202524 2 014",
                                 "19950505 201921 2 100", "19670711 198809 1 001", "19670711 202012 1 001"])
def test_k601_accepts_pppk_and_pns_numbers(nip):
    assert nip_problem(nip) is None


@pytest.mark.parametrize(("nip", "problem"), [
    ("19850101 201821 1 001", "bukan bulan 01-12 (NIP PNS) maupun kode 21 ke atas dengan tahun 2019 ke atas"),
    ("19850101 202120 1 001", "20 bukan bulan 01-12"),
    ("19850101 202113 1 001", "13 bukan bulan 01-12"),
    ("19850101 202100 1 001", "00 bukan bulan 01-12"),
    ("19670711 198813 1 001", "TMT 198813 tidak sah"),
    ("20200101 202021 1 001", "tahun pengangkatan PPPK 2020 tidak setelah tanggal lahir 20200101"),
    ("19850101 202121 3 001", "digit jenis kelamin harus 1 atau 2, bukan 3"),
    ("19851301 202121 1 001", "tanggal lahir 19851301 bukan tanggal yang sah"),
    ("18990101 189901 1 001", "tahun 1899 sebelum 1900"),
    ("19670711 196001 1 001", "TMT 196001 tidak setelah tanggal lahir 19670711"),
])
def test_k601_still_rejects(nip, problem):
    found = nip_problem(nip)
    assert found is not None and problem in found, found


def test_k601_rule_accepts_a_pppk_holder():
    jabatan = [{"id": "kadis", "nama": "Kepala Dinas", "nip": "19670711 198809 1 001"},
               {"id": "staf", "nama": "Staf PPPK", "atasan": "kadis", "nip": "19850101 202121 1 001"},
               {"id": "salah", "nama": "Staf Salah", "atasan": "kadis", "nip": "19850101 201821 1 001"}]
    found = audit(cascade_of(document([], jabatan)), select=["K601"]).findings
    assert [f.jabatan for f in found] == [("salah",)]


# --- K301/K302 with an IKI of an unknown position -------------------------------------------------------

TYPO = [{"id": "a1", "jenis": "iki", "jabatan": "staf", "uraian": "Jumlah KPM yang terlayani bantuan"},
        {"id": "x1", "jenis": "iki", "jabatan": "hantu", "uraian": "Jumlah KPM yang terlayani bantuan"}]


def test_an_unknown_position_holds_no_copy_through_the_cli(tmp_path):
    path = tmp_path / "typo.yaml"
    path.write_text(yaml.safe_dump(document(TYPO), allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--select", "K301,K302,K102", "--format", "json"])
    assert result.exit_code == 1, result.output
    assert "K102" in result.output and "hantu" in result.output
    assert "K301" not in result.output and "K302" not in result.output


@pytest.mark.parametrize("graph", GRAPHS.values(), ids=GRAPHS.keys())
def test_an_unknown_position_is_not_a_holder(graph):
    G = graph(cascade_of(document(TYPO)))
    assert staff_iki_copies(G, 90) == []
    for code in ("K301", "K302"):
        assert list(RULES[code].check(G, CheckConfig())) == []


@pytest.mark.parametrize("graph", GRAPHS.values(), ids=GRAPHS.keys())
def test_known_holders_are_still_reported_beside_an_unknown_one(graph):
    rows = [*TYPO, {"id": "b1", "jenis": "iki", "jabatan": "staf2", "uraian": "Jumlah KPM yang terlayani bantuan"}]
    G = graph(cascade_of(document(rows)))
    assert staff_iki_copies(G, 90) == [["a1", "b1"]]
    (hit,) = RULES["K301"].check(G, CheckConfig())
    assert hit.elements == ("a1", "b1") and hit.jabatan == ("staf", "staf2")
    assert hit.message.endswith("dipegang 2 jabatan: Staf Seksi (staf), Staf Bidang Dua (staf2)")
    (hit,) = RULES["K302"].check(G, CheckConfig())
    assert set(hit.jabatan) == {"staf", "staf2"}


# --- K304 duplicate-formula ---------------------------------------------------------------------------


def test_k304_counts_the_indicators_it_lists():
    """Three listed indicators, two of them copies of one another, were announced as '2 indikator berbeda'."""
    formula = "Jumlah penerima program yang mendapat pendampingan dari pendamping sosial di seluruh kecamatan kota"
    rows = [{"id": f"i{n}", "jenis": "indikator", "jabatan": "kasi", "uraian": uraian, "formula": formula}
            for n, uraian in enumerate(["Jumlah pendampingan terlaksana", "Jumlah pendampingan terlaksana",
                                        "Persentase PMKS terlayani"], 1)]
    (message,) = messages(document(rows), "K304")
    assert message.startswith("3 indikator (2 uraian berbeda) memakai formula yang sama")
    assert "…'" in message and formula[:60] in message  # shortened visibly, not cut mid-word silently
