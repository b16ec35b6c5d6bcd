"""`_period_arrays` reads the whole `capaian` table as arrays; here it is compared, float for float,
with the element-by-element reading it replaced (`period_values`, kept below as the reference)."""

from __future__ import annotations

import struct
from collections.abc import Iterable
from functools import reduce
from operator import add

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from cascade.array_graph import ArrayGraph
from cascade.capaian import PERIODS, _period_arrays, aggregation
from models.cascade import Capaian, Cascade, Elemen, Organisasi, Rentang


def added(values: Iterable[float]) -> float:
    """The values added one at a time from 0, as `sum` did before Python 3.12 made it compensated."""
    return reduce(add, values, 0)


def period_values(item: Elemen, rows: Iterable[Capaian], periode: str) -> tuple[float | Rentang | None, float | None]:
    """Target and realisasi of an element for a period, cumulated from the `capaian` rows.

    ``tahunan`` takes the element's own columns, filling what they lack from the latest yearly
    row, else from the quarterly rows cumulated to TW4. ``TWn`` cumulates TW1..TWn: counts are
    summed, percentages and indices take the latest quarter with a realisasi. A quarter without
    a target of its own falls back to the element's annual target; for counts, one with a
    realisasi makes the annual target stand for the whole sum.
    """
    rows = list(rows)
    if periode == "tahunan":
        target, realisasi = item.target, item.realisasi
        yearly = sorted((r for r in rows if r.periode.isdigit()), key=lambda r: r.periode)
        if yearly:
            target = target if target is not None else yearly[-1].target
            realisasi = realisasi if realisasi is not None else yearly[-1].realisasi
        if (target is None or realisasi is None) and any(r.periode.startswith("TW") for r in rows):
            quarterly_target, quarterly_realisasi = period_values(item, rows, "TW4")
            target = target if target is not None else quarterly_target
            realisasi = realisasi if realisasi is not None else quarterly_realisasi
        return target, realisasi
    last = int(periode[2])
    quarters = sorted((r for r in rows if r.periode.startswith("TW") and int(r.periode[2]) <= last),
                      key=lambda r: r.periode)
    with_realisasi = [r for r in quarters if r.realisasi is not None]
    if not with_realisasi:
        return item.target, None
    if aggregation(item.agregasi, item.satuan, item.uraian) == "jumlah":
        targets = [r.target for r in quarters if r.target is not None]
        covered = targets and all(r.target is not None for r in with_realisasi)
        return (added(targets) if covered else item.target), added(r.realisasi for r in with_realisasi)
    latest = with_realisasi[-1]
    targets = [r.target for r in quarters if r.target is not None and r.periode <= latest.periode]
    return (latest.target if latest.target is not None else targets[-1] if targets else item.target), latest.realisasi


def reference_period_arrays(cascade: Cascade, periode: str) -> tuple[list[float | Rentang | None], np.ndarray]:
    """Each element's target and realisasi (NaN if none), one element at a time."""
    targets = [e.target for e in cascade.elemen]
    realisasi = np.array([e.realisasi if periode == "tahunan" else None for e in cascade.elemen], dtype=float)
    for i, item in enumerate(cascade.elemen):
        rows = [r for r in cascade.capaian if r.id == item.id]
        if rows:
            targets[i], value = period_values(item, rows, periode)
            realisasi[i] = np.nan if value is None else value
    return targets, realisasi


def bits(value: float | Rentang | None) -> object:
    """A value compared exactly: a float by its bits (-0.0 is not 0.0, NaN equals itself)."""
    return struct.pack("<d", value) if isinstance(value, float) else value


NUMBERS = st.one_of(st.sampled_from([0.0, -0.0, 0.1, 0.2, 0.3, 1.0, 1e16, -1e16, 1e308, -1e308]),
                    st.integers(-10**6, 10**6).map(lambda k: k / 7))  # sevenths round: sums depend on order
OPTIONAL = st.none() | NUMBERS
PERIODES = st.sampled_from(["TW1", "TW2", "TW3", "TW4", "2023", "2024", "2025"])


@st.composite
def elements(draw, i: int) -> Elemen:
    target = draw(st.none() | NUMBERS | st.tuples(NUMBERS, NUMBERS).map(lambda b: Rentang(lo=min(b), hi=max(b))))
    return Elemen(id=f"e{i}", jenis="iki", uraian=draw(st.sampled_from(["Persentase PMKS", "Jumlah KPM", "Indeks X"])),
                  satuan=draw(st.sampled_from([None, "%", " Persen ", "orang", "dokumen", "indeks"])),
                  agregasi=draw(st.sampled_from([None, "jumlah", "terakhir"])), target=target,
                  polaritas="rentang" if isinstance(target, Rentang) else draw(st.sampled_from(["positif", "negatif"])),
                  realisasi=draw(OPTIONAL))


@st.composite
def cascades(draw) -> Cascade:
    n = draw(st.integers(0, 4))
    rows = [Capaian(id=id, periode=periode, target=target, realisasi=realisasi)
            for id in [f"e{i}" for i in range(n)] + ["tak.ada"]  # a row may name an element that does not exist
            for periode, target, realisasi in draw(st.lists(st.tuples(PERIODES, OPTIONAL, OPTIONAL), max_size=10))]
    return Cascade(organisasi=Organisasi(kode="uji", nama="Uji"), elemen=tuple(draw(elements(i)) for i in range(n)),
                   capaian=tuple(draw(st.permutations(rows))))


@settings(max_examples=400, deadline=None)
@given(cascades())
def test_period_arrays_match_the_element_by_element_reading(cascade):
    G = ArrayGraph(cascade)
    for periode in PERIODS:
        targets, realisasi = _period_arrays(G, periode)
        expected_targets, expected_realisasi = reference_period_arrays(cascade, periode)
        assert list(map(bits, targets)) == list(map(bits, expected_targets)), periode
        assert realisasi.tobytes() == expected_realisasi.tobytes(), periode

