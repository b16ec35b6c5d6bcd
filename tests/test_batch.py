"""Batch audits: many agencies, serial or parallel, one summary."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from cascade.batch import AgencyReport, Unusable, check_agency
from cascade.checks import CheckConfig
from cascade.cli import main
from models.loaders import is_answer_key

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
    assert rows[0].endswith("(a_probolinggo.yaml)")  # the file read, should two agencies share a kode


def test_an_unreadable_agency_keeps_its_row_in_the_summary(tmp_path):
    """An inspector who keeps only the summary must still see that an agency was not audited."""
    folder = agencies(tmp_path)
    for fmt, title, marker in (("text", "== Ringkasan semua organisasi", "TIDAK TERBACA"),
                               ("markdown", "## Ringkasan", "**tidak terbaca**")):
        result = CliRunner().invoke(main, ["check", str(folder), "--format", fmt, "--jobs", "2"])
        assert result.exit_code == 2 and "c_rusak.yaml" in result.stderr
        rows = result.stdout[result.stdout.index(title):].splitlines()
        unread = [i for i, row in enumerate(rows) if marker in row and "rusak" in row]
        read = [i for i, row in enumerate(rows) if "sampang" in row]
        assert len(unread) == len(read) == 1 and unread[0] > read[0]  # in input order, after b_sampang


def test_unit_of_work_is_a_plain_picklable_function(tmp_path):
    import pickle

    report = check_agency(FIXTURES / "sampang.yaml", "json", (), (), CheckConfig())
    assert isinstance(report, AgencyReport) and report.rule_counts["K303"] == 3
    assert pickle.loads(pickle.dumps(report)) == report
    broken = check_agency(tmp_path / "tidak_ada.yaml", "json", (), (), CheckConfig())
    assert isinstance(broken, Unusable) and "tidak ditemukan" in str(broken.problems[0])


def test_a_folder_of_generated_cascades_is_checked_without_their_answer_keys(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    for name, seed in [("a.yaml", "0"), ("b.json", "2"), ("c", "3")]:  # c: a folder of CSV files
        made = CliRunner().invoke(main, ["generate", "-o", str(folder / name), "--elemen", "200", "--seed", seed])
        assert made.exit_code == 0, made.output
    assert (folder / "c.kebenaran.json").is_file()
    for jobs in ("1", "2"):
        checked = CliRunner().invoke(main, ["check", str(folder), "--format", "json", "--jobs", jobs])
        assert checked.exit_code == 1, checked.stderr  # findings (inserted on purpose), no unusable file
        assert "kebenaran" not in checked.stderr
        assert [d["kode"] for d in json.loads(checked.stdout)] == ["gen-0", "gen-2", "gen-3"]


def test_only_a_key_beside_its_cascade_is_an_answer_key(tmp_path):
    (tmp_path / "a.yaml").write_text("", encoding="utf-8")
    (tmp_path / "c").mkdir()
    assert is_answer_key(tmp_path / "a.yaml.kebenaran.json") and is_answer_key(tmp_path / "c.kebenaran.json")
    assert not is_answer_key(tmp_path / "b.yaml.kebenaran.json")  # no cascade b.yaml beside it
    assert not is_answer_key(tmp_path / "a.json") and not is_answer_key(tmp_path / "kebenaran.json")
    assert not is_answer_key(tmp_path / ".kebenaran.json")


def test_ordinary_json_cascades_and_lone_keys_are_still_checked(tmp_path):
    folder = agencies(tmp_path)
    (folder / "c_rusak.yaml").unlink()
    shutil.copy(FIXTURES / "sampang.yaml", folder / "b_sampang.yaml.kebenaran.json")  # a key: b_sampang.yaml beside
    (folder / "d_dinas.json").write_text(json.dumps({"organisasi": {"kode": "x"}}), encoding="utf-8")
    (folder / "e.yaml.kebenaran.json").write_text("{}", encoding="utf-8")  # no e.yaml beside it: not a key
    checked = CliRunner().invoke(main, ["check", str(folder), "--format", "json"])
    assert checked.exit_code == 2
    assert "d_dinas.json" in checked.stderr and "e.yaml.kebenaran.json" in checked.stderr
    assert "b_sampang.yaml.kebenaran.json" not in checked.stderr
    assert [d["kode"] for d in json.loads(checked.stdout)] == ["dinsos-pppa-probolinggo", "dinsos-pppa-sampang"]


def test_batch_progress_is_shown_only_on_a_terminal(monkeypatch):
    """Off a terminal (CI logs, `2>err`) the batch bar would leave a bare "Memeriksa" line."""
    checked = CliRunner().invoke(main, ["check", str(FIXTURES)])
    assert checked.exit_code in (0, 1) and "Memeriksa" not in checked.stderr
    monkeypatch.setattr(sys.modules["cascade.cli.check"], "on_terminal", lambda: True)  # the module, not the command
    assert "Memeriksa" in CliRunner().invoke(main, ["check", str(FIXTURES)]).stderr


def test_a_folder_gives_a_json_array_even_with_one_cascade_in_it(tmp_path):
    """Scripts loop over a folder's array; a folder that happens to hold one agency must not break them."""
    folder = tmp_path / "satu"
    folder.mkdir()
    shutil.copy(FIXTURES / "sampang.yaml", folder / "sampang.yaml")
    in_folder = json.loads(CliRunner().invoke(main, ["check", str(folder), "--format", "json"]).stdout)
    named = json.loads(CliRunner().invoke(main, ["check", str(folder / "sampang.yaml"), "--format", "json"]).stdout)
    assert in_folder == [named]


