from collections.abc import Iterator

import networkx as nx
import numpy as np

from cascade.capaian import ScoreOptions, score_arrays
from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.formats.indonesian import number, percent
from cascade.graph import arrays, describe, is_role


@rule("K406", "measured-vs-derived-gap", "warning", "Capaian terukur IKU/sasaran jauh dari capaian pendukungnya")
def measured_vs_derived_gap(G: nx.DiGraph, config: CheckConfig) -> Iterator[Hit]:
    """## What it does
    Compares, for each IKU and sasaran with both numbers, its measured (direct) capaian with the
    weighted capaian of the elements supporting it, and flags a difference larger than
    `selisih_capaian` points (default 20), for the period of `periode` (`check --periode`, and the
    period a report or a drawing shows; yearly by default), scored with `kosong` and `batas`.
    Mid-year, the yearly capaian compares a half year's realisasi with the year's target: check the
    quarter reached instead.

    ## Why is this bad?
    Evaluators ask "if every child hits its target, does the parent hit its own?". An IKU at 95%
    whose supporting IKI average 60% means the cascade does not explain the result: the
    supporters measure something else, or the IKU is reported optimistically.

    ## Example
    ```yaml
    - {id: iku1, jenis: indikator, uraian: Persentase PMKS tertangani, jabatan: kadis, target: 80, realisasi: 76}
    - {id: iki1, jenis: indikator, uraian: Jumlah PMKS didampingi, jabatan: kabid, induk: [iku1], target: 100, realisasi: 55}
    ```

    ## Use instead
    Revisit the supporting indicators (or the IKU's realisasi) until the cascade explains the
    result, or weight the supporters by how much they really contribute.
    """
    values = score_arrays(G, ScoreOptions(periode=config.periode, kosong=config.kosong, batas=config.batas))
    period = "" if config.periode == "tahunan" else f", periode {config.periode}"
    gap = values.langsung - values.turunan  # NaN unless both exist
    with np.errstate(invalid="ignore"):
        wide = is_role(G, "iku", "sasaran") & (np.abs(gap) > config.selisih_capaian)
    ids = arrays(G).ids
    for i in np.flatnonzero(wide).tolist():
        difference = round(float(gap[i]), 1)  # positive: measured above what the supporters achieved
        yield Hit((ids[i],), f"{describe(G, ids[i])}: capaian terukur {percent(float(values.langsung[i]))} sedangkan "
                             f"pendukungnya mencapai {percent(float(values.turunan[i]))} "
                             f"(selisih {'+' if difference > 0 else ''}{number(difference)} poin{period})")
