"""Near-duplicate grouping: LSH candidates against an exhaustive comparison."""

import random
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from rapidfuzz import fuzz, process

from cascade.minhash import candidate_pairs
from cascade.text import ALL_PAIRS_UP_TO, normalize, similar_groups
from models import load_cascade

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@cache
def vocabulary() -> tuple[list[str], list[str]]:
    """The words of the real Probolinggo indicators, with their frequencies, and each once."""
    words = [w for e in load_cascade(FIXTURES / "probolinggo.yaml").elemen for w in normalize(e.uraian).split()]
    return words, sorted(set(words))


def phrases(n: int, copies: int, seed: int) -> dict[str, str]:
    """Indicator-like phrases from the real vocabulary, plus near copies (a word swapped, OCR noise)."""
    rng = random.Random(seed)
    words, distinct = vocabulary()
    texts = {f"t{i}": " ".join(rng.choice(words if rng.random() < 0.5 else distinct)
                               for _ in range(rng.randint(7, 11))) for i in range(n)}
    for c in range(copies):
        tokens = texts[f"t{rng.randrange(n)}"].split()
        tokens[rng.randrange(len(tokens))] = rng.choice(words)
        texts[f"c{c}"] = " ".join(tokens).replace("l", "i", 1) if c % 2 else " ".join(tokens)
    return texts


def exhaustive_pairs(forms: list[str], threshold: float) -> set[tuple[int, int]]:
    scores = process.cdist(forms, forms, scorer=fuzz.ratio, score_cutoff=threshold)
    return {(int(a), int(b)) for a, b in zip(*np.nonzero(scores), strict=True) if a < b}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_lsh_groups_match_an_exhaustive_comparison(seed):
    forms = sorted({normalize(t) for t in phrases(1500, 150, seed=seed).values()})
    assert len(forms) > ALL_PAIRS_UP_TO  # the LSH path, not the small-set shortcut
    truth = exhaustive_pairs(forms, 90)
    assert len(truth) > 50
    group_of = {int(key): n for n, group in enumerate(similar_groups(dict(zip(map(str, range(len(forms))), forms,
                                                                              strict=True)), 90)) for key in group}
    together = sum(1 for a, b in truth if a in group_of and group_of.get(a) == group_of.get(b))
    assert together / len(truth) >= 0.95  # recall of the rule's groups
    exhaustive_group = _components(truth)
    assert all(len({exhaustive_group.get(k, k) for k in members}) == 1  # precision: no group joins strangers
               for members in _members(group_of).values())
    left, _ = candidate_pairs(forms)
    assert len(left) < len(forms) * 20  # linear in the texts, not all pairs


def _components(pairs: set[tuple[int, int]]) -> dict[int, int]:
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            x = parent[x]
        return x

    for a, b in pairs:
        parent[find(a)] = find(b)
    return {x: find(x) for x in parent}


def _members(group_of: dict[int, int]) -> dict[int, list[int]]:
    members: dict[int, list[int]] = {}
    for key, group in group_of.items():
        members.setdefault(group, []).append(key)
    return members


def test_groups_are_verified_so_every_member_is_similar_to_another():
    texts = phrases(1500, 150, seed=2)
    for group in similar_groups({k: normalize(v) for k, v in texts.items()}, 90):
        forms = [normalize(texts[k]) for k in group]
        for form in forms:
            assert max(fuzz.ratio(form, other) for other in forms if other is not form) >= 90 or forms.count(form) > 1


def test_small_sets_compare_every_pair_exactly():
    forms = {"a": "jumlah laporan kegiatan", "b": "jumiah laporan kegiatan", "c": "indeks kepuasan"}
    assert similar_groups(forms, 90) == [["a", "b"]]
