"""JSON laid out for people and written fast: indented at the top, one line per item below.

`json.dumps(indent=2)` goes through the pure-Python encoder, about 10 µs an item: seconds for a
province's findings or capaian. Here only the outer levels are indented by hand and every deeper
value is written whole by json's C encoder, so each finding or element stays on one line.
"""

from __future__ import annotations

import json


class Encoded(list):
    """A list whose items are already JSON text (compact, as `json.dumps` writes them), each written
    on its own line as it is: what a caller encoded itself, a column at a time.

    Its parent must be laid out (within `depth`): inside a value written on one line, json's encoder
    would take the items for strings.
    """


def dumps(value: object, depth: int) -> str:
    """`value` as JSON, indented by two spaces for `depth` levels, deeper values on one line;
    the items of an `Encoded` list are taken as written.

    >>> print(dumps({"findings": [{"code": "K101", "elements": ["a"]}], "summary": {"error": 1}}, 2))
    {
      "findings": [
        {"code": "K101", "elements": ["a"]}
      ],
      "summary": {
        "error": 1
      }
    }
    """
    return _dumps(value, depth, "")


def _dumps(value: object, depth: int, margin: str) -> str:
    if isinstance(value, Encoded):
        if depth == 0 or not value:
            return "[" + ", ".join(value) + "]"
        inner = margin + "  "
        return "[\n" + inner + f",\n{inner}".join(value) + f"\n{margin}]"
    if depth == 0 or not isinstance(value, (dict, list)) or not value:
        return json.dumps(value, ensure_ascii=False)
    inner = margin + "  "
    if isinstance(value, dict):
        items = [f"{inner}{json.dumps(key, ensure_ascii=False)}: {_dumps(item, depth - 1, inner)}"
                 for key, item in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{margin}}}"
    items = [f"{inner}{_dumps(item, depth - 1, inner)}" for item in value]
    return "[\n" + ",\n".join(items) + f"\n{margin}]"
