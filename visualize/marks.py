"""The audit's findings as markers on the elements they name, so the drawing shows what is wrong."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cascade.checks import Finding
from cascade.checks.registry import SEVERITY_RANK


@dataclass(frozen=True, order=True)
class Mark:
    code: str
    severity: str


def finding_marks(findings: Iterable[Finding], minimum: str = "warning") -> dict[str, tuple[Mark, ...]]:
    """Element id -> its finding codes at or above `minimum` severity, one mark per code, by code."""
    marks: dict[str, set[Mark]] = {}
    for finding in findings:
        if SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[minimum]:
            for node in finding.elements:
                marks.setdefault(node, set()).add(Mark(finding.code, finding.severity))
    return {node: tuple(sorted(found)) for node, found in marks.items()}


def worst(marks: Iterable[Mark]) -> str | None:
    """The most severe level among some marks, or None when there are none."""
    return max((m.severity for m in marks), key=SEVERITY_RANK.__getitem__, default=None)
