"""The readable report of `cascade check`, in Bahasa Indonesia, grouped by rule."""

from __future__ import annotations

from itertools import groupby

from cascade.audit import Audit, QualityScore
from cascade.checks import RULES
from cascade.formats.indonesian import percent
from cascade.graph import describe_jabatan

SEVERITY_LABEL = {"error": "galat", "warning": "peringatan", "info": "info"}


def quality_line(quality: QualityScore) -> str:
    return (f"Skor kualitas kaskade: {percent(quality.skor)} "
            f"(IKI terlacak ke IKU {percent(quality.iki_terlacak)}, "
            f"jabatan dengan IKI mandiri {percent(quality.jabatan_iki_mandiri)}, "
            f"indikator lengkap {percent(quality.indikator_lengkap)})")


def severity_counts(audit: Audit) -> str:
    return ", ".join(f"{audit.summary.get(s, 0)} {SEVERITY_LABEL[s]}" for s in ("error", "warning", "info"))


def render_one(audit: Audit) -> str:
    lines = [f"== {audit.organisasi} ({audit.cascade.source})",
             f"{len(audit.cascade.jabatan)} jabatan, {len(audit.cascade.elemen)} elemen"]
    ordered = sorted(audit.findings, key=lambda f: f.code)
    for code, group in groupby(ordered, key=lambda f: f.code):
        findings = list(group)
        rule = RULES[code]
        lines.append("")
        lines.append(f"{code} {rule.slug} [{SEVERITY_LABEL[rule.severity]}] {rule.title}: {len(findings)} temuan")
        for finding in findings:
            lines.append(f"  - {finding.message}")
            if finding.jabatan:
                names = "; ".join(describe_jabatan(audit.graph, j) for j in finding.jabatan)
                lines.append(f"    jabatan: {names}")
    lines.append("")
    lines.append(f"Ringkasan: {len(audit.findings)} temuan ({severity_counts(audit)})" if audit.findings
                 else "Ringkasan: tidak ada temuan")
    lines.append(quality_line(audit.quality))
    return "\n".join(lines)


def render(audits: list[Audit], several: bool) -> str:
    parts = [render_one(a) for a in audits]
    if several:
        parts.append(summary_table(audits))
    return "\n\n".join(parts) + "\n"


def summary_table(audits: list[Audit]) -> str:
    header = f"{'Organisasi':<50} {'galat':>6} {'peringatan':>10} {'info':>6} {'skor':>7}"
    rows = [f"{a.organisasi[:50]:<50} {a.summary.get('error', 0):>6} {a.summary.get('warning', 0):>10} "
            f"{a.summary.get('info', 0):>6} {percent(a.quality.skor):>7}" for a in audits]
    return "\n".join(["== Ringkasan semua organisasi", header, "-" * len(header), *rows])
