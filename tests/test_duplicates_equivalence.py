"""The duplication rules (K301-K304), rewritten for scale, find exactly what they found before.

The references below are the rules' bodies and helpers as they were, with three exceptions: texts
are grouped by comparing every pair (the old code compared MinHash LSH candidates beyond 300
texts), a position without a known supervisor is compared with no one (it used to be compared
with the indicators that have no position), and an IKI whose position is not in the org chart is
no one's copy (it used to count as held by that unknown position). They run on the real fixtures,
on every rule case, and on generated cascades whose indicators copy each other in every way the
rules look at, over both graph kinds; hits must be equal, in the same order.
"""

import random
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest
from rapidfuzz import fuzz, process

from cascade.array_graph import ArrayGraph
from cascade.checks import RULES, CheckConfig
from cascade.checks.registry import Hit
from cascade.duplicates import staff_iki_copies, supervisor_copies
from cascade.graph import build_graph, describe, describe_jabatan, elemen, owner, role, supervisor
from cascade.text import ALL_PAIRS_UP_TO
from fixtures.generator import generate
from models.loaders import load_cascade
from tests.test_rules import rule_case_documents
from tests.test_array_graph import forms_by_id
from tests.test_rules_scale_equivalence import cascade_of, elements_by_owner

ROOT = Path(__file__).resolve().parent.parent
GRAPHS = {"networkx": build_graph, "arrays": ArrayGraph}


# --- references (the code as it was) ---------------------------------------------------------------------

