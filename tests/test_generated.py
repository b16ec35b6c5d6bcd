"""On generated organisations, the findings are exactly the injected defects."""

import pytest

from cascade import audit, score
from cascade.graph import build_graph
from fixtures.generator import generate
from models.loaders import build_cascade


def load(generated):
    return build_cascade(generated.document, lambda table, i: f"{table}[{i}]", "generated")


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_findings_match_injected_defects_exactly(seed):
    generated = generate(positions=100, seed=seed)
    result = audit(load(generated))
    got = {(f.code, frozenset(f.elements)) for f in result.findings}
    assert got == generated.expected
    assert {code for code, _ in generated.expected} == {"K101", "K201", "K301", "K302"}


@pytest.mark.parametrize("seed", [5, 6])
def test_province_with_multi_parent_links_matches_ground_truth(seed):
    generated = generate(positions=600, seed=seed, agencies=4, multi_parent=0.05, chain_cuts=3)
    cascade = load(generated)
    assert sum(1 for e in cascade.elemen if len(e.induk) > 1) > 10
    assert next(j for j in cascade.jabatan if not j.atasan).eselon == "kepala_daerah"
    result = audit(cascade)
    assert {(f.code, frozenset(f.elements)) for f in result.findings} == generated.expected


def test_clean_generated_organisation_has_no_findings():
    generated = generate(positions=100, seed=3, orphans=0, chain_cuts=0, copied_lists=0, copied_iki=0)
    result = audit(load(generated))
    assert result.findings == []
    assert result.quality.skor == 100.0


def test_generated_organisation_has_about_the_requested_size():
    cascade = load(generate(positions=100, seed=0))
    assert 95 <= len(cascade.jabatan) <= 110


def test_quality_score_counts_untraceable_iki():
    generated = generate(positions=100, seed=4)
    result = audit(load(generated))
    iki = [n for n in result.graph if result.graph.nodes[n]["peran"] == "iki"]
    expected = 100 * (len(iki) - len(generated.untraceable_iki)) / len(iki)
    assert result.quality.iki_terlacak == pytest.approx(expected)


def test_staff_report_realisasi_that_rolls_up_to_the_head():
    generated = generate(positions=600, seed=4, agencies=2)
    cascade = load(generated)
    scores = score(build_graph(cascade))
    iki = [e for e in cascade.elemen if e.jabatan and "staf_" in e.jabatan and e.jenis == "indikator"]
    yearly = sum(e.realisasi is not None for e in iki) / len(iki)
    quarterly = {row.id for row in cascade.capaian}
    assert 0.7 < yearly < 0.9 and 0.05 < len(quarterly) / len(iki) < 0.15
    assert {row.periode for row in cascade.capaian} == {"TW1", "TW2", "TW3", "TW4"}
    assert all(scores[e.id].langsung is not None for e in iki if e.realisasi is not None or e.id in quarterly)
    assert all(scores[f"kada.s{s}.iku{k}"].turunan is not None for s in (1, 2, 3) for k in (1, 2))
    assert sum(s.capaian is None for s in scores.values()) < 0.2 * len(scores)  # tujuan, orphans, cut chains
