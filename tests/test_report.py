"""`cascade report`: one self-contained HTML audit report, checked as text and in a real headless Chromium.

The browser tests drive Debian's `chromium` over the DevTools protocol (a websocket, no downloads).
They are skipped, saying so, when no Chromium is installed; `./dev test` installs it. Set
CASCADE_TEST_ARTIFACTS to a folder to keep the screenshot and the printed PDF.
"""

import base64
import html
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from cascade import audit, load_cascade
from cascade.checks import RULES
from cascade.cli import main
from fixtures.generator import generate
from visualize.pohon import build_pohon
from visualize.render import DrawOptions
from visualize.report import report, unit_of
from visualize.report_pohon import FIRST_HEIGHT, LEGIBLE, MAX_PAGES, NEXT_HEIGHT, PAGE_WIDTH
from visualize.split import named_parts

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
INJECTED = "<script>alert(1)</script>"


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result


def hostile_cascade(tmp_path: Path) -> Path:
    """Sampang with one indicator renamed to a script and one orphan, so every section has content."""
    text = (FIXTURES / "sampang.yaml").read_text(encoding="utf-8")
    text = text.replace('uraian: "Persentase Taman Makam Pahlawan (TMP) yang dikelola"', f'uraian: "{INJECTED}"')
    assert INJECTED in text
    path = tmp_path / "sampang-hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def keep(path: Path) -> None:
    folder = os.environ.get("CASCADE_TEST_ARTIFACTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(folder) / path.name)


# --- the page as text -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def probolinggo_page():
    return report(audit(load_cascade(FIXTURES / "probolinggo.yaml")), DrawOptions(arah="LR"), date(2024, 8, 17))


def test_report_has_every_section(probolinggo_page):
    for section in ('id="ringkasan"', 'id="temuan-aturan"', 'id="temuan-unit"', 'id="pohon"', 'id="capaian"',
                    'id="matriks"'):
        assert section in probolinggo_page
    for heading in ("Ringkasan", "Temuan per aturan", "Temuan per unit", "Pohon kinerja", "Capaian per elemen",
                    "Matriks cascading"):
        assert f"<h2>{heading}</h2>" in probolinggo_page
    assert "Skor kualitas kaskade" in probolinggo_page and "dibuat 17 Agustus 2024" in probolinggo_page
    assert '<html lang="id">' in probolinggo_page


def test_the_matrix_section_names_its_period(probolinggo_page):
    assert "Target, realisasi dan capaian periode tahunan milik elemen terakhir" in probolinggo_page


def panels(page: str) -> list[tuple[str, str]]:
    """(opening tag, contents) of each drawing of the pohon kinerja."""
    return re.findall(r'(<section class="pohon-bagian[^>]*>)(.*?)</section>', page, flags=re.DOTALL)


def test_the_pohon_kinerja_is_drawn_per_sasaran_strategis(probolinggo_page):
    """One drawing of the whole cascade printed as a strip 2 cm wide and opened on screen with 2000 px of blank."""
    checked = audit(load_cascade(FIXTURES / "probolinggo.yaml"))
    parts = named_parts(build_pohon(checked.graph), checked.graph, "sasaran")
    drawn = panels(probolinggo_page)
    assert len(drawn) == len(parts) >= 2
    for (head, part), (_, contents) in zip(parts, drawn):
        assert (f"<h2>Sasaran strategis {head}: " if head else "<h2>Di luar sasaran strategis") in contents
        assert len(re.findall(r'<g id="b\d+-kotak', contents)) == len(part.boxes)


@pytest.mark.parametrize("options", [DrawOptions(arah="LR"), DrawOptions(arah="TB", tata_letak="pohon")],
                         ids=["graphviz-LR", "pohon-rapi-TB"])
def test_each_drawing_prints_on_pages_at_a_legible_scale(options):
    """A drawing fits one landscape page, or is cut into page-sized views of it that skip blank ones."""
    page = report(audit(load_cascade(FIXTURES / "probolinggo.yaml")), options)
    cut = 0
    for tag, contents in panels(page):
        natural = float(re.search(r"--lebar:([\d.]+)mm", tag).group(1))
        whole = float(re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+)', contents).group(1))
        if "dipotong" not in tag:
            printed = float(re.search(r"--cetak-lebar:([\d.]+)mm", tag).group(1))
            assert printed <= PAGE_WIDTH and printed / natural >= LEGIBLE
            continue
        cut += 1
        views = re.findall(r'<svg viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)" '
                           r'style="width:([\d.]+)mm;height:([\d.]+)mm"><use href="#(b\d+)-pohon-kinerja"/>', contents)
        assert len(views) >= 2 and len({prefix for *_, prefix in views}) == 1
        for units, _, width, height, _ in views:
            assert float(width) <= PAGE_WIDTH + .1 and float(height) <= max(FIRST_HEIGHT, NEXT_HEIGHT) + .1
            assert float(width) / (float(units) * natural / whole) >= LEGIBLE - 1e-3
        assert f"(lanjutan {len(views)}/{len(views)})" in contents
    assert cut  # Probolinggo's boxes outside any sasaran strategis are too many for one page


def test_a_drawing_too_big_to_print_legibly_prints_on_one_page_saying_how_to_do_better(tmp_path):
    """Cut into legible pages, each drawing of a large cascade would print as hundreds of pages."""
    path = tmp_path / "besar.json"
    path.write_text(json.dumps(generate(positions=600, seed=3).document), encoding="utf-8")
    drawn = panels(report(audit(load_cascade(path))))
    too_big = [(tag, contents) for tag, contents in drawn if f"perlu lebih dari {MAX_PAGES} halaman" in contents]
    assert too_big and len(too_big) < len(drawn)
    for tag, contents in too_big:
        assert "dipotong" not in tag and "cetak-potongan" not in contents and "cascade render --pisah unit" in contents
        assert float(re.search(r"--cetak-lebar:([\d.]+)mm", tag).group(1)) <= PAGE_WIDTH
    assert all(contents.count('class="potongan"') <= MAX_PAGES for _, contents in drawn)


def test_summary_counts_findings_by_rule(probolinggo_page):
    checked = audit(load_cascade(FIXTURES / "probolinggo.yaml"))
    orphans = sum(1 for f in checked.findings if f.code == "K101")
    title = RULES["K101"].title
    assert re.search(rf"<td>K101</td><td>{re.escape(title)}</td>.*?<td class=\"angka\">{orphans}</td>",
                     probolinggo_page)


def test_rules_are_named_by_their_indonesian_title_and_code_not_their_english_slug(probolinggo_page):
    """The summary's "Nama" column and the rule headings showed slugs such as `not-traceable-to-iku`."""
    shown = set(re.findall(r'<details[^>]* id="aturan-(K\d+)"><summary>', probolinggo_page))
    assert {"K101", "K201"} <= shown
    for code in shown:
        assert re.search(rf'id="aturan-{code}"><summary><span class="tingkat-\w+">{code}</span> '
                         rf"{re.escape(RULES[code].title)}: \d+ temuan", probolinggo_page)
    summary = probolinggo_page[probolinggo_page.index('id="ringkasan"'):probolinggo_page.index('id="temuan-unit"')]
    assert not any(f">{RULES[code].slug}<" in summary or f" {RULES[code].slug}:" in summary for code in RULES)


def page_ids(page: str) -> list[str]:
    """Every id of the page as the browser reads it (Graphviz writes "-" as "&#45;")."""
    return [html.unescape(i) for i in re.findall(r'<[^<>]*?\sid="([^"]*)"', page)]


def test_findings_link_to_their_elements(probolinggo_page):
    anchors = set(re.findall(r'href="#(el-\d+)"', probolinggo_page))
    targets = set(re.findall(r'<tr id="(el-\d+)"', probolinggo_page))
    assert anchors and anchors <= targets
    boxes = set(re.findall(r'href="#(b\d+-kotak-n\d+)"', probolinggo_page))
    assert boxes and boxes <= set(page_ids(probolinggo_page))


def test_ids_are_unique_though_a_box_is_drawn_in_several_parts(probolinggo_page):
    ids = page_ids(probolinggo_page)
    assert len(ids) == len(set(ids))


def test_findings_are_grouped_by_unit(tmp_path):
    checked = audit(load_cascade(FIXTURES / "probolinggo.yaml"))
    assert unit_of(checked.graph, "rpjs_yuni") == "kabid_rpjs"
    assert unit_of(checked.graph, "pengelola_partisipasi") == "kabid_pp"  # two levels down
    assert unit_of(checked.graph, "kadis") == "kadis"
    page = report(checked)
    assert "Kepala Bidang Rehabilitasi, Perlindungan dan Jaminan Sosial (kabid_rpjs): " in page


def test_report_is_self_contained(probolinggo_page):
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//|file:)""", probolinggo_page, re.IGNORECASE)
    assert "<link" not in probolinggo_page and "@import" not in probolinggo_page and "url(" not in probolinggo_page
    assert re.search(r"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';", probolinggo_page)


def test_user_text_is_escaped(tmp_path):
    out = tmp_path / "laporan.html"
    assert run("report", hostile_cascade(tmp_path), "-o", out).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert INJECTED not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<script") == 2  # the pohon data block (one for all parts) and the report's own script


def test_report_needs_an_html_suffix(tmp_path):
    result = run("report", FIXTURES / "sampang.yaml", "-o", tmp_path / "laporan.pdf")
    assert result.exit_code == 2 and ".html" in result.output


# --- the page in a real browser --------------------------------------------------------------------------

def find_chromium() -> str | None:
    candidates = [os.environ.get("CHROMIUM", ""), "chromium", "chromium-browser", "google-chrome",
                  "google-chrome-stable"]
    return next((shutil.which(c) for c in candidates if c and shutil.which(c)), None)


class DevTools:
    """A minimal Chrome DevTools Protocol client over one browser websocket (flat sessions)."""

    def __init__(self, url: str):
        import websocket

        self.ws = websocket.create_connection(url, timeout=60, suppress_origin=True)
        self.events: list[dict] = []
        self.counter = 0

    def send(self, method: str, session: str | None = None, **params) -> dict:
        self.counter += 1
        message = {"id": self.counter, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        self.ws.send(json.dumps(message))
        while True:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == self.counter:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]
            self.events.append(reply)

    def wait_for(self, method: str, timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for event in self.events:
                if event.get("method") == method:
                    return event
            self.ws.settimeout(max(0.1, deadline - time.monotonic()))
            self.events.append(json.loads(self.ws.recv()))
        raise TimeoutError(method)

    def evaluate(self, session: str, expression: str):
        result = self.send("Runtime.evaluate", session, expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")


@contextmanager
def chromium_page(url: str):
    """A headless Chromium with one page loaded from `url`, and the DevTools session attached to it."""
    binary = find_chromium()
    if binary is None:
        pytest.skip("Chromium not found: install Debian's chromium package (./dev test does it)")
    pytest.importorskip("websocket", reason="the websocket-client package is needed to drive Chromium")
    profile = Path(tempfile.mkdtemp(prefix="cascade-chromium-"))
    scratch = profile / "tmp"  # Chromium's own temporary files, removed with the profile
    scratch.mkdir()
    process = subprocess.Popen(
        [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--remote-debugging-port=0",
         "--window-size=1280,1000", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "TMPDIR": str(scratch)})
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not (port_file.exists() and len(port_file.read_text().splitlines()) >= 2):
            if time.monotonic() > deadline or process.poll() is not None:
                pytest.fail("Chromium did not start its DevTools endpoint")
            time.sleep(0.1)
        port, path = port_file.read_text().splitlines()[:2]
        tools = DevTools(f"ws://127.0.0.1:{port}{path}")
        target = tools.send("Target.createTarget", url="about:blank")["targetId"]
        session = tools.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            tools.send(f"{domain}.enable", session)
        tools.send("Page.addScriptToEvaluateOnNewDocument", session,
                   source="window.__alerts = []; window.alert = function (m) { window.__alerts.push(String(m)); };")
        tools.send("Page.navigate", session, url=url)
        tools.wait_for("Page.loadEventFired")
        yield tools, session
        tools.ws.close()
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(profile, ignore_errors=True)


def screenshot(tools: DevTools, session: str, path: Path) -> None:
    path.write_bytes(base64.b64decode(tools.send("Page.captureScreenshot", session, format="png")["data"]))
    keep(path)


def console_errors(tools: DevTools) -> list[str]:
    errors = []
    for event in tools.events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.exceptionThrown":
            errors.append(str(params.get("exceptionDetails")))
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            errors.append(str(params.get("args")))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            errors.append(params["entry"].get("text", ""))
    return errors


def visible_boxes(tools: DevTools, session: str) -> set[str]:
    return set(tools.evaluate(session, """Array.from(document.querySelectorAll('#pohon g.kotak'))
        .filter(g => getComputedStyle(g).display !== 'none').map(g => g.id)"""))


def click(tools: DevTools, session: str, selector: str) -> None:
    """A real mouse click in the middle of an element, after scrolling it into view."""
    box = tools.evaluate(session, f"""(() => {{ const e = document.querySelector({json.dumps(selector)});
        e.scrollIntoView({{block: 'center', inline: 'center'}}); const r = e.getBoundingClientRect();
        return [r.left + r.width / 2, r.top + Math.min(r.height / 2, 20)]; }})()""")
    for kind in ("mousePressed", "mouseReleased"):
        tools.send("Input.dispatchMouseEvent", session, type=kind, x=box[0], y=box[1], button="left", clickCount=1)


@pytest.mark.parametrize("source", ["hostile", "probolinggo"])
def test_report_in_headless_chromium(tmp_path, source):
    cascade_path = hostile_cascade(tmp_path) if source == "hostile" else FIXTURES / "probolinggo.yaml"
    out = tmp_path / f"laporan-{source}.html"
    assert run("report", cascade_path, "-o", out, "--periode", "TW2").exit_code == 0
    with chromium_page(out.as_uri()) as (tools, session):
        # loads cleanly, offline
        assert tools.evaluate(session, "document.readyState") == "complete"
        assert console_errors(tools) == []
        requested = {e["params"]["request"]["url"] for e in tools.events
                     if e.get("method") == "Network.requestWillBeSent"}
        assert requested == {out.as_uri()}
        assert tools.evaluate(session, "document.querySelectorAll('#pohon svg g.kotak').length") > 0

        # the injected script is text, and nothing ran it
        if source == "hostile":
            assert INJECTED in tools.evaluate(session, "document.body.innerText")
        assert tools.evaluate(session, "window.__alerts.length") == 0
        assert not [e for e in tools.events if e.get("method") == "Page.javascriptDialogOpening"]

        # clicking a box folds the branch under it, in its own drawing only; clicking again unfolds it
        part, parent, child = tools.evaluate(session, """(() => { const d = JSON.parse(
            document.getElementById('data-pohon').textContent).bagian;
            for (const p of d) { const k = Object.keys(p.anak).find(k => p.anak[k].length && p.akar.includes(k));
                                 if (k) { return [p.id, k, p.anak[k][0]]; } } })()""")
        everything = visible_boxes(tools, session)
        assert f"{part}-kotak-{child}" in everything
        click(tools, session, f"#{part}-kotak-{parent}")
        folded = visible_boxes(tools, session)
        assert f"{part}-kotak-{parent}" in folded and f"{part}-kotak-{child}" not in folded
        assert {b for b in everything if not b.startswith(f"{part}-")} <= folded  # the other drawings stay open
        hidden_edges = tools.evaluate(session, f"""Array.from(document.querySelectorAll('#pohon-{part} g.ke-{parent}'))
            .every(e => getComputedStyle(e).display === 'none')""")
        assert hidden_edges
        click(tools, session, f"#{part}-kotak-{parent}")
        assert visible_boxes(tools, session) == everything
        click(tools, session, "#lipat-semua")
        assert len(visible_boxes(tools, session)) < len(everything)
        click(tools, session, "#buka-semua")
        assert visible_boxes(tools, session) == everything

        # native <details> fold the findings
        summary = "#temuan-unit details summary"
        assert tools.evaluate(session, f"document.querySelector('{summary}').parentElement.open") is False
        click(tools, session, summary)
        assert tools.evaluate(session, f"document.querySelector('{summary}').parentElement.open") is True

        # screenshots to look at: the top of the report, and the pohon kinerja (at the injected text)
        tools.evaluate(session, "window.scrollTo(0, 0)")
        screenshot(tools, session, tmp_path / f"laporan-{source}-chromium.png")
        tools.evaluate(session, f"""(() => {{ const t = Array.from(document.querySelectorAll('#pohon text'))
            .find(t => t.textContent.includes({json.dumps(INJECTED)})) || document.querySelector('#pohon g.kotak');
            document.getElementById('pohon-kinerja-bagian').scrollIntoView();
            t.scrollIntoView({{block: 'center', inline: 'center'}}); }})()""")
        screenshot(tools, session, tmp_path / f"laporan-{source}-pohon-chromium.png")
        printed = base64.b64decode(tools.send("Page.printToPDF", session, preferCSSPageSize=True)["data"])
        pdf = tmp_path / f"laporan-{source}-cetak.pdf"
        pdf.write_bytes(printed)
        keep(pdf)
        assert printed.startswith(b"%PDF-")
        boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", printed)
        sizes = {tuple(round(float(v)) for v in b) for b in boxes}
        assert sizes <= {(595, 842), (842, 595)} and (595, 842) in sizes  # A4, portrait and landscape pages
        assert console_errors(tools) == []
