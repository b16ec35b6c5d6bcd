"""Hostile text from cascade files renders literally everywhere: DOT, SVG (both layouts), HTML, Markdown, xlsx.

Each input below is used as a statement, a position name, an element id and the organisation
name. It must never break the DOT, inject markup, or make Graphviz read a local file.
"""

import io
import json
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from cascade.cli import main
from visualize.escape import dot_string, html_label_text, visible
from visualize.graphviz_run import find_backend, run_graphviz

SVG = "{http://www.w3.org/2000/svg}"

HOSTILE = {
    "kutip": 'kutip "ganda" dan \'tunggal\' ";',
    "sudut": "a < b > c & d",
    "markup": "<b>tebal</b> <i>miring</i> <FONT COLOR=\"red\">x</FONT>",
    "img": '<IMG SRC="/etc/passwd"/>',
    "script": "<script>alert(1)</script>",
    "escape": r"garis \N \G \L \E \T \H \n \l \r \\ akhir",
    "garis-miring-akhir": "berakhir garis miring \\",
    "baris-baru": "baris satu\nbaris dua\r\nbaris tiga",
    "kontrol": "kontrol \x00 \x07 \x1b \x7f \x85 akhir",
    "bentuk-tag": "<<TABLE>> </TD></TR></TABLE>> <!-- komentar --> ]]>",
    "dot": '"]; n0 -> n1; x [label="', 
    "kurung": "} digraph { a -> b",
    "entitas": "&amp; &lt; &#92;N &#x5C;G",
    "bidi": "ka\u202eri \u2066x\u2069 y\u200bz\ufeff",
    "markdown": "![g](http://x/y.png) [t](https://x) *b* `k` ~s~",
}


def expected(text: str) -> str:
    """What a reader must see: the same characters, undrawable ones as visible stand-ins, spacing collapsed."""
    return " ".join(visible(text).split())


def cascade_file(tmp_path: Path, text: str, extra_file: str | None = None) -> Path:
    """A small valid cascade whose every user string carries `text` (JSON keeps control characters)."""
    ident = f"id {text}"
    data = {
        "organisasi": {"kode": "x", "nama": f"Org {text}"},
        "jabatan": [{"id": "kadis", "nama": f"Kadis {text}", "eselon": "II"},
                    {"id": "staf", "nama": f"Staf {text}", "eselon": "pelaksana", "atasan": "kadis"}],
        "elemen": [
            {"id": ident, "jenis": "sasaran", "uraian": f"Sasaran {text}", "jabatan": "kadis"},
            {"id": "iku", "jenis": "indikator", "uraian": f"IKU {text}", "jabatan": "kadis", "induk": [ident],
             "target": "10", "realisasi": "8", "formula": "=HYPERLINK(\"http://x\")", "sumber_data": "x"},
            {"id": "iki", "jenis": "indikator", "uraian": extra_file or f"IKI {text}", "jabatan": "staf",
             "induk": ["iku"]},
        ],
    }
    path = tmp_path / "kaskade.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def svg_text(svg: bytes) -> str:
    """All drawn text of a (well-formed) SVG, lines joined by spaces."""
    root = ET.fromstring(svg)
    return " ".join(" ".join(t.text.split()) for t in root.iter()
                    if t.tag in (f"{SVG}text", f"{SVG}tspan") and t.text)


def assert_no_injection(svg: bytes, boxes: int) -> None:
    root = ET.fromstring(svg)  # well-formed XML: control characters did not leak through
    tags = {e.tag.removeprefix(SVG) for e in root.iter()}
    assert tags <= {"svg", "g", "title", "text", "tspan", "path", "polygon", "rect", "ellipse", "polyline"}, tags
    assert not [e for e in root.iter() if any("href" in a for a in e.attrib)]
    assert len([g for g in root.iter(f"{SVG}g") if "kotak" in (g.get("class") or "").split()]) == boxes


@pytest.mark.parametrize("name", HOSTILE)
@pytest.mark.parametrize("layout", ["dot", "pohon"])
def test_svg_shows_hostile_text_literally(tmp_path, name, layout):
    if layout == "dot" and find_backend() is None:
        pytest.skip("no Graphviz installed")
    text = HOSTILE[name]
    out = tmp_path / "p.svg"
    result = run("render", cascade_file(tmp_path, text), "-o", out, "--tata-letak", layout)
    assert result.exit_code == 0, result.output
    svg = out.read_bytes()
    assert_no_injection(svg, boxes=2)  # the sasaran with its IKU, and the IKI
    drawn = svg_text(svg)
    for prefix in ("Sasaran", "IKU", "IKI", "Kadis", "Staf", "Org", "id"):
        # Statements are wrapped on spaces; rejoining the lines gives the text back.
        assert f"{prefix} {expected(text)}" in drawn, prefix


