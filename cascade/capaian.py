"""Capaian: each element's direct achievement and its weighted roll-up through the cascade.

The semantics are a contract, documented in the README:

- direct capaian from target T and realisasi R: positif ``R / T × 100``, negatif
  ``(2T − R) / T × 100``, rentang ``lo-hi``: below ``lo`` as positif with T = lo, above ``hi``
  as negatif with T = hi, inside 100. No value when T is 0 or a value is missing.
- derived capaian: the `bobot`-weighted mean of the children's effective capaian; children
  without a value are skipped (``kosong="lewati"``) or count as 0 (``kosong="nol"``); null
  when no child has a value. Children with a non-positive `bobot` are left out.
- effective = direct if there is one, else derived; `batas` caps every value before it is used.
- one pass in topological order (children first), so time grows linearly with the cascade.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from itertools import repeat
from typing import Literal, NamedTuple, get_args

import networkx as nx
import numpy as np

from cascade.core import propagate
from cascade.formats.indonesian import SETTLED_DECIMALS
from cascade.graph import arrays, elemen, is_role, memo, topological_levels
from models.bulk import columns_of
from models.cascade import BUDGET_KINDS, Rentang
from models.errors import CascadeError
from models.numbers import format_number, parse_number

Kosong = Literal["lewati", "nol"]
Periode = Literal["tahunan", "TW1", "TW2", "TW3", "TW4"]
PERIODS: tuple[str, ...] = get_args(Periode)
PERCENT_UNITS = frozenset({"%"})
LATEST_KINDS = PERCENT_UNITS | {"indeks", "rasio"}
"""Units whose quarterly values are not summed: the latest quarter's value stands."""


def unit_of(satuan: str | None) -> str:
    """A `satuan` as compared with the unit lists: its first word, and `%` for any way of writing
    percent ("(%)", "Persen", "Persen (%)", "persentase").

    >>> unit_of(" Persen (%) "), unit_of("(%)"), unit_of("Indeks (poin)"), unit_of("Orang")
    ('%', '%', 'indeks', 'orang')
    """
    text = (satuan or "").lower()
    words = re.findall(r"[^\W\d_]+", text)
    first = words[0] if words else ""
    return "%" if "%" in text or first in ("persen", "persentase") else first


@dataclass(frozen=True)
class Scale:
    """Capaian categories: each band is (lower bound, label); a value takes the highest band it reaches.

    The lowest band, whose bound is 0 or below, also takes every value under its bound: a negative
    polarity drives capaian below 0, and no capaian is left without a category.
    """

    bands: tuple[tuple[float, str], ...]

    def category(self, value: float | None) -> str | None:
        return self.categories(np.array([np.nan if value is None else value]))[0]

    def categories(self, values: np.ndarray) -> list[str | None]:
        """The label of each value, None where it is NaN."""
        lowers = np.array([lower for lower, _ in reversed(self.bands)])
        labels = [label for _, label in reversed(self.bands)]
        settled = np.round(values, SETTLED_DECIMALS)  # as `percent` shows them: 90.99999999999999 is 91
        band = np.clip(np.searchsorted(lowers, settled, side="right") - 1, 0, len(labels) - 1)
        named = np.array([*labels, None], dtype=object)
        return named[np.where(np.isnan(values), len(labels), band)].tolist()

    @classmethod
    def parse(cls, text: str) -> Scale:
        """Read ``"91=Sangat Tinggi;76=Tinggi;0=Rendah"``.

        >>> Scale.parse("90=Baik;0=Kurang").category(89.9)
        'Kurang'
        """
        bands = []
        for part in filter(None, (p.strip() for p in text.split(";"))):
            bound, _, label = part.partition("=")
            try:
                bands.append((parse_number(bound), label.strip()))  # Indonesian style, finite only
            except ValueError:
                raise CascadeError(f"skala harus berbentuk 'batas=label;...', bukan {part!r}") from None
            if not label.strip():
                raise CascadeError(f"label kosong pada skala: {part!r}")
        if not bands:
            raise CascadeError("skala kosong")
        bounds = [bound for bound, _ in bands]
        if repeated := sorted({format_number(b) for b in bounds if bounds.count(b) > 1}):
            raise CascadeError(f"batas {', '.join(repeated)} ditulis lebih dari sekali pada skala")
        if min(bounds) > 0:
            raise CascadeError(f"batas terendah skala harus 0 atau kurang agar setiap capaian berkategori, "
                               f"bukan {format_number(min(bounds))}; tambahkan misalnya '0=Sangat Rendah'")
        return cls(tuple(sorted(bands, reverse=True)))


