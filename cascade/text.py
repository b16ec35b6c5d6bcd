"""Text normalisation and near-duplicate grouping for indicator statements and formulas.

Near duplicates are found without comparing every pair: texts are first grouped by their exact
normalised form, then only texts that share one of their rarest words are compared with
rapidfuzz. That keeps the work close to linear in the number of texts.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from rapidfuzz import fuzz, process

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

BLOCK_KEYS = 3
MAX_BLOCK = 400


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
        for block in _blocks(distinct):
            members = [distinct[i] for i in block]
            scores = process.cdist(members, members, scorer=fuzz.ratio, score_cutoff=threshold, workers=1)
            for a, b in zip(*scores.nonzero(), strict=True):
                if a < b:
                    parent[find(block[a])] = find(block[b])

    grouped: dict[int, list[str]] = defaultdict(list)
    for i, form in enumerate(distinct):
        grouped[find(i)].extend(by_form[form])
    groups = [sorted(keys, key=order.__getitem__) for keys in grouped.values() if len(keys) > 1]
    return sorted(groups, key=lambda g: order[g[0]])


def _blocks(forms: list[str]) -> Iterable[list[int]]:
    """Candidate blocks: forms sharing one of their rarest words (or rare word pair, for big blocks)."""
    tokens = [sorted(set(form.split())) for form in forms]
    frequency = Counter(t for words in tokens for t in words)
    buckets: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, words in enumerate(tokens):
        rare = sorted(words, key=frequency.__getitem__)[:BLOCK_KEYS]  # stable: ties stay alphabetical
        for word in rare:
            buckets[(word,)].append(i)
        if len(rare) > 1:
            buckets[tuple(rare[:2])].append(i)
    for key, members in buckets.items():
        if 1 < len(members) <= MAX_BLOCK and (len(key) == 2 or frequency[key[0]] <= MAX_BLOCK):
            yield members


def normal_forms(G, column: str) -> dict[str, str]:
    """`normalize` of one text column (uraian, formula, sumber_data) for every element, once per graph."""
    from cascade.graph import memo  # the graph module does not depend on text, only the reverse

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
