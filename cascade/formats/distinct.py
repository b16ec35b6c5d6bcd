"""Output columns written once per distinct value: a province's column holds far fewer distinct
values than rows, so each is written once and the rows point at it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import numpy as np

T = TypeVar("T")


def distinct_values(values: np.ndarray) -> tuple[list[float], np.ndarray]:
    """The distinct values of a float column (NaN left out) and, for each row, its value's place
    among them, or their count where the row is NaN.

    Values are told apart by their bits, so 0.0 and -0.0 keep their own text.

    >>> distinct_values(np.array([2.0, np.nan, -0.0, 2.0, 0.0]))
    ([-0.0, 0.0, 2.0], array([2, 3, 0, 2, 1]))
    """
    known = ~np.isnan(values)
    distinct, where = np.unique(values[known].view(np.int64), return_inverse=True)
    rows = np.full(values.size, distinct.size)
    rows[known] = where
    return distinct.view(np.float64).tolist(), rows


def each_once(values: list[T], write: Callable[[T], str]) -> list[str]:
    """`write` of each value, for a column of a few distinct values (labels, sources): each written once."""
    made = {value: write(value) for value in set(values)}
    return list(map(made.__getitem__, values))


def written(values: np.ndarray, write: Callable[[float], str], missing: str) -> np.ndarray:
    """Each value as `write` writes it, `missing` for NaN, as an object array."""
    distinct, rows = distinct_values(values)
    return np.array([*map(write, distinct), missing], dtype=object)[rows]
