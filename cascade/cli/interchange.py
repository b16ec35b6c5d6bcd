"""`cascade import`, `export`, `template` and `diff`: workbooks in and out, and what a change breaks."""

from __future__ import annotations

import json
from pathlib import Path

import click

from models.bulk import paused_gc
from cascade.cli.common import TIMPA, on_terminal, reports_errors, single_cascade
from cascade.diff import diff_cascades, render_text, to_json
from cascade.formats.indonesian import number
from models import Cascade, CascadeError, InputError, load_cascade
from models.output import check_output, input_files, output_kind, save_cascade, save_template

LARGE = 50_000  # rows from which progress is shown even when stderr is not a terminal

_OUTPUT = click.Path(path_type=Path)


class _Progress:
    """Progress of a long read or write on stderr: a live line on a terminal, a few lines otherwise."""

    def __init__(self, verb: str):
        self.verb = verb
        self.live = on_terminal()
        self.shown = False

    def __call__(self, table: str, done: int, total: int | None) -> None:
        if not (self.live or max(done, total or 0) >= LARGE):
            return
        finished = total is not None and done >= total
        if not self.shown and finished:
            return  # a small table read in one go needs no progress line
        of = f" dari {number(total)}" if total and not finished else ""
        text = f"{self.verb} {table}: {number(done)}{of} baris" + (" selesai" if finished else "")
        if self.live:
            click.echo(f"\r{text}\x1b[K", err=True, nl=finished)
        else:
            click.echo(text, err=True)
        self.shown = not finished


def _source(path: Path) -> tuple[Path, list[Path]]:
    """The one cascade a path names, and every file it is read from: never an output."""
    file = single_cascade(path)
    return file, [file, *input_files(file)]


def _load(file: Path) -> Cascade:
    with paused_gc():
        return load_cascade(file, progress=_Progress("membaca"))


def _summary(cascade: Cascade, output: Path) -> str:
    return (f"Ditulis {output}: {number(len(cascade.elemen))} elemen, {number(len(cascade.jabatan))} jabatan, "
            f"{number(len(cascade.capaian))} baris capaian")


@click.command("import")
@click.argument("source", type=click.Path(path_type=Path), metavar="MASUKAN")
@click.option("-o", "--output", required=True, type=_OUTPUT, help="File keluaran .yaml atau .json.")
@TIMPA
@reports_errors
def import_(source: Path, output: Path, timpa: bool) -> None:
    """Baca kaskade dari workbook Excel (.xlsx) atau folder CSV, tulis sebagai YAML atau JSON.

    Setiap kesalahan isian disebut lengkap dengan sheet, baris, kolom dan nilainya; file YAML
    hanya ditulis bila seluruh isian terbaca.

    \b
    Contoh:
      cascade import kaskade.xlsx -o kaskade.yaml
      cascade import folder_csv/ -o kaskade.yaml
      cascade import kaskade.xlsx -o kaskade.json --timpa
    """
    if output_kind(output) not in ("yaml", "json"):
        raise CascadeError(f"{output}: cascade import menulis .yaml atau .json; untuk .xlsx atau CSV "
                           f"gunakan cascade export")
    file, inputs = _source(source)
    check_output(output, inputs, timpa)  # before a long read, not after
    cascade = _load(file)
    if len(cascade.elemen) >= LARGE:  # YAML takes seconds at this size and reports no rows
        click.echo(f"menulis {output} ...", err=True)
    save_cascade(cascade, output, overwrite=timpa, inputs=inputs)
    click.echo(_summary(cascade, output), err=True)


@click.command("export")
@click.argument("source", type=click.Path(path_type=Path), metavar="MASUKAN")
@click.option("-o", "--output", required=True, type=_OUTPUT,
              help="Workbook .xlsx, atau nama folder (tanpa akhiran) untuk file CSV.")
@TIMPA
@reports_errors
def export(source: Path, output: Path, timpa: bool) -> None:
    """Tulis kaskade sebagai workbook Excel (.xlsx) atau folder CSV untuk diisi perencana.

    Workbook berisi catatan di setiap judul kolom, daftar pilihan (jenis, eselon, polaritas),
    dan kolom atasan/jabatan yang hanya menerima id yang ada. Teks yang diawali =, +, - atau @
    disimpan sebagai teks sehingga tidak pernah dijalankan sebagai rumus.

    \b
    Contoh:
      cascade export kaskade.yaml -o kaskade.xlsx
      cascade export kaskade.yaml -o folder_csv
      cascade export kaskade.xlsx -o kaskade_baru.xlsx --timpa
    """
    if output_kind(output) not in ("xlsx", "csv"):
        raise CascadeError(f"{output}: cascade export menulis .xlsx atau folder CSV; untuk YAML atau JSON "
                           f"gunakan cascade import")
    file, inputs = _source(source)
    check_output(output, inputs, timpa)
    cascade = _load(file)
    save_cascade(cascade, output, overwrite=timpa, inputs=inputs, progress=_Progress("menulis"))
    click.echo(_summary(cascade, output), err=True)


@click.command("template")
@click.option("-o", "--output", required=True, type=_OUTPUT, help="Workbook templat .xlsx yang ditulis.")
@click.option("--dari", type=click.Path(path_type=Path), default=None,
              help="Kaskade yang organisasi dan jabatannya disalin ke templat.")
@TIMPA
@reports_errors
def template(output: Path, dari: Path | None, timpa: bool) -> None:
    """Tulis workbook kosong berpanduan untuk diisi: organisasi, jabatan, elemen, capaian.

    Setiap judul kolom diberi catatan penjelasan; jenis, eselon dan polaritas berupa daftar
    pilihan; atasan dan jabatan hanya menerima id di sheet jabatan. Tanpa --dari, setiap sheet
    berisi baris contoh (kaskade kecil yang sah: timpa atau hapus). Dengan --dari, organisasi
    dan jabatan disalin dari kaskade itu dan sheet elemen serta capaian dikosongkan.
    Templat yang sudah diisi langsung dapat dibaca: cascade import templat.xlsx -o kaskade.yaml.

    \b
    Contoh:
      cascade template -o templat.xlsx
      cascade template -o templat_2025.xlsx --dari kaskade_2024.yaml
    """
    file, inputs = _source(dari) if dari else (None, [])
    check_output(output, inputs, timpa)
    save_template(output, _load(file) if file else None, overwrite=timpa, inputs=inputs)
    click.echo(f"Ditulis {output}", err=True)


@click.command("diff")
@click.argument("old", type=click.Path(path_type=Path), metavar="LAMA")
@click.argument("new", type=click.Path(path_type=Path), metavar="BARU")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Bentuk keluaran.")
@reports_errors
def diff(old: Path, new: Path, fmt: str) -> None:
    """Bandingkan dua versi kaskade dan tunjukkan dampak perubahannya.

    Mendaftar elemen yang ditambah, dihapus dan diubah (uraian, target, induk, ...), lalu
    dampaknya pada kaskade: elemen yang menjadi yatim, elemen yang tidak lagi bermuara ke IKU,
    dan duplikasi baru. Berguna saat Perubahan IKU di tengah periode.

    \b
    Contoh:
      cascade diff iku_lama.yaml iku_perubahan.yaml
      cascade diff kaskade.yaml kaskade_revisi.xlsx --format json
    """
    versions, problems = [], []
    for path in (old, new):  # both read before giving up: every problem of both is told at once
        try:
            versions.append(_load(_source(path)[0]))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    result = diff_cascades(*versions)
    if fmt == "json":
        click.echo(json.dumps(to_json(result), ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(result), nl=False)
