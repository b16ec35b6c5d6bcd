import re
from collections.abc import Iterator

import networkx as nx
import numpy as np

from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.graph import arrays, describe, is_role
from cascade.text import PERCENT_SPELLINGS, normal_forms

PERCENT_WORDS = re.compile(rf"\b({'|'.join(PERCENT_SPELLINGS)}|persen)\b")
COUNT_WORDS = re.compile(r"^(jumlah|banyaknya)\b")
RATIO_MARKS = re.compile(r"/|÷|:|\bdibagi\b|\bper\b|x\s*100|×\s*100|100\s*%|\\frac")
PERCENT_FORMULA = re.compile(r"x\s*100|×\s*100|100\s*%")


@rule("K403", "unit-mismatch", "warning", "Jenis indikator tidak sesuai formula/satuannya (Persentase vs Jumlah)")
def unit_mismatch(G: nx.DiGraph, config: CheckConfig) -> Iterator[Hit]:
    """## What it does
    Flags a "Persentase ..." indicator whose formula is a plain count (no division, no x 100%),
    a "Jumlah ..." indicator with a `%` unit or a percentage formula, and an indicator named
    both "Jumlah" and "Persentase".

    ## Why is this bad?
    The name promises one kind of number and the formula delivers another, so the target and
    the realisasi will be reported in different units.

    ## Example
    ```yaml
    - {id: i1, jenis: indikator, uraian: Jumlah orang yang mendapat layanan,
       formula: Σ PMKS terlayani / Σ PMKS x 100%}
    ```

    ## Use instead
    ```yaml
    - {id: i1, jenis: indikator, uraian: Persentase PMKS yang mendapat layanan,
       formula: Σ PMKS terlayani / Σ PMKS x 100%, satuan: "%"}
    ```
    """
    a = arrays(G)
    given = G.graph["memo"]["columns"]
    names, formulas = normal_forms(G, "uraian"), normal_forms(G, "formula")  # as arrays(G).ids and elements
    for i in np.flatnonzero(is_role(G, "iku", "iki", "indikator_tujuan")).tolist():
        says_percent = bool(PERCENT_WORDS.search(names[i]))
        says_count = bool(COUNT_WORDS.search(names[i]))
        if not (says_percent or says_count):
            continue
        node, formula = a.ids[i], given.formula[i] or ""
        if says_percent and says_count:
            yield Hit((node,), f"{describe(G, node)} sekaligus 'Jumlah' dan 'Persentase': pilih satu jenis ukuran")
        elif says_percent and formulas[i] and not _is_ratio(formula):
            yield Hit((node,), f"{describe(G, node)} adalah persentase, tetapi formulanya hitungan jumlah")
        elif says_count and (given.satuan[i] or "").strip() == "%":
            yield Hit((node,), f"{describe(G, node)} adalah jumlah, tetapi satuannya %")
        elif says_count and PERCENT_FORMULA.search(formula.lower()):
            yield Hit((node,), f"{describe(G, node)} adalah jumlah, tetapi formulanya persentase (x 100%)")


def _is_ratio(formula: str) -> bool:
    """Whether a formula divides; "/", the usual mark, is found without lower-casing or the slower regex."""
    return "/" in formula or bool(RATIO_MARKS.search(formula.lower()))
