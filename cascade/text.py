"""Text normalisation and near-duplicate grouping for indicator statements and formulas.

Near duplicates are found without comparing every pair: texts are first grouped by their exact
normalised form, then only the candidate pairs that a MinHash sketch proposes (`cascade.minhash`)
are compared with rapidfuzz. That keeps the work near linear in the number of texts.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise

import networkx as nx
import numpy as np
from rapidfuzz import fuzz, process

from cascade.graph import memo
from cascade.minhash import candidate_pairs

_NON_WORD = re.compile(r"\W+", re.UNICODE)
_LEADING_NUMBER = re.compile(r"^\s*(?:[-•]|\(?\d+[.)]?|[a-z][.)])\s+", re.IGNORECASE)
# `normalize_all` works on ASCII texts joined by NUL: the same steps, over all of them at once.
_LEADING_NUMBERS = re.compile("\x00" + _LEADING_NUMBER.pattern.removeprefix("^"), re.IGNORECASE)
_SPACES = re.compile(rb"  +")
_WORD_BYTES = bytes(c if chr(c) in "\x00" + string.digits + string.ascii_lowercase else ord(" ") for c in range(256))

PERCENT_SPELLINGS = ("persentase", "presentase", "prosentase", "proentase", "tproentase")
"""How the seeds' indicator statements spell "persentase", typos included."""

STOPWORDS = frozenset(
    "yang dan di ke dari untuk dalam pada atau serta dengan oleh bagi terhadap sesuai tentang secara se jumlah "
    "laporan pelaksanaan kegiatan jabatan dokumen data program tersedia tersusun meningkatnya meningkat "
    "tercapainya terlaksananya terlaksana peningkatan kualitas kota kabupaten daerah instansi pemerintah "
    "bidang seksi dinas penyusunan".split() + list(PERCENT_SPELLINGS)
)
"""Words too common in indicator and sasaran statements to say what they are about."""

ALL_PAIRS_UP_TO = 300
"""Below this many distinct texts every pair is compared: exact, and cheaper than hashing."""
VERIFY_CHUNK = 200_000
NORMALIZE_CHUNK = 5_000
"""Texts normalised together: passes over a chunk this small stay in the CPU cache and reuse their
memory, where passes over a million texts at once spend much of their time on fresh memory."""


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


def normalize_all(texts: Iterable[str | None]) -> list[str]:
    """`normalize` of every text, several times faster than a call each at scale: the ASCII texts
    (nearly all) in a few passes over many of them joined, the others one by one, once each.

    >>> normalize_all(["  1. Jumlah  Laporan, (LKjIP)! ", None, "Ｊｕｍｌａｈ", "a_b"])
    ['jumlah laporan lkjip', '', 'jumlah', 'a b']
    """
    texts = [text or "" for text in texts]
    forms: list[str] = []
    for start in range(0, len(texts), NORMALIZE_CHUNK):
        forms += _normalize_chunk(texts[start:start + NORMALIZE_CHUNK])
    return forms


def _normalize_chunk(texts: list[str]) -> list[str]:
    """`normalize` of a few thousand texts: joined if all are ASCII without NUL, else in two parts."""
    joined = "\x00".join(["", *texts])
    if joined.isascii() and joined.count("\x00") == len(texts):
        return _normalize_joined(joined)
    folded = iter(_normalize_joined("\x00".join(["", *(t for t in texts if t.isascii() and "\x00" not in t)])))
    others = {t: normalize(t) for t in texts if not t.isascii() or "\x00" in t}
    return [next(folded) if t.isascii() and "\x00" not in t else others[t] for t in texts]


def _normalize_joined(joined: str) -> list[str]:
    """`normalize` of ASCII texts joined, each after a NUL (none within): each step once for all."""
    lowered = _LEADING_NUMBERS.sub("\x00", joined.lower())
    # Non-word bytes become spaces; then runs of spaces, and spaces at either end of a text, go.
    data = _SPACES.sub(b" ", lowered.encode("ascii").translate(_WORD_BYTES))
    data = data.replace(b" \x00", b"\x00").replace(b"\x00 ", b"\x00").rstrip(b" ")
    return data.decode("ascii").split("\x00")[1:]


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
    keys = list(forms)
    return [[keys[i] for i in group] for group in similar_places(list(forms.values()), threshold)]


