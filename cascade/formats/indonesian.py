"""Numbers as Indonesian readers write them: decimal comma, thousands dot."""

from __future__ import annotations

import math

from models.cascade import Rentang
from models.cells import grouped
from models.numbers import format_number


def number(value: float | Rentang | None, decimals: int = 1) -> str:
    """A number with a decimal comma and a thousands dot; `-` when there is none.

    >>> number(1234.5), number(None), number(80.0)
    ('1.234,5', '-', '80')
    """
    if value is None:
        return "-"
    if isinstance(value, Rentang):
        return f"{number(value.lo, decimals)}-{number(value.hi, decimals)}"
    text = f"{value:,.{decimals}f}" if value != int(value) else f"{int(value):,}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def figure(value: float | Rentang | None) -> str:
    """A target or realisasi as written: up to three decimals, none of them trailing zeros, so a
    ratio target of 1.125 is not shown as 1,1.

    >>> figure(1.125), figure(72.5), figure(1000.0), figure(None)
    ('1,125', '72,5', '1.000', '-')
    """
    if isinstance(value, Rentang):
        return f"{figure(value.lo)}-{figure(value.hi)}"
    text = number(value, 3)
    return text.rstrip("0").rstrip(",") if "," in text else text


def exact(value: float) -> str:
    """Every digit of a number, Indonesian style: what a changed value was and became.

    >>> exact(1234.5), exact(1.125), exact(-0.5), exact(1e20)
    ('1.234,5', '1,125', '-0,5', '100.000.000.000.000.000.000')
    """
    text = format_number(value)
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _, fraction = digits.partition(".")
    fraction = fraction.rstrip("0")
    return sign + grouped(int(whole)) + (f",{fraction}" if fraction else "")


SETTLED_DECIMALS = 6
"""Capaian is compared with category bounds and shown after rounding to this many decimals, so a
float error (90.99999999999999 for 2,002 / 2,2) neither lowers its category nor its figure."""


def shown_percent(value: float) -> float:
    """The one-decimal figure a capaian is shown as: rounded down, since 90,96 is below the 91 of
    'Sangat Tinggi' and its category must not contradict its number.

    >>> shown_percent(90.96), shown_percent(2.002 / 2.2 * 100), shown_percent(72.3)
    (90.9, 91.0, 72.3)
    """
    return math.floor(round(value, SETTLED_DECIMALS) * 10 + 1e-9) / 10  # 1e-9: 72,3 x 10 is 722,99999...


def percent(value: float | None) -> str:
    """A capaian as shown, Indonesian style (`shown_percent`).

    >>> percent(95.25), percent(90.96), percent(100.0), percent(None)
    ('95,2%', '90,9%', '100%', '-')
    """
    return "-" if value is None else f"{number(shown_percent(value))}%"