DEFAULT_SCALE = Scale(((91.0, "Sangat Tinggi"), (76.0, "Tinggi"), (66.0, "Sedang"), (51.0, "Rendah"),
                       (-math.inf, "Sangat Rendah")))
"""Permendagri 86/2017 style: ≥ 91, 76 ≤ x < 91, 66 ≤ x < 76, 51 ≤ x < 66, below 51."""


@dataclass(frozen=True)
class ScoreOptions:
    periode: str = "tahunan"
    kosong: Kosong = "lewati"
    batas: float | None = None
    skala: Scale = DEFAULT_SCALE


class ElementScore(NamedTuple):
    """One element's numbers for one period. A named tuple: as immutable as a frozen dataclass
    and several times cheaper to create, which counts when a province scores a million."""

    id: str
    target: float | Rentang | None
    realisasi: float | None
    langsung: float | None  # direct capaian, capped
    turunan: float | None  # derived capaian, capped
    kategori: str | None
    siklus: bool = False  # in an induk cycle: cannot be propagated

    @property
    def capaian(self) -> float | None:
        return self.langsung if self.langsung is not None else self.turunan

    @property
    def sumber(self) -> str | None:
        if self.langsung is not None:
            return "langsung"
        return "turunan" if self.turunan is not None else None


def direct_capaian(target: float | Rentang | None, realisasi: float | None, polaritas: str) -> float | None:
    """Capaian (%) of one realisasi against its target, or None when it cannot be computed.

    >>> direct_capaian(80, 60, "positif"), direct_capaian(10, 12, "negatif")
    (75.0, 80.0)
    >>> direct_capaian(Rentang(lo=60, hi=80), 90, "rentang"), direct_capaian(0, 5, "positif")
    (87.5, None)
    """
    value = direct_capaian_array([target], np.array([np.nan if realisasi is None else realisasi]),
                                 np.array([polaritas == "negatif"]))[0]
    return None if np.isnan(value) else float(value)


LATEST_NAMES = re.compile(r"^\s*t?(p[er]+[o]?s?entas[ei]|pro[es]entase|indeks|rasio|nilai|tingkat|kategori)\b", re.IGNORECASE)
"""Indicator names that announce a percentage or index when `satuan` is left empty."""


def aggregation(agregasi: str | None, satuan: str | None, uraian: str) -> str:
    """How an element with these fields cumulates its quarters: `jumlah` (sum them) or `terakhir`
    (the latest); its `agregasi` if given, else from its `satuan`, else from its name (`uraian`).

    >>> aggregation(None, None, "Persentase PMKS tertangani")
    'terakhir'
    >>> aggregation(None, "orang", "Jumlah KPM")
    'jumlah'
    """
    if agregasi:
        return agregasi
    if unit_of(satuan):
        return "terakhir" if unit_of(satuan) in LATEST_KINDS else "jumlah"
    return "terakhir" if LATEST_NAMES.match(uraian) else "jumlah"


def score(G: nx.DiGraph, options: ScoreOptions | None = None) -> dict[str, ElementScore]:
    """Capaian of every element for one period, in one pass children-before-parents.

    Elements in an `induk` cycle get no value and ``siklus=True``; the rest still score.

    Examples
    --------
    >>> from models import Cascade, Organisasi, Elemen
    >>> from cascade.graph import build_graph
    >>> c = Cascade(organisasi=Organisasi(kode="x", nama="X"), elemen=(
    ...     Elemen(id="s", jenis="sasaran", uraian="S"),
    ...     Elemen(id="a", jenis="iki", uraian="A", induk=("s",), target=100, realisasi=80),
    ...     Elemen(id="b", jenis="iki", uraian="B", induk=("s",), target=10, realisasi=10, bobot=3)))
    >>> score(build_graph(c))["s"].turunan
    95.0
    """
    options = options or ScoreOptions()
    return memo(G, f"score:{options}", lambda: _element_scores(G, score_arrays(G, options), options))


SOURCES = (None, "turunan", "langsung")
"""The `sumber` of a capaian: none, derived (from the supporters) or direct (target and realisasi)."""


