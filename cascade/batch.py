"""Audit many agencies: one picklable unit of work per cascade file, mapped serially or in parallel.

`check_agency` is a plain function of plain arguments returning plain data, so any executor can
map it: the standard `concurrent.futures` pool used by `run_batch`, or a cluster. With Dask::

    import dask.bag as db
    reports = db.from_sequence(paths, npartitions=200).map(
        check_agency, fmt="json", select=(), ignore=(), config=CheckConfig()).compute()
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from cascade.audit import Audit, audit
from cascade.checks import CheckConfig, Rule
from cascade.checks.registry import SEVERITY_RANK
from cascade.formats import json_report, markdown_report, text_report
from models import InputError, Problem, load_cascade
from models.bulk import paused_gc


@dataclass(frozen=True)
class AgencyReport:
    """One agency's audit, reduced to what a batch needs: picklable, no graph."""

    source: str
    organisasi: str
    rendered: str  # the organisation's report in the requested text format ("" for json)
    data: dict  # the JSON contract object of `cascade check`
    rule_counts: dict[str, int] = field(default_factory=dict)
    worst: str | None = None  # the highest severity among the findings

    @property
    def skor(self) -> float | None:
        return self.data["kualitas"]["skor"]

    @property
    def summary(self) -> dict[str, int]:
        return self.data["summary"]


@dataclass(frozen=True)
class Unusable:
    """A file that could not be read as a cascade, with every located problem."""

    source: str
    problems: list[Problem]


RENDER_ONE = {"text": text_report.render_one, "markdown": markdown_report.render_one, "json": lambda _: ""}


def check_agency(path: str | Path, fmt: str, select: Sequence[str], ignore: Sequence[str],
                 config: CheckConfig, on_rule: Callable[[Rule], None] | None = None,
                 keep: Callable[[Audit], None] | None = None) -> AgencyReport | Unusable:
    """Load, audit and render one agency's cascade (`on_rule`: see `cascade.audit.run_checks`;
    `keep` is given the audit, for a caller that would rather not have it freed).

    The collector stays paused until the report is built: its first full pass after a large load
    would walk every record (a second at 10^6 elements) and free nothing.
    """
    with paused_gc():
        try:
            result = audit(load_cascade(path), select, ignore, config, on_rule)
        except InputError as exc:
            return Unusable(str(path), exc.problems)
        if keep:
            keep(result)
        worst = max((f.severity for f in result.findings), key=SEVERITY_RANK.__getitem__, default=None)
        return AgencyReport(str(path), result.organisasi, RENDER_ONE[fmt](result), json_report.audit_to_dict(result),
                            dict(Counter(f.code for f in result.findings)), worst)


def run_batch(paths: Sequence[Path], fmt: str, select: Sequence[str], ignore: Sequence[str], config: CheckConfig,
              jobs: int = 1, on_done: Callable[[], None] | None = None) -> list[AgencyReport | Unusable]:
    """`check_agency` over every path, in input order; `jobs` > 1 uses that many processes."""
    if jobs <= 1 or len(paths) <= 1:
        results = []
        for path in paths:
            results.append(check_agency(path, fmt, select, ignore, config))
            if on_done:
                on_done()
        return results
    by_position: dict[int, AgencyReport | Unusable] = {}
    with ProcessPoolExecutor(max_workers=min(jobs, len(paths), os.cpu_count() or 1)) as pool:
        futures = {pool.submit(check_agency, path, fmt, tuple(select), tuple(ignore), config): i
                   for i, path in enumerate(paths)}
        for future in as_completed(futures):
            by_position[futures[future]] = future.result()
            if on_done:
                on_done()
    return [by_position[i] for i in range(len(paths))]
