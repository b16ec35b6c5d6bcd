"""The matriks cascading as CSV: every cell filled on every row, plain numbers, for other tools.

A text cell that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
return: "CSV injection") gets a leading apostrophe, as OWASP advises; the .xlsx form needs none.
"""

from __future__ import annotations

import csv
import io

from models.cells import csv_value
from visualize.matrix import COLUMNS, MatrixRow


def render(rows: list[MatrixRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([csv_value(v) for v in (*row.texts, row.target, row.realisasi, row.capaian)])
    return out.getvalue()
