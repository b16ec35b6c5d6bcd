"""`cascade generate`: a realistic synthetic cascade of any size, with its defects' ground truth."""

from __future__ import annotations

import json
from pathlib import Path

import click

from models.bulk import paused_gc
from cascade.cli.common import Number, TIMPA, reports_errors
from fixtures.generator import generate as generate_cascade
from models import CascadeError
from models.loaders import ANSWER_KEY_SUFFIX, build_cascade
from models.output import check_output, save_cascade, write_bytes

ELEMENTS_PER_POSITION = 3  # a sasaran and two indicators


@click.command("generate")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="Keluaran: .yaml, .json, .xlsx, atau nama folder untuk CSV.")
@click.option("--elemen", type=click.IntRange(100), default=10_000, show_default=True,
              help="Perkiraan jumlah elemen.")
@click.option("--instansi", type=click.IntRange(1), default=1, show_default=True,
              help="Jumlah perangkat daerah; lebih dari 1 membuat satu provinsi dengan kepala daerah.")
@click.option("--multi-induk", type=Number(0, 1), default="0,05", show_default=True,
              help="Porsi sasaran staf yang juga mendukung seksi lain (crosscutting yang dinyatakan).")
@click.option("--cacat", type=Number(0), default=1, show_default=True,
              help="Cacat yang disisipkan per 1.000 jabatan untuk tiap jenis (yatim, rantai putus, "
                   "daftar IKI disalin, IKI disalin); minimal 1 bila lebih dari 0.")
@click.option("--seed", type=int, default=0, show_default=True, help="Benih acak: keluaran sama untuk benih sama.")
@TIMPA
@reports_errors
def generate(output: Path, elemen: int, instansi: int, multi_induk: float, cacat: float, seed: int,
             timpa: bool) -> None:
    """Buat kaskade sintetis yang realistis, dengan cacat sisipan dan kunci jawabannya.

    Strukturnya mengikuti jenjang nyata (tujuan, sasaran strategis dan IKU, sasaran program,
    sasaran kegiatan, IKI staf). Cacat yang disisipkan dan temuan yang seharusnya muncul
    ditulis di samping keluaran sebagai NAMA.kebenaran.json, untuk pengujian dan benchmark.

    \b
    Contoh:
      cascade generate -o contoh.yaml --elemen 3000
      cascade generate -o provinsi --elemen 1000000 --instansi 40
      cascade generate -o dinas.xlsx --cacat 5 --seed 7
    """
    truth_path = output.with_name(output.name + ANSWER_KEY_SUFFIX)
    check_output(output, [], timpa)
    check_output(truth_path, [], timpa)
    positions = max(elemen // ELEMENTS_PER_POSITION, 30 * instansi)
    count = 0 if cacat == 0 else max(1, round(cacat * positions / 1000))
    with paused_gc():
        try:
            generated = generate_cascade(positions=positions, seed=seed, agencies=instansi, multi_parent=multi_induk,
                                         orphans=count, chain_cuts=count, copied_lists=count, copied_iki=count)
        except ValueError as exc:
            raise CascadeError(f"--cacat {cacat:g} terlalu banyak untuk --elemen {elemen}: {exc}") from None
        cascade = build_cascade(generated.document, lambda table, i: f"{table}[{i}]", str(output))
        save_cascade(cascade, output, overwrite=timpa)
    truth = {"sumber": str(output), "elemen": len(cascade.elemen), "jabatan": len(cascade.jabatan),
             "temuan": generated.truth()}
    write_bytes(truth_path, (json.dumps(truth, ensure_ascii=False, indent=1) + "\n").encode("utf-8"), overwrite=timpa)
    click.echo(f"Ditulis {output}: {len(cascade.elemen)} elemen, {len(cascade.jabatan)} jabatan, "
               f"{instansi} instansi; kunci jawaban {len(truth['temuan'])} temuan di {truth_path}", err=True)
