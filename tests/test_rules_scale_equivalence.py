"""The rules rewritten for scale (K204, K401-K405, K501, K601, K602) find exactly what they found before.

The reference implementations below are verbatim copies of each rule's body before it was
rewritten over the graph's arrays, except where a rule's intended behaviour has since been
corrected (K403: percent words only at the start of a name, more ratio words, x 1000 and x 100.000
are rates rather than percentages), where the reference is written anew for it. Both are run on
the real fixtures, on every rule case, and on generated cascades mutated to hold many defects of
each kind, over both graph kinds (the `nx.DiGraph` and the `ArrayGraph` the checks run on); their
hits must be equal, in the same order.
"""

import random
import re
from pathlib import Path

import pytest

from cascade.array_graph import ArrayGraph
from cascade.checks import RULES, CheckConfig
from cascade.checks.registry import Hit
from cascade.formats.indonesian import figure
from cascade.graph import budget_ancestors, build_graph, describe, elemen, memo, owner, role
from cascade.text import content_words
from fixtures.generator import generate
from models.identifiers import budget_code_problem, code_prefix, nip_problem
from models.loaders import build_cascade, load_cascade
from tests.test_rules import DEFAULT_JABATAN, rule_case_documents
from tests.test_array_graph import forms_by_id, ids_with_target


def elements_by_owner(G):
    """Element ids grouped by owning position, in input order (the helper the old rules used)."""
    def group():
        groups = {}
        for node in G:
            groups.setdefault(owner(G, node), []).append(node)
        return groups
    return memo(G, "elements_by_owner", group)

ROOT = Path(__file__).resolve().parent.parent


# --- reference implementations (the rules as they were) -------------------------------------------------

ADMINISTRATIVE_WORDS = frozenset(
    "administrasi perkantoran kepegawaian keuangan penunjang surat arsip kearsipan spj ketatausahaan".split()
)


def reference_k204(G, config):
    forms = forms_by_id(G, "uraian")
    words = {n: content_words(forms[n]) for n in G if role(G, n) in ("iku", "iki", "sasaran")}
    for node in G:
        if role(G, node) not in ("iku", "iki"):
            continue
        mine = words[node]
        for sasaran in G.successors(node):
            if role(G, sasaran) != "sasaran" or owner(G, sasaran) != owner(G, node) or mine & words[sasaran]:
                continue
            better = [s for s in elements_by_owner(G).get(owner(G, node), [])
                      if s != sasaran and role(G, s) == "sasaran" and mine & words[s]]
            if better:
                yield Hit((node, sasaran), f"{describe(G, node)} tidak sesuai dengan sasarannya {describe(G, sasaran)}; "
                                           f"lebih cocok di bawah {describe(G, better[0])}")
            elif mine & ADMINISTRATIVE_WORDS and not words[sasaran] & ADMINISTRATIVE_WORDS and G.out_degree(sasaran):
                yield Hit((node, sasaran), f"indikator administratif {describe(G, node)} ditempatkan di bawah "
                                           f"sasaran yang bukan administrasi {describe(G, sasaran)}")


PERCENT_NAMES = {"persentase", "presentase", "prosentase", "proentase", "tproentase", "persen"}
COUNT_WORDS = re.compile(r"^(jumlah|banyaknya)\b")
RATIO_MARKS = re.compile(r"/|÷|:|\bdibagi\b|\b(banding|bandingkan|dibanding|dibandingkan|perbandingan)\b|"
                         r"\b(dikali|dikalikan|kali|kalikan)\s*100|\bper\b|x\s*100|×\s*100|100\s*%|\\frac")


def reference_names_percent(name):
    """A percentage's name: its first word, or the one after "Jumlah" (and "dan"/"atau"/"serta"), says so."""
    words = name.split()
    if words[:1] in (["jumlah"], ["banyaknya"]):
        words = words[1:]
        if words[:1] in (["dan"], ["atau"], ["serta"]):
            words = words[1:]
    return bool(words) and words[0] in PERCENT_NAMES


def reference_percent_formula(formula):
    """Times 100 (not x 1000, x 100.000 or x 100 000) or 100%."""
    for times in re.finditer(r"(x|×|kali|kalikan)\s*100", formula):
        if not re.match(r"\d|[.,]\d| \d{3}\b", formula[times.end():]):
            return True
    return bool(re.search(r"(^|[^\d.,])100\s*%", formula))


