"""The rule registry: every check registers its stable code, slug, severity and family here.

A check is a plain function ``check(G, config)`` that yields `Hit`s; the runner stamps each hit
with the rule's code, slug and severity to make a `Finding`. Codes are never reused: a retired
rule's code goes into `RETIRED_CODES`.

Each rule's docstring explains it to contributors, in English; `aturan.md`, beside the rule
modules, explains it to users in Bahasa Indonesia (`cascade rules KODE` prints it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Literal

import networkx as nx
from pydantic import BaseModel, ConfigDict, Field

from cascade.capaian import Kosong, Periode

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}
SEVERITY_LABEL: dict[str, str] = {"error": "galat", "warning": "peringatan", "info": "info"}
"""How each severity is said to users (the JSON contract keeps the English keys)."""

FAMILIES: dict[int, str] = {
    1: "struktur",
    2: "keterlacakan",
    3: "duplikasi",
    4: "keterukuran",
    5: "bobot",
    6: "data",
}
"""Rule families, numbered: the first digit of every code after the `K` prefix."""

RETIRED_CODES: frozenset[str] = frozenset()


class CheckConfig(BaseModel):
    """Tunable thresholds of the checks, with their documented defaults."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kemiripan: float = Field(90.0, ge=50, le=100, description="similarity (0-100) above which two texts are copies")
    selisih_capaian: float = Field(20.0, ge=0, description="capaian gap (points) for measured-vs-derived-gap")
    periode: Periode = Field("tahunan", description="period whose capaian measured-vs-derived-gap compares")
    kosong: Kosong = Field("lewati", description="supporters without data, as `score --kosong`")
    batas: float | None = Field(None, gt=0, description="cap on every capaian, as `score --batas`")


@dataclass(frozen=True)
class Hit:
    """What a check yields: the elements involved and a message; positions default to their owners."""

    elements: tuple[str, ...]
    message: str
    jabatan: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Finding:
    """One reported defect, as it appears in every output format."""

    code: str
    rule: str
    severity: Severity
    elements: tuple[str, ...]
    jabatan: tuple[str, ...]
    message: str


Check = Callable[[nx.DiGraph, CheckConfig], Iterator[Hit]]


@dataclass(frozen=True)
class Rule:
    code: str
    slug: str
    severity: Severity
    title: str  # one line in Bahasa Indonesia, shown to users
    check: Check = field(repr=False)

    @property
    def family(self) -> str:
        return FAMILIES[int(self.code[1])]

    @property
    def explanation(self) -> str:
        """What the rule checks, why it matters, an example and its fix, for users: its section of `aturan.md`."""
        return explanations()[self.code][1]


RULES: dict[str, Rule] = {}


def rule(code: str, slug: str, severity: Severity, title: str) -> Callable[[Check], Check]:
    """Register a check under a stable code such as ``K101`` (family 1, rule 01)."""

    def register(check: Check) -> Check:
        if code in RULES or code in RETIRED_CODES:
            raise ValueError(f"rule code {code} is already taken")
        if any(r.slug == slug for r in RULES.values()):
            raise ValueError(f"rule slug {slug} is already taken")
        if not (len(code) == 4 and code[0] == "K" and code[1:].isdigit() and int(code[1]) in FAMILIES):
            raise ValueError(f"rule code {code} must look like K101 with a known family digit")
        RULES[code] = Rule(code, slug, severity, title, check)
        return check

    return register


@cache
def explanations() -> dict[str, tuple[str, str]]:
    """Every `## K101 orphan` section of `aturan.md` by code: the slug its heading names, and its text.

    >>> explanations()["K101"][0]
    'orphan'
    """
    text = resources.files(__package__).joinpath("aturan.md").read_text(encoding="utf-8")
    parts = re.split(r"^## (K\d{3}) (\S+)\n", text, flags=re.MULTILINE)[1:]
    return {code: (slug, body.strip()) for code, slug, body in zip(parts[::3], parts[1::3], parts[2::3], strict=True)}
