"""The matriks cascading as CSV: every cell filled on every row, plain numbers, for other tools.

A text cell that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
return: "CSV injection") gets a leading apostrophe, as OWASP advises; the .xlsx form needs none.
"""

from __future__ import annotations

import csv
import io

from visualize.matrix import COLUMNS, MatrixRow


def render(rows: list[MatrixRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([*(_inert(t) for t in row.texts), _plain(row.target), _plain(row.realisasi),
                         _plain(row.capaian)])
    return out.getvalue()


def _plain(value: object) -> str:
    """Numbers as Python writes them (spreadsheets read them); a range target as ``lo-hi``."""
    if value is None:
        return ""
    return f"{value:.6g}" if isinstance(value, float) else str(value)


def _inert(text: str) -> str:
    """A leading apostrophe on text a spreadsheet would run as a formula.

    >>> _inert("=HYPERLINK(1)"), _inert("Persentase")
    ("'=HYPERLINK(1)", 'Persentase')
    """
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
