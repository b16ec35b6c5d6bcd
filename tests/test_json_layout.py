"""The hand-indented JSON reads back as the same value, and matches json.dumps(indent=2) when deep enough."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cascade.formats.json_layout import Encoded, dumps

VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30)


@given(VALUES, st.integers(0, 4))
def test_reads_back_as_the_same_value(value, depth):
    assert json.loads(dumps(value, depth)) == value


@given(VALUES)
def test_deep_enough_it_is_json_dumps_indented(value):
    assert dumps(value, 50) == json.dumps(value, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("depth", [1, 2, 3])
@pytest.mark.parametrize("items", [[], [{"a": 1}], [{"a": [1, 2]}, "x", None, 2.5]])
def test_encoded_items_are_written_as_given_one_per_line(items, depth):
    encoded = Encoded(json.dumps(item, ensure_ascii=False) for item in items)
    document = {"k": "v", "items": encoded}
    expected = dumps({"k": "v", "items": items}, min(depth, 2))
    if depth <= 2:
        assert dumps(document, depth) == expected
    else:  # deeper than the items: they stay on their lines, and read back the same
        assert json.loads(dumps(document, depth)) == {"k": "v", "items": items}