@dataclass(frozen=True)
class ScoreArrays:
    """`score`'s numbers as arrays aligned with `arrays(G).ids`, NaN where there is none: what
    checks read at scale without building a million `ElementScore` records."""

    targets: list[float | Rentang | None]
    realisasi: np.ndarray
    langsung: np.ndarray
    turunan: np.ndarray
    effective: np.ndarray
    cyclic: np.ndarray

    @property
    def capaian(self) -> np.ndarray:
        """The value reported: direct where there is one, else derived, as `ElementScore.capaian`."""
        return np.where(np.isnan(self.langsung), self.turunan, self.langsung)

    @property
    def source(self) -> np.ndarray:
        """Where each reported value comes from, as an index into `SOURCES`: none, derived or direct."""
        return np.where(~np.isnan(self.langsung), 2, ~np.isnan(self.turunan))

    @property
    def sumber(self) -> list[str | None]:
        """Where each reported value comes from, as `ElementScore.sumber`."""
        return np.array(SOURCES, dtype=object)[self.source].tolist()


def score_arrays(G: nx.DiGraph, options: ScoreOptions | None = None) -> ScoreArrays:
    """Direct, derived and effective capaian of every element, propagated level by level."""
    options = options or ScoreOptions()
    if options.periode not in PERIODS:
        raise CascadeError(f"periode harus salah satu dari {', '.join(PERIODS)}, bukan {options.periode!r}")
    return memo(G, f"score_arrays:{options.periode}:{options.kosong}:{options.batas}", lambda: _propagate(G, options))


def _propagate(G: nx.DiGraph, options: ScoreOptions) -> ScoreArrays:
    a = arrays(G)
    targets, realisasi = _period_arrays(G, options.periode)
    negative = np.fromiter((p == "negatif" for p in G.graph["memo"]["columns"].polaritas), dtype=bool, count=a.n)
    langsung = _cap(direct_capaian_array(targets, realisasi, negative), options.batas)
    level, cyclic = topological_levels(G)
    langsung[cyclic] = np.nan  # an element on a cycle cannot be propagated, and feeds nothing
    turunan, effective = propagate(a, level, langsung, _zero_when_missing(G, options), options.batas)
    return ScoreArrays(targets, realisasi, langsung, turunan, effective, cyclic)


def _zero_when_missing(G: nx.DiGraph, options: ScoreOptions) -> np.ndarray:
    """Mask of the supporters that count as 0 when they have no value: none under kosong="lewati";
    under "nol" all but the budget items (program, kegiatan), which have no performance data of
    their own and count only once the elements under them give them a value. Kept per graph:
    `contributions` asks for it once per element it explains."""
    def compute() -> np.ndarray:
        return np.zeros(arrays(G).n, dtype=bool) if options.kosong == "lewati" else ~is_role(G, *BUDGET_KINDS)
    return memo(G, f"zero_when_missing:{options.kosong}", compute)


def _element_scores(G: nx.DiGraph, values: ScoreArrays, options: ScoreOptions) -> dict[str, ElementScore]:
    columns = [_optional(values.realisasi), _optional(values.langsung), _optional(values.turunan)]
    return dict(zip(arrays(G).ids, map(ElementScore, arrays(G).ids, values.targets, *columns,
                                       options.skala.categories(values.effective), values.cyclic.tolist()),
                    strict=True))


def _optional(values: np.ndarray) -> list[float | None]:
    """The values as Python floats, None where NaN."""
    out = values.astype(object)
    out[np.isnan(values)] = None
    return out.tolist()


def _period_arrays(G: nx.DiGraph, periode: str) -> tuple[list[float | Rentang | None], np.ndarray]:
    """Each element's target (as given: number, range or None) and realisasi (NaN if none).

    ``tahunan`` takes the element's own columns, filling what they lack from its yearly `capaian`
    row of the cascade's `tahun` (the latest yearly row when no `tahun` is set: rows of other years
    are history, not this year's realisation), then from its quarterly rows cumulated to TW4. ``TWn`` takes the quarterly rows
    cumulated to TWn; an element without a realisasi there keeps its own target and has none.
    At 10^6 elements tens of thousands have rows, so the rows are read as arrays in one pass.
    """
    columns = G.graph["memo"]["columns"]
    targets = list(columns.target)  # a copy: the capaian table overrides some below
    yearly = periode == "tahunan"
    realisasi = np.array(columns.realisasi, dtype=float) if yearly else np.full(len(targets), np.nan)
    rows = capaian_rows(G)
    if yearly:
        tahun = G.graph["cascade"].organisasi.tahun
        latest = _last(rows.element, rows.yearly if tahun is None else rows.yearly & (rows.year == tahun))
        fills = [(rows.element[latest], _optional(rows.target[latest]), rows.realisasi[latest]), _quarterly(G, rows, 4)]
    else:
        fills = [_quarterly(G, rows, int(periode[2]))]
    for found, row_targets, row_realisasi in fills:  # in order: a later fill only completes what is still missing
        for i, target in zip(found.tolist(), row_targets):
            if target is not None and not (yearly and targets[i] is not None):
                targets[i] = target
        realisasi[found] = np.where(np.isnan(realisasi[found]), row_realisasi, realisasi[found])
    return targets, realisasi


