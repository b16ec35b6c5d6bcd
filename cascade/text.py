"""Text normalisation and near-duplicate grouping for indicator statements and formulas.

Near duplicates are found without comparing every pair: texts are first grouped by their exact
normalised form, then only the candidate pairs that MinHash LSH proposes (`cascade.minhash`) are
compared with rapidfuzz. That keeps the work linear in the number of texts.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping

import networkx as nx
import numpy as np
from rapidfuzz import fuzz, process

from cascade.graph import memo
from cascade.minhash import candidate_pairs

_NON_WORD = re.compile(r"\W+", re.UNICODE)
_LEADING_NUMBER = re.compile(r"^\s*(?:[-•]|\(?\d+[.)]?|[a-z][.)])\s+", re.IGNORECASE)

STOPWORDS = frozenset(
    "yang dan di ke dari untuk dalam pada atau serta dengan oleh bagi terhadap sesuai tentang secara se "
    "jumlah persentase presentase prosentase proentase tproentase "
    "laporan pelaksanaan kegiatan jabatan dokumen data program tersedia tersusun meningkatnya meningkat "
    "tercapainya terlaksananya terlaksana peningkatan kualitas kota kabupaten daerah instansi pemerintah "
    "bidang seksi dinas penyusunan".split()
)
"""Words too common in indicator and sasaran statements to say what they are about."""

ALL_PAIRS_UP_TO = 300
"""Below this many distinct texts every pair is compared: exact, and cheaper than hashing."""
VERIFY_CHUNK = 200_000


def normalize(text: str | None) -> str:
    """Case, accents, punctuation, list numbering and whitespace folded away.

    >>> normalize("  1. Jumlah  Laporan, (LKjIP)! ")
    'jumlah laporan lkjip'
    """
    if not text:
        return ""
    if not text.isascii():  # NFKC folds full-width letters and ligatures; ASCII has none
        text = unicodedata.normalize("NFKC", text)
    text = text.lower()
    text = _LEADING_NUMBER.sub("", text)
    return " ".join(_NON_WORD.sub(" ", text).replace("_", " ").split())


def content_words(form: str) -> set[str]:
    """The words of a `normalize`d text that carry meaning: no stopwords, numbers or short words."""
    return {w for w in form.split() if len(w) > 2 and not w.isdigit() and w not in STOPWORDS}


def similar_groups(forms: Mapping[str, str], threshold: float) -> list[list[str]]:
    """Group keys whose `normalize`d texts are equal or at least `threshold` similar (0-100).

    Returns only groups of two or more keys, each in input order, groups ordered by first key.
    Empty forms never group.

    >>> similar_groups({"a": "jumlah laporan", "b": "jumlah laporan", "c": "jumiah laporan", "d": "lain"}, 90)
    [['a', 'b', 'c']]
    """
    order = {key: n for n, key in enumerate(forms)}
    by_form: dict[str, list[str]] = defaultdict(list)
    for key, form in forms.items():
        if form:
            by_form[form].append(key)
    distinct = list(by_form)
    parent = list(range(len(distinct)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    if threshold < 100:
        left, right = _candidates(distinct)
        for start in range(0, len(left), VERIFY_CHUNK):
            a, b = left[start:start + VERIFY_CHUNK], right[start:start + VERIFY_CHUNK]
            scores = process.cpdist([distinct[i] for i in a], [distinct[j] for j in b], scorer=fuzz.ratio, workers=1)
            for i, j in zip(a[scores >= threshold].tolist(), b[scores >= threshold].tolist(), strict=True):
                parent[find(i)] = find(j)

    grouped: dict[int, list[str]] = defaultdict(list)
    for i, form in enumerate(distinct):
        grouped[find(i)].extend(by_form[form])
    groups = [sorted(keys, key=order.__getitem__) for keys in grouped.values() if len(keys) > 1]
    return sorted(groups, key=lambda g: order[g[0]])


def _candidates(distinct: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Pairs worth comparing: all of them for a few texts, MinHash LSH candidates beyond."""
    if len(distinct) <= ALL_PAIRS_UP_TO:
        left, right = np.triu_indices(len(distinct), k=1)
        return left, right
    return candidate_pairs(distinct)


def normal_forms(G: nx.DiGraph, column: str) -> dict[str, str]:
    """`normalize` of one text column (uraian, formula, sumber_data) for every element, once per graph."""

    def compute() -> dict[str, str]:
        cache: dict[str, str] = {}
        forms = {}
        for node, data in G.nodes(data="elemen"):
            text = getattr(data, column)
            if text not in cache:
                cache[text] = normalize(text)
            forms[node] = cache[text]
        return forms
    return memo(G, f"normal_forms:{column}", compute)
