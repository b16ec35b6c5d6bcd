"""`cascade generate` writes a cascade whose audit is exactly its ground truth."""

import json

import pytest
from click.testing import CliRunner

from cascade.cli import main


@pytest.mark.parametrize("name", ["provinsi", "provinsi.yaml"])
def test_generated_province_audits_to_its_ground_truth(tmp_path, name):
    output = tmp_path / name
    made = CliRunner().invoke(main, ["generate", "-o", str(output), "--elemen", "1500", "--instansi", "3",
                                     "--cacat", "3", "--seed", "4"])
    assert made.exit_code == 0, made.output
    truth = json.loads((tmp_path / f"{name}.kebenaran.json").read_text(encoding="utf-8"))
    assert {f["code"] for f in truth["temuan"]} == {"K101", "K201", "K301", "K302"}
    checked = CliRunner().invoke(main, ["check", str(output), "--format", "json"])
    assert checked.exit_code == 1
    found = {(f["code"], tuple(sorted(f["elements"]))) for f in json.loads(checked.stdout)["findings"]}
    assert found == {(f["code"], tuple(f["elements"])) for f in truth["temuan"]}


def test_generate_refuses_to_replace_without_timpa(tmp_path):
    output = tmp_path / "dinas.json"
    args = ["generate", "-o", str(output), "--elemen", "300"]
    assert CliRunner().invoke(main, args).exit_code == 0
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 2 and "--timpa" in again.output
    assert CliRunner().invoke(main, [*args, "--timpa"]).exit_code == 0


@pytest.mark.parametrize("cacat", ["100", "20"])
def test_too_many_defects_for_the_size_is_a_clean_error(tmp_path, cacat):
    result = CliRunner().invoke(main, ["generate", "-o", str(tmp_path / "g.yaml"), "--elemen", "3000", "--cacat", cacat])
    assert result.exit_code == 2 and "terlalu banyak" in result.output and "Traceback" not in result.output
