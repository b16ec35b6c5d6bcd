"""Numbers as Indonesian readers write them: decimal comma, thousands dot."""

from __future__ import annotations

import math

from models.cascade import Rentang
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
    return sign + f"{int(whole):,}".replace(",", ".") + (f",{fraction}" if fraction else "")


def percent(value: float | None) -> str:
    """A percentage to one decimal, Indonesian style, rounded down: 90,96 is shown 90,9, not 91,
    since it is below the 91 of 'Sangat Tinggi' and its category must not contradict its number.

    >>> percent(95.25), percent(90.96), percent(100.0), percent(None)
    ('95,2%', '90,9%', '100%', '-')
    """
    if value is None:
        return "-"
    return f"{number(math.floor(value * 10 + 1e-9) / 10)}%"  # the 1e-9 keeps 72,3 (72.29999...) at 72,3
