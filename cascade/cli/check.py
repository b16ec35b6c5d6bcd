"""`cascade check` and `cascade rules`: the linter over the cascade."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path

import click

from cascade.audit import select_rules
from cascade.capaian import PERIODS
from cascade.batch import AgencyReport, Unusable, check_agency, run_batch
from cascade.checks import RULES, CheckConfig, Rule
from cascade.checks.registry import SEVERITY_LABEL, SEVERITY_RANK
from cascade.cli.common import EXIT_FINDINGS, EXIT_UNUSABLE, AnyCase, Number, Severity, on_terminal, outlive, reports_errors
from cascade.formats import json_layout, markdown_report, text_report
from models import InputError, discover_cascades
from models.errors import Problem

FORMATS = ("text", "json", "markdown")


def split_codes(values: Iterable[str]) -> list[str]:
    """`--select K1,K301 --select orphan` -> ['K1', 'K301', 'orphan']."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@click.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="KASKADE...")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Bentuk keluaran.")
@click.option("--jobs", "-j", type=click.IntRange(0), default=1, show_default=True,
              help="Jumlah proses paralel untuk banyak berkas; 0 = semua inti prosesor.")
@click.option("--select", multiple=True, metavar="KODE",
              help="Hanya jalankan aturan dengan kode/awalan/nama ini (pisahkan dengan koma). Contoh: K1,K301")
@click.option("--ignore", multiple=True, metavar="KODE",
              help="Lewati aturan ini. Kecocokan paling spesifik yang menang.")
@click.option("--fail-on", type=Severity(), default="galat", show_default=True,
              help="Keluar dengan kode 1 bila ada temuan setingkat ini atau lebih berat.")
@click.option("--kemiripan", type=Number(50, 100), default=90, show_default=True,
              help="Ambang kemiripan teks (50-100) untuk menganggap dua IKI sebagai salinan.")
@click.option("--selisih", type=Number(0), default=20, show_default=True,
              help="Selisih capaian (poin) antara IKU/sasaran dan pendukungnya yang dilaporkan K406.")
@click.option("--periode", type=AnyCase(PERIODS), default="tahunan", show_default=True,
              help="Periode capaian yang dibandingkan K406; di tengah tahun pilih triwulan terakhir (TW2).")
@reports_errors
def check(paths: tuple[Path, ...], fmt: str, jobs: int, select: tuple[str, ...], ignore: tuple[str, ...],
          fail_on: str, kemiripan: float, selisih: float, periode: str) -> None:
    """Periksa keselarasan kaskade kinerja seperti linter.

    KASKADE adalah file .yaml/.yml/.json/.xlsx, folder berisi elemen.csv, atau folder berisi
    beberapa kaskade (satu laporan per organisasi plus tabel ringkasan).

    \b
    Contoh:
      cascade check fixtures/probolinggo.yaml
      cascade check fixtures/ --format json
      cascade check kaskade.yaml --select K2,K3 --ignore K304 --fail-on peringatan
      cascade check semua_opd/ --jobs 0 --format json > audit.json

    \b
    Kode keluar: 0 tanpa temuan setingkat --fail-on, 1 ada temuan, 2 masukan tidak dapat dipakai.
    """
    selected, ignored = split_codes(select), split_codes(ignore)
    select_rules(selected, ignored)  # reject unknown codes before any work
    config = CheckConfig(kemiripan=kemiripan, selisih_capaian=selisih, periode=periode)
    found = {path: discover_cascades(path) for path in paths}
    files = [file for path, inside in found.items() for file in inside if file == path or not is_standard_output(file)]
    several = len(files) > 1 or any(inside != [path] for path, inside in found.items())  # a folder: always a batch
    if not files:  # a folder whose one file was this run's own output
        raise InputError([Problem(str(path), "", None, "folder ini tidak berisi file kaskade selain keluaran perintah "
                                  "ini sendiri") for path in paths])
    if len(files) == 1:  # one cascade, perhaps a whole province: show the rules going by
        rules = select_rules(selected, ignored)
        with click.progressbar(length=len(rules), label="Memeriksa", file=sys.stderr, hidden=not on_terminal(),
                               item_show_func=lambda rule: f"{rule.code} {rule.slug}" if rule else None) as bar:
            results = [check_agency(files[0], fmt, selected, ignored, config, on_rule=lambda rule: bar.update(1, rule),
                                    keep=outlive)]
    else:
        with click.progressbar(length=len(files), label="Memeriksa", file=sys.stderr, hidden=not on_terminal()) as bar:
            results = run_batch(files, fmt, selected, ignored, config, jobs or os.cpu_count() or 1,
                                on_done=lambda: bar.update(1))
    reports = [r for r in results if isinstance(r, AgencyReport)]
    for unusable in (r for r in results if isinstance(r, Unusable)):
        for problem in unusable.problems:
            click.echo(f"galat: {problem}", err=True)
    if reports:
        click.echo(render(results, fmt, several=several), nl=False)
    if len(reports) < len(results):
        sys.exit(EXIT_UNUSABLE)
    if any(r.worst and SEVERITY_RANK[r.worst] >= SEVERITY_RANK[fail_on] for r in reports):
        sys.exit(EXIT_FINDINGS)


