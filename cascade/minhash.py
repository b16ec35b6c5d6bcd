"""Candidate pairs of near-identical texts: MinHash sketches of each text's rarest word bigrams.

A text's shingles are its word bigrams. Each text is sketched by its `SKETCH` first shingles in one
order over all of them, rarest first: a bottom-k MinHash whose order is by frequency instead of
random (prefix filtering). Every two shingles of a sketch make a band key, and texts with a band
key in common become candidates, which the caller verifies exactly. Shingles that occur once are
left out first: no other text has them, and OCR noise makes many of them ("jumiah laporan").

A word replaced, misspelt, dropped or added costs a text at most two of its bigrams. So two texts
that differ in up to three words and still share two bigrams have those among the first eight of
both sketches (the rarest shared ones come after six lost ones at most), and both get their band
key. (Six shingles, enough for two words, missed a tenth of the copies with three misspelt words
that random MinHash had found.)
Texts of fewer than `SHORT` words may share fewer bigrams: they get a second sketch, of their words
and word prefixes (the first four letters), where a changed word costs two shingles at most too and
a shared word gives two. Such pairs are always candidates, unless over `MAX_BUCKET` texts have their
band key. On real-vocabulary phrases every pair an exhaustive comparison finds ends up in one group
(MinHash LSH with 40 random bands of 3 rows found 96.6%, hashing every shingle 120 times).

A key of two rare shingles is shared by few texts besides copies, so the candidates stay few, and
the work is a few sorts of the shingles: no loop over texts or words in Python.
"""

from __future__ import annotations

import numpy as np

SKETCH = 8
"""Shingles kept per sketch: the two rarest a pair shares despite three changed words are among them."""
SHORT = 5
"""Texts of fewer words also get a sketch of their words and word prefixes."""
MAX_BUCKET = 64
"""Texts sharing one band key beyond this many are linked as a chain, not pairwise."""
CHUNK = 20_000
"""Texts shingled at a time (see `_shingles`)."""
_LOW_BYTES = np.array([2 ** (8 * n) - 1 for n in range(9)], dtype=np.uint64)


def candidate_pairs(forms: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i < j) of `forms`, texts of words single-spaced, that may be near-identical."""
    left, right = _sharing(_band_keys(*_sketch(*_shingles(forms))))
    pair = _distinct(left * len(forms) + right)
    return pair // len(forms), pair % len(forms)


def _words(forms: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every word of the texts as (hash, first four bytes, text index), in text order, read from
    their UTF-8 bytes at once.

    A word is hashed by its first and last eight bytes and its length: longer words that agree on
    all three are rare and would only add candidates.
    """
    joined = " ".join(forms)
    sizes = np.fromiter(map(len, forms) if joined.isascii() else (len(f.encode()) for f in forms),
                        dtype=np.int64, count=len(forms))
    data = f" {joined} ".encode() + bytes(8)  # padded, for the last word's eight bytes
    spaces = np.flatnonzero(np.frombuffer(data, dtype=np.uint8, count=len(data) - 8) == ord(" "))
    start, end = spaces[:-1] + 1, spaces[1:]
    start, end = start[end > start], end[end > start]  # not between two spaces
    first_word = np.searchsorted(start, np.cumsum(sizes + 1) - sizes)  # texts begin after one space each
    text = np.repeat(np.arange(len(forms)), np.diff(np.append(first_word, len(start))))
    # The eight bytes from every offset, as little-endian integers.
    eight = np.ndarray((len(data) - 7,), dtype="<u8", buffer=data, strides=(1,))
    length = end - start
    head = _first_bytes(eight[start], length)
    tail = eight[np.maximum(end - 8, start)]
    tail[length <= 8] = 0
    tail += length.astype(np.uint64)
    word = _mix(_mix(tail) ^ head)
    return word, _first_bytes(head, np.minimum(length, 4)), text


def _first_bytes(value: np.ndarray, count: np.ndarray) -> np.ndarray:
    """Keep the first `count` (1 to 8) bytes of little-endian values, in place: a word's own bytes,
    not the next word's."""
    value &= _LOW_BYTES[np.minimum(count, 8)]
    return value