def test_an_audit_saved_in_the_audited_folder_is_not_read_as_a_cascade(tmp_path):
    folder = tmp_path / "opd"
    folder.mkdir()
    shutil.copy(FIXTURES / "sampang.yaml", folder / "sampang.yaml")
    command = [sys.executable, "-m", "cascade", "check", str(folder), "--format", "json"]
    for _ in range(2):  # the second run finds the first run's output, and writes over it again
        with open(folder / "audit.json", "w", encoding="utf-8") as output:
            run = subprocess.run(command, stdout=output, stderr=subprocess.PIPE, text=True, check=False)
        assert run.returncode != 2 and run.stderr == ""
        assert [d["sumber"] for d in json.loads((folder / "audit.json").read_text(encoding="utf-8"))] == [
            str(folder / "sampang.yaml")]
    empty = tmp_path / "kosong"
    empty.mkdir()
    with open(empty / "audit.json", "w", encoding="utf-8") as output:
        run = subprocess.run([*command[:4], str(empty)], stdout=output, stderr=subprocess.PIPE, text=True, check=False)
    assert run.returncode == 2 and "tidak berisi file kaskade" in run.stderr
    shutil.copy(folder / "audit.json", folder / "lama.json")  # an old audit kept beside the cascades
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert result.exit_code == 2
    assert "lama.json: ini keluaran `cascade check` atau `cascade score` (--format json), bukan kaskade" in result.stderr
    (folder / "lama.json").unlink()
    score = CliRunner().invoke(main, ["score", str(folder / "sampang.yaml"), "--format", "json"]).stdout
    (folder / "capaian.json").write_text(score, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert result.exit_code == 2 and "capaian.json: ini keluaran `cascade check` atau `cascade score`" in result.stderr


def test_two_versions_of_one_agency_in_a_batch_are_pointed_out(tmp_path):
    folder = tmp_path / "opd"
    folder.mkdir()
    shutil.copy(FIXTURES / "sampang.yaml", folder / "sampang.yaml")
    shutil.copy(FIXTURES / "sampang.yaml", folder / "sampang_revisi.yaml")
    shutil.copy(FIXTURES / "probolinggo.yaml", folder / "probolinggo.yaml")
    for fmt in ("text", "markdown"):
        out = CliRunner().invoke(main, ["check", str(folder), "--format", fmt]).stdout
        notes = [line for line in out.splitlines() if line.startswith("Catatan: kode organisasi")]
        assert len(notes) == 1 and "dinsos-pppa-sampang" in notes[0], out
        assert "sampang.yaml" in notes[0] and "revisi" in notes[0]