def is_standard_output(file: Path) -> bool:
    """Whether `file` is where this run's output goes (`check folder/ > folder/audit.json`): the shell
    has made it empty already, and it is no cascade of the folder."""
    try:
        output = os.fstat(sys.stdout.fileno())
        return os.path.samestat(output, file.stat())
    except (OSError, ValueError):  # no real stdout (a test runner's), or the file vanished
        return False


def render(results: list[AgencyReport | Unusable], fmt: str, several: bool) -> str:
    """Join the agencies' reports; several inputs get a summary table (text, markdown: a file that could
    not be read keeps its row there) or a JSON array of the organisations read (the others go to stderr)."""
    reports = [r for r in results if isinstance(r, AgencyReport)]
    if fmt == "json":
        data = [r.data for r in reports]
        return json_layout.dumps(data, 3) + "\n" if several else json_layout.dumps(data[0], 2) + "\n"
    parts = [r.rendered for r in reports]
    if fmt == "markdown":
        parts.insert(0, markdown_report.TITLE)
    if several:
        parts.append((text_report if fmt == "text" else markdown_report).summary_table(results))
    return "\n\n".join(parts) + "\n"


def named_rules(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> list[Rule]:
    """The rules `cascade rules` is asked to explain, in the order asked: codes, prefixes (`K3`) or
    names (`orphan`), as `--select` takes them, in any case. An unknown one is a usage error."""
    chosen: dict[str, Rule] = {}
    unknown: list[str] = []
    for value in split_codes(values):
        try:
            chosen.update((rule.code, rule) for rule in select_rules([value.lower()]))
        except InputError:
            unknown.append(value)
    if unknown:
        raise click.BadParameter(f"{', '.join(map(repr, unknown))} bukan kode, awalan kode atau nama aturan; "
                                 "lihat daftarnya dengan 'cascade rules'", param_hint="'KODE'")
    return list(chosen.values())


@click.command("rules")
@click.argument("named", nargs=-1, callback=named_rules, metavar="[KODE]...")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text", show_default=True,
              help="Bentuk daftar aturan; markdown untuk tabel README.")
def rules(named: list[Rule], fmt: str) -> None:
    """Daftar semua aturan pemeriksaan, atau penjelasan lengkap aturan yang disebut.

    Tanpa KODE: kode, nama, tingkat dan arti setiap aturan. Dengan KODE (kode seperti K303,
    awalan seperti K3, atau nama seperti orphan; huruf besar/kecil bebas, dipisah spasi atau koma):
    apa yang diperiksa, mengapa, contoh dan perbaikannya, dalam Markdown.

    \b
    Contoh:
      cascade rules
      cascade rules K303
      cascade rules K3 orphan
      cascade rules --format markdown
    """
    if named:
        click.echo("\n\n".join(f"## {rule.code} {rule.slug}\n\n{rule.title}.\nKeluarga {rule.family}, tingkat "
                                f"{SEVERITY_LABEL[rule.severity]}.\n\n{rule.explanation}" for rule in named))
        return
    ordered = sorted(RULES.values(), key=lambda r: r.code)
    if fmt == "markdown":
        click.echo("| Kode | Nama | Keluarga | Tingkat | Arti |\n|---|---|---|---|---|")
        for rule in ordered:
            click.echo(f"| {rule.code} | `{rule.slug}` | {rule.family} | {SEVERITY_LABEL[rule.severity]} | {rule.title} |")
        return
    for rule in ordered:
        click.echo(f"{rule.code}  {rule.slug:<28} {SEVERITY_LABEL[rule.severity]:<10} {rule.title}")