def _mix(value: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser, in place: close inputs get unrelated 64-bit hashes."""
    value ^= value >> np.uint64(30)
    value *= np.uint64(0xBF58476D1CE4E5B9)
    value ^= value >> np.uint64(27)
    value *= np.uint64(0x94D049BB133111EB)
    value ^= value >> np.uint64(31)
    return value


def _shingles(forms: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Every text's shingles as (hash, sketch) pairs: sketch 2i holds text i's bigrams, 2i + 1 the
    words and word prefixes of a short text i.

    Made `CHUNK` texts at a time: passes over arrays that small stay in the CPU cache and reuse
    their memory, where passes over all the words at once spend much time on fresh memory.
    """
    chunks = [_chunk_shingles(forms[start:start + CHUNK], start) for start in range(0, max(len(forms), 1), CHUNK)]
    hashes, sketches = (np.concatenate(column) for column in zip(*chunks, strict=True))
    return hashes, sketches


def _chunk_shingles(forms: list[str], first_text: int) -> tuple[np.ndarray, np.ndarray]:
    """`_shingles` of a few texts, numbered from `first_text`."""
    word, prefix, text = _words(forms)
    same_text = text[:-1] == text[1:]
    bigram = word[:-1] * np.uint64(0x9E3779B97F4A7C15)
    bigram += word[1:]
    bigram = _mix(bigram)[same_text]
    short = np.bincount(text, minlength=len(forms))[text] < SHORT
    sketch = 2 * (text + first_text)
    hashes = [bigram, _mix(word[short] ^ np.uint64(1)), _mix(prefix[short] ^ np.uint64(2))]
    return np.concatenate(hashes), np.concatenate([sketch[:-1][same_text], sketch[short] + 1, sketch[short] + 1])


def _sketch(shingle: np.ndarray, sketch: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The `SKETCH` rarest shingles of each sketch among those that occur more than once, as
    (rank, sketch) pairs ordered by sketch, then rank. Ranks order the distinct shingles by
    occurrences, then by hash."""
    order = np.argsort(shingle)
    distinct = np.cumsum(_run_starts(shingle[order])) - 1  # distinct shingle at each sorted place
    count = np.bincount(distinct)
    rank = np.empty(len(count), dtype=np.int64)
    rank[np.argsort(np.minimum(count, 2**16 - 1).astype(np.uint16), kind="stable")] = np.arange(len(count))
    shared = count[distinct] > 1
    key = _distinct((sketch[order][shared] << 32) | rank[distinct][shared])
    first = np.flatnonzero(_run_starts(key >> 32))
    place = np.arange(len(key)) - np.repeat(first, np.diff(np.append(first, len(key))))
    key = key[place < SKETCH]
    return key & 0xFFFFFFFF, key >> 32


def _band_keys(rank: np.ndarray, sketch: np.ndarray) -> np.ndarray:
    """Every two shingles of a sketch, hashed to 32 bits, with the sketch's text: ``key << 32 | text``,
    sorted, each once. (Two pairs of shingles with one hash only add candidates.)"""
    keys = []
    for offset in range(1, SKETCH):
        at = np.flatnonzero(sketch[offset:] == sketch[:-offset])
        pair = _mix((rank[at].astype(np.uint64) << np.uint64(32)) | rank[at + offset].astype(np.uint64))
        keys.append((pair >> np.uint64(32)).astype(np.int64) << 32 | sketch[at] >> 1)
    return _distinct(np.concatenate(keys))


def _sharing(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) of texts with a band key in common, from sorted ``key << 32 | text``: every
    pair in a small bucket, neighbours in a big one."""
    key, text = keys >> 32, keys & 0xFFFFFFFF
    start = np.flatnonzero(_run_starts(key))
    size = np.diff(np.append(start, len(key)))
    end = np.repeat(start + size, size)  # where the bucket of each place ends
    small = np.repeat(size <= MAX_BUCKET, size)
    at = np.flatnonzero(key[1:] == key[:-1])
    left, right = [text[at]], [text[at + 1]]
    at = at[small[at]]
    for offset in range(2, MAX_BUCKET):
        at = at[at + offset < end[at]]
        left.append(text[at])
        right.append(text[at + offset])
    return np.concatenate(left), np.concatenate(right)


def _run_starts(ordered: np.ndarray) -> np.ndarray:
    """Mask of the places where a sorted array's value changes, the first place included."""
    starts = np.ones(len(ordered), dtype=bool)
    starts[1:] = ordered[1:] != ordered[:-1]
    return starts


def _distinct(values: np.ndarray) -> np.ndarray:
    """The sorted distinct values, by sorting (numpy's hash-based `unique` is slower here)."""
    values = np.sort(values)
    return values[_run_starts(values)]
