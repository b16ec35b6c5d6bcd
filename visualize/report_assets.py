"""The audit report's stylesheet and script, inlined into the page so it works offline.

The script only folds and unfolds branches of the pohon kinerja; the page reads and prints fully
without it. Its SHA-256 goes into the page's Content-Security-Policy, so no other script (say,
one smuggled in through a cascade file) could run even if escaping ever failed.
"""

from __future__ import annotations

import base64
import hashlib

STYLE = """
:root { --garis: #c5ccd3; --redup: #4d4d4d; --galat: #b2182b; --peringatan: #e66101; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 10pt; color: #1a1a1a;
       margin: 0 auto; padding: 1.5em 2em; max-width: 1200px; line-height: 1.4; }
h1 { font-size: 18pt; margin: 0 0 .2em; }
h2 { font-size: 13pt; border-bottom: 2px solid #1a1a1a; padding-bottom: .15em; margin-top: 1.6em; break-after: avoid; }
h3 { font-size: 11pt; margin: 1em 0 .3em; }
.redup { color: var(--redup); }
table { border-collapse: collapse; margin: .4em 0 1em; }
th, td { border: 1px solid var(--garis); padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #e8edf2; }
td.angka, th.angka { text-align: right; white-space: nowrap; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
.skor { font-size: 20pt; font-weight: bold; }
.tingkat-error { color: var(--galat); font-weight: bold; }
.tingkat-warning { color: var(--peringatan); font-weight: bold; }
.tingkat-info { color: var(--redup); }
details { margin: .3em 0; border: 1px solid var(--garis); border-radius: 4px; padding: .2em .6em; }
details > summary { cursor: pointer; font-weight: bold; }
details ul { margin: .3em 0 .5em; padding-left: 1.4em; }
details li { margin: .15em 0; }
.kategori { display: inline-block; padding: 0 .4em; border: 1px solid #8a939c; border-radius: 3px; }
.tombol { font: inherit; padding: .2em .8em; margin: 0 .4em .4em 0; cursor: pointer; }
.pohon-bagian { margin: .8em 0 0; border: 1px solid var(--garis); background: white; overflow-x: auto; }
.pohon-bagian > h2 { font-size: 11pt; border: none; margin: .4em .6em 0; }  /* one drawing's caption */
/* natural size, shrunk to the panel down to 60% (then the panel scrolls) */
.pohon-bagian > svg { display: block; width: var(--lebar); max-width: 100%; min-width: calc(var(--lebar) * .6);
                      height: auto; }
.cetak-potongan { display: none; }
#pohon g.bisa-dilipat { cursor: pointer; }
#pohon g.terlipat > path, #pohon g.terlipat > polygon, #pohon g.terlipat > rect { stroke-dasharray: 6 3; }
#pohon .tersembunyi { display: none; }
table.capaian { width: 100%; }
table.capaian td { overflow-wrap: anywhere; }  /* a long id must not widen the page: print would shrink it all */
table.capaian td.elemen { padding-left: calc(6px + var(--tingkat, 0) * 1.2em); }
table.matriks { width: 100%; font-size: 8.5pt; table-layout: fixed; }  /* widths on its header cells */
table.matriks th, table.matriks td { overflow-wrap: anywhere; }
table.matriks tr { break-inside: auto; }  /* joined cells span many rows: let them break across pages */
footer { margin-top: 2em; font-size: 8pt; color: var(--redup); }
@media screen { #matriks, #capaian { overflow-x: auto; } }  /* wide tables scroll inside their section */
@page { size: A4; margin: 14mm 12mm; }
@page lanskap { size: A4 landscape; margin: 12mm; }
.bagian-lanskap { page: lanskap; break-before: page; }
.bagian-lanskap + footer { page: lanskap; }  /* a page of another size would start a page of its own */
@media print {
  body { padding: 0; max-width: none; font-size: 9pt; }
  .tombol, .petunjuk { display: none; }
  details::details-content { content-visibility: visible; }  /* folded findings print open, even without script */
  .pohon-bagian { border: none; overflow: visible; }
  .pohon-bagian + .pohon-bagian { break-before: page; }
  .pohon-bagian > h2 { margin: 0 0 .3em; }
  /* fitted to one page, or cut into page-sized views of it (report_pohon); zoomable in the PDF */
  .pohon-bagian > svg { width: var(--cetak-lebar); min-width: 0; max-width: none; }
  .pohon-bagian.dipotong > svg { display: none; }
  .cetak-potongan { display: block; }
  .potongan + .potongan { break-before: page; }
  .potongan svg { display: block; }
  .lanjutan { margin: 0 0 .3em; font-size: 8pt; color: var(--redup); }
  h2 { break-before: auto; }
  table.matriks { font-size: 7.5pt; }  /* thirteen columns across landscape A4, as `cascade matrix` prints */
  a { color: inherit; text-decoration: none; }
}
"""

SCRIPT = """
(function () {
  "use strict";
  var parts = JSON.parse(document.getElementById("data-pohon").textContent).bagian.map(function (part) {
    return { id: part.id, anak: part.anak, akar: part.akar, folded: {},
             panel: document.getElementById("pohon-" + part.id) };
  });
  function box(part, key) { return document.getElementById(part.id + "-kotak-" + key); }
  function ends(edge) {
    var from = null, to = null;
    edge.classList.forEach(function (name) {
      if (name.indexOf("dari-") === 0) { from = name.slice(5); }
      if (name.indexOf("ke-") === 0) { to = name.slice(3); }
    });
    return [from, to];
  }
  function refresh(part) {
    var shown = {}, queue = part.akar.slice();
    queue.forEach(function (key) { shown[key] = true; });
    while (queue.length) {
      var key = queue.shift();
      if (part.folded[key]) { continue; }
      (part.anak[key] || []).forEach(function (child) {
        if (!shown[child]) { shown[child] = true; queue.push(child); }
      });
    }
    Object.keys(part.anak).forEach(function (key) {
      var g = box(part, key);
      if (g) {
        g.classList.toggle("tersembunyi", !shown[key]);
        g.classList.toggle("terlipat", !!part.folded[key]);
        if (g.classList.contains("bisa-dilipat")) {
          g.setAttribute("aria-expanded", part.folded[key] ? "false" : "true");
        }
      }
    });
    part.panel.querySelectorAll("g.sisi").forEach(function (edge) {
      var pair = ends(edge);
      edge.classList.toggle("tersembunyi", !(shown[pair[0]] && shown[pair[1]] && !part.folded[pair[1]]));
    });
  }
  function toggle(part, key) { part.folded[key] = !part.folded[key]; refresh(part); }
  parts.forEach(function (part) {
    Object.keys(part.anak).forEach(function (key) {
      var g = box(part, key);
      if (!g || !part.anak[key].length) { return; }
      g.classList.add("bisa-dilipat");
      g.setAttribute("tabindex", "0");
      g.setAttribute("role", "button");
      g.addEventListener("click", function () { toggle(part, key); });
      g.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); toggle(part, key); }
      });
    });
    refresh(part);
  });
  document.getElementById("buka-semua").addEventListener("click", function () {
    parts.forEach(function (part) { part.folded = {}; refresh(part); });
  });
  document.getElementById("lipat-semua").addEventListener("click", function () {
    parts.forEach(function (part) {
      part.folded = {};
      part.akar.forEach(function (key) { if ((part.anak[key] || []).length) { part.folded[key] = true; } });
      refresh(part);
    });
  });
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.cetak-terbuka").forEach(function (d) { d.open = true; });
  });
})();
"""


def script_hash(script: str = SCRIPT) -> str:
    """The CSP source that allows exactly this inline script."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"
