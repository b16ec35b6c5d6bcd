"""The rule registry is the central table of codes: unique, documented, never reused."""

import re

import pytest

from cascade.checks import RULES, registry
from cascade.checks.registry import FAMILIES, rule


def test_slugs_are_kebab_case():
    for code, registered in RULES.items():  # codes and uniqueness are checked by `rule` as each check registers
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", registered.slug), code


@pytest.fixture
def scratch_registry(monkeypatch):
    """`rule` registering into a copy of the table, so the real one is left as it was."""
    monkeypatch.setattr(registry, "RULES", dict(RULES))
    return registry.RULES


def check(G, config):
    return iter(())


def test_rule_registers_a_well_formed_code(scratch_registry):
    assert rule("K199", "scratch-rule", "info", "Uji")(check) is check
    assert scratch_registry["K199"].slug == "scratch-rule" and scratch_registry["K199"].family == "struktur"


@pytest.mark.parametrize("code", ["K1", "K1010", "X101", "k101", "K10a", "K901", "K001"])
def test_rule_refuses_a_malformed_code(scratch_registry, code):
    with pytest.raises(ValueError, match="must look like K101"):
        rule(code, "scratch-rule", "info", "Uji")(check)
    assert code not in scratch_registry


def test_rule_refuses_a_taken_code_or_slug(scratch_registry):
    taken = next(iter(RULES.values()))
    with pytest.raises(ValueError, match=f"code {taken.code} is already taken"):
        rule(taken.code, "scratch-rule", "info", "Uji")(check)
    with pytest.raises(ValueError, match=f"slug {taken.slug} is already taken"):
        rule("K199", taken.slug, "info", "Uji")(check)
    assert scratch_registry == RULES


def test_rule_refuses_a_retired_code(scratch_registry, monkeypatch):
    monkeypatch.setattr(registry, "RETIRED_CODES", frozenset({"K199"}))
    with pytest.raises(ValueError, match="code K199 is already taken"):
        rule("K199", "scratch-rule", "info", "Uji")(check)
    assert "K199" not in scratch_registry


def test_fixed_slugs_exist():
    slugs = {r.slug for r in RULES.values()}
    assert {"orphan", "not-traceable-to-iku", "duplicate-staff-iki"} <= slugs


def test_every_rule_is_documented_in_ruff_form():
    for registered in RULES.values():
        doc = registered.check.__doc__ or ""
        for heading in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
            assert heading in doc, f"{registered.code} docstring lacks {heading!r}"
        assert registered.title and registered.severity in ("error", "warning", "info")


def test_every_family_has_a_rule():
    assert {r.family for r in RULES.values()} == set(FAMILIES.values())
