"""The array path gives the same findings and capaian as the straightforward networkx path."""

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cascade import score
from cascade.array_graph import ArrayGraph
from cascade.audit import QualityScore, _share, quality_score, run_checks, select_rules
from cascade.checks import CheckConfig
from cascade.duplicates import staff_iki_copies, supervisor_copies
from cascade.graph import (arrays, build_graph, elemen, is_head, owner, role, top_positions, traceable_nodes,
                           tree_order)
from cascade.text import normal_forms
from cascade.org import RELATIONS, OrgArrays, link_relations
from fixtures.generator import generate
from models import Cascade, Elemen, Jabatan, Organisasi, load_cascade
from models.loaders import build_cascade
from tests.test_rules import load_cases, run_case_cascade


def scrambled(seed: int, positions: int = 120):
    """A generated organisation with random extra links and atasan: skips, cross-unit and
    inverted links, unknown ids, element and atasan cycles, all the shapes the checks branch on."""
    rng = random.Random(seed)
    document = generate(positions=positions, seed=seed, agencies=2, multi_parent=0.05).document
    elements, positions_ = document["elemen"], document["jabatan"]
    ids = [e["id"] for e in elements]
    for row in rng.sample(elements, len(elements) // 8):
        row["induk"] = [*row.get("induk", []), rng.choice([*ids, "tidak.ada"])]
        row.pop("crosscutting", None)
    for row in rng.sample(positions_, 3):
        row["atasan"] = rng.choice([p["id"] for p in positions_])
    for row in rng.sample(elements, 5):
        row["jabatan"] = rng.choice([p["id"] for p in positions_])
        row["realisasi"], row["target"] = str(rng.randint(1, 120)), str(rng.randint(1, 100))
    return build_cascade(document, lambda table, i: f"{table}[{i}]", "acak")


def cascades():
    yield "probolinggo", load_cascade("fixtures/probolinggo.yaml")
    yield "sampang", load_cascade("fixtures/sampang.yaml")
    for seed in range(6):
        yield f"acak-{seed}", scrambled(seed)


def forms_by_id(G, column):
    """`normal_forms` keyed by element id, as the reference implementations read them."""
    return dict(zip(arrays(G).ids, normal_forms(G, column), strict=True))


def ids_with_target(cascade):
    """The ids of the elements with a target in their own row or in a `capaian` row of this year (a
    quarter, or a yearly row of the cascade's tahun), read from the records."""
    year = cascade.organisasi.tahun
    this_year = [row for row in cascade.capaian
                 if row.periode.startswith("TW") or year is None or row.periode == str(year)]
    return {e.id for e in cascade.elemen if e.target is not None} | {row.id for row in this_year if row.target is not None}


@pytest.mark.parametrize(("name", "cascade"), list(cascades()))
def test_every_rule_finds_the_same_on_both_graphs(name, cascade):
    rules = select_rules()
    assert run_checks(ArrayGraph(cascade), rules) == run_checks(build_graph(cascade), rules)


@pytest.mark.parametrize(("name", "cascade"), list(cascades()))
def test_capaian_is_the_same_on_both_graphs(name, cascade):
    assert score(ArrayGraph(cascade)) == score(build_graph(cascade))


def test_scrambled_cascades_exercise_every_relation_and_cycles():
    found = {f.code for seed in range(6) for f in run_checks(ArrayGraph(scrambled(seed)), select_rules())}
    assert {"K102", "K103", "K105", "K106", "K107", "K203"} <= found


@pytest.mark.parametrize(("code", "outcome", "case"), list(load_cases()))
def test_rule_cases_find_the_same_on_both_graphs(code, outcome, case):
    cascade = run_case_cascade(code, case)
    rules = select_rules([code])
    assert run_checks(ArrayGraph(cascade), rules) == run_checks(build_graph(cascade), rules)


def reference_relation(atasan: dict[str, str | None], child: str | None, parent: str | None) -> str:
    """How the parent's owner stands to the child's owner, walking the chart (the original code)."""
    def chain(p):
        out, seen, current = [], {p}, atasan.get(p)
        while current is not None and current in atasan and current not in seen:
            out.append(current)
            seen.add(current)
            current = atasan.get(current)
        return out
    if child not in atasan or parent not in atasan:
        return "unknown"
    if child == parent:
        return "same"
    if atasan[child] == parent:
        return "atasan"
    if parent in chain(child):
        return "skip"
    return "inverted" if child in chain(parent) else "cross"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-1, 30), min_size=1, max_size=30), st.data())
