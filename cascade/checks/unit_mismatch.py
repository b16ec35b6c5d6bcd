import re
from collections.abc import Iterator

import networkx as nx
import numpy as np

from cascade.capaian import PERCENT_UNITS, unit_of
from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.graph import arrays, describe, is_role
from cascade.text import PERCENT_SPELLINGS, normal_forms

PERCENT_WORD = rf"(?:{'|'.join(PERCENT_SPELLINGS)}|persen)"
PERCENT_WORDS = re.compile(rf"^(?:(?:jumlah|banyaknya) (?:(?:dan|atau|serta) )?)?{PERCENT_WORD}\b")
"""A percentage's name (normalised): it starts with a percent word, or with "Jumlah" and then one
("Jumlah persentase ...", "Jumlah dan persentase ...": both kinds at once). A percent word later in
the name describes a threshold ("Jumlah desa dengan prevalensi stunting di bawah 14 persen")."""
COUNT_WORDS = re.compile(r"^(jumlah|banyaknya)\b")
RATIO_MARKS = re.compile(r"/|÷|:|\bdibagi\b|\b(?:di|per)?banding(?:kan|an)?\b|\b(?:di)?kali(?:kan)?\s*100|"
                         r"\bper\b|x\s*100|×\s*100|100\s*%|\\frac")
"""A formula that divides: "/", ":", "dibagi", "dibandingkan", "per", "dikali 100", "x 100%"..."""
PERCENT_FORMULA = re.compile(r"(?:x|×|kali(?:kan)?)\s*100(?![.,]?\d| \d{3}\b)|(?<![\d.,])100\s*%")
"""Times 100 or 100%: not x 1000 or x 100.000, the per-1,000 and per-100,000 rates."""


@rule("K403", "unit-mismatch", "warning", "Jenis indikator tidak sesuai formula/satuannya (Persentase vs Jumlah)")
def unit_mismatch(G: nx.DiGraph, config: CheckConfig) -> Iterator[Hit]:
    """## What it does
    Flags a "Persentase ..." indicator whose formula is a plain count (no division such as "/",
    "dibagi" or "dibandingkan", no x 100%), a "Jumlah ..." indicator with a percent unit (`%`,
    `(%)`, `persen`) or a percentage formula (x 100 or 100%; x 1000 and x 100.000 are rates per
    1,000 and per 100,000),
    and an indicator named both ("Jumlah persentase ...", "Jumlah dan persentase ..."). A name is
    a percentage only when it starts with "Persentase" (or a misspelling) or "Persen": a percent
    word later in a "Jumlah ..." name is a threshold ("Jumlah desa dengan prevalensi stunting di
    bawah 14 persen").

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
        elif says_count and unit_of(given.satuan[i]) in PERCENT_UNITS:
            unit = given.satuan[i].strip()  # `%` also when only the target was typed `90%`: say so
            yield Hit((node,), f"{describe(G, node)} adalah jumlah, tetapi satuannya {unit}"
                               + (" (atau targetnya ditulis dengan %)" if unit == "%" else ""))
        elif says_count and PERCENT_FORMULA.search(formula.lower()):
            yield Hit((node,), f"{describe(G, node)} adalah jumlah, tetapi formulanya persentase (x 100%)")


def _is_ratio(formula: str) -> bool:
    """Whether a formula divides; "/", the usual mark, is found without lower-casing or the slower regex.

    >>> _is_ratio("jumlah balita gizi buruk dibandingkan jumlah balita dikali 100")
    True
    >>> _is_ratio("Σ balita gizi buruk")
    False
    """
    return "/" in formula or bool(RATIO_MARKS.search(formula.lower()))
