"""Candidate pairs of near-identical texts by MinHash LSH, vectorised with numpy.

Each text becomes a set of word shingles (its uncommon words, its word bigrams and its word-prefix
bigrams); a MinHash signature of BANDS × ROWS values estimates Jaccard similarity; texts whose
signatures agree on every row of at least one band become candidates. Work is linear in the number of
texts: no pair of texts is compared unless a band puts them together. The candidates are then
verified exactly by the caller.

With 40 bands of 3 rows, a pair with Jaccard 0.67 (one word of ten changed) becomes a candidate
with probability 0.99999, one with Jaccard 0.4 (two edits in a short text) with 0.93, and one with
Jaccard 0.15 (sharing only common words) with 0.13. Prefix bigrams (the first four letters of
neighbouring words) keep OCR noise such as "jumiah"/"jumlah" from breaking the word bigrams.
"""

from __future__ import annotations

import numpy as np

BANDS, ROWS = 40, 3
COMMON_WORD = 200
"""A word used more often than this is too common to shingle on its own (bigrams still carry it):
sharing it says nothing about copying, and would make chance candidates of many unrelated texts."""
MAX_BUCKET = 64
"""Texts sharing one band key beyond this many are linked as a chain, not pairwise."""

def candidate_pairs(forms: list[str], seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i < j) of `forms` that may be near-identical."""
    if len(forms) < 2:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    shingles, starts = _shingles(forms)
    signature = _signature(shingles, starts, seed)
    left, right = [], []
    for band in range(BANDS):
        key = _band_key(signature[band * ROWS:(band + 1) * ROWS])
        a, b = _equal_key_pairs(key)
        left.append(a)
        right.append(b)
    i, j = np.concatenate(left), np.concatenate(right)
    pair = np.unique(np.minimum(i, j) * len(forms) + np.maximum(i, j))
    return pair // len(forms), pair % len(forms)


def _shingles(forms: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Flat shingle ids grouped by text, and where each text's run starts (every run non-empty)."""
    vocabulary: dict[str, int] = {}
    words = [form.split() for form in forms]
    lengths = np.fromiter((len(w) for w in words), dtype=np.int64, count=len(forms))
    tokens = np.array([vocabulary.setdefault(w, len(vocabulary)) for ws in words for w in ws], dtype=np.int64)
    prefix_ids: dict[str, int] = {}
    prefix_of = np.array([prefix_ids.setdefault(w[:4], len(vocabulary) + len(prefix_ids)) for w in vocabulary],
                         dtype=np.int64)
    prefixes = prefix_of[tokens] if tokens.size else tokens
    text = np.repeat(np.arange(len(forms)), lengths)
    # Occurrences rather than texts: a word repeated inside one indicator is rare enough not to matter.
    common = np.bincount(tokens, minlength=len(vocabulary)) > COMMON_WORD
    vocabulary_size = len(vocabulary) + len(prefix_ids)
    size = vocabulary_size + 1
    same_text = text[:-1] == text[1:]
    first_token = np.concatenate([[0], np.cumsum(lengths)[:-1]])[lengths > 0]
    no_shingle = np.ones(len(forms), dtype=bool)
    parts = [
        (tokens[~common[tokens]], text[~common[tokens]]),  # uncommon words
        ((tokens[:-1] * size + tokens[1:] + size)[same_text], text[:-1][same_text]),  # word bigrams
        ((prefixes[:-1] * size + prefixes[1:] + size)[same_text], text[:-1][same_text]),  # prefix bigrams
    ]
    for _, owner in parts:
        no_shingle[owner] = False
    lone = no_shingle[text[first_token]]  # one common word and nothing else: shingle on that word
    parts.append((tokens[first_token][lone], text[first_token][lone]))
    no_shingle[text[first_token][lone]] = False
    empty = np.flatnonzero(no_shingle)  # empty texts: a shingle each of their own
    parts.append((np.full(empty.size, size * size + 1), empty))
    shingles = np.concatenate([p for p, _ in parts]).astype(np.uint64)
    owners = np.concatenate([o for _, o in parts])
    order = np.argsort(owners, kind="stable")
    return shingles[order], np.searchsorted(owners[order], np.arange(len(forms)))


def _signature(shingles: np.ndarray, starts: np.ndarray, seed: int) -> np.ndarray:
    """BANDS × ROWS minima of independent multiply-shift hashes, one row per hash function."""
    rng = np.random.default_rng(seed)
    multipliers = rng.integers(1, 2**63, size=BANDS * ROWS, dtype=np.uint64) | np.uint64(1)
    offsets = rng.integers(0, 2**63, size=BANDS * ROWS, dtype=np.uint64)
    mixed = shingles * np.uint64(0x9E3779B97F4A7C15)  # spread small ids over 64 bits first
    signature = np.empty((BANDS * ROWS, len(starts)), dtype=np.uint32)  # hashes keep their top 32 bits
    for k in range(BANDS * ROWS):
        signature[k] = np.minimum.reduceat((mixed * multipliers[k] + offsets[k]) >> np.uint64(32), starts)
    return signature


def _band_key(rows: np.ndarray) -> np.ndarray:
    key = np.zeros(rows.shape[1], dtype=np.uint64)
    for row in rows:
        key = (key * np.uint64(0x100000001B3)) ^ row.astype(np.uint64)
    return key


def _equal_key_pairs(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of texts with equal keys: all pairs in small buckets, a chain in big ones."""
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    boundary = np.flatnonzero(np.diff(sorted_key)) + 1
    run_start = np.concatenate([[0], boundary])
    run_length = np.diff(np.concatenate([run_start, [len(key)]]))
    left, right = [order[:-1][sorted_key[:-1] == sorted_key[1:]]], [order[1:][sorted_key[:-1] == sorted_key[1:]]]
    for start, length in zip(run_start[(run_length > 2) & (run_length <= MAX_BUCKET)],
                             run_length[(run_length > 2) & (run_length <= MAX_BUCKET)], strict=True):
        members = order[start:start + length]
        a, b = np.triu_indices(length, k=2)  # neighbours (k=1) are already in the chain above
        left.append(members[a])
        right.append(members[b])
    return np.concatenate(left), np.concatenate(right)
