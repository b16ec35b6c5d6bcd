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
    text = unicodedata.normalize("NFKC", text).lower()
    text = _LEADING_NUMBER.sub("", text)
    return " ".join(_NON_WORD.sub(" ", text).replace("_", " ").split())


def content_words(text: str | None) -> set[str]:
    """The words that carry meaning: no stopwords, no numbers, no one- or two-letter words."""
    return {w for w in normalize(text).split() if len(w) > 2 and not w.isdigit() and w not in STOPWORDS}


def similar_groups(texts: Mapping[str, str], threshold: float) -> list[list[str]]:
    """Group keys whose texts are equal after `normalize` or at least `threshold` similar (0-100).

    Returns only groups of two or more keys, each in input order, groups ordered by first key.

    >>> similar_groups({"a": "Jumlah laporan", "b": "jumlah  laporan.", "c": "Jumiah laporan", "d": "Lain"}, 90)
    [['a', 'b', 'c']]
    """
    by_form: dict[str, list[str]] = defaultdict(list)
    for key, text in texts.items():
        form = normalize(text)
        if form:
            by_form[form].append(key)
    forms = list(by_form)
    parent = list(range(len(forms)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    if threshold < 100:
        for block in _blocks(forms):
            members = [forms[i] for i in block]
            scores = process.cdist(members, members, scorer=fuzz.ratio, score_cutoff=threshold, workers=1)
            for a, b in zip(*scores.nonzero(), strict=True):
                if a < b:
                    parent[find(block[a])] = find(block[b])

    grouped: dict[int, list[str]] = defaultdict(list)
    for i, form in enumerate(forms):
        grouped[find(i)].extend(by_form[form])
    order = {key: n for n, key in enumerate(texts)}
    groups = [sorted(keys, key=order.__getitem__) for keys in grouped.values() if len(keys) > 1]
    return sorted(groups, key=lambda g: order[g[0]])


def _blocks(forms: list[str]) -> Iterable[list[int]]:
    """Candidate blocks: forms sharing one of their rarest words (or rare word pair, for big blocks)."""
    tokens = [sorted(set(form.split())) for form in forms]
    frequency = Counter(t for words in tokens for t in words)
    buckets: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, words in enumerate(tokens):
        rare = sorted(words, key=lambda w: (frequency[w], w))[:BLOCK_KEYS]
        for word in rare:
            buckets[(word,)].append(i)
        if len(rare) > 1:
            buckets[tuple(rare[:2])].append(i)
    for key, members in buckets.items():
        if 1 < len(members) <= MAX_BLOCK and (len(key) == 2 or frequency[key[0]] <= MAX_BLOCK):
            yield members
