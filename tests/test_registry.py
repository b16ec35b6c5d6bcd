"""The rule registry is the central table of codes: unique, documented, never reused."""

import re

from cascade.checks import RULES
from cascade.checks.registry import FAMILIES, RETIRED_CODES


def test_codes_and_slugs_are_unique_and_well_formed():
    slugs = [r.slug for r in RULES.values()]
    assert len(set(slugs)) == len(slugs)
    for code, rule in RULES.items():
        assert code == rule.code
        assert re.fullmatch(r"K\d{3}", code) and int(code[1]) in FAMILIES
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.slug)
        assert code not in RETIRED_CODES


def test_fixed_slugs_exist():
    slugs = {r.slug for r in RULES.values()}
    assert {"orphan", "not-traceable-to-iku", "duplicate-staff-iki"} <= slugs


def test_every_rule_is_documented_in_ruff_form():
    for rule in RULES.values():
        for heading in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
            assert heading in rule.doc, f"{rule.code} docstring lacks {heading!r}"
        assert rule.title and rule.severity in ("error", "warning", "info")


def test_every_family_has_a_rule():
    assert {r.family for r in RULES.values()} == set(FAMILIES.values())
