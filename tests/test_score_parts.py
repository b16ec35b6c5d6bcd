"""`cascade score` writes its text and CSV tables in parts (`cascade.formats.parts`): the parts,
and what the command prints, are exactly the text `render` gives."""

import pytest
from click.testing import CliRunner

from cascade.array_graph import ArrayGraph
from cascade.capaian import ScoreOptions
from cascade.cli import main
from cascade.formats import score_csv, score_text
from models import load_cascade
from tests.test_load_scale_equivalence import generated_tables, write_tables

FORMATS = {"text": score_text, "csv": score_csv}


@pytest.fixture
def folder(tmp_path):
    return write_tables(tmp_path / "kaskade", generated_tables(60, seed=4, multi_parent=0.3))


@pytest.fixture
def cascade(folder):
    return load_cascade(folder)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("rows", [1, 7, 10_000])
def test_parts_join_to_the_whole_text(cascade, monkeypatch, fmt, rows):
    module = FORMATS[fmt]
    whole = module.render(ArrayGraph(cascade), ScoreOptions(periode="TW4"))
    monkeypatch.setattr(module, "ROWS_A_PART", rows)
    parts = list(module.parts(ArrayGraph(cascade), ScoreOptions(periode="TW4")))
    assert "".join(parts) == whole
    assert len(parts) > len(cascade.elemen) // rows


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_command_prints_every_part(cascade, folder, monkeypatch, fmt):
    module = FORMATS[fmt]
    monkeypatch.setattr(module, "ROWS_A_PART", 5)
    result = CliRunner().invoke(main, ["score", str(folder), "--format", fmt])
    assert result.exit_code == 0, result.output
    monkeypatch.setattr(module, "ROWS_A_PART", 10_000)
    assert result.stdout == module.render(ArrayGraph(cascade), ScoreOptions())
