"""Printing the matriks cascading and the audit report to A4 in a real headless Chromium, as a planner does.

Layout is checked two ways: the PDF Chromium prints (page count, page size, and the scale each
page is drawn at: Chromium shrinks every page when anything is wider than the page, and clips
what is still too wide), and the page laid out for print (`Emulation.setEmulatedMedia`) at the
width between the page margins, where boxes can be measured. Skipped, saying so, without Chromium.
"""

import base64
import re
import zlib
from pathlib import Path

import pytest

from tests.test_report import FIXTURES, chromium_page, keep, run
from visualize.report_pohon import FIRST_HEIGHT, LEGIBLE, NEXT_HEIGHT, PAGE_WIDTH

MM = 96 / 25.4  # CSS px per mm
FULL_SIZE = 0.75  # pt per CSS px: a page drawn without shrinking
LANDSCAPE = (842, 595)  # A4 in pt


def printed(tools, session, path: Path, **options) -> bytes:
    pdf = base64.b64decode(tools.send("Page.printToPDF", session, preferCSSPageSize=True, **options)["data"])
    path.write_bytes(pdf)
    keep(path)
    return pdf


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


def page_sizes(pdf: bytes) -> set[tuple[int, int]]:
    return {(round(float(w)), round(float(h))) for w, h in re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)}


def page_scales(pdf: bytes) -> list[float]:
    """The scale (pt per CSS px) of every page whose content stream opens the way Chromium's (Skia's)
    does: a flip to top-down device units, a clip to the page area, then the CSS scale."""
    scales = []
    for stream in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, flags=re.DOTALL):
        try:
            text = zlib.decompress(stream.group(1))
        except zlib.error:
            continue
        opening = re.match(rb"([\d.]+) 0 0 -[\d.]+ 0 [\d.]+ cm\nq\n[\d. ]+ re\nW\*? n\nq\n([\d.]+) 0 0 [\d.]+ ", text)
        if opening:
            scales.append(round(float(opening.group(1)) * float(opening.group(2)), 3))
    return scales


def lay_out_for_print(tools, session, width_mm: float) -> None:
    """The page as printed, at the width between the margins of a page `width_mm` wide inside them."""
    tools.send("Emulation.setEmulatedMedia", session, media="print")
    tools.send("Emulation.setDeviceMetricsOverride", session, width=round(width_mm * MM), height=900,
               deviceScaleFactor=1, mobile=False)


