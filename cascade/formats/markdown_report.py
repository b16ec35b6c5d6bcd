"""A Markdown report of `cascade check`, for pasting into a review note or an issue tracker."""

from __future__ import annotations

from itertools import groupby

from cascade.audit import Audit
from cascade.checks import RULES
from cascade.formats.indonesian import percent
from cascade.formats.text_report import SEVERITY_LABEL, quality_line, severity_counts
from cascade.graph import describe_jabatan


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def render_one(audit: Audit) -> str:
    lines = [f"## {cell(audit.organisasi)}", "", f"- Sumber: `{audit.cascade.source}`",
             f"- {len(audit.cascade.jabatan)} jabatan, {len(audit.cascade.elemen)} elemen",
             f"- {len(audit.findings)} temuan ({severity_counts(audit)})", f"- {quality_line(audit.quality)}"]
    ordered = sorted(audit.findings, key=lambda f: f.code)
    for code, group in groupby(ordered, key=lambda f: f.code):
        findings = list(group)
        rule = RULES[code]
        lines += ["", f"### {code} `{rule.slug}` ({SEVERITY_LABEL[rule.severity]}): {len(findings)} temuan", "",
                  "| Elemen | Jabatan | Pesan |", "|---|---|---|"]
        for f in findings:
            positions = "; ".join(describe_jabatan(audit.graph, j) for j in f.jabatan)
            lines.append(f"| {cell(', '.join(f.elements))} | {cell(positions)} | {cell(f.message)} |")
    return "\n".join(lines)


def render(audits: list[Audit], several: bool) -> str:
    parts = ["# Laporan audit kaskade kinerja", *[render_one(a) for a in audits]]
    if several:
        rows = [f"| {cell(a.organisasi)} | {a.summary.get('error', 0)} | {a.summary.get('warning', 0)} | "
                f"{a.summary.get('info', 0)} | {percent(a.quality.skor)} |" for a in audits]
        parts.append("\n".join(["## Ringkasan", "", "| Organisasi | Galat | Peringatan | Info | Skor |",
                                "|---|---|---|---|---|", *rows]))
    return "\n\n".join(parts) + "\n"
