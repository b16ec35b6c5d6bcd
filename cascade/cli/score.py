"""`cascade score` and `cascade explain`: capaian and how it rolled up."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cascade.array_graph import ArrayGraph
from cascade.capaian import DEFAULT_SCALE, PERIODS, Scale, ScoreOptions, score_arrays
from models.bulk import paused_gc
from cascade.cli.common import AnyCase, Number, on_terminal, outlive, reports_errors, single_cascade
from cascade.formats import explain_text, score_csv, score_json, score_markdown, score_text
from cascade.graph import build_graph
from models import CascadeError, load_cascade

FORMATS = {"text": score_text.parts, "json": lambda G, options: [score_json.render(G, options)],
           "markdown": lambda G, options: [score_markdown.render(G, options)], "csv": score_csv.parts}
"""Each format's output in parts to write in turn: the text and CSV tables of a province come in
several (`cascade.formats.parts`)."""


def score_options(func):
    """The options shared by `score` and `explain`."""
    options = [
        click.option("--periode", type=AnyCase(PERIODS), default="tahunan", show_default=True,
                     help="Periode: tahunan, atau kumulatif triwulan TW1..TW4 dari tabel capaian."),
        click.option("--kosong", type=click.Choice(["lewati", "nol"]), default="lewati", show_default=True,
                     help="Pendukung tanpa data: dilewati (bobot dinormalkan) atau dihitung 0."),
        click.option("--batas", type=Number(0, min_open=True), default=None,
                     help="Batas atas setiap nilai capaian, misalnya 120. Bawaan: tanpa batas."),
        click.option("--skala", default=None, metavar="BATAS=LABEL;...",
                     help="Skala kategori, batas terendah 0 atau kurang, misalnya "
                          "'91=Sangat Tinggi; 76=Tinggi; 66=Sedang; 51=Rendah; 0=Sangat Rendah'."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def make_options(periode: str, kosong: str, batas: float | None, skala: str | None) -> ScoreOptions:
    try:
        scale = Scale.parse(skala) if skala else DEFAULT_SCALE
    except CascadeError as exc:
        raise CascadeError(f"--skala: {exc}") from None
    return ScoreOptions(periode=periode, kosong=kosong, batas=batas, skala=scale)


@click.command("score")
@click.argument("path", type=click.Path(path_type=Path), metavar="KASKADE")
@score_options
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="text", show_default=True,
              help="Bentuk keluaran.")
@reports_errors
def score(path: Path, periode: str, kosong: str, batas: float | None, skala: str | None, fmt: str) -> None:
    """Hitung capaian setiap elemen dan agregasinya ke atas sepanjang kaskade.

    Capaian langsung dari target dan realisasi (polaritas positif, negatif, rentang);
    capaian turunan adalah rata-rata berbobot capaian pendukungnya.

    \b
    Contoh:
      cascade score fixtures/probolinggo.yaml
      cascade score fixtures/probolinggo.yaml --periode TW2 --format json
      cascade score kaskade.yaml --kosong nol --batas 120 --format csv > capaian.csv
    """
    options = make_options(periode, kosong, batas, skala)
    # Each step takes seconds on a province: name it on a terminal.
    with paused_gc(), click.progressbar(length=3, label="Capaian", file=sys.stderr,
                                        hidden=not on_terminal(), item_show_func=lambda step: step) as bar:
        bar.update(0, "memuat")
        G = ArrayGraph(load_cascade(single_cascade(path)))
        bar.update(1, "menghitung")
        score_arrays(G, options)  # remembered by the graph: the format reads it, and the bar shows each step
        bar.update(1, "menulis")
        output = FORMATS[fmt](G, options)
        bar.update(1, "selesai")
    outlive(G)
    for part in output:
        click.echo(part, nl=False)


@click.command("explain")
@click.argument("path", type=click.Path(path_type=Path), metavar="KASKADE")
@click.argument("element_id", metavar="ID")
@score_options
@click.option("--selisih", type=Number(0), default=20, show_default=True,
              help="Selisih (poin) antara capaian langsung dan turunan yang dilaporkan.")
@reports_errors
def explain(path: Path, element_id: str, periode: str, kosong: str, batas: float | None, skala: str | None,
            selisih: float) -> None:
    """Jelaskan asal capaian satu elemen: pendukung, bobot, kontribusi, dan titik lemahnya.

    \b
    Contoh:
      cascade explain fixtures/probolinggo.yaml kadis.s1.iku1
      cascade explain fixtures/probolinggo.yaml kadis.s1 --periode TW2 --kosong nol
    """
    options = make_options(periode, kosong, batas, skala)
    G = build_graph(load_cascade(single_cascade(path)))
    if element_id not in G:
        raise CascadeError(f"{path}: elemen {element_id!r} tidak ada di kaskade ini")
    click.echo(explain_text.render(G, element_id, options, selisih), nl=False)