def reference_similar_groups(forms, threshold):
    order = {key: n for n, key in enumerate(forms)}
    by_form = defaultdict(list)
    for key, form in forms.items():
        if form:
            by_form[form].append(key)
    distinct = list(by_form)
    parent = list(range(len(distinct)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    if threshold < 100 and distinct:
        scores = process.cdist(distinct, distinct, scorer=fuzz.ratio, dtype=np.float64)
        for i, j in zip(*np.nonzero(scores >= threshold), strict=True):
            parent[find(int(i))] = find(int(j))
    grouped = defaultdict(list)
    for i, form in enumerate(distinct):
        grouped[find(i)].extend(by_form[form])
    groups = [sorted(keys, key=order.__getitem__) for keys in grouped.values() if len(keys) > 1]
    return sorted(groups, key=lambda g: order[g[0]])


def reference_supervisor_copies(G, threshold):
    forms = forms_by_id(G, "uraian")
    indicators = {}
    for node in G:
        item = elemen(G, node)
        if item.is_indicator and forms[node]:
            indicators.setdefault(item.jabatan, []).append(node)
    pairs = []
    for position, nodes in indicators.items():
        boss = supervisor(G, position) if position else None
        theirs = indicators.get(boss) if boss else None  # was indicators.get(supervisor(G, position))
        for node in nodes if theirs else ():
            match = next((t for t in theirs if fuzz.ratio(forms[node], forms[t], score_cutoff=threshold)), None)
            if match:
                pairs.append((node, match))
    return pairs


def reference_staff_iki_copies(G, threshold):
    copies_of_supervisor = {copy for copy, _ in reference_supervisor_copies(G, threshold)}
    names = forms_by_id(G, "uraian")
    known = {position.id for position in G.graph["cascade"].jabatan}
    forms = {n: names[n] for n in G
             if role(G, n) == "iki" and n not in copies_of_supervisor and owner(G, n) in known}
    return [group for group in reference_similar_groups(forms, threshold)
            if len({owner(G, n) for n in group}) > 1]


def reference_k301(G, config):
    for group in reference_staff_iki_copies(G, config.kemiripan):
        positions = list(dict.fromkeys(owner(G, n) for n in group))
        holders = ", ".join(describe_jabatan(G, p) for p in positions)
        yield Hit(tuple(group), f"IKI {describe(G, group[0])} dipegang {len(positions)} jabatan: {holders}",
                  tuple(p for p in positions if p))


def reference_k302(G, config):
    group_of = {n: i for i, group in enumerate(reference_staff_iki_copies(G, config.kemiripan)) for n in group}
    holders = {}
    for node, group in group_of.items():
        holders.setdefault(group, set()).add(owner(G, node))
    signatures = {}
    for position, nodes in elements_by_owner(G).items():
        iki = [n for n in nodes if role(G, n) == "iki"]
        if position is None or not iki or any(n not in group_of for n in iki):
            continue
        signature = frozenset(group_of[n] for n in iki)
        sources = set.intersection(*(holders[g] for g in signature)) - {position}
        if sources:
            signatures.setdefault(signature, []).append(position)
    for signature, positions in signatures.items():
        nodes = tuple(n for p in positions for n in elements_by_owner(G)[p] if role(G, n) == "iki")
        others = sorted(set.intersection(*(holders[g] for g in signature)) - set(positions))
        names = ", ".join(describe_jabatan(G, p) for p in positions)
        if len(positions) > 1:
            message = f"{len(positions)} jabatan memiliki daftar IKI ({len(signature)} IKI) yang sama persis: {names}"
        else:
            message = f"seluruh daftar IKI {names} ({len(signature)} IKI) sama dengan IKI jabatan lain"
        if others:
            message += "; semuanya juga tercantum di daftar IKI " + ", ".join(describe_jabatan(G, p) for p in others)
        yield Hit(nodes, message, tuple(positions) + tuple(others))


def reference_k303(G, config):
    for node, match in reference_supervisor_copies(G, config.kemiripan):
        yield Hit((node, match), f"{describe(G, node)} menyalin indikator atasan "
                                 f"{describe_jabatan(G, owner(G, match))}: {describe(G, match)}")


def reference_k304(G, config):
    by_formula = defaultdict(list)
    formulas = forms_by_id(G, "formula")
    for node in G:
        form = formulas[node]
        if elemen(G, node).is_indicator and len(form) >= 8:
            by_formula[form].append(node)
    for nodes in by_formula.values():
        if len(nodes) < 2:
            continue
        names = forms_by_id(G, "uraian")
        copies = reference_similar_groups({n: names[n] for n in nodes}, config.kemiripan)
        distinct = len(nodes) - sum(len(g) - 1 for g in copies)
        if distinct > 1:
            formula = " ".join((elemen(G, nodes[0]).formula or "").split())
            shown = ", ".join(describe(G, n, width=50) for n in nodes)
            count = f"{len(nodes)} indikator" + (f" ({distinct} uraian berbeda)" if distinct < len(nodes) else " berbeda")
            formula = formula if len(formula) <= 80 else formula[:79].rstrip() + "…"
            yield Hit(tuple(nodes), f"{count} memakai formula yang sama '{formula}': {shown}")


REFERENCES = {"K301": reference_k301, "K302": reference_k302, "K303": reference_k303, "K304": reference_k304}


def assert_same_hits(G, config=CheckConfig()) -> dict[str, int]:
    counts = {}
    for code, reference in REFERENCES.items():
        expected = list(reference(G, config))
        assert list(RULES[code].check(G, config)) == expected, code
        counts[code] = len(expected)
    return counts


# --- inputs full of copies ----------------------------------------------------------------------------------

OCR = {"l": "i", "i": "l", "m": "rn", "o": "0", "e": "c", "a": "o"}


def near_copy(text: str, rng: random.Random, words: list[str]) -> str:
    """The text as copied: verbatim, re-cased and punctuated, or with one word misspelt, replaced or dropped."""
    tokens = text.split()
    kind = rng.randrange(5)
    if kind == 0:
        return text
    if kind == 1:
        return f"{rng.randint(1, 9)}. {text.upper()};"
    k = rng.randrange(1, len(tokens))
    if kind == 2:
        spots = [i for i, ch in enumerate(tokens[k]) if ch in OCR] or [0]
        i = rng.choice(spots)
        tokens[k] = tokens[k][:i] + OCR.get(tokens[k][i], "x") + tokens[k][i + 1:]
    elif kind == 3:
        tokens[k] = rng.choice(words)
    else:
        del tokens[k]
    return " ".join(tokens)


def copy_heavy(seed: int, positions: int = 260, agencies: int = 1) -> dict:
    """A generated cascade where positions copy whole IKI lists, single indicators of other positions
    and of their supervisor; some formulas are shared, some IKI have no position or an unknown one.

    Near copies are made from indicators that never change, so every near copy is one word away
    from a text still there: within what the sketch always finds.
    """
    rng = random.Random(seed)
    document = generate(positions=positions, seed=seed, agencies=agencies, copied_lists=3, copied_iki=3).document
    rows = document["elemen"]
    atasan = {j["id"]: j.get("atasan") for j in document["jabatan"]}
    indicators = [r for r in rows if r["jenis"] == "indikator"]
    by_owner = defaultdict(list)
    for row in indicators:
        by_owner[row["jabatan"]].append(row)
    chosen = rng.sample(sorted(by_owner), 16)
    listed = set()
    for copier, source in zip(chosen[:8], chosen[8:], strict=True):
        for mine, theirs in zip(by_owner[copier], by_owner[source]):
            mine["uraian"] = theirs["uraian"]
            listed.add(mine["id"])
    rest = [row for row in indicators if row["id"] not in listed]
    rng.shuffle(rest)
    sources, copies = rest[:len(rest) // 2], rest[len(rest) // 2:]
    words = [w for r in sources for w in r["uraian"].split()]
    held = defaultdict(list)
    for row in sources:
        held[row["jabatan"]].append(row)
    for row in copies:
        if rng.random() < 0.3:
            continue
        bosses = held.get(atasan.get(row["jabatan"]))
        source = rng.choice(bosses) if bosses and rng.random() < 0.3 else rng.choice(sources)
        row["uraian"] = near_copy(source["uraian"], rng, words)
        if rng.random() < 0.5:
            row["formula"] = source["formula"]
    for row in rng.sample(indicators, len(indicators) // 10):
        row["formula"] = rng.choice([rng.choice(indicators)["formula"], "-", "x 100%", None])
    for row in rng.sample(indicators, len(indicators) // 20):
        row["jenis"] = rng.choice(["iku", "iki"])
    for row in rng.sample(copies, len(copies) // 15):
        if rng.random() < 0.5:
            row.pop("jabatan")
        else:
            row["jabatan"] = "hantu"
    return document


# --- tests --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("graph", GRAPHS.values(), ids=GRAPHS.keys())
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_same_hits_on_generated_cascades_full_of_copies(seed, graph):
    G = graph(cascade_of(copy_heavy(seed)))
    counts = assert_same_hits(G)
    assert counts["K301"] >= 30 and counts["K302"] >= 5 and counts["K303"] >= 5 and counts["K304"] >= 5, counts
    iki_texts = {form for node, form in forms_by_id(G, "uraian").items() if role(G, node) == "iki"}
    assert len(iki_texts) > ALL_PAIRS_UP_TO  # the sketch at work, not the all-pairs shortcut


@pytest.mark.parametrize("graph", GRAPHS.values(), ids=GRAPHS.keys())
def test_same_hits_on_a_generated_province_full_of_copies(graph):
    counts = assert_same_hits(graph(cascade_of(copy_heavy(7, positions=900, agencies=3))))
    assert min(counts.values()) >= 5, counts


@pytest.mark.parametrize("graph", GRAPHS.values(), ids=GRAPHS.keys())
@pytest.mark.parametrize("threshold", [85, 100])
def test_same_hits_at_other_thresholds(threshold, graph):
    assert_same_hits(graph(cascade_of(copy_heavy(3))), CheckConfig(kemiripan=threshold))


@pytest.mark.parametrize("graph", GRAPHS.values(), ids=GRAPHS.keys())
@pytest.mark.parametrize("path", sorted((ROOT / "fixtures").glob("*.yaml")), ids=lambda p: p.stem)
def test_same_hits_on_real_fixtures(path, graph):
    assert_same_hits(graph(load_cascade(path)))


@pytest.mark.parametrize("graph", GRAPHS.values(), ids=GRAPHS.keys())
def test_same_hits_on_every_rule_case(graph):
    for document in rule_case_documents():
        assert_same_hits(graph(cascade_of(document)))


def test_an_indicator_without_position_is_no_one_s_supervisor():
    """A head (no atasan) used to be compared with the indicators that have no position at all,
    as if those were its supervisor's."""
    G = ArrayGraph(cascade_of({
        "organisasi": {"kode": "uji", "nama": "Dinas Uji"},
        "jabatan": [{"id": "kadis", "nama": "Kepala Dinas"}, {"id": "staf", "nama": "Staf", "atasan": "kadis"}],
        "elemen": [{"id": "iku1", "jenis": "indikator", "uraian": "Persentase PMKS tertangani", "jabatan": "kadis"},
                   {"id": "lepas", "jenis": "indikator", "uraian": "Persentase PMKS tertangani"},
                   {"id": "iki1", "jenis": "indikator", "uraian": "Persentase PMKS tertangani", "jabatan": "staf"}]}))
    assert supervisor_copies(G, 90) == [("iki1", "iku1")]
    assert staff_iki_copies(G, 90) == []
