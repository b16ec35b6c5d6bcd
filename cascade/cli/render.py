"""`cascade render`, `cascade matrix` and `cascade report`: the pohon kinerja, the matriks cascading
and the audit report, as files for the LKjIP and the inspector."""

from __future__ import annotations

from pathlib import Path

import click

from cascade.audit import Audit, audit
from cascade.checks import CheckConfig
from cascade.graph import build_graph
from models.bulk import paused_gc
from cascade.cli.common import AnyCase, Number, Severity, TIMPA, reports_errors, single_cascade
from cascade.capaian import ScoreOptions
from cascade.cli.score import make_options, score_options
from models import CascadeError, load_cascade
from visualize import matrix_csv, matrix_html, matrix_markdown, matrix_xlsx
from visualize.matrix import cascade_matrix
from models.output import input_files, check_generated, write_bytes
from visualize.palette import category_colors
from visualize.render import FORMATS, LAYOUTS, DrawOptions, draw, draw_parts
from visualize.report import report as audit_report
from visualize.selection import Selection
from visualize.split import SPLITS

LAYOUT_NAMES = {"dot": "Graphviz dot", "pygraphviz": "Graphviz bawaan pygraphviz", "pohon": "pohon rapi bawaan",
                "sumber DOT": "sumber DOT tanpa tata letak"}


def output_format(output: Path, formats: tuple[str, ...]) -> str:
    fmt = output.suffix.lower().lstrip(".")
    if fmt not in formats:
        said = f"akhiran .{fmt} tidak dikenal" if fmt else "nama keluaran tanpa akhiran"
        raise CascadeError(f"{output}: {said}; gunakan " + ", ".join(f".{f}" for f in formats))
    return fmt


def outputs_allowed(path: Path, outputs: list[Path], timpa: bool) -> tuple[Path, list[Path]]:
    """The one cascade file at `path` and the files it is read from, once `outputs` are known to
    be neither inputs nor existing files to keep: refused before the long read, not after."""
    file = single_cascade(path)
    inputs = input_files(file)
    check_generated(outputs, inputs, timpa)
    return file, inputs


def load_audit(file: Path, scores: ScoreOptions) -> Audit:
    """The audit of the cascade in `file`, K406 comparing capaian scored as shown (the same
    period, kosong and batas).

    Call it with the collector paused (`paused_gc`) around the drawing too: building a large
    drawing allocates millions of small objects that trigger collector passes and free nothing.
    """
    config = CheckConfig(periode=scores.periode, kosong=scores.kosong, batas=scores.batas)
    return audit(load_cascade(file), config=config)


@click.command("render")
@click.argument("path", type=click.Path(path_type=Path), metavar="KASKADE")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="File gambar: .svg, .png, .pdf, atau .dot (sumber Graphviz).")
@click.option("--akar", metavar="ID", help="Gambar hanya pohon di bawah elemen ini.")
@click.option("--kedalaman", type=click.IntRange(1), help="Jumlah tingkat kotak dari puncak gambar.")
@click.option("--unit", metavar="JABATAN", help="Hanya kotak milik jabatan ini dan bawahannya (satu bidang).")
@score_options
@click.option("--tanpa-iki", is_flag=True, help="Berhenti di eselon IV: tanpa kotak IKI pegawai.")
@click.option("--arah", type=AnyCase(["TB", "LR"]), default="TB", show_default=True,
              help="TB: dari atas ke bawah; LR: dari kiri ke kanan.")
@click.option("--pita/--tanpa-pita", default=True, show_default=True,
              help="Kelompokkan kotak per jenjang dalam pita (hanya Graphviz).")
@click.option("--tandai", type=Severity(), default="peringatan", show_default=True,
              help="Tingkat temuan terendah yang ditandai pada kotak.")
@click.option("--tata-letak", type=click.Choice(LAYOUTS), default="otomatis", show_default=True,
              help="otomatis: Graphviz dot bila ukurannya wajar, selain itu pohon rapi bawaan (.svg).")
@click.option("--batas-kotak", type=click.IntRange(1), metavar="N",
              help="Jumlah kotak terbanyak untuk Graphviz (bawaan: PNG 150, PDF dan SVG 2000).")
@click.option("--pisah", type=click.Choice(SPLITS), help="Satu file per sasaran strategis atau per unit (bidang).")
@click.option("--batas-waktu", type=Number(1), default=120, show_default=True, metavar="DETIK",
              help="Graphviz dihentikan bila belum selesai selama ini.")
