"""Every rule's explanation for users (cascade/checks/aturan.md) and `cascade rules KODE`, which prints it."""

import inspect
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from cascade.checks import RULES
from cascade.checks.registry import explanations
from cascade.cli import main

ROOT = Path(__file__).resolve().parent.parent
REQUIRED = ["Apa yang diperiksa", "Mengapa", "Contoh", "Perbaikan"]
OPTIONAL = "Yang tidak dilaporkan"
CODES = sorted(RULES)


def parts(text: str) -> dict[str, str]:
    """The `### Heading` parts of an explanation, or the `## Heading` parts of a ruff-form docstring."""
    pieces = re.split(r"^#{2,3} (.+)\n", text, flags=re.MULTILINE)
    return {heading: body.strip() for heading, body in zip(pieces[1::2], pieces[2::2], strict=True)}


def yaml_blocks(text: str) -> list[object]:
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)]


def prose(text: str) -> str:
    return re.sub(r"```.*?```", "", text, flags=re.DOTALL)


def run(*args):
    result = CliRunner().invoke(main, ["rules", *args], prog_name="cascade")
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


# --- the explanations ------------------------------------------------------------------------------------

def test_every_rule_has_one_section_under_its_code_and_name_and_no_other_rule_does():
    headings = re.findall(r"^## (K\d{3}) (\S+)$", (ROOT / "cascade/checks/aturan.md").read_text(encoding="utf-8"),
                          flags=re.MULTILINE)
    assert sorted(code for code, _ in headings) == CODES  # each once: no rule left out, none twice, none retired
    assert all(slug == RULES[code].slug for code, slug in headings)
    assert {code: slug for code, (slug, _) in explanations().items()} == {c: r.slug for c, r in RULES.items()}


@pytest.mark.parametrize("code", CODES)
def test_explanation_has_the_required_parts_in_order(code):
    found = parts(RULES[code].explanation)
    assert list(found) in (REQUIRED, [*REQUIRED, OPTIONAL]), list(found)
    assert all(prose(body).split() for heading, body in found.items() if heading not in ("Contoh", "Perbaikan"))
    assert found["Perbaikan"].split(), found  # a corrected example, or in words
    assert 60 <= len(RULES[code].explanation.split()) <= 220  # concise, yet more than the one-line title


@pytest.mark.parametrize("code", CODES)
def test_examples_are_the_docstrings_examples(code):
    doc, explained = parts(inspect.getdoc(RULES[code].check)), parts(RULES[code].explanation)
    assert yaml_blocks(explained["Contoh"]) == yaml_blocks(doc["Example"]) != []
    assert yaml_blocks(explained["Perbaikan"]) == yaml_blocks(doc["Use instead"])  # none where the fix is prose


def test_explanations_are_in_indonesian():
    for code in CODES:
        words = set(prose(RULES[code].explanation).lower().split())
        assert not words & {"the", "and", "which", "when", "flags"}, code
        assert words & {"yang", "dan", "tidak"}, code


# --- cascade rules KODE ----------------------------------------------------------------------------------

def test_rules_with_a_code_prints_its_explanation():
    result = run("K303")
    assert result.exit_code == 0
    assert result.output.startswith("## K303 copied-from-supervisor\n\n"
                                    "Indikator bawahan menyalin indikator atasan tanpa diturunkan.\n"
                                    "Keluarga duplikasi, tingkat peringatan.\n\n### Apa yang diperiksa\n")
    assert RULES["K303"].explanation in result.output
    assert "atasan langsung" in result.output and "--kemiripan" in result.output
    assert re.findall(r"^## K\d{3}", result.output, flags=re.MULTILINE) == ["## K303"]


def shown(*args) -> list[str]:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return re.findall(r"^## (K\d{3}) ", result.output, flags=re.MULTILINE)


def test_rules_takes_prefixes_and_names_in_any_case_as_select_does():
    assert shown("K3") == ["K301", "K302", "K303", "K304"]
    assert shown("k30") == shown("K30") == ["K301", "K302", "K303", "K304"]
    assert shown("orphan") == shown("ORPHAN") == shown("k101") == ["K101"]
    assert shown("Copied-From-Supervisor") == ["K303"]


def test_rules_keeps_the_order_asked_once_each_and_splits_commas():
    assert shown("K201", "orphan") == ["K201", "K101"]
    assert shown("K303", "K3") == ["K303", "K301", "K302", "K304"]
    assert shown("K101,K201") == ["K101", "K201"]
    assert shown("K6", "--format", "markdown") == ["K601", "K602"]


def test_rules_with_unknown_codes_is_a_usage_error():
    result = run("K999", "orphan", "yatim")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert "Pemakaian: cascade rules" in result.stderr
    assert "'K999', 'yatim' bukan kode, awalan kode atau nama aturan" in result.stderr
    assert "lihat daftarnya dengan 'cascade rules'" in result.stderr


def test_rules_without_codes_still_lists_every_rule_one_line_each():
    lines = run().output.splitlines()
    assert [line.split()[0] for line in lines] == CODES
    assert "### " not in run().output


def test_rules_markdown_is_the_readme_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    start = readme.index("| Kode | Nama | Keluarga | Tingkat | Arti |")
    table = readme[start:start + 2 + len(RULES)]
    assert run("--format", "markdown").output == "\n".join(table) + "\n"
    assert len(readme) == start + len(table) or not readme[start + len(table)].startswith("|")