def reference_k403(G, config):
    names, formulas = forms_by_id(G, "uraian"), forms_by_id(G, "formula")
    for node in G:
        item = elemen(G, node)
        if not item.is_indicator:
            continue
        name = names[node]
        formula = (item.formula or "").lower()
        says_percent = reference_names_percent(name)
        says_count = bool(COUNT_WORDS.search(name))
        if says_percent and says_count:
            yield Hit((node,), f"{describe(G, node)} sekaligus 'Jumlah' dan 'Persentase': pilih satu jenis ukuran")
        elif says_percent and formulas[node] and not RATIO_MARKS.search(formula):
            yield Hit((node,), f"{describe(G, node)} adalah persentase, tetapi formulanya hitungan jumlah")
        elif says_count and ("%" in (item.satuan or "")
                             or (item.satuan or "").lower().strip("()[] ").split(" ")[0] in {"persen", "persentase"}):
            said = " (atau targetnya ditulis dengan %)" if item.satuan.strip() == "%" else ""
            yield Hit((node,), f"{describe(G, node)} adalah jumlah, tetapi satuannya {item.satuan.strip()}{said}")
        elif says_count and reference_percent_formula(formula):
            yield Hit((node,), f"{describe(G, node)} adalah jumlah, tetapi formulanya persentase (x 100%)")


ACTIVITY_PATTERNS = (
    re.compile(r"\btugas (dinas |kedinasan )?lain"),
    re.compile(r"\b(diberikan|diperintahkan) (oleh )?(atasan|pimpinan)"),
    re.compile(r"^(melaksanakan|melakukan|menyiapkan|membuat|mengikuti|menyusun|membantu|mengelola|memfasilitasi)\b"),
    re.compile(r"^jumlah (pelaksanaan|persiapan|penyusunan|pembahasan|pembuatan|kegiatan yang dilaksanakan)\b"),
    re.compile(r"^(koordinasi|advokasi|penyediaan|pengembangan|penguatan|fasilitasi|sosialisasi) "),
)


def reference_k404(G, config):
    forms = forms_by_id(G, "uraian")
    for node in G:
        if elemen(G, node).is_indicator and any(p.search(forms[node]) for p in ACTIVITY_PATTERNS):
            yield Hit((node,), f"{describe(G, node)} menyebut kegiatan, bukan hasil yang diukur")


def reference_k401(G, config):
    formulas, sources = forms_by_id(G, "formula"), forms_by_id(G, "sumber_data")
    for node in G:
        if not elemen(G, node).is_indicator:
            continue
        missing = [name for name, form in (("formula", formulas[node]), ("sumber data", sources[node])) if not form]
        if missing:
            yield Hit((node,), f"{describe(G, node)} tanpa {' dan '.join(missing)}")


def reference_k402(G, config):
    """Every indicator with no target, neither in its own row nor in any `capaian` row, in input
    order; computed from the records, not from the graph's target mask the rule reads."""
    targeted = ids_with_target(G.graph["cascade"])
    for node in G:
        if elemen(G, node).is_indicator and node not in targeted:
            yield Hit((node,), f"{describe(G, node)} tanpa target")
    for node in G:
        rows = [c for c in G.graph["cascade"].capaian if c.id == node and c.periode.startswith("TW")]
        gaps = sorted({c.periode for c in rows if c.target is None and c.realisasi is not None})
        if elemen(G, node).is_indicator and gaps and any(c.target is not None for c in rows):
            yield Hit((node,), f"{describe(G, node)}: realisasi {', '.join(gaps)} tanpa target, padahal triwulan "
                               f"lain bertarget; isi targetnya, agar capaian triwulan itu tidak diukur dengan target lain")


def reference_k405(G, config):
    for node in G:
        if role(G, node) == "sasaran" and not any(elemen(G, c).is_indicator for c in G.predecessors(node)):
            yield Hit((node,), f"sasaran {describe(G, node)} tidak memiliki indikator")


def reference_k501(G, config):
    for node in G:
        weight = elemen(G, node).bobot
        if weight <= 0:
            yield Hit((node,), f"{describe(G, node)} berbobot {figure(weight)}; bobot harus lebih dari 0")


def reference_k602(G, config):
    for node in G:
        item = elemen(G, node)
        if item.jenis not in ("program", "kegiatan", "subkegiatan") or not item.kode:
            continue
        problem = budget_code_problem(item.jenis, item.kode)
        if problem:
            yield Hit((node,), f"{describe(G, node)}: {problem}")
            continue
        for ancestor in budget_ancestors(G, node):
            above = elemen(G, ancestor)
            if above.kode and role(G, ancestor) != item.jenis and not budget_code_problem(above.jenis, above.kode):
                if code_prefix(item.kode, above.jenis) != above.kode:
                    yield Hit((node, ancestor), f"{describe(G, node)} berkode {item.kode}, tidak berada di bawah "
                                                f"{above.jenis} {describe(G, ancestor)} berkode {above.kode}")
                break