def test_link_relations_match_walking_the_chart(supervisors, data):
    n = len(supervisors)
    positions = [Jabatan(id=f"j{i}", nama=f"J{i}", atasan=f"j{s}" if s >= 0 else None)
                 for i, s in enumerate(supervisors)]
    atasan = {j.id: j.atasan for j in positions}
    pairs = data.draw(st.lists(st.tuples(st.integers(-1, n), st.integers(-1, n)), min_size=1, max_size=40))
    org = OrgArrays.from_columns(list(atasan), list(atasan.values()))
    codes = link_relations(org, np.array([c if c < n else -1 for c, _ in pairs]),
                           np.array([p if p < n else -1 for _, p in pairs]))
    name = {i: f"j{i}" for i in range(n)}
    assert [RELATIONS[c] for c in codes] == [reference_relation(atasan, name.get(c), name.get(p)) for c, p in pairs]


def reference_tops(ids, atasan):
    """`top_positions` as first written: every set built up front."""
    known, leading = set(ids), set(filter(None, atasan))
    blank = [position for position, supervisor in zip(ids, atasan) if not supervisor]
    outside = [position for position, supervisor in zip(ids, atasan) if supervisor and supervisor not in known]
    if not blank:
        return frozenset(outside)
    if any(position in leading for position in blank):
        return frozenset(blank)
    return frozenset(blank + [position for position in outside if position in leading])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["kadis", "kabid", "staf", "sek"]),
                          st.none() | st.sampled_from(["", "kadis", "kabid", "staf", "sek", "bupati", "typo"])),
                max_size=8))
def test_top_positions_match_the_first_reading(rows):
    ids, atasan = [i for i, _ in rows], [a for _, a in rows]
    assert top_positions(ids, atasan) == reference_tops(ids, atasan)


def reference_quality(G, config):
    """The quality score as first written, over sets and loops."""
    iki = [n for n in G if role(G, n) == "iki"]
    reached = traceable_nodes(G)
    copied = {n for group in staff_iki_copies(G, config.kemiripan) for n in group}
    copied |= {n for n, _ in supervisor_copies(G, config.kemiripan)}
    has_iki = {owner(G, n) for n in iki}
    has_copy = {owner(G, n) for n in iki if n in copied}
    positions = [j.id for j in G.graph["cascade"].jabatan if not is_head(G, j.id)]
    own = sum(1 for p in positions if p in has_iki and p not in has_copy)
    indicators = [n for n in G if elemen(G, n).is_indicator]
    targeted = ids_with_target(G.graph["cascade"])
    formulas, sources = forms_by_id(G, "formula"), forms_by_id(G, "sumber_data")
    complete = sum(1 for n in indicators if n in targeted and formulas[n] and sources[n])
    return QualityScore(_share(sum(1 for n in iki if n in reached), len(iki)), _share(own, len(positions)),
                        _share(complete, len(indicators)))


@pytest.mark.parametrize(("name", "cascade"), list(cascades()))
def test_quality_score_matches_the_set_based_reference(name, cascade):
    assert quality_score(ArrayGraph(cascade), CheckConfig()) == reference_quality(build_graph(cascade), CheckConfig())


def reference_tree_order(G):
    """tree_order as first written, over the networkx graph."""
    seen = set()
    for root in (n for n in G if G.out_degree(n) == 0):
        stack = [(root, 0)]
        while stack:
            node, depth = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            yield node, depth
            stack.extend((child, depth + 1) for child in reversed(list(G.predecessors(node))) if child not in seen)
    yield from ((n, 0) for n in G if n not in seen)


@pytest.mark.parametrize(("name", "cascade"), list(cascades()))
def test_tree_order_matches_the_graph_walk(name, cascade):
    assert list(tree_order(ArrayGraph(cascade))) == list(reference_tree_order(build_graph(cascade)))


@pytest.mark.parametrize("graph", [build_graph, ArrayGraph])
def test_a_cycle_is_printed_from_its_smallest_id(graph):
    """The walk from `a` finds the cycle c -> d -> b -> c, which misses `a`: it is printed from `b`."""
    sasaran = [("a", ("c",)), ("b", ("c", "a")), ("c", ("d",)), ("d", ("b",))]
    cascade = Cascade(organisasi=Organisasi(kode="x", nama="X"), jabatan=(Jabatan(id="kadis", nama="Kepala Dinas"),),
                      elemen=tuple(Elemen(id=i, jenis="sasaran", uraian=i.upper(), jabatan="kadis", induk=induk)
                                   for i, induk in sasaran))
    (finding,) = run_checks(graph(cascade), select_rules(["K103"]))
    assert finding.elements == ("b", "c", "d")
    assert finding.message == "siklus induk: b --> c --> d --> b"
