"""The audit report: one self-contained HTML page an inspector can hand over, read offline and print on A4.

It holds the summary (quality score, counts by rule), the findings by rule and by unit with
links to the elements, the pohon kinerja (`report_pohon`: inline SVG per sasaran strategis, branches
foldable), the capaian table and the matriks cascading. Every string from the cascade is escaped
(`escape.xml_text`); the only script is the report's own, allowed by hash in the Content-Security-Policy.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import networkx as nx

from cascade.audit import Audit
from cascade.capaian import score
from cascade.checks import RULES, Finding
from cascade.formats.indonesian import figure, percent
from cascade.checks.registry import SEVERITY_LABEL
from cascade.formats.text_report import severity_counts
from cascade.graph import describe_jabatan, elemen, is_head, jabatan, supervisor_chain, tree_order
from visualize.escape import visible, xml_text
from visualize.marks import finding_marks
from visualize.matrix import cascade_matrix
from visualize.matrix_html import table as matrix_table
from visualize.palette import category_colors, fill
from visualize.pohon import build_pohon
from visualize.render import DrawOptions
from visualize.report_assets import SCRIPT, STYLE, script_hash
from visualize.report_pohon import pohon_section

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")
NO_UNIT = "Tanpa jabatan"
OPEN_UP_TO = 10  # a rule's findings are shown unfolded on screen up to this many (print unfolds all)


def report(audit: Audit, options: DrawOptions = DrawOptions(arah="LR"), today: date | None = None) -> str:
    """The whole page as text."""
    G = audit.graph
    today = today or date.today()
    anchors = {node: f"el-{i}" for i, node in enumerate(G)}
    title = f"Laporan audit kaskade kinerja {audit.organisasi}"
    policy = f"default-src 'none'; style-src 'unsafe-inline'; script-src {script_hash()}"
    tree = pohon_section(audit, options)
    sections = [_summary(audit), _by_rule(audit, anchors), _by_unit(audit, anchors), tree.html,
                _capaian(audit, options, anchors, tree.anchors), _matrix(audit, options)]
    return (f'<!DOCTYPE html>\n<html lang="id">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{xml_text(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
            f"<header><h1>Laporan audit kaskade kinerja</h1>\n"
            f"<p><strong>{xml_text(audit.organisasi)}</strong><br>\n"
            f'<span class="redup">Sumber: {xml_text(audit.cascade.source)} · capaian periode '
            f"{xml_text(options.scores.periode)} · dibuat {today.day} {MONTHS[today.month - 1]} {today.year}"
            f"</span></p></header>\n" + "\n".join(sections)
            + '\n<footer>Dibuat oleh cascade, alat audit kaskade kinerja SAKIP. Halaman ini berdiri sendiri: '
              "tanpa berkas atau jaringan dari luar.</footer>\n"
            + f"<script>{SCRIPT}</script>\n</body>\n</html>\n")


def _summary(audit: Audit) -> str:
    q = audit.quality
    counts = Counter(f.code for f in audit.findings)
    rows = "".join(
        f'<tr><td>{code}</td><td>{xml_text(RULES[code].title)}</td>'
        f'<td class="tingkat-{RULES[code].severity}">{SEVERITY_LABEL[RULES[code].severity]}</td>'
        f'<td class="angka">{n}</td></tr>' for code, n in sorted(counts.items()))
    severities = severity_counts(audit)
    return (
        '<section id="ringkasan"><h2>Ringkasan</h2>\n'
        f'<p>Skor kualitas kaskade: <span class="skor">{percent(q.skor)}</span></p>\n'
        "<table><tr><th>Komponen skor</th><th class=\"angka\">Nilai</th></tr>"
        f'<tr><td>IKI terlacak ke IKU</td><td class="angka">{percent(q.iki_terlacak)}</td></tr>'
        f'<tr><td>Jabatan dengan IKI mandiri</td><td class="angka">{percent(q.jabatan_iki_mandiri)}</td></tr>'
        "<tr><td>Indikator lengkap (target, formula, sumber data)</td>"
        f'<td class="angka">{percent(q.indikator_lengkap)}</td></tr>'
        "</table>\n"
        f"<p>{len(audit.cascade.jabatan)} jabatan, {len(audit.cascade.elemen)} elemen; "
        f"{len(audit.findings)} temuan ({severities}).</p>\n"
        + ("<table><thead><tr><th>Kode</th><th>Aturan</th><th>Tingkat</th>"
           f'<th class="angka">Jumlah</th></tr></thead><tbody>{rows}</tbody></table>' if rows
           else "<p>Tidak ada temuan.</p>")
        + "</section>")


def _links(nodes: tuple[str, ...], anchors: dict[str, str]) -> str:
    return ", ".join(f'<a href="#{anchors[n]}">{xml_text(n)}</a>' if n in anchors else xml_text(n) for n in nodes)


def _finding_item(audit: Audit, finding: Finding, anchors: dict[str, str], with_code: bool) -> str:
    code = f'<span class="tingkat-{finding.severity}">{finding.code}</span> ' if with_code else ""
    positions = "; ".join(describe_jabatan(audit.graph, j) for j in finding.jabatan)
    return (f"<li>{code}{xml_text(finding.message)}<br><span class=\"redup\">elemen: "
            f"{_links(finding.elements, anchors) or '-'}"
            + (f"; jabatan: {xml_text(positions)}" if positions else "") + "</span></li>")


def _by_rule(audit: Audit, anchors: dict[str, str]) -> str:
    groups: dict[str, list[Finding]] = {}
    for finding in sorted(audit.findings, key=lambda f: f.code):
        groups.setdefault(finding.code, []).append(finding)
    parts = []
    for code, findings in groups.items():
        rule = RULES[code]
        opened = " open" if len(findings) <= OPEN_UP_TO else ""
        parts.append(f'<details{opened} class="cetak-terbuka" id="aturan-{code}"><summary>'
                     f'<span class="tingkat-{rule.severity}">{code}</span> '
                     f"{xml_text(rule.title)}: {len(findings)} temuan, {SEVERITY_LABEL[rule.severity]}</summary><ul>"
                     + "".join(_finding_item(audit, f, anchors, with_code=False) for f in findings) + "</ul></details>")
    return ('<section id="temuan-aturan"><h2>Temuan per aturan</h2>\n'
            + ("\n".join(parts) or "<p>Tidak ada temuan.</p>") + "</section>")


def unit_of(G: nx.DiGraph, jabatan_id: str | None) -> str | None:
    """The unit (bidang) a position belongs to: the position right under the head above it, or the head."""
    if jabatan_id is None or jabatan(G, jabatan_id) is None:
        return None
    positions = [jabatan_id, *supervisor_chain(G, jabatan_id)]
    for position, above in zip(positions, positions[1:]):
        if is_head(G, position) or is_head(G, above):
            return position
    return positions[-1]


def _by_unit(audit: Audit, anchors: dict[str, str]) -> str:
    """A count table per unit, then each unit's findings folded (the same findings as by rule)."""
    G = audit.graph
    groups: dict[str | None, list[Finding]] = {}
    for finding in audit.findings:
        for unit in dict.fromkeys(unit_of(G, j) for j in finding.jabatan or (None,)):
            groups.setdefault(unit, []).append(finding)
    order = [j.id for j in audit.cascade.jabatan if j.id in groups] + ([None] if None in groups else [])
    rows, parts = [], []
    for i, unit in enumerate(order):
        findings = groups[unit]
        name = xml_text(describe_jabatan(G, unit) if unit else NO_UNIT)
        counts = Counter(f.severity for f in findings)
        codes = ", ".join(f"{code} ({n})" for code, n in sorted(Counter(f.code for f in findings).items()))
        rows.append(f'<tr><td><a href="#unit-{i}">{name}</a></td>'
                    + "".join(f'<td class="angka">{counts[s]}</td>' for s in ("error", "warning", "info"))
                    + f"<td>{codes}</td></tr>")
        parts.append(f'<details class="cetak-terbuka" id="unit-{i}"><summary>{name}: {len(findings)} temuan</summary>'
                     "<ul>"
                     + "".join(_finding_item(audit, f, anchors, with_code=True) for f in findings) + "</ul></details>")
    if not rows:
        return '<section id="temuan-unit"><h2>Temuan per unit</h2><p>Tidak ada temuan.</p></section>'
    return ('<section id="temuan-unit"><h2>Temuan per unit</h2>\n<p class="redup">Unit adalah jabatan langsung di '
            "bawah kepala (bidang, sekretariat) beserta semua bawahannya; temuan atas elemen milik kepala sendiri "
            "tercantum pada baris kepala. Sebuah temuan yang menyangkut beberapa unit terhitung di setiap unit "
            "itu.</p>\n<table><thead><tr><th>Unit</th><th class=\"angka\">Galat</th>"
            '<th class="angka">Peringatan</th><th class="angka">Info</th><th>Aturan</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table>\n" + "\n".join(parts) + "</section>")


def _capaian(audit: Audit, options: DrawOptions, anchors: dict[str, str], boxes: dict[str, str]) -> str:
    G = audit.graph
    scores = score(G, options.scores)
    colors = category_colors(options.scores.skala)
    marks = finding_marks(audit.findings, "info")
    box_of = build_pohon(G).box_of
    rows = []
    for node, depth in tree_order(G):
        s, item = scores[node], elemen(G, node)
        chip = (f'<span class="kategori" style="background:{fill(colors, s.kategori)}">{xml_text(s.kategori)}</span>'
                if s.kategori else "-")
        codes = " ".join(m.code for m in marks.get(node, ()))
        rows.append(f'<tr id="{anchors[node]}"><td class="elemen" style="--tingkat:{min(depth, 12)}">'
                    f'<a href="#{boxes[box_of[node]]}">{xml_text(node)}</a>: '
                    f'{xml_text(" ".join(visible(item.uraian).split()))}</td>'
                    f"<td>{xml_text(describe_jabatan(G, item.jabatan) if item.jabatan else '-')}</td>"
                    f'<td class="angka">{xml_text(figure(s.target))}</td>'
                    f'<td class="angka">{xml_text(figure(s.realisasi))}</td>'
                    f'<td class="angka">{"siklus" if s.siklus else percent(s.capaian)}</td><td>{chip}</td>'
                    f"<td>{xml_text(codes) or '-'}</td></tr>")
    return ('<section id="capaian"><h2>Capaian per elemen</h2>\n'
            f'<p class="redup">Periode {xml_text(options.scores.periode)}; urutan pohon kinerja. Capaian elemen tanpa '
            "target dan realisasi sendiri adalah rata-rata berbobot pendukungnya.</p>\n"
            '<table class="capaian"><thead><tr><th>Elemen</th><th>Pemilik</th><th class="angka">Target</th>'
            '<th class="angka">Realisasi</th><th class="angka">Capaian</th><th>Kategori</th><th>Temuan</th></tr>'
            f"</thead><tbody>{''.join(rows)}</tbody></table></section>")


def _matrix(audit: Audit, options: DrawOptions) -> str:
    rows = cascade_matrix(audit.graph, options.scores)
    return ('<section id="matriks" class="bagian-lanskap"><h2>Matriks cascading</h2>\n'
            f'<p class="redup">Target, realisasi dan capaian periode {xml_text(rows.periode)} milik elemen terakhir '
            "di setiap baris.</p>\n" + matrix_table(rows, category_colors(options.scores.skala)) + "</section>")
