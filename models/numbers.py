"""Numbers as planners type them: `1.000`, `12,5`, `90%`, and range targets `lo-hi`."""

from __future__ import annotations

import math
from decimal import Decimal
import re

_THOUSANDS_DOT = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
_INDONESIAN_BOTH = re.compile(r"^-?\d{1,3}(\.\d{3})+,\d+$")
"""Thousands dots before a decimal comma: `1.234,5`. `1,234.5` (English style) is refused, not misread."""
_RANGE = re.compile(r"^\s*(\d[\d.,]*)\s*[-–]\s*(\d[\d.,]*)\s*%?\s*$")


def parse_number(value: object) -> float:
    """Read a number written in Indonesian or plain style.

    `1.000` is one thousand (dot groups of three digits are thousands), `12,5` is twelve and a
    half, `1.234,5` mixes both, a trailing `%` is dropped, `12.5` stays twelve and a half.

    >>> parse_number("1.000"), parse_number("12,5"), parse_number("1.234,5"), parse_number("90%"), parse_number(7)
    (1000.0, 12.5, 1234.5, 90.0, 7.0)
    """
    if isinstance(value, bool):
        raise ValueError(f"harus berupa angka, bukan {value!r}")
    if isinstance(value, (int, float)):
        try:
            number = float(value)
        except OverflowError:  # an integer too large for a float: no target is that big
            raise ValueError(f"angka terlalu besar: {value!r}") from None
    else:
        text = str(value).strip().rstrip("%").strip().replace(" ", "")
        if "," in text and "." in text:
            if not _INDONESIAN_BOTH.match(text):
                raise ValueError(f"format angka {str(value)!r} tidak dikenal; tulis gaya Indonesia (1.234,5) "
                                 f"atau tanpa pemisah ribuan (1234.5)")
            text = text.replace(".", "").replace(",", ".")
        elif "," in text:
            text = text.replace(",", ".")
        elif _THOUSANDS_DOT.match(text):
            text = text.replace(".", "")
        try:
            number = float(text)
        except ValueError:
            raise ValueError(f"harus berupa angka, bukan {str(value)!r}") from None
    if not math.isfinite(number):
        raise ValueError(f"harus berupa angka berhingga, bukan {value!r}")
    return number


def parse_range(value: object) -> tuple[float, float] | None:
    """Return `(lo, hi)` when `value` is written as a range such as `60-80`, else None.

    >>> parse_range("60-80"), parse_range("80")
    ((60.0, 80.0), None)
    """
    match = _RANGE.match(str(value)) if isinstance(value, str) else None
    if not match:
        return None
    lo, hi = parse_number(match.group(1)), parse_number(match.group(2))
    if lo > hi:
        raise ValueError(f"rentang target terbalik: {value!r} (batas bawah lebih besar dari batas atas)")
    return lo, hi


def format_number(value: float) -> str:
    """The shortest plain text that `parse_number` reads back as exactly `value`.

    A dot followed by three digits reads as a thousands separator (`1.125` is 1125), so such a
    decimal gets a trailing zero.

    >>> format_number(85.0), format_number(12.5), format_number(1.125), format_number(1e20)
    ('85', '12.5', '1.1250', '100000000000000000000')
    """
    text = repr(float(value))
    if "e" in text:  # repr chose an exponent: write every digit out
        text = format(Decimal(text), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if _THOUSANDS_DOT.match(text):  # what parse_number would read as thousands
        text += "0"
    return text
