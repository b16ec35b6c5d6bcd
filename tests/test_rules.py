"""Every rule against its data cases in tests/rules/<CODE>.yaml."""

from pathlib import Path

import pytest
import yaml

from cascade import RULES, audit
from models.loaders import build_cascade

CASES_DIR = Path(__file__).parent / "rules"

DEFAULT_JABATAN = [
    {"id": "kadis", "nama": "Kepala Dinas", "eselon": "II"},
    {"id": "kabid", "nama": "Kepala Bidang", "eselon": "III", "atasan": "kadis"},
    {"id": "kasi", "nama": "Kepala Seksi", "eselon": "IV", "atasan": "kabid"},
    {"id": "staf", "nama": "Staf Seksi", "eselon": "pelaksana", "atasan": "kasi"},
    {"id": "kabid2", "nama": "Kepala Bidang Dua", "eselon": "III", "atasan": "kadis"},
    {"id": "staf2", "nama": "Staf Bidang Dua", "eselon": "pelaksana", "atasan": "kabid2"},
]


def load_cases():
    for file in sorted(CASES_DIR.glob("K*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        for outcome in ("fail", "pass"):
            for case in data.get(outcome, []):
                yield pytest.param(file.stem, outcome, case, id=f"{file.stem}-{outcome}-{case['name']}")


def case_document(case):
    """The cascade document of one rule case (the default org chart unless it brings its own)."""
    return {"organisasi": {"kode": "uji", "nama": "Dinas Uji"}, "jabatan": case.get("jabatan", DEFAULT_JABATAN),
            "elemen": case["elemen"], "capaian": case.get("capaian", [])}


def rule_case_documents():
    """The document of every case, failing and passing, of every rule."""
    for file in sorted(CASES_DIR.glob("K*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        yield from (case_document(case) for case in [*data.get("fail", []), *data.get("pass", [])])


def run_case_cascade(code, case):
    return build_cascade(case_document(case), lambda table, i: f"{table}[{i}]", f"{code}.yaml")


def run_case(code, case):
    return audit(run_case_cascade(code, case), select=[code]).findings


@pytest.mark.parametrize(("code", "outcome", "case"), list(load_cases()))
def test_rule_case(code, outcome, case):
    findings = run_case(code, case)
    assert all(f.code == code for f in findings)
    got = sorted(sorted(f.elements or f.jabatan) for f in findings)
    expected = sorted(sorted(ids) for ids in case.get("expect", [])) if outcome == "fail" else []
    assert got == expected, [f.message for f in findings]


def test_every_rule_has_failing_and_passing_cases():
    for code in RULES:
        file = CASES_DIR / f"{code}.yaml"
        assert file.exists(), f"{code} has no case file"
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        assert data.get("fail") and data.get("pass"), f"{code} needs fail and pass cases"
        assert all(case.get("expect") for case in data["fail"]), f"{code}: a failing case must expect findings"


def test_positions_of_one_title_are_told_apart_by_their_holders():
    """Two 'Verifikator' copying each other's IKI: the message must say who, as the IKI documents do."""
    case = {"jabatan": [{"id": "kadis", "nama": "Kepala Dinas"},
                        {"id": "v1", "nama": "Verifikator", "atasan": "kadis", "pegawai": "SULIYASTONO"},
                        {"id": "v2", "nama": "Verifikator", "atasan": "kadis", "pegawai": "YUNI"}],
            "elemen": [{"id": "s", "jenis": "sasaran", "uraian": "Meningkatnya layanan", "jabatan": "kadis"},
                       {"id": "a", "jenis": "iki", "uraian": "Jumlah berkas diverifikasi", "jabatan": "v1", "induk": ["s"]},
                       {"id": "b", "jenis": "iki", "uraian": "Jumlah berkas diverifikasi", "jabatan": "v2", "induk": ["s"]}]}
    [finding] = run_case("K301", case)
    assert "Verifikator (v1, SULIYASTONO)" in finding.message and "Verifikator (v2, YUNI)" in finding.message
