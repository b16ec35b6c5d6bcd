"""A Markdown report of `cascade check`, for pasting into a review note or an issue tracker."""

from __future__ import annotations

import re
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

from cascade.audit import Audit
from cascade.checks import RULES
from cascade.formats.indonesian import percent
from cascade.checks.registry import SEVERITY_LABEL
from cascade.formats.text_report import quality_line, repeated_organisations, severity_counts
from cascade.graph import describe_jabatan

if TYPE_CHECKING:  # batch imports the formats, so only the type checker may import it here
    from cascade.batch import AgencyReport, Unusable


_MARKDOWN_SYNTAX = re.compile(r"([\\`*_\[\]!#~|])")


def cell(text: str) -> str:
    r"""User text that every Markdown renderer shows literally, safe inside a table cell.

    No raw HTML, link, image, emphasis or autolink can come out of a cascade file.

    >>> cell("<b>a</b> | ![x](http://y) *z*")
    '&lt;b&gt;a&lt;/b&gt; \\| \\!\\[x\\](http:\\/\\/y) \\*z\\*'
    """
    text = " ".join(text.split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SYNTAX.sub(r"\\\1", text).replace("://", ":\\/\\/")


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
            positions = "; ".join(describe_jabatan(audit.view, j) for j in f.jabatan)
            lines.append(f"| {cell(', '.join(f.elements))} | {cell(positions)} | {cell(f.message)} |")
    return "\n".join(lines)


TITLE = "# Laporan audit kaskade kinerja"


def summary_table(results: list[AgencyReport | Unusable]) -> str:
    """Agencies × rule counts, with severities, the quality score and the file read; a file that
    could not be read keeps its row (see `text_report.summary_table`)."""
    from cascade.batch import Unusable  # here: batch imports this module

    reports = [r for r in results if not isinstance(r, Unusable)]
    codes = sorted({code for r in reports for code in r.rule_counts})
    lines = ["## Ringkasan", "", "| Organisasi | " + " | ".join([*codes, "Galat", "Peringatan", "Info", "Skor"]) + " |",
             "|---|" + "---|" * (len(codes) + 4)]
    for r in results:
        if isinstance(r, Unusable):
            lines.append(f"| **tidak terbaca**: {cell(Path(r.source).name)} ({len(r.problems)} galat masukan) | "
                         + " | ".join(["-"] * (len(codes) + 4)) + " |")
            continue
        cells = [str(r.rule_counts.get(c, 0)) for c in codes]
        cells += [str(r.summary["error"]), str(r.summary["warning"]), str(r.summary["info"]), percent(r.skor)]
        lines.append(f"| {cell(r.organisasi)} ({cell(r.data['kode'])}, {cell(Path(r.source).name)}) | "
                     + " | ".join(cells) + " |")
    return "\n".join([*lines, *(part for note in repeated_organisations(reports) for part in ("", cell(note)))])