class CapaianRows(NamedTuple):
    """The `capaian` rows of known elements as arrays, sorted by element then period, ties in input order."""

    element: np.ndarray  # index into `arrays(G).ids`
    rank: np.ndarray  # the period's place in string order
    quarter: np.ndarray  # n for TWn, 0 for a yearly row
    yearly: np.ndarray  # bool
    year: np.ndarray  # the year of a yearly row, 0 for a quarterly one
    target: np.ndarray  # NaN where none
    realisasi: np.ndarray  # NaN where none


def capaian_rows(G: nx.DiGraph) -> CapaianRows:
    """The rows naming an element, as arrays; a row naming an unknown id is the checks' business."""
    ids, periods, targets, values = columns_of(G.graph["cascade"].capaian, ["id", "periode", "target", "realisasi"])
    distinct = sorted(set(periods))
    element = np.fromiter(map(arrays(G).index.get, ids, repeat(-1)), dtype=np.int64, count=len(ids))
    rank = np.fromiter(map({p: k for k, p in enumerate(distinct)}.__getitem__, periods), dtype=np.int64,
                       count=len(ids))
    known = np.flatnonzero(element >= 0)
    order = known[np.lexsort((rank[known], element[known]))]  # stable: rows of one element and period keep their order
    period = rank[order]
    return CapaianRows(element[order], period,
                 quarter=np.array([int(p[2]) if p.startswith("TW") else 0 for p in distinct], dtype=np.int64)[period],
                 yearly=np.array([p.isdigit() for p in distinct], dtype=bool)[period],
                 year=np.array([int(p) if p.isdigit() else 0 for p in distinct], dtype=np.int64)[period],
                 target=np.array(targets, dtype=float)[order], realisasi=np.array(values, dtype=float)[order])