def reference_k601(G, config):
    for position in G.graph["cascade"].jabatan:
        if position.nip and (problem := nip_problem(position.nip)):
            holder = f", {position.pegawai}" if position.pegawai else ""
            yield Hit((), f"NIP {position.nip!r} milik {position.nama} ({position.id}{holder}): {problem}",
                      (position.id,))


REFERENCES = {"K204": reference_k204, "K401": reference_k401, "K402": reference_k402, "K403": reference_k403,
              "K404": reference_k404, "K405": reference_k405, "K501": reference_k501, "K601": reference_k601,
              "K602": reference_k602}


# --- inputs with many hits ------------------------------------------------------------------------------

INDICATOR_NAMES = [
    "Persentase penunjang urusan perkantoran", "Jumlah pelaksanaan tugas dinas lain yang diberikan atasan",
    "Melaksanakan tugas kedinasan lain", "Jumlah dan persentase {w}", "Koordinasi dan sinkronisasi {w}",
    "Jumlah laporan kepegawaian {w}", "Persentase {w}", "Banyaknya {w}", "Persen {w} arsip", "{w}",
    "Jumlah {w}", "Penyediaan {w}", "1. Jumlah persiapan {w}", "Menyusun {w} yang diperintahkan oleh pimpinan",
    "Persentase administrasi keuangan SPJ", "Tingkat {w} 2024", "Nilai {w} ok", "Jumlah petugas lain {w}",
    "Persentase {w} yang sudahdiberikan atasan", "Persentase tugas lain {w}", "{w} diberikan oleh pimpinan",
    "Persentase koordinasi {w}", "Nilai jumlah pelaksanaan {w}", "Indeks melaksanakan {w}", "Fasilitasinya {w}",
    "Sosialisasi", "Membuatkan {w}", "Jumlah pembuatannya {w}", "Jumlah {w} di bawah 14 persen",
    "Jumlah persentase {w}", "Banyaknya atau persen {w}", "Tingkat persentase {w}", "Persentase {w} persen",
    "Jumlah {w} per 100.000 penduduk",
]
FORMULAS = [None, "-", "__ -", "Σ {w}", "{w} / total x 100%", "Jumlah {w} x 100", "{w} per penduduk", "{w} : 2",
            "Σ {w} × 100", "{w} 100 %", "{w} dibagi {w}", "\\frac{{a}}{{b}}", "1.", "Jumlah {w}", "_",
            "{w} X 100", "{w} DIBAGI {w}", "{w} PER kapita", "Σ {w} X100 %",
            "{w} dibandingkan {w} dikali 100", "{w} DIBANDING {w}", "perbandingan {w}", "{w} dikalikan 100%",
            "Σ {w} kali 100 persen", "{w} x 1000", "{w} x 100.000", "{w} X 100,000", "{w} x 100 000", "{w} x 100.",
            "{w} x 100 {w}", "{w} 1100%", "{w} × 1000 + 100 %", "Σ {w} dikali {w}"]
SOURCES = [None, "-", "_", "Laporan {w}", "1. BPS", "–"]
UNITS = [None, "%", "orang", "persen", "dokumen"]
SASARAN_NAMES = ["Meningkatnya layanan administrasi perkantoran", "Meningkatnya {w}", "Terwujudnya {w} arsip",
                 "Meningkatnya kualitas kota", "{w}"]
NIPS = [None, "19670711 198809 1 001", "19671311 198809 1 001", "1967071119880910", "19670711 196701 1 001",
        "19670711 198813 1 001", "19670711 198809 3 001", "19670711 198809 1 00²", "19850101 202121 1 001",
        "199009132025242014", "19850101 201821 1 001", "20200101 202021 1 001", "19850101 202113 3 001",
        "19850101 202124 3 001", "18990101 189901 1 001"]


def put(row: dict, key: str, value: object) -> None:
    """Set a cell, or leave it blank for None."""
    if value is None:
        row.pop(key, None)
    else:
        row[key] = value