@pytest.fixture(scope="module")
def report_page(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("cetak") / "laporan-probolinggo.html"
    assert run("report", FIXTURES / "probolinggo.yaml", "-o", out).exit_code == 0
    return out


# --- 1. the matriks cascading fits the landscape page ---------------------------------------------------

def test_printed_matrix_is_not_shrunk_and_every_cell_fits_the_page_width(tmp_path):
    """Printed alone, the matrix was wider than landscape A4: shrunk, and still clipped ("Capai", "101,")."""
    out = tmp_path / "matriks.html"
    assert run("matrix", FIXTURES / "probolinggo.yaml", "-o", out).exit_code == 0
    with chromium_page(out.as_uri()) as (tools, session):
        pdf = printed(tools, session, tmp_path / "matriks-cetak.pdf")
        lay_out_for_print(tools, session, 297 - 2 * 12)
        page = tools.evaluate(session, "[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        spilling = tools.evaluate(session, """Array.from(document.querySelectorAll('th, td'))
            .filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.textContent)""")
    assert page_sizes(pdf) == {LANDSCAPE}
    scales = page_scales(pdf)
    assert scales and set(scales) == {FULL_SIZE}
    assert page[0] <= page[1] and spilling == []


# --- 3. and 4. the report's folded findings and its last page --------------------------------------------

def test_printing_the_report_opens_the_findings_per_unit(report_page):
    """Only the unit headings printed: their <details> stayed closed."""
    with chromium_page(report_page.as_uri()) as (tools, session):
        closed = "Array.from(document.querySelectorAll('#temuan-unit details')).filter(d => !d.open).length"
        assert tools.evaluate(session, closed) > 0  # folded on screen
        lay_out_for_print(tools, session, 210 - 2 * 12)
        hidden = tools.evaluate(session, """Array.from(document.querySelectorAll('details > ul'))
            .filter(list => !list.checkVisibility()).length""")
        assert hidden == 0  # print styles show folded lists, even where the script does not run
        tools.send("Page.printToPDF", session, preferCSSPageSize=True, pageRanges="1")
        assert tools.evaluate(session, closed) == 0  # and the script opens them before printing


def test_the_footer_shares_the_last_page_of_the_report(tmp_path):
    """The one-line footer, portrait after the landscape matrix, took a page of its own."""
    out = tmp_path / "laporan-sampang.html"
    assert run("report", FIXTURES / "sampang.yaml", "-o", out).exit_code == 0
    with chromium_page(out.as_uri()) as (tools, session):
        pages = page_count(printed(tools, session, tmp_path / "laporan.pdf"))
        last = printed(tools, session, tmp_path / "laporan-akhir.pdf", pageRanges=str(pages))
        tools.evaluate(session, "document.querySelector('footer').remove()")
        without_footer = page_count(printed(tools, session, tmp_path / "laporan-tanpa-kaki.pdf"))
    assert page_sizes(last) == {LANDSCAPE}  # the matrix's last page
    assert pages == without_footer


# --- 6. the pohon kinerja, legible on paper and on screen ------------------------------------------------

def test_report_prints_at_full_size(report_page, tmp_path):
    """A table wider than the page made Chromium shrink every page of the report."""
    with chromium_page(report_page.as_uri()) as (tools, session):
        scales = page_scales(printed(tools, session, tmp_path / "laporan.pdf"))
    assert scales and set(scales) == {FULL_SIZE}


def test_each_printed_drawing_fits_its_page_at_a_legible_scale(report_page):
    """With --arah LR the whole tree printed as a strip 2 cm wide on one landscape page."""
    with chromium_page(report_page.as_uri()) as (tools, session):
        lay_out_for_print(tools, session, PAGE_WIDTH)
        drawings = tools.evaluate(session, """Array.from(document.querySelectorAll('#pohon > section')).map(f => {
            const natural = parseFloat(getComputedStyle(f).getPropertyValue('--lebar')) * 96 / 25.4;
            const whole = f.querySelector(':scope > svg'), units = whole.viewBox.baseVal.width;
            const views = f.classList.contains('dipotong') ? Array.from(f.querySelectorAll('.potongan svg')) : [whole];
            return views.map(v => { const r = v.getBoundingClientRect();
                return [r.width, r.height, r.width / (v.viewBox.baseVal.width * natural / units)]; }); })""")
    assert len(drawings) >= 2 and all(drawings)
    tall = max(FIRST_HEIGHT, NEXT_HEIGHT) * MM
    for views in drawings:
        for width, height, scale in views:
            assert width <= PAGE_WIDTH * MM + 1 and height <= tall + 1
            assert scale >= LEGIBLE - 1e-3


def test_on_screen_each_drawing_shows_boxes_at_its_top(report_page):
    """On screen the one tall drawing began with more than 2000 px of blank before the first box."""
    with chromium_page(report_page.as_uri()) as (tools, session):
        gaps = tools.evaluate(session, """Array.from(document.querySelectorAll('#pohon > section')).map(f =>
            Math.min(...Array.from(f.querySelectorAll(':scope > svg g.kotak'))
                .map(g => g.getBoundingClientRect().top - f.getBoundingClientRect().top)))""")
        wider = tools.evaluate(session, """Array.from(document.querySelectorAll('#pohon > section'))
            .filter(f => f.scrollWidth > f.clientWidth).length""")
    assert gaps and max(gaps) < 400
    assert wider == 0  # LR drawings fit the panel's width: no scrolling sideways
