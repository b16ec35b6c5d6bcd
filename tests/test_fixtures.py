"""The real defects of the seed documents show up in `cascade check`."""

from pathlib import Path

import pytest

from cascade import audit, load_cascade

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture(scope="module")
def probolinggo():
    return audit(load_cascade(FIXTURES / "probolinggo.yaml"))


@pytest.fixture(scope="module")
def sampang():
    return audit(load_cascade(FIXTURES / "sampang.yaml"))


def found(result, code):
    return [(set(f.elements), set(f.jabatan)) for f in result.findings if f.code == code]


def test_probolinggo_staff_with_identical_iki_tables(probolinggo):
    rehabilitasi_staff = {"rpjs_suliyastono", "rpjs_yuni", "rpjs_slamet", "rpjs_soni"}
    shared = {"suliyastono.s1.i1", "yuni.s1.i1", "slamet.s1.i1", "soni.s1.i1"}
    assert (shared, rehabilitasi_staff) in found(probolinggo, "K301")
    lists = found(probolinggo, "K302")
    assert ({"suliyastono.s1.i1", "suliyastono.s1.i2", "yuni.s1.i1", "yuni.s1.i2"},
            {"rpjs_suliyastono", "rpjs_yuni"}) in lists
    assert any(elements == {"slamet.s1.i1", "soni.s1.i1"} for elements, _ in lists)


def test_probolinggo_sekretaris_copied_formula(probolinggo):
    assert ({"sek.s1.i4", "sek.s1.i5"}, {"sekretaris"}) in found(probolinggo, "K304")


def test_probolinggo_subkoordinator_copies_the_kabid(probolinggo):
    copies = {frozenset(e) for e, _ in found(probolinggo, "K303")}
    assert {frozenset({f"akp.s1.i{k}", f"kpppha.s1.i{k}"}) for k in range(1, 5)} <= copies
    # a copy of the supervisor is not also reported as a staff duplicate
    assert not any("akp.s1.i1" in e for e, _ in found(probolinggo, "K301"))


def test_probolinggo_staff_sasaran_skips_to_the_head(probolinggo):
    assert ({"partis.s1", "kadis.s2"}, {"pengelola_partisipasi", "kadis"}) in found(probolinggo, "K203")


def test_probolinggo_activity_and_unit_defects(probolinggo):
    activities = {e for elements, _ in found(probolinggo, "K404") for e in elements}
    assert "rehsos.s1.i6" in activities  # "Jumlah pelaksanaan tugas dinas lain yang diberikan atasan"
    mismatched = {e for elements, _ in found(probolinggo, "K403") for e in elements}
    assert {"krpjs.s1.i1", "dvpmks.s1.i2"} <= mismatched  # "Jumlah ... x 100 %", "Jumlah Persentase ..."


def test_probolinggo_orphans_and_unsupported_iku(probolinggo):
    orphans = {e for elements, _ in found(probolinggo, "K101") for e in elements}
    assert {"sek.s1", "bend.s1", "rehsos.s1"} <= orphans
    assert ({"kadis.s4.iku1"}, {"kadis"}) in found(probolinggo, "K202")
    assert probolinggo.quality.iki_terlacak < 50


def test_sampang_sasaran_misplacements(sampang):
    assert found(sampang, "K204") == [({"kasubbag.s1.i1", "kasubbag.s1"}, {"kasubbag_umum"}),
                                      ({"pppa.s2.i2", "pppa.s2"}, {"kabid_pppa"})]
    assert [e for e, _ in found(sampang, "K405")] == [{"kasubbag.s2"}, {"kasubbag.s3"}]


def test_sampang_sekretaris_copies_every_iku(sampang):
    assert [e for e, _ in found(sampang, "K303")] == [{f"sek.s{k}.i1", f"kadis.s{k}.i1"} for k in (1, 2, 3)]
    assert sampang.quality.jabatan_iki_mandiri < 100


def test_sampang_kla_iku_has_no_formula(sampang):
    assert {"kadis.s3.i1"} in [e for e, _ in found(sampang, "K401")]
