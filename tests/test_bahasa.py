"""Users meet Bahasa Indonesia everywhere, click's own help and errors included."""

import re

import pytest
from click.testing import CliRunner

from cascade.cli import main

ENGLISH = re.compile(r"Usage:|\[OPTIONS\]|Options:|Commands:|Show this message|Show the version|\[default:|"
                     r"\[required\]|Error:|Missing (option|argument)|No such|is not one of|is not a valid|"
                     r"Invalid value|INTEGER|FLOAT|TEXT\b|PATHS?\b")


@pytest.mark.parametrize("command", [None, *sorted(main.commands)])
def test_help_has_no_english_from_click(command):
    result = CliRunner().invoke(main, [command, "--help"] if command else ["--help"])
    assert result.exit_code == 0
    assert "Pemakaian:" in result.output and "Opsi:" in result.output
    assert not ENGLISH.search(result.output), ENGLISH.search(result.output)


@pytest.mark.parametrize(("args", "expected"), [
    (["check"], "Argumen wajib belum diisi"),
    (["render", "x.yaml"], "Opsi wajib belum diisi: '-o' / '--output'"),
    (["score", "x.yaml", "--periode", "TW5"], "bukan salah satu dari"),
    (["check", "--tidak-ada", "x"], "Tidak ada opsi '--tidak-ada'"),
    (["check", "x", "--jobs", "dua"], "bukan bilangan bulat yang sah"),
    (["periksa"], "Tidak ada perintah 'periksa'"),
])
def test_usage_errors_are_indonesian(args, expected):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert expected in result.output and "Galat:" in result.output
    assert not ENGLISH.search(result.output), result.output
