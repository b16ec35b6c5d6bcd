"""`cascade check` and `cascade rules`: the linter over the cascade."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

import click

from cascade.audit import Audit, audit, fails, select_rules
from cascade.checks import RULES, CheckConfig
from cascade.cli.common import EXIT_FINDINGS, EXIT_UNUSABLE, paused_gc, print_problems, reports_errors
from cascade.formats import json_report, markdown_report, text_report
from models import InputError, discover_cascades, load_cascade

FORMATS = {"text": text_report.render, "json": json_report.render, "markdown": markdown_report.render}


def split_codes(values: Iterable[str]) -> list[str]:
    """`--select K1,K301 --select orphan` -> ['K1', 'K301', 'orphan']."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@click.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="text", show_default=True,
              help="Bentuk keluaran.")
@click.option("--select", multiple=True, metavar="KODE",
              help="Hanya jalankan aturan dengan kode/awalan/nama ini (pisahkan dengan koma). Contoh: K1,K301")
@click.option("--ignore", multiple=True, metavar="KODE",
              help="Lewati aturan ini. Kecocokan paling spesifik yang menang.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
              help="Keluar dengan kode 1 bila ada temuan setingkat ini atau lebih berat.")
@click.option("--kemiripan", type=click.FloatRange(50, 100), default=90.0, show_default=True,
              help="Ambang kemiripan teks (0-100) untuk menganggap dua IKI sebagai salinan.")
@click.option("--selisih", type=click.FloatRange(0), default=20.0, show_default=True,
              help="Selisih capaian (poin) antara IKU/sasaran dan pendukungnya yang dilaporkan K406.")
@reports_errors
def check(paths: tuple[Path, ...], fmt: str, select: tuple[str, ...], ignore: tuple[str, ...],
          fail_on: str, kemiripan: float, selisih: float) -> None:
    """Periksa keselarasan kaskade kinerja seperti linter.

    PATHS adalah file .yaml/.yml/.json, folder berisi elemen.csv, atau folder berisi
    beberapa kaskade (satu laporan per organisasi plus tabel ringkasan).

    \b
    Contoh:
      cascade check fixtures/probolinggo.yaml
      cascade check fixtures/ --format json
      cascade check kaskade.yaml --select K2,K3 --ignore K304 --fail-on warning

    \b
    Kode keluar: 0 tanpa temuan setingkat --fail-on, 1 ada temuan, 2 masukan tidak dapat dipakai.
    """
    select_rules(split_codes(select), split_codes(ignore))  # reject unknown codes before any work
    config = CheckConfig(kemiripan=kemiripan, selisih_capaian=selisih)
    files = [file for path in paths for file in discover_cascades(path)]
    audits: list[Audit] = []
    unusable = False
    for file in files:
        try:
            with paused_gc():
                audits.append(audit(load_cascade(file), split_codes(select), split_codes(ignore), config))
        except InputError as exc:
            unusable = True
            print_problems(exc)
    if audits:
        click.echo(FORMATS[fmt](audits, several=len(files) > 1), nl=False)
    if unusable:
        sys.exit(EXIT_UNUSABLE)
    if fails((f for a in audits for f in a.findings), fail_on):
        sys.exit(EXIT_FINDINGS)


@click.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text", show_default=True,
              help="Bentuk keluaran; markdown untuk tabel README.")
def rules(fmt: str) -> None:
    """Daftar semua aturan pemeriksaan beserta kode, nama dan tingkatnya.

    \b
    Contoh:
      cascade rules
      cascade rules --format markdown
    """
    if fmt == "markdown":
        click.echo("| Kode | Nama | Keluarga | Tingkat | Arti |\n|---|---|---|---|---|")
        for rule in RULES.values():
            click.echo(f"| {rule.code} | `{rule.slug}` | {rule.family} | {rule.severity} | {rule.title} |")
        return
    for rule in sorted(RULES.values(), key=lambda r: r.code):
        click.echo(f"{rule.code}  {rule.slug:<28} {rule.severity:<8} {rule.title}")