@TIMPA
@reports_errors
def render(path: Path, output: Path, akar: str | None, kedalaman: int | None, unit: str | None, periode: str,
           kosong: str, batas: float | None, skala: str | None, tanpa_iki: bool, arah: str, pita: bool,
           tandai: str, tata_letak: str, batas_kotak: int | None, pisah: str | None, batas_waktu: float,
           timpa: bool) -> None:
    """Gambar pohon kinerja: kotak sasaran beserta indikatornya, diwarnai menurut capaian,
    dengan tanda pada elemen yang punya temuan audit.

    Gambar memakai program dot (Graphviz) bila terpasang, selain itu Graphviz bawaan paket
    pygraphviz; pohon yang terlalu besar untuk dot digambar dengan tata letak pohon rapi bawaan (.svg).

    \b
    Contoh:
      cascade render fixtures/probolinggo.yaml -o pohon.svg
      cascade render fixtures/probolinggo.yaml -o pohon.png --periode TW2 --tanpa-iki
      cascade render fixtures/probolinggo.yaml -o bidang.pdf --unit kabid_rpjs --arah LR
      cascade render fixtures/probolinggo.yaml -o sasaran.svg --akar kadis.s3 --kedalaman 2
      cascade render kaskade.yaml -o pohon.svg --pisah sasaran
    """
    fmt = output_format(output, FORMATS)
    options = DrawOptions(make_options(periode, kosong, batas, skala), arah.upper(), pita, tandai, tata_letak,
                          batas_kotak, batas_waktu)
    selection = Selection(akar, unit, kedalaman, tanpa_iki)
    file, inputs = outputs_allowed(path, [output] if pisah is None else [], timpa)  # split parts: named below
    with paused_gc():
        result = load_audit(file, options.scores)
        parts = ([(None, draw(result, fmt, selection, options))] if pisah is None
                 else draw_parts(result, fmt, pisah, selection, options))
    targets = [output if name is None else output.with_name(f"{output.stem}-{i:02d}-{name}{output.suffix}")
               for i, (name, _) in enumerate(parts, 1)]
    check_generated(targets, inputs, timpa)  # every part checked before any is written
    for target, (_, drawing) in zip(targets, parts):
        write_bytes(target, drawing.data, inputs, overwrite=timpa)
        for note in drawing.notes:
            click.echo(f"catatan: {note}", err=True)
        click.echo(f"{target}: pohon kinerja, {drawing.boxes} kotak ({LAYOUT_NAMES[drawing.layout]})", err=True)


MATRIX_WRITERS = {
    "xlsx": lambda rows, title, colors: matrix_xlsx.render(rows, title, colors),
    "html": lambda rows, title, colors: matrix_html.document(rows, title, colors).encode("utf-8"),
    "md": lambda rows, title, colors: matrix_markdown.render(rows, title).encode("utf-8"),
    "csv": lambda rows, title, colors: matrix_csv.render(rows).encode("utf-8"),
}


@click.command("matrix")
@click.argument("path", type=click.Path(path_type=Path), metavar="KASKADE")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="File matriks: .xlsx (untuk ditempel ke LKjIP), .html, .md atau .csv.")
@score_options
@TIMPA
@reports_errors
def matrix(path: Path, output: Path, periode: str, kosong: str, batas: float | None, skala: str | None,
           timpa: bool) -> None:
    """Tulis matriks cascading: satu baris per ujung kaskade, jenjang di atasnya dalam kolom.

    Kolom: Tujuan, Indikator tujuan, Sasaran strategis, IKU, Sasaran program, Indikator
    program, Sasaran kegiatan, Indikator kegiatan, Jabatan, IKI, target, realisasi, capaian. Di .xlsx jenjang
    atas digabung (merge), judul kolom dibekukan, dan angka tersimpan sebagai angka.

    \b
    Contoh:
      cascade matrix fixtures/probolinggo.yaml -o matriks.xlsx
      cascade matrix fixtures/probolinggo.yaml -o matriks.html --periode TW2
      cascade matrix fixtures/sampang.yaml -o matriks.csv
    """
    fmt = output_format(output, tuple(MATRIX_WRITERS))
    options = make_options(periode, kosong, batas, skala)
    file, inputs = outputs_allowed(path, [output], timpa)
    with paused_gc():
        G = build_graph(load_cascade(file))  # the matrix needs capaian, not the audit's findings
        data = MATRIX_WRITERS[fmt](cascade_matrix(G, options), f"Matriks cascading {G.graph['cascade'].organisasi.nama}",
                                   category_colors(options.skala))
    write_bytes(output, data, inputs, overwrite=timpa)
    click.echo(f"{output}: matriks cascading", err=True)


@click.command("report")
@click.argument("path", type=click.Path(path_type=Path), metavar="KASKADE")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), help="File laporan .html.")
@score_options
@click.option("--arah", type=AnyCase(["TB", "LR"]), default="LR", show_default=True,
              help="Arah pohon kinerja di laporan.")
@TIMPA
@reports_errors
def report(path: Path, output: Path, periode: str, kosong: str, batas: float | None, skala: str | None,
           arah: str, timpa: bool) -> None:
    """Tulis laporan audit dalam satu file HTML mandiri (bisa dibuka tanpa jaringan, dicetak A4).

    Isinya: ringkasan dan skor kualitas, temuan per aturan dan per unit, pohon kinerja
    (cabangnya dapat dilipat), tabel capaian, dan matriks cascading.

    \b
    Contoh:
      cascade report fixtures/probolinggo.yaml -o laporan.html
      cascade report fixtures/probolinggo.yaml -o laporan-tw2.html --periode TW2
    """
    output_format(output, ("html",))
    options = DrawOptions(scores=make_options(periode, kosong, batas, skala), arah=arah.upper())
    file, inputs = outputs_allowed(path, [output], timpa)
    with paused_gc():
        page = audit_report(load_audit(file, options.scores), options)
    write_bytes(output, page.encode("utf-8"), inputs, overwrite=timpa)
    click.echo(f"{output}: laporan audit", err=True)
