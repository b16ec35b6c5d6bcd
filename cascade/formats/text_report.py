"""The readable report of `cascade check`, in Bahasa Indonesia, grouped by rule."""

from __future__ import annotations

from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

from cascade.audit import Audit, QualityScore
from cascade.checks import RULES
from cascade.checks.registry import SEVERITY_LABEL
from cascade.formats.indonesian import percent
from cascade.graph import describe_jabatan

if TYPE_CHECKING:  # batch imports the formats, so only the type checker may import it here
    from cascade.batch import AgencyReport, Unusable



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
                names = "; ".join(describe_jabatan(audit.view, j) for j in finding.jabatan)
                lines.append(f"    jabatan: {names}")
    lines.append("")
    lines.append(f"Ringkasan: {len(audit.findings)} temuan ({severity_counts(audit)})" if audit.findings
                 else "Ringkasan: tidak ada temuan")
    lines.append(quality_line(audit.quality))
    return "\n".join(lines)


def summary_table(results: list[AgencyReport | Unusable]) -> str:
    """Agencies × rule counts, with severities, the quality score and the file read; a file that
    could not be read keeps its row, so that an agency is never missing from the summary unseen."""
    from cascade.batch import Unusable  # here: batch imports this module

    reports = [r for r in results if not isinstance(r, Unusable)]
    codes = sorted({code for r in reports for code in r.rule_counts})
    width = max([len("Kode organisasi"), *(len(r.data["kode"]) for r in reports)])
    header = [f"{'Kode organisasi':<{width}}", *(f"{c:>5}" for c in codes), f"{'galat':>6}", f"{'peringatan':>10}",
              f"{'info':>6}", f"{'skor':>7}", "Organisasi (berkas)"]
    lines = ["== Ringkasan semua organisasi", " ".join(header), "-" * len(" ".join(header))]
    for r in results:
        if isinstance(r, Unusable):
            lines.append(f"{'-':<{width}} TIDAK TERBACA ({len(r.problems)} galat masukan, lihat pesan galat): "
                         f"{Path(r.source).name}")
            continue
        lines.append(" ".join([f"{r.data['kode']:<{width}}", *(f"{r.rule_counts.get(c, 0):>5}" for c in codes),
                               f"{r.summary['error']:>6}", f"{r.summary['warning']:>10}", f"{r.summary['info']:>6}",
                               f"{percent(r.skor):>7}", f"{r.organisasi} ({Path(r.source).name})"]))
    return "\n".join([*lines, *repeated_organisations(reports)])


def repeated_organisations(reports: list[AgencyReport]) -> list[str]:
    """A note for each organisation kode read from several files: two versions of one agency in a
    batch folder count it twice in any total over the table."""
    files: dict[str, list[str]] = {}
    for r in reports:
        files.setdefault(r.data["kode"], []).append(Path(r.source).name)
    return [f"Catatan: kode organisasi {kode} terbaca dari {len(names)} berkas ({', '.join(names)}); "
            f"pastikan hanya satu versi yang diaudit." for kode, names in files.items() if len(names) > 1]
