"""A province's table written out in parts, not first copied whole into one string.

At 10^6 rows the text table is about 125 million characters, held two bytes each once a label holds
"…": joining it whole, then encoding it whole for the output, costs a second in copies and fresh
pages. Joined and written a few thousand rows at a time, the same memory serves every part.
"""

from __future__ import annotations

from collections.abc import Iterator

ROWS_A_PART = 20_000


def joined_in_parts(items: list[str], per_part: int, end: str = "") -> Iterator[str]:
    """`items` joined `per_part` at a time, each part ending with `end` and joined with it.

    >>> list(joined_in_parts(["a", "b", "c"], 2, "\\n"))
    ['a\\nb\\n', 'c\\n']
    """
    return (end.join(items[start:start + per_part]) + end for start in range(0, len(items), per_part))