def many_defects(seed: int, positions: int = 300, agencies: int = 1) -> dict:
    """A generated cascade with every row randomly given the defects these rules look for."""
    rng = random.Random(seed)
    document = generate(positions=positions, seed=seed, agencies=agencies, multi_parent=0.2).document
    rows = document["elemen"]
    sasaran = [r for r in rows if r["jenis"] == "sasaran"]
    indicators = [r for r in rows if r["jenis"] == "indikator"]
    tujuan = [r["id"] for r in rows if r["jenis"] == "tujuan"]
    words = [w for r in indicators for w in r["uraian"].split()[2:]]

    def text(template: str | None) -> str | None:
        return template.replace("{w}", " ".join(rng.sample(words, rng.randint(1, 3)))) if template else template

    by_owner: dict[str, list[dict]] = {}
    for row in indicators:
        by_owner.setdefault(row["jabatan"], []).append(row)
    extra = []
    for n, row in enumerate(rng.sample(sasaran, len(sasaran) // 3)):  # a second sasaran, sometimes fitting better
        borrowed = rng.choice(by_owner[row["jabatan"]])["uraian"].split()[2:] if rng.random() < 0.6 else [text("{w}")]
        extra.append({"id": f"extra.s{n}", "jenis": "sasaran", "jabatan": row["jabatan"],
                      "uraian": rng.choice([f"Meningkatnya {' '.join(borrowed)}", text(rng.choice(SASARAN_NAMES))]),
                      **({"induk": [row["id"]]} if rng.random() < 0.5 else {})})
    rows.extend(extra)
    sasaran += extra
    for row in sasaran:
        if rng.random() < 0.2:
            row["uraian"] = text(rng.choice(SASARAN_NAMES))
        if rng.random() < 0.1:
            row.pop("induk", None)
            row.pop("crosscutting", None)
    for row in indicators:
        if rng.random() < 0.3:
            row["uraian"] = text(rng.choice(INDICATOR_NAMES))
        elif rng.random() < 0.3:  # drop the sasaran's topic word
            row["uraian"] = " ".join(row["uraian"].split()[::2])
        if rng.random() < 0.3:
            put(row, "formula", text(rng.choice(FORMULAS)))
        if rng.random() < 0.2:
            put(row, "sumber_data", text(rng.choice(SOURCES)))
        if rng.random() < 0.3:
            put(row, "satuan", rng.choice(UNITS))
        if rng.random() < 0.2:
            row.pop("target", None)
        if rng.random() < 0.1:
            row["bobot"] = rng.choice(["0", "-1", "0.5", "-0.25"])
        if rng.random() < 0.15:
            row["jenis"] = rng.choice(["iku", "iki"])
        if rng.random() < 0.05:  # also under a tujuan: an indikator tujuan
            row["induk"] = [rng.choice(tujuan), *row.get("induk", [])]
        elif rng.random() < 0.2:
            other = rng.choice(sasaran)
            row["induk"] = rng.choice([[other["id"]], [*row.get("induk", []), other["id"]],
                                       [other["id"], other["id"]], ["nowhere"], []])
    nameless = [None, "hantu", "hantu.lain"]  # no owner, or one missing from the table
    for row in rng.sample([*indicators, *sasaran], len(indicators) // 10):
        put(row, "jabatan", rng.choice(nameless))
    for position in rng.sample(sorted(by_owner), 6):  # whole positions, so that their rows still share an owner
        for row in rows:
            if row.get("jabatan") == position:
                put(row, "jabatan", nameless[len(position) % 3])
    for row in rng.sample(sasaran, len(sasaran) // 10):
        row["bobot"] = rng.choice(["0", "-2"])
    document["capaian"] = [{"id": r["id"], "periode": "TW1", **({"target": "5"} if rng.random() < 0.5 else {})}
                           for r in indicators if "target" not in r and rng.random() < 0.5]
    rows.extend(budget_elements(rng, [r["id"] for r in sasaran]))
    for row in document["jabatan"]:
        put(row, "nip", rng.choice(NIPS))
    return document


def budget_elements(rng: random.Random, sasaran: list[str]) -> list[dict]:
    """Programs, kegiatan and sub-kegiatan with good, malformed and misfiled codes, linked every which way."""
    rows: list[dict] = []
    for p in range(12):
        program = f"1.0{rng.randint(1, 3)}.0{rng.randint(1, 3)}"
        rows.append({"id": f"p{p}", "jenis": "program", "uraian": f"Program {p}", "induk": [rng.choice(sasaran)],
                     "kode": rng.choice([program, program, "1.6.1", None])})
        for k in range(4):
            kegiatan = f"{program}.2.0{k}" if rng.random() < 0.7 else f"1.09.09.2.0{k}"
            rows.append({"id": f"p{p}.k{k}", "jenis": "kegiatan", "uraian": f"Kegiatan {p}.{k}",
                         "kode": rng.choice([kegiatan, kegiatan, "1.06.01.02.01", None]),
                         "induk": rng.choice([[f"p{p}"], [f"p{p}", rng.choice(sasaran)], [rng.choice(sasaran)],
                                              [f"p{rng.randrange(12)}.k0"] if p else []])})
            for s in range(3):
                code = f"{kegiatan}.000{s}" if rng.random() < 0.7 else f"{program}.2.09.000{s}"
                rows.append({"id": f"p{p}.k{k}.s{s}", "jenis": "subkegiatan", "uraian": f"Sub {p}.{k}.{s}",
                             "kode": rng.choice([code, code, "1.01.01.02.01.0001", None]),
                             "induk": rng.choice([[f"p{p}.k{k}"], [f"p{p}"], [rng.choice(sasaran)],
                                                  [f"p{p}.k{k}.s{(s + 1) % 3}"], [f"p{p}.k{k}", f"p{p}"]])})
    for row in rows:
        if not row["kode"]:
            row.pop("kode")
    return rows


def crowded_sasaran(seed: int) -> dict:
    """Owners (some without a position, or with one missing from the table) each holding several sasaran,
    and indicators worded from a small vocabulary: every way an indicator can fit, or not, its sasaran."""
    rng = random.Random(seed)
    vocabulary = ["anak", "perempuan", "gizi", "sekolah", "jalan", "air", "pasar", "benih", "ok", "2024",
                  "kepegawaian", "keuangan", "arsip", "perkantoran", "kualitas", "jumlah"]
    owners = ["kasi", "kabid", "hantu", "hantu.lain", None]
    rows = []
    for n in range(40):
        row = {"id": f"s{n}", "jenis": "sasaran", "uraian": f"Meningkatnya {' '.join(rng.sample(vocabulary, 2))}"}
        put(row, "jabatan", rng.choice(owners))
        if n and rng.random() < 0.6:
            row["induk"] = [f"s{rng.randrange(n)}"]
        rows.append(row)
    for n in range(400):
        row = {"id": f"i{n}", "jenis": rng.choice(["indikator", "indikator", "iku", "iki"]),
               "uraian": f"Persentase {' '.join(rng.sample(vocabulary, rng.randint(1, 3)))}",
               "induk": [f"s{rng.randrange(40)}" for _ in range(rng.choice([1, 1, 2]))]}
        put(row, "jabatan", rng.choice(owners))
        rows.append(row)
    return {"organisasi": {"kode": "uji", "nama": "Dinas Uji"}, "jabatan": DEFAULT_JABATAN, "elemen": rows}


GRAPHS = {"networkx": build_graph, "arrays": ArrayGraph}


def cascade_of(document: dict):
    return build_cascade(document, lambda table, i: f"{table}[{i}]", "uji")


def assert_same_hits(G) -> dict[str, int]:
    counts = {}
    for code, reference in REFERENCES.items():
        expected = list(reference(G, CheckConfig()))
        assert list(RULES[code].check(G, CheckConfig())) == expected, code
        counts[code] = len(expected)
    return counts


@pytest.mark.parametrize("graph", GRAPHS.values(), ids=GRAPHS.keys())
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_same_hits_on_generated_cascades_full_of_defects(seed, graph):
    counts = assert_same_hits(graph(cascade_of(many_defects(seed))))
    assert all(counts[code] >= 10 for code in REFERENCES), counts


@pytest.mark.parametrize("graph", GRAPHS.values(), ids=GRAPHS.keys())
def test_same_hits_on_a_generated_province_full_of_defects(graph):
    counts = assert_same_hits(graph(cascade_of(many_defects(7, positions=800, agencies=3))))
    assert all(counts[code] >= 10 for code in REFERENCES), counts


@pytest.mark.parametrize("graph", GRAPHS.values(), ids=GRAPHS.keys())
@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_same_hits_on_crowded_sasaran(seed, graph):
    counts = assert_same_hits(graph(cascade_of(crowded_sasaran(seed))))
    assert counts["K204"] >= 20, counts


@pytest.mark.parametrize("graph", GRAPHS.values(), ids=GRAPHS.keys())
@pytest.mark.parametrize("path", sorted((ROOT / "fixtures").glob("*.yaml")), ids=lambda p: p.stem)
def test_same_hits_on_real_fixtures(path, graph):
    assert_same_hits(graph(load_cascade(path)))


@pytest.mark.parametrize("graph", GRAPHS.values(), ids=GRAPHS.keys())
def test_same_hits_on_every_rule_case(graph):
    for document in rule_case_documents():
        assert_same_hits(graph(cascade_of(document)))
