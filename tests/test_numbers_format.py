"""format_number's fast path writes exactly what the Decimal-based original wrote."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from models.numbers import format_number, parse_number


def original(value: float) -> str:
    text = format(Decimal(repr(float(value))), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if parse_number(text) != value:
        text += "0"
    return text


@settings(max_examples=3000, deadline=None)
@given(st.one_of(st.floats(allow_nan=False, allow_infinity=False),
                 st.decimals(min_value=-10**6, max_value=10**6, places=3, allow_nan=False).map(float),
                 st.integers(-10**7, 10**7).map(float)))
def test_format_number_matches_the_original_and_reads_back(value):
    assert format_number(value) == original(value)
    assert parse_number(format_number(value)) == value
