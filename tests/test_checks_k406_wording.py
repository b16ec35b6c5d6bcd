"""K406 (measured-vs-derived-gap) states its numbers Indonesian style, as the rest of the product does."""

import pytest

from cascade import audit
from cascade.checks import CheckConfig
from models.loaders import build_cascade

JABATAN = [
    {"id": "kadis", "nama": "Kepala Dinas", "eselon": "II"},
    {"id": "kabid", "nama": "Kepala Bidang", "eselon": "III", "atasan": "kadis"},
]


def k406_messages(iku, supporters):
    elemen = [{"id": "s1", "jenis": "sasaran", "uraian": "Meningkatnya layanan", "jabatan": "kadis"},
              {"id": "iku1", "jenis": "indikator", "uraian": "Persentase PMKS tertangani", "jabatan": "kadis",
               "induk": ["s1"], "target": iku[0], "realisasi": iku[1]}]
    elemen += [{"id": f"i{n}", "jenis": "indikator", "uraian": f"Jumlah PMKS dilayani {n}", "jabatan": "kabid",
                "induk": ["iku1"], "target": t, "realisasi": r} for n, (t, r) in enumerate(supporters, 1)]
    document = {"organisasi": {"kode": "uji", "nama": "Dinas Uji"}, "jabatan": JABATAN, "elemen": elemen}
    cascade = build_cascade(document, lambda table, i: f"{table}[{i}]", "K406.yaml")
    return [f.message for f in audit(cascade, select=["K406"]).findings]


@pytest.mark.parametrize(("iku", "supporters", "expected"), [
    ((80, 80), [(100, 40)], "capaian terukur 100% sedangkan pendukungnya mencapai 40% (selisih +60 poin)"),
    ((100, 40), [(80, 80)], "capaian terukur 40% sedangkan pendukungnya mencapai 100% (selisih -60 poin)"),
    ((80, 76), [(100, 55), (10, 7)], "capaian terukur 95% sedangkan pendukungnya mencapai 62,5% (selisih +32,5 poin)"),
])
def test_k406_numbers_are_indonesian(iku, supporters, expected):
    messages = k406_messages(iku, supporters)
    assert len(messages) == 1
    assert messages[0] == f"'Persentase PMKS tertangani' (iku1): {expected}"


def test_k406_compares_the_period_asked_for():
    """Mid-year, the yearly capaian sets half a year's realisasi against the year's target: a false gap."""
    elemen = [{"id": "s1", "jenis": "sasaran", "uraian": "Meningkatnya layanan", "jabatan": "kadis"},
              {"id": "iku1", "jenis": "indikator", "uraian": "Angka kasus", "jabatan": "kadis", "induk": ["s1"],
               "polaritas": "negatif", "target": 12.5, "satuan": "kasus"},
              {"id": "i1", "jenis": "indikator", "uraian": "Jumlah kasus ditangani", "jabatan": "kabid",
               "induk": ["iku1"], "target": 10, "satuan": "kasus"}]
    capaian = [{"id": "iku1", "periode": "TW1", "target": 3, "realisasi": 4},
               {"id": "iku1", "periode": "TW2", "target": 3, "realisasi": 3},
               {"id": "i1", "periode": "TW1", "target": 2, "realisasi": 2},
               {"id": "i1", "periode": "TW2", "target": 3, "realisasi": 3}]
    document = {"organisasi": {"kode": "uji", "nama": "Dinas Uji"}, "jabatan": JABATAN, "elemen": elemen,
                "capaian": capaian}
    cascade = build_cascade(document, lambda table, i: f"{table}[{i}]", "K406.yaml")
    yearly = audit(cascade, select=["K406"]).findings
    assert [f.elements for f in yearly] == [("iku1",)]  # (25 - 7) / 12,5 = 144% against the supporter's 50%
    tw2 = audit(cascade, select=["K406"], config=CheckConfig(periode="TW2")).findings
    assert tw2 == []  # TW2: 83,3% against 100%, under the 20-point threshold
    wide = audit(cascade, select=["K406"], config=CheckConfig(periode="TW2", selisih_capaian=10)).findings
    assert [f.message.endswith("poin, periode TW2)") for f in wide] == [True]
