"""Normalisation and near-duplicate grouping: all texts at once against one by one, sketch candidates
against an exhaustive comparison."""

import random
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from cascade import text as text_module
from cascade.array_graph import ArrayGraph
from cascade.minhash import SHORT, candidate_pairs
from cascade.text import ALL_PAIRS_UP_TO, normal_forms, normalize, normalize_all, similar_groups, similar_places
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


def one_word_changed(tokens: list[str], words: list[str], rng: random.Random) -> list[str]:
    """The tokens with one word replaced, misspelt, dropped or added."""
    copy, k, kind = list(tokens), rng.randrange(len(tokens)), rng.randrange(4)
    if kind == 0:
        copy[k] = rng.choice(words)
    elif kind == 1:
        i = rng.randrange(len(copy[k]))
        copy[k] = copy[k][:i] + rng.choice("ilo0") + copy[k][i + 1:]
    elif kind == 2:
        del copy[k]
    else:
        copy.insert(k, rng.choice(words))
    return copy


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_texts_that_differ_in_one_word_and_share_another_are_always_candidates(seed):
    rng = random.Random(seed)
    _, distinct = vocabulary()
    texts, expected = [], set()
    for _ in range(3000):
        tokens = [rng.choice(distinct) for _ in range(rng.randint(1, 12))]
        copy = one_word_changed(tokens, distinct, rng)
        if copy != tokens and set(copy) & set(tokens):
            expected.add((len(texts), len(texts) + 1))
        texts += [" ".join(tokens), " ".join(copy)]
    assert sum(len(texts[i].split()) < SHORT for i, _ in expected) > 500  # short texts, with their own sketch
    left, right = candidate_pairs(texts)
    assert expected <= set(zip(left.tolist(), right.tolist(), strict=True))


def bigrams(tokens: list[str]) -> set[tuple[str, str]]:
    return set(zip(tokens, tokens[1:]))


@pytest.mark.parametrize("seed", [1, 2])
def test_texts_that_differ_in_three_words_and_share_two_bigrams_are_always_candidates(seed):
    """Over a small vocabulary the bigrams a change creates or loses occur in other texts too, so
    they crowd the sketch: six shingles were not enough for three changed words."""
    rng = random.Random(seed)
    distinct = vocabulary()[1][:40]
    texts, expected = [], set()
    for _ in range(2000):
        tokens = copy = [rng.choice(distinct) for _ in range(rng.randint(SHORT, 16))]
        for _ in range(3):
            copy = one_word_changed(copy, distinct, rng)
        if len(bigrams(copy) & bigrams(tokens)) >= 2:
            expected.add((len(texts), len(texts) + 1))
        texts += [" ".join(tokens), " ".join(copy)]
    assert len(expected) > 1000
    left, right = candidate_pairs(texts)
    assert expected <= set(zip(left.tolist(), right.tolist(), strict=True))


TRICKY = st.sampled_from("aZ09 _-.,()•\t\n\x00\x1fé１Σİ")  # separators, bullets, list numbers, non-ASCII


@given(st.lists(st.none() | st.text(TRICKY | st.characters(), max_size=12)))
def test_normalize_all_is_normalize_of_each(texts):
    assert normalize_all(texts) == [normalize(text) for text in texts]


def test_texts_with_equal_hashes_are_told_apart(monkeypatch):
    monkeypatch.setattr(text_module, "hash", len, raising=False)  # every form of one length collides
    forms = ["jumlah kpm", "jumiah kpm", "jumlah kpm", "", "indeks ikm", "lain", "jumlah kpm"]
    assert similar_places(forms, 100) == [[0, 2, 6]]
    assert similar_places(forms, 90) == [[0, 1, 2, 6]]


@pytest.mark.parametrize("column", ["uraian", "formula", "sumber_data"])
def test_normal_forms_are_normalize_of_every_element_in_input_order(column):
    G = ArrayGraph(load_cascade(FIXTURES / "probolinggo.yaml"))
    forms = normal_forms(G, column)
    assert forms == [normalize(getattr(item, column)) for item in G.graph["cascade"].elemen]
    assert normal_forms(G, column) is forms  # once per graph
