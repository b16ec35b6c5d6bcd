"""The compiled passes (`cascade.compiled`) give exactly what the numpy passes give.

Large cascades run compiled and small ones on numpy (`cascade.core.COMPILED_FROM`); here both
paths run on the same small cascades by moving that threshold.
"""

import sys
from dataclasses import fields

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cascade import core, score
from cascade.array_graph import ArrayGraph
from cascade.audit import run_checks, select_rules
from cascade.capaian import ScoreOptions
from cascade.core import CascadeArrays, ElementColumns, levels, propagate, reached_from
from tests.test_array_graph import cascades

NUMPY, COMPILED = 10**18, 0


def on_path(threshold, function, *args, **kwargs):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(core, "COMPILED_FROM", threshold)
        return function(*args, **kwargs)


def test_the_compiled_path_loads():
    """numba is a dependency: without this, the comparisons below would compare numpy with itself."""
    assert core.compiled_for(core.COMPILED_FROM) is not None


def same(a, b):
    """Equal to the last bit, for arrays and tuples of them: NaN in the same places, and zeros of the
    same sign (which `np.array_equal` does not tell apart)."""
    if isinstance(a, tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if a.dtype != b.dtype or a.shape != b.shape:
        return False
    if a.dtype.kind != "f":
        return np.array_equal(a, b)
    numbers = ~np.isnan(a)
    return (np.array_equal(numbers, ~np.isnan(b)) and np.array_equal(a[numbers], b[numbers])
            and np.array_equal(np.signbit(a[numbers]), np.signbit(b[numbers])))


def assert_same_arrays(left: CascadeArrays, right: CascadeArrays):
    for field in fields(CascadeArrays):
        x, y = getattr(left, field.name), getattr(right, field.name)
        if isinstance(x, np.ndarray):
            assert same(x, y), field.name
    assert left.ids == right.ids and left.index == right.index


def compare_passes(ids, induk, declared, rng):
    """Run every pass on both paths over one cascade and require identical results."""
    bobot = rng.choice([-1.0, 0.0, 0.5, 1.0, 2.0, np.nan], size=len(ids), p=[0.05, 0.1, 0.2, 0.45, 0.15, 0.05])
    plain = on_path(NUMPY, CascadeArrays.from_columns, ids, induk, declared, bobot)
    fast = on_path(COMPILED, CascadeArrays.from_columns, ids, induk, declared, bobot)
    assert_same_arrays(plain, fast)
    level = on_path(NUMPY, levels, plain)
    assert same(level, on_path(COMPILED, levels, plain))
    cyclic = (level < 0) & (rng.random(len(ids)) < 0.7)  # some, not all, of the elements left unlevelled
    assert same(on_path(NUMPY, levels, plain, cyclic), on_path(COMPILED, levels, plain, cyclic))
    level = on_path(NUMPY, levels, plain, level < 0)
    sources = rng.integers(0, len(ids), size=rng.integers(0, 5)) if ids else np.empty(0, dtype=np.int64)
    assert same(on_path(NUMPY, reached_from, plain, sources),
                on_path(COMPILED, reached_from, plain, sources))
    direct = np.where(rng.random(len(ids)) < 0.5, rng.uniform(-20, 150, len(ids)), np.nan)  # below 0: polaritas negatif
    direct[rng.random(len(ids)) < 0.1] = rng.choice([0.0, -0.0])
    direct[level < 0] = np.nan
    for zero_missing in (False, True, rng.random(len(ids)) < 0.5):
        for cap in (None, 120, -0.0, np.nan):  # the last two only reachable from Python, not the CLI
            assert same(on_path(NUMPY, propagate, plain, level, direct, zero_missing, cap),
                        on_path(COMPILED, propagate, plain, level, direct, zero_missing, cap))


@pytest.mark.parametrize("name, cascade", list(cascades()))
def test_passes_are_identical_on_real_and_scrambled_cascades(name, cascade):
    columns = ElementColumns.from_elements(cascade.elemen)
    induk = [p for parents in columns.induk for p in parents]
    declared = np.array([len(parents) for parents in columns.induk], dtype=np.int64)
    compare_passes(columns.ids, induk, declared, np.random.default_rng(len(name)))


some_ids = st.sampled_from(["a", "b", "c", "é", "x.1", "x.10", "", "日本", "a b"]) | st.text(max_size=4)


@settings(max_examples=150, deadline=None)
@given(ids=st.lists(some_ids, max_size=30), data=st.data())
def test_passes_are_identical_on_random_graphs(ids, data):
    """Random ids (repeated, empty, non-ASCII, NUL) naming random, unknown and repeated parents."""
    declared = np.array(data.draw(st.lists(st.integers(0, 3), min_size=len(ids), max_size=len(ids))), dtype=np.int64)
    names = st.sampled_from(ids) | st.text(max_size=3) if ids else st.text(max_size=3)
    induk = data.draw(st.lists(names, min_size=int(declared.sum()), max_size=int(declared.sum())))
    compare_passes(ids, induk, declared, np.random.default_rng(len(induk)))


def test_index_of_with_separator_bytes_no_ids_and_lone_surrogates():
    """A NUL inside an id sends the mapping back to a dict (it separates the ids here)."""
    from cascade.compiled import index_of
    assert index_of(["a\0b", "c"], ["c"]) is None
    assert index_of(["a", "c"], ["c\0"]) is None
    assert index_of([], ["a"]).tolist() == [-1] and index_of(["a"], []).tolist() == []
    assert index_of(["s\ud800", "i"], ["s\ud800", "s"]).tolist() == [0, -1]  # a lone surrogate is still an id


@pytest.mark.parametrize("name, cascade", list(cascades()))
def test_findings_and_capaian_are_identical(name, cascade):
    rules = select_rules()
    assert on_path(NUMPY, run_checks, ArrayGraph(cascade), rules) == \
        on_path(COMPILED, run_checks, ArrayGraph(cascade), rules)
    for options in (ScoreOptions(), ScoreOptions(periode="TW2", kosong="nol", batas=120)):
        assert on_path(NUMPY, score, ArrayGraph(cascade), options) == \
            on_path(COMPILED, score, ArrayGraph(cascade), options)


def no_cache_locator(*args, **kwargs):
    raise RuntimeError("cannot cache function 'levels': no locator available for file 'compiled.py'")


@pytest.mark.parametrize("numba_fails", ["missing", "no cache directory"])
def test_large_cascades_stay_on_numpy_when_numba_cannot_load(monkeypatch, numba_fails):
    import cascade
    import numba
    monkeypatch.delattr(cascade, "compiled", raising=False)
    if numba_fails == "missing":
        monkeypatch.setitem(sys.modules, "cascade.compiled", None)
    else:
        monkeypatch.delitem(sys.modules, "cascade.compiled", raising=False)
        monkeypatch.setattr(numba, "njit", no_cache_locator)
    monkeypatch.setattr(core, "COMPILED_FROM", 0)
    assert core.compiled_for(10) is None
    a = CascadeArrays.from_columns(["s", "i"], ["s"], np.array([0, 1]), np.ones(2))
    assert levels(a).tolist() == [1, 0]
