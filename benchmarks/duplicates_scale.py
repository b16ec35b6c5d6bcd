"""Benchmark near-duplicate IKI detection on generated Indonesian indicator phrases.

Phrases are drawn from the real vocabulary of the seed fixtures (so common words such as
"jumlah", "laporan", "kegiatan" are as common as in real IKI), and a share of them get a near
copy: one OCR-style character change, one word replaced, or one word dropped, kept when it is
a near copy by the rule's own definition (at least 90 similar). Recall and
precision are measured on those ground-truth pairs; time is the median over --repeat runs and
is also given per text, which stays flat when time grows linearly.

    .venv/bin/python benchmarks/duplicates_scale.py --sizes 100000 1000000
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
import tracemalloc
from pathlib import Path

from rapidfuzz import fuzz

from cascade.text import normalize, similar_groups
from models import load_cascade

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
OCR = {"l": "i", "i": "l", "m": "rn", "o": "0", "e": "c", "a": "o"}


def vocabulary() -> list[str]:
    words = []
    for name in ("probolinggo.yaml", "sampang.yaml"):
        for e in load_cascade(FIXTURES / name).elemen:
            words += normalize(e.uraian).split()
    return words


def near_copy(text: str, words: list[str], rng: random.Random) -> str:
    tokens = text.split()
    kind = rng.randrange(3)
    if kind == 0:
        position = rng.randrange(len(text))
        candidates = [i for i, ch in enumerate(text) if ch in OCR and i >= position] or [0]
        i = candidates[0]
        return text[:i] + OCR.get(text[i], text[i]) + text[i + 1:]
    if kind == 1:
        tokens[rng.randrange(len(tokens))] = rng.choice(words)
    elif len(tokens) > 6:
        del tokens[rng.randrange(len(tokens))]
    return " ".join(tokens)


def dataset(size: int, copy_share: float, seed: int) -> tuple[dict[str, str], set[frozenset[str]]]:
    rng = random.Random(seed)
    words = vocabulary()
    distinct = sorted(set(words))
    texts: dict[str, str] = {}
    pairs: set[frozenset[str]] = set()
    originals = int(size / (1 + copy_share))
    for i in range(originals):
        # Real phrases start with a common head and mix common and rare words.
        head = rng.choice(["Jumlah", "Persentase", "Indeks", "Rasio", "Jumlah dokumen", "Persentase laporan"])
        body = [rng.choice(words) if rng.random() < 0.5 else rng.choice(distinct) for _ in range(rng.randint(6, 11))]
        texts[f"t{i}"] = " ".join([head, *body])
    for j in range(size - originals):
        source = f"t{rng.randrange(originals)}"
        copy = near_copy(texts[source], words, rng)
        # A near copy is what the rule calls one: different text, at least 90 similar.
        if normalize(copy) != normalize(texts[source]) and fuzz.ratio(normalize(copy), normalize(texts[source])) >= 90:
            texts[f"c{j}"] = copy
            pairs.add(frozenset((source, f"c{j}")))
    return texts, pairs


def evaluate(groups: list[list[str]], truth: set[frozenset[str]]) -> tuple[float, float]:
    group_of = {key: n for n, group in enumerate(groups) for key in group}
    found = sum(1 for pair in truth if len({group_of.get(k, -1 - i) for i, k in enumerate(pair)}) == 1)
    recall = found / len(truth)
    predicted = sum(len(g) * (len(g) - 1) // 2 for g in groups)
    # A predicted pair is right when ground truth links it (directly or through a shared original).
    truth_group: dict[str, str] = {}
    for pair in truth:
        a, b = sorted(pair, key=lambda k: k[0] != "t")
        truth_group[b] = a
        truth_group.setdefault(a, a)
    right = 0
    for group in groups:
        roots: dict[str, int] = {}
        for key in group:
            root = truth_group.get(key, key)
            roots[root] = roots.get(root, 0) + 1
        right += sum(c * (c - 1) // 2 for c in roots.values())
    return recall, (right / predicted if predicted else 1.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--salinan", type=float, default=0.1, help="share of near copies")
    args = parser.parse_args()
    print(f"{'teks':>9} {'waktu (s)':>10} {'µs/teks':>8} {'recall':>7} {'presisi':>8} {'memori (MB)':>12}")
    for size in args.sizes:
        texts, truth = dataset(size, args.salinan, seed=size)
        forms = {k: normalize(v) for k, v in texts.items()}
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            groups = similar_groups(forms, 90)
            times.append(time.perf_counter() - start)
        tracemalloc.start()
        similar_groups(forms, 90)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        recall, precision = evaluate(groups, truth)
        median = statistics.median(times)
        print(f"{len(texts):>9} {median:>10.2f} {1e6 * median / len(texts):>8.1f} {recall:>7.3f} {precision:>8.3f} "
              f"{peak:>12.0f}")


if __name__ == "__main__":
    main()
