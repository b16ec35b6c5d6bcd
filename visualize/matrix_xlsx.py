"""The matriks cascading as an Excel workbook, the form planners paste into the LKjIP.

Upper levels are merged cells over the rows below them, the header row is frozen, columns are
as wide as their text (up to a limit, then wrapped), numbers are stored as numbers (capaian as
a percentage), and the sheet prints landscape on A4, one page wide. User text is always stored
as text: a statement starting with ``=`` is never turned into a formula.
"""

from __future__ import annotations

import io
import math

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from cascade.formats.indonesian import shown_percent
from models.cascade import Rentang
from models.cells import UNSAFE_START
from visualize.escape import visible
from visualize.matrix import COLUMNS, HIERARCHY, Matrix, MatrixRow, longest_lines, spans
from visualize.palette import fill

MAX_WIDTH = 45  # characters; longer text wraps
NUMBER_WIDTH = 12
LINE_HEIGHT = 13.0  # points per line of 10-point text
HEADER_LIMIT = 100  # characters of the title atop printed pages (Excel allows 255 in all, codes included)
THIN = Side(style="thin", color="9AA4AE")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TOP_LEFT = Alignment(wrap_text=True, vertical="top", horizontal="left")
TOP_RIGHT = Alignment(vertical="top", horizontal="right")


def render(rows: Matrix, title: str, colors: dict[str, str]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Matriks cascading"
    book.properties.title = visible(rows.heading(title))
    for c, name in enumerate(COLUMNS, 1):
        cell = sheet.cell(1, c, name)
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="E8EDF2")
        cell.alignment, cell.border = Alignment(wrap_text=True, vertical="center"), BOX
    _state_period(sheet, visible(title), rows.periode)
    for r, row in enumerate(rows, 2):
        for c, text in enumerate(row.texts):
            _text_cell(sheet, r, c + 1, text)
        _number_cell(sheet, r, HIERARCHY + 1, row.target, _plain_format(row.target))
        _number_cell(sheet, r, HIERARCHY + 2, row.realisasi, _plain_format(row.realisasi))
        # Written as shown elsewhere (90,96 as 90,9%): Excel's 0.0% would round it up into the next category.
        _number_cell(sheet, r, HIERARCHY + 3, None if row.capaian is None else shown_percent(row.capaian) / 100, "0.0%")
        if row.kategori:
            sheet.cell(r, HIERARCHY + 3).fill = PatternFill("solid", fgColor=fill(colors, row.kategori).lstrip("#"))
    widths = [max(len(name), w) for name, w in zip(COLUMNS, longest_lines(rows))]
    column_widths = [min(w, MAX_WIDTH) + 2 for w in widths] + [NUMBER_WIDTH] * (len(COLUMNS) - HIERARCHY)
    for c, width in enumerate(column_widths, 1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    _merge(sheet, rows)
    _row_heights(sheet, rows, column_widths)
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _state_period(sheet, title: str, periode: str) -> None:
    """The period without moving the header row that other tools read: a note on the Capaian header
    cell, and the title and period atop every printed page."""
    said = f"capaian periode {periode}"
    sheet.cell(1, HIERARCHY + 3).comment = Comment(f"Target, realisasi dan {said}.", "cascade")
    title = title if len(title) <= HEADER_LIMIT else title[:HEADER_LIMIT - 1] + "…"
    sheet.oddHeader.center.text = title.replace("&", "&&")  # a lone & starts a header code (&P, &D, ...)
    sheet.oddHeader.right.text = said


def _text_cell(sheet, r: int, c: int, text: str) -> None:
    cell = sheet.cell(r, c)
    if text:
        cell.value = visible(text)  # openpyxl refuses control characters
        cell.data_type = "s"  # literal text, even when it starts with "="
        # Excel's quote prefix keeps it literal when a planner edits the cell (F2, Enter), as in export.
        cell.quotePrefix = cell.value.startswith(UNSAFE_START)
    cell.alignment, cell.border = TOP_LEFT, BOX


def _plain_format(value: float | Rentang | None) -> str:
    """A whole number without a trailing decimal separator ("70", not "70."); others with 1-2 decimals."""
    if isinstance(value, (int, float)) and float(value).is_integer():
        return "#,##0"
    return "#,##0.0#"


def _number_cell(sheet, r: int, c: int, value: float | Rentang | None, number_format: str) -> None:
    cell = sheet.cell(r, c)
    if isinstance(value, Rentang):
        cell.value = str(value)  # a range target stays readable text
    elif value is not None:
        cell.value, cell.number_format = value, number_format
    cell.alignment, cell.border = TOP_RIGHT, BOX


def _merge(sheet, rows: list[MatrixRow]) -> None:
    for c in range(HIERARCHY):
        for i, span in enumerate(spans(rows, c)):
            if span > 1:
                sheet.merge_cells(start_row=i + 2, start_column=c + 1, end_row=i + span + 1, end_column=c + 1)


def _row_heights(sheet, rows: list[MatrixRow], widths: list[float]) -> None:
    """Tall enough for the wrapped text, a joined cell's extra lines going to its last row.

    Spreadsheets do not re-measure rows written by a program, so without this wrapped text hides.
    """
    def lines(c: int, text: str) -> int:
        return sum(math.ceil(max(len(part), 1) / max(widths[c] - 2, 1)) for part in text.split("\n")) if text else 1

    covered = [spans(rows, c) for c in range(HIERARCHY)]
    height = [max([lines(c, row.texts[c]) for c in range(HIERARCHY) if covered[c][i] == 1], default=1)
              for i, row in enumerate(rows)]
    for c in range(HIERARCHY):
        for i, span in enumerate(covered[c]):
            if span > 1:
                missing = lines(c, rows[i].texts[c]) - sum(height[i:i + span])
                if missing > 0:
                    height[i + span - 1] += missing
    for i, count in enumerate(height):
        sheet.row_dimensions[i + 2].height = count * LINE_HEIGHT + 2
