"""Run the registered rules over a cascade graph: selection, suppression and the quality score."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

import networkx as nx
import numpy as np

from cascade.array_graph import ArrayGraph
from cascade.checks import RULES, CheckConfig, Finding, Rule
from cascade.duplicates import staff_iki_copies, supervisor_copies
from cascade.graph import (arrays, is_head, is_role, org_arrays, owner, owners_array, traceable_mask,
                           with_target_mask)
from cascade.text import normal_forms
from models.bulk import column_of
from models.cascade import Cascade
from models.errors import InputError, Problem


@dataclass(frozen=True)
class QualityScore:
    """Cascade quality: the mean of three shares, each 0-100 (None when there is nothing to count)."""

    iki_terlacak: float | None  # IKI with a path to an IKU
    jabatan_iki_mandiri: float | None  # positions below the head with IKI of their own, none copied
    indikator_lengkap: float | None  # indicators with target, formula and data source

    @property
    def skor(self) -> float | None:
        parts = [p for p in (self.iki_terlacak, self.jabatan_iki_mandiri, self.indikator_lengkap) if p is not None]
        return sum(parts) / len(parts) if parts else None


@dataclass
class Audit:
    """The result of checking one cascade. The checks ran on `view`; `graph` is the full
    `nx.DiGraph`, built on first use (drawing needs it, a province-wide check does not)."""

    cascade: Cascade
    view: ArrayGraph
    findings: list[Finding]
    quality: QualityScore

    @cached_property
    def graph(self) -> nx.DiGraph:
        return self.view.to_networkx()

    @property
    def summary(self) -> Counter:
        """Findings counted by severity."""
        return Counter(f.severity for f in self.findings)

    @property
    def organisasi(self) -> str:
        return self.cascade.organisasi.nama


def select_rules(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Rule]:
    """The rules enabled by code prefixes or slugs; the most specific (longest) match wins.

    With no `select`, every rule is selected. A slug counts as a full code.

    >>> [r.code for r in select_rules(["K1"], ["K10"])][:1], [r.code for r in select_rules(["K101"], ["K1"])]
    ([], ['K101'])
    """
    select, ignore = list(select) or ["K"], list(ignore)
    slugs = {r.slug: r.code for r in RULES.values()}
    unknown = [s for s in [*select, *ignore] if s not in slugs and not any(c.startswith(s.upper()) for c in RULES)]
    if unknown:
        raise InputError([Problem("--select/--ignore", "", None,
                                  f"kode atau nama aturan tidak dikenal: {', '.join(unknown)}")])

    def specificity(patterns: list[str], code: str) -> int:
        lengths = [len(code) if slugs.get(p) == code else len(p) for p in patterns
                   if slugs.get(p) == code or (p not in slugs and code.startswith(p.upper()))]
        return max(lengths, default=-1)

    return [r for code, r in sorted(RULES.items())
            if specificity(select, code) >= 0 and specificity(select, code) > specificity(ignore, code)]


def run_checks(G: nx.DiGraph, rules: Iterable[Rule], config: CheckConfig | None = None,
               on_rule: Callable[[Rule], None] | None = None) -> list[Finding]:
    """Every finding of the given rules, minus those every named element suppresses via `abaikan`.

    `on_rule` is called as each rule starts, for a caller that shows progress on a large cascade.
    """
    config = config or CheckConfig()
    findings: list[Finding] = []
    for rule in rules:
        if on_rule:
            on_rule(rule)
        for hit in rule.check(G, config):
            if hit.elements and all(_suppressed(G, n, rule) for n in hit.elements):
                continue
            positions = hit.jabatan if hit.jabatan is not None else tuple(
                dict.fromkeys(p for n in hit.elements if (p := owner(G, n))))
            findings.append(Finding(rule.code, rule.slug, rule.severity, hit.elements, positions, hit.message))
    return findings


def _suppressed(G: nx.DiGraph, node: str, rule: Rule) -> bool:
    return any(mark in (rule.code, rule.slug) for mark in G.graph["memo"]["columns"].abaikan[arrays(G).index[node]])


def quality_score(G: nx.DiGraph, config: CheckConfig) -> QualityScore:
    """The cascade quality score's three shares (see the README for the definition)."""
    a, org, owners = arrays(G), org_arrays(G), owners_array(G)
    iki = is_role(G, "iki")
    copied = np.zeros(a.n, dtype=bool)
    copied_ids = {n for group in staff_iki_copies(G, config.kemiripan) for n in group}
    copied_ids |= {n for n, _ in supervisor_copies(G, config.kemiripan)}
    copied[[a.index[n] for n in copied_ids]] = True
    places = len(org.ids)
    has_iki = np.bincount(owners[iki & (owners >= 0)], minlength=places) > 0
    has_copy = np.bincount(owners[iki & copied & (owners >= 0)], minlength=places) > 0
    positions = np.fromiter((org.index[j] for j in column_of(G.graph["cascade"].jabatan, "id") if not is_head(G, j)),
                            dtype=np.int64)
    own = int(np.count_nonzero(has_iki[positions] & ~has_copy[positions]))
    indicators = is_role(G, "iku", "iki", "indikator_tujuan")
    formulas, sources = normal_forms(G, "formula"), normal_forms(G, "sumber_data")  # as arrays(G).ids
    described = np.fromiter(map(all, zip(formulas, sources)), dtype=bool, count=a.n)
    return QualityScore(
        iki_terlacak=_share(int(np.count_nonzero(iki & traceable_mask(G))), int(np.count_nonzero(iki))),
        jabatan_iki_mandiri=_share(own, positions.size),
        indikator_lengkap=_share(int(np.count_nonzero(indicators & with_target_mask(G) & described)),
                                 int(np.count_nonzero(indicators))),
    )


def _share(part: int, whole: int) -> float | None:
    return 100.0 * part / whole if whole else None


def audit(cascade: Cascade, select: Iterable[str] = (), ignore: Iterable[str] = (),
          config: CheckConfig | None = None, on_rule: Callable[[Rule], None] | None = None) -> Audit:
    """Check one cascade: build its graph, run the selected rules, score its quality."""
    config = config or CheckConfig()
    G = ArrayGraph(cascade)
    findings = run_checks(G, select_rules(select, ignore), config, on_rule)
    return Audit(cascade, G, findings, quality_score(G, config))