def similar_places(forms: Sequence[str], threshold: float) -> list[list[int]]:
    """`similar_groups` of a list, as groups of places: callers with hundreds of thousands of texts
    need not build a dict of them.

    >>> similar_places(["lain", "jumlah laporan", "", "jumiah laporan"], 90)
    [[1, 3]]
    """
    if not forms:
        return []
    length = np.fromiter(map(len, forms), dtype=np.int64, count=len(forms))
    first = _first_places(forms)
    distinct = np.flatnonzero((first == np.arange(len(forms))) & (length > 0))
    root = np.arange(len(distinct))
    if threshold < 100:
        texts = np.array(forms, dtype=object)[distinct]
        left, right = _candidates(texts.tolist())
        similar = _similar(texts, length[distinct], left, right, threshold)
        root = _components(len(distinct), left[similar], right[similar])
    # The places of each group of two or more (forms with one root), in input order.
    slot = np.zeros(len(forms), dtype=np.int64)
    slot[distinct] = np.arange(len(distinct))
    place = np.flatnonzero(length > 0)
    group = root[slot[first[place]]]
    keep = np.bincount(group, minlength=len(distinct))[group] > 1
    order = np.argsort(group[keep], kind="stable")
    place, group = place[keep][order], group[keep][order]
    start = np.flatnonzero(np.diff(group, prepend=-1)).tolist()
    return sorted(place[a:b].tolist() for a, b in pairwise([*start, len(place)]))


def _first_places(forms: Sequence[str]) -> np.ndarray:
    """The place of each form's first occurrence. Equal forms are found by sorting their hashes
    (a dict of a million texts is slower); the rare collision of two different forms' hashes is
    then settled by the texts themselves."""
    hashes = np.fromiter(map(hash, forms), dtype=np.int64, count=len(forms))
    order = np.argsort(hashes)
    start = np.flatnonzero(np.r_[True, hashes[order][1:] != hashes[order][:-1]])
    first = np.empty(len(forms), dtype=np.int64)
    first[order] = np.repeat(np.minimum.reduceat(order, start), np.diff(np.r_[start, len(forms)]))
    later = np.flatnonzero(first != np.arange(len(forms)))
    for head in {f for p, f in zip(later.tolist(), first[later].tolist(), strict=True) if forms[p] != forms[f]}:
        seen: dict[str, int] = {}
        for p in np.flatnonzero(first == head).tolist():
            first[p] = seen.setdefault(forms[p], p)
    return first


def _candidates(distinct: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Pairs worth comparing: all of them for a few texts, MinHash sketch candidates beyond."""
    if len(distinct) <= ALL_PAIRS_UP_TO:
        left, right = np.triu_indices(len(distinct), k=1)
        return left, right
    return candidate_pairs(distinct)


def _similar(texts: np.ndarray, length: np.ndarray, left: np.ndarray, right: np.ndarray,
             threshold: float) -> np.ndarray:
    """Mask of the pairs (left, right) of `texts` (with their `length`) at least `threshold` similar
    by `fuzz.ratio`.

    The ratio is at most 200 × the shorter length / both lengths, so pairs of very different lengths
    are ruled out before rapidfuzz sees them.
    """
    short, total = np.minimum(length[left], length[right]), length[left] + length[right]
    similar = np.zeros(len(left), dtype=bool)
    compared = np.flatnonzero(200 * short >= threshold * total)
    for start in range(0, len(compared), VERIFY_CHUNK):
        pairs = compared[start:start + VERIFY_CHUNK]
        scores = process.cpdist(texts[left[pairs]], texts[right[pairs]], scorer=fuzz.ratio, score_cutoff=threshold,
                                dtype=np.float64, workers=1)
        similar[pairs] = scores >= threshold
    return similar


def _components(count: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """The root of each of `count` items once the pairs (left, right) link them into components."""
    parent: dict[int, int] = {}

    def find(i: int) -> int:
        while parent.get(i, i) != i:
            parent[i] = parent.get(parent[i], parent[i])
            i = parent[i]
        return i

    for i, j in zip(left.tolist(), right.tolist(), strict=True):
        parent[find(i)] = find(j)
    root = np.arange(count)
    linked = list(parent)
    root[linked] = [find(i) for i in linked]
    return root


def normal_forms(G: nx.DiGraph, column: str) -> list[str]:
    """`normalize` of one text column (uraian, formula, sumber_data) for every element, once per
    graph: a list aligned with `arrays(G).ids`, as the checks read it by index."""
    return memo(G, f"normal_forms:{column}", lambda: normalize_all(getattr(G.graph["memo"]["columns"], column)))