def _last(element: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The position of each element's last masked row, for the elements with one (rows sorted by element)."""
    at = np.flatnonzero(mask)
    return at[np.diff(element[at], append=-1) != 0]


def _quarterly(G: nx.DiGraph, rows: CapaianRows, last: int) -> tuple[np.ndarray, list[float | None], np.ndarray]:
    """Target and realisasi cumulated over TW1..TW`last`, for the elements with a realisasi there.

    Counts (`aggregation` jumlah) sum the quarters' targets and realisasi; `np.bincount` adds them
    one at a time in period order, so they round as a Python loop over the quarters would. When a
    quarter with a realisasi has no target, the summed targets would miss that quarter while the
    realisasi counts it, so the annual target stands in for the sum.
    Percentages and indices take the latest quarter with a realisasi, with its target, else the
    last target up to its period. A target of None stands for the element's own annual target.
    """
    n, given = arrays(G).n, G.graph["memo"]["columns"]
    keep = (rows.quarter > 0) & (rows.quarter <= last)
    element, rank, target, value = rows.element[keep], rows.rank[keep], rows.target[keep], rows.realisasi[keep]
    has_target, has_value = ~np.isnan(target), ~np.isnan(value)
    latest = _last(element, has_value)
    found = element[latest]
    summed = np.array([aggregation(given.agregasi[i], given.satuan[i], given.uraian[i]) == "jumlah"
                       for i in found.tolist()], dtype=bool)
    target_sum = np.bincount(element[has_target], weights=target[has_target], minlength=n)[found]
    target_count = np.bincount(element[has_target], minlength=n)[found]
    uncovered = np.bincount(element[has_value & ~has_target], minlength=n)[found] > 0
    value_sum = np.bincount(element[has_value], weights=value[has_value], minlength=n)[found]
    bound = np.full(n, -1)
    bound[found] = rank[latest]
    earlier = _last(element, has_target & (rank <= bound[element]))
    before = np.full(n, -1)
    before[element[earlier]] = earlier
    chosen = np.where(has_target[latest], latest, before[found])  # -1: no target up to the latest quarter
    new_targets = np.where(summed, target_sum, target[chosen]).astype(object)
    new_targets[~np.where(summed, (target_count > 0) & ~uncovered, chosen >= 0)] = None
    return found, new_targets.tolist(), np.where(summed, value_sum, value[latest])


def direct_capaian_array(targets: list[float | Rentang | None], realisasi: np.ndarray,
                         negative: np.ndarray) -> np.ndarray:
    """`direct_capaian` for many elements at once (NaN where there is none).

    A range target is inside 100, below it positif against `lo`, above it negatif against `hi`;
    a target of 0, a missing value or a result too large to be a number gives NaN.
    """
    target, lo, hi = target_arrays(targets)
    is_range = ~np.isnan(lo)
    above, below = is_range & (realisasi > hi), is_range & (realisasi < lo)
    target = np.where(above, hi, np.where(below, lo, target))
    negative = (negative & ~is_range) | above
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        value = np.where(negative, (2 * target - realisasi) / target * 100, realisasi / target * 100)
    value[(target == 0) | np.isnan(realisasi) | ~np.isfinite(value)] = np.nan
    value[is_range & ~above & ~below & ~np.isnan(realisasi)] = 100.0
    return value


def target_arrays(targets: list[float | Rentang | None]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Plain targets, and the bounds of range targets, as float arrays (NaN where there is none).

    Without a range, numpy reads the list in one step (None becomes NaN); a range makes that
    fail, and only then are the ranges looked for one by one.
    """
    lo, hi = np.full(len(targets), np.nan), np.full(len(targets), np.nan)
    try:
        return np.array(targets, dtype=float), lo, hi
    except TypeError:
        ranges = [i for i, t in enumerate(targets) if isinstance(t, Rentang)]
        plain = list(targets)
        for i in ranges:
            lo[i], hi[i], plain[i] = targets[i].lo, targets[i].hi, None
        return np.array(plain, dtype=float), lo, hi


def _cap(values: np.ndarray, batas: float | None) -> np.ndarray:
    return np.minimum(values, batas) if batas is not None else values


@dataclass(frozen=True)
class Contribution:
    """How one child moves its parent's derived capaian."""

    id: str
    capaian: float | None
    bobot: float
    porsi: float  # normalised weight among the children counted (0-1)
    kontribusi: float  # porsi × capaian (0 when the child has no value)


def contributions(G: nx.DiGraph, node: str, options: ScoreOptions | None = None) -> list[Contribution]:
    """Each child's value, weight, normalised share and contribution to `node`'s derived capaian."""
    options = options or ScoreOptions()
    scores = score(G, options)
    zero, index = _zero_when_missing(G, options), arrays(G).index
    counted = [(c, elemen(G, c).bobot, scores[c].capaian) for c in G.predecessors(node)
               if elemen(G, c).bobot > 0 and (scores[c].capaian is not None or zero[index[c]])]
    weight_sum = sum(w for _, w, _ in counted)
    return [Contribution(c, v, w, w / weight_sum, (w / weight_sum) * (v or 0.0)) for c, w, v in counted]


def weakest_leaves(G: nx.DiGraph, node: str, options: ScoreOptions | None = None,
                   limit: int = 5) -> list[tuple[str, float, float | None]]:
    """The leaves under `node` that pull its derived capaian down most: (id, share, capaian).

    A leaf is where the roll-up stops: an element with a direct capaian or no counted children.
    Its share is the product of normalised weights along every path to `node`; its pull is
    ``share × (100 − capaian)``, a missing value counting as 0 under ``kosong="nol"``.
    """
    options = options or ScoreOptions()
    scores = score(G, options)
    share: dict[str, float] = {node: 1.0}
    below = nx.ancestors(G, node) | {node}  # edges point child -> parent, so these are the descendants
    level = dict(zip(arrays(G).ids, topological_levels(G)[0].tolist(), strict=True))
    leaves: dict[str, float] = {}
    for current in sorted((n for n in below if not scores[n].siklus), key=level.__getitem__, reverse=True):
        if current not in share:
            continue
        parts = contributions(G, current, options)
        if (current != node and scores[current].langsung is not None) or not parts:
            leaves[current] = share[current]
            continue
        for part in parts:
            share[part.id] = share.get(part.id, 0.0) + share[current] * part.porsi
    pulls = [(leaf, s, scores[leaf].capaian) for leaf, s in leaves.items()
             if leaf != node and (scores[leaf].capaian is not None or options.kosong == "nol")]
    return sorted(pulls, key=lambda p: p[1] * (100 - (p[2] or 0.0)), reverse=True)[:limit]
