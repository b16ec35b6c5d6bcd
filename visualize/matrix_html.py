"""The matriks cascading as an HTML table with joined (rowspan) cells, alone or inside the report."""

from __future__ import annotations

from cascade.formats.indonesian import figure, percent
from visualize.escape import xml_text
from visualize.matrix import COLUMNS, HIERARCHY, Matrix, MatrixRow, longest_lines, spans
from visualize.palette import fill

STYLE = """
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 10pt; color: #1a1a1a; margin: 1.5em; }
table.matriks { border-collapse: collapse; width: 100%; table-layout: fixed; }
table.matriks th, table.matriks td { border: 1px solid #9aa4ae; padding: 3px 5px; vertical-align: top;
                                     text-align: left; overflow-wrap: anywhere; }  /* "a,b,c" wraps too */
table.matriks th { background: #e8edf2; }
table.matriks td.angka { text-align: right; white-space: nowrap; }
@page { size: A4 landscape; margin: 12mm; }
@media print { body { font-size: 7.5pt; margin: 0; } }  /* thirteen columns across landscape A4 */
"""


def table(rows: list[MatrixRow], colors: dict[str, str]) -> str:
    """The table element; every user text escaped, joined cells as rowspan."""
    covered = [spans(rows, c) for c in range(HIERARCHY)]
    headings = "".join(f"<th{width}>{xml_text(c)}</th>" for c, width in zip(COLUMNS, _widths(rows)))
    out = [f'<table class="matriks"><thead><tr>{headings}</tr></thead><tbody>']
    for i, row in enumerate(rows):
        cells = []
        for c, text in enumerate(row.texts):
            if covered[c][i]:
                span = f' rowspan="{covered[c][i]}"' if covered[c][i] > 1 else ""
                cells.append(f"<td{span}>{'<br>'.join(xml_text(t) for t in text.split(chr(10)))}</td>")
        background = f' style="background:{fill(colors, row.kategori)}"' if row.kategori else ""
        cells += [f'<td class="angka">{xml_text(figure(row.target))}</td>',
                  f'<td class="angka">{xml_text(figure(row.realisasi))}</td>',
                  f'<td class="angka"{background}>{xml_text(percent(row.capaian))}</td>']
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _widths(rows: list[MatrixRow]) -> list[str]:
    """Per column, the width attribute of its heading (a fixed-layout table takes its column widths from
    there): number columns and empty text columns as wide as their words, none for the text columns,
    which share the rest equally.

    The browser's own sizing lets a column of long unbroken words push the table off the printed page.
    """
    chars = [None if n else 0 for n in longest_lines(rows)]  # None: a text column that shares the rest
    chars += [max((len(figure(r.target)) for r in rows), default=0),
              max((len(figure(r.realisasi)) for r in rows), default=0),
              max((len(percent(r.capaian)) for r in rows), default=0)]
    return ["" if n is None else f' style="width:{max(n, *map(len, name.split())) + 2}ch"'  # 2: the padding
            for n, name in zip(chars, COLUMNS)]


def document(rows: Matrix, title: str, colors: dict[str, str]) -> str:
    """A self-contained page titled with the period: no scripts, no external files."""
    heading = xml_text(rows.heading(title))
    return ("<!DOCTYPE html>\n<html lang=\"id\"><head><meta charset=\"utf-8\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"<title>{heading}</title><style>{STYLE}</style></head><body>"
            f"<h1>{heading}</h1>\n{table(rows, colors)}\n</body></html>\n")
