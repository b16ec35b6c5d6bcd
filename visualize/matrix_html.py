"""The matriks cascading as an HTML table with joined (rowspan) cells, alone or inside the report."""

from __future__ import annotations

from cascade.formats.indonesian import figure, percent
from visualize.escape import xml_text
from visualize.matrix import COLUMNS, HIERARCHY, MatrixRow, spans
from visualize.palette import fill

STYLE = """
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 10pt; color: #1a1a1a; margin: 1.5em; }
table.matriks { border-collapse: collapse; width: 100%; }
table.matriks th, table.matriks td { border: 1px solid #9aa4ae; padding: 3px 5px; vertical-align: top;
                                     text-align: left; }
table.matriks th { background: #e8edf2; }
table.matriks td.angka { text-align: right; white-space: nowrap; }
@page { size: A4 landscape; margin: 12mm; }
"""


def table(rows: list[MatrixRow], colors: dict[str, str]) -> str:
    """The table element; every user text escaped, joined cells as rowspan."""
    covered = [spans(rows, c) for c in range(HIERARCHY)]
    out = ['<table class="matriks"><thead><tr>' + "".join(f"<th>{xml_text(c)}</th>" for c in COLUMNS)
           + "</tr></thead><tbody>"]
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


def document(rows: list[MatrixRow], title: str, colors: dict[str, str]) -> str:
    """A self-contained page: no scripts, no external files."""
    return ("<!DOCTYPE html>\n<html lang=\"id\"><head><meta charset=\"utf-8\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"<title>{xml_text(title)}</title><style>{STYLE}</style></head><body>"
            f"<h1>{xml_text(title)}</h1>\n{table(rows, colors)}\n</body></html>\n")