def test_graphviz_never_reads_a_local_file_named_in_a_label(tmp_path):
    secret = tmp_path / "rahasia.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\n")
    payload = f'<IMG SRC="{secret}"/><TABLE><TR><TD><IMG SRC="{secret}"/></TD></TR></TABLE>'
    path = cascade_file(tmp_path, "x", extra_file=payload)
    source_file = tmp_path / "p.dot"
    assert run("render", path, "-o", source_file).exit_code == 0
    source = source_file.read_text(encoding="utf-8")
    # Graphviz reads files only for <IMG> in HTML-like labels and image/shapefile attributes: none exist.
    assert "<img" not in source.lower() and "image=" not in source and "shapefile" not in source
    if find_backend() is None:
        return
    out = tmp_path / "p.svg"
    assert run("render", path, "-o", out).exit_code == 0
    svg = out.read_bytes()
    assert b"<image" not in svg
    assert "".join(payload.split()) in "".join(svg_text(svg).split())


@pytest.mark.parametrize("name", HOSTILE)
def test_dot_strings_and_html_labels_read_back_exactly(name):
    if find_backend() is None:
        pytest.skip("no Graphviz installed")
    text = HOSTILE[name]
    one_line = visible(text).replace("\n", " ")
    source = (f"digraph {{ a [label={dot_string(one_line)}]; "
              f"b [label=<<TABLE><TR><TD>{html_label_text(text)}</TD></TR></TABLE>>]; }}")
    svg = run_graphviz(source, "svg", timeout=60)
    root = ET.fromstring(svg)
    drawn = [" ".join((t.text or "").split()) for t in root.iter(f"{SVG}text")]
    assert drawn == [" ".join(one_line.split())] * 2


def test_dot_source_is_not_broken_by_hostile_ids_and_text(tmp_path):
    for name, text in HOSTILE.items():
        out = tmp_path / f"{name}.dot"
        assert run("render", cascade_file(tmp_path, text), "-o", out).exit_code == 0
        source = out.read_text(encoding="utf-8")
        # only generated node names (n0, n1): user ids never name a node
        assert "n0 [" in source and "n1 [" in source and "n2 [" not in source
        if find_backend("dot"):
            done = subprocess.run(["dot", "-Tplain"], input=source.encode(), capture_output=True, timeout=60)
            assert done.returncode == 0, (name, done.stderr)
            nodes = [line for line in done.stdout.decode().splitlines() if line.startswith("node ")]
            assert len(nodes) == 2, name


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text, self.scripts = set(), [], 0

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.scripts += tag == "script"

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize("name", HOSTILE)
def test_report_and_html_matrix_escape_every_user_string(tmp_path, name):
    text = HOSTILE[name]
    path = cascade_file(tmp_path, text)
    for command, out in (("report", tmp_path / "laporan.html"), ("matrix", tmp_path / "matriks.html")):
        assert run(command, path, "-o", out, "--periode", "tahunan").exit_code == 0
        page = _Collector()
        page.feed(out.read_text(encoding="utf-8"))
        allowed = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "p", "strong", "br", "span",
                   "section", "table", "thead", "tbody", "tr", "th", "td", "details", "summary", "ul", "li", "a",
                   "button", "div", "script", "footer", "svg", "g", "path", "polygon", "text", "tspan", "rect",
                   "ellipse", "polyline"}
        assert page.tags <= allowed, page.tags - allowed
        assert page.scripts == (2 if command == "report" else 0)  # the data block and the report's own script
        readable = " ".join(" ".join(page.text).split())
        assert f"IKU {expected(text)}" in readable


@pytest.mark.parametrize("name", HOSTILE)
def test_markdown_csv_and_xlsx_keep_hostile_text_as_text(tmp_path, name):
    text = HOSTILE[name]
    path = cascade_file(tmp_path, text)
    md = tmp_path / "m.md"
    assert run("matrix", path, "-o", md).exit_code == 0
    audit_md = run("check", path, "--format", "markdown").stdout
    for body in (md.read_text(encoding="utf-8"), audit_md):
        assert "<script" not in body and "<b>" not in body and "<IMG" not in body
        assert "![g](" not in body and "[t](" not in body and "http://x" not in body and " *b* " not in body
    xlsx = tmp_path / "m.xlsx"
    assert run("matrix", path, "-o", xlsx).exit_code == 0
    sheet = load_workbook(io.BytesIO(xlsx.read_bytes())).active
    values = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert f"IKU {expected(text)}" in values
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_matrix_xlsx_keeps_formula_like_statements_literal_when_edited(tmp_path):
    path = tmp_path / "k.yaml"
    path.write_text(
        "organisasi: {kode: x, nama: X}\njabatan:\n  - {id: kadis, nama: Kadis}\nelemen:\n"
        "  - {id: s, jenis: sasaran, uraian: '=HYPERLINK(\"http://x\")', jabatan: kadis}\n"
        "  - {id: i, jenis: indikator, uraian: '@SUM(A1)', jabatan: kadis, induk: [s]}\n", encoding="utf-8")
    out = tmp_path / "m.xlsx"
    assert run("matrix", path, "-o", out).exit_code == 0
    sheet = load_workbook(io.BytesIO(out.read_bytes())).active
    formula_like = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and c.value[:1] in "=@"]
    assert len(formula_like) == 2
    assert all(c.data_type == "s" and c.quotePrefix for c in formula_like)
