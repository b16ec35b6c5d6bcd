"""Batch audits: many agencies, serial or parallel, one summary."""

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from cascade.batch import AgencyReport, Unusable, check_agency
from cascade.checks import CheckConfig
from cascade.cli import main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def agencies(tmp_path):
    folder = tmp_path / "provinsi"
    folder.mkdir()
    shutil.copy(FIXTURES / "probolinggo.yaml", folder / "a_probolinggo.yaml")
    shutil.copy(FIXTURES / "sampang.yaml", folder / "b_sampang.yaml")
    (folder / "c_rusak.yaml").write_text("elemen: [", encoding="utf-8")
    return folder


def test_parallel_batch_gives_the_serial_output(tmp_path):
    folder = agencies(tmp_path)
    serial = CliRunner().invoke(main, ["check", str(folder), "--format", "json"])
    parallel = CliRunner().invoke(main, ["check", str(folder), "--format", "json", "--jobs", "2"])
    assert serial.exit_code == parallel.exit_code == 2  # one agency file is unusable
    assert json.loads(serial.stdout) == json.loads(parallel.stdout)
    assert [d["kode"] for d in json.loads(parallel.stdout)] == ["dinsos-pppa-probolinggo", "dinsos-pppa-sampang"]
    assert "c_rusak.yaml" in parallel.stderr


def test_summary_table_has_agency_by_rule_counts(tmp_path):
    folder = agencies(tmp_path)
    (folder / "c_rusak.yaml").unlink()
    out = CliRunner().invoke(main, ["check", str(folder), "--jobs", "0"]).stdout
    table = out[out.index("== Ringkasan semua organisasi"):].splitlines()
    header, rows = table[1], table[3:]
    assert "K301" in header and "K204" in header and "skor" in header
    assert [row.split()[0] for row in rows] == ["dinsos-pppa-probolinggo", "dinsos-pppa-sampang"]


def test_unit_of_work_is_a_plain_picklable_function(tmp_path):
    import pickle

    report = check_agency(FIXTURES / "sampang.yaml", "json", (), (), CheckConfig())
    assert isinstance(report, AgencyReport) and report.rule_counts["K303"] == 3
    assert pickle.loads(pickle.dumps(report)) == report
    broken = check_agency(tmp_path / "tidak_ada.yaml", "json", (), (), CheckConfig())
    assert isinstance(broken, Unusable) and "tidak ditemukan" in str(broken.problems[0])
