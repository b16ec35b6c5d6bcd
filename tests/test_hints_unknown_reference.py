"""K102 names the id a missing reference was meant to be, when that is certain: the `hints` of its rule cases,
found through look-ups built once a run, as a run over 10^6 elements may have as many hits."""

from pathlib import Path

import pytest
import yaml

import cascade.checks.unknown_reference as checks_module
from cascade.checks import CheckConfig
from cascade.checks.unknown_reference import unknown_reference
from cascade.graph import build_graph
from models.loaders import build_cascade
from tests.test_rules import DEFAULT_JABATAN, case_document, run_case

CASES = yaml.safe_load((Path(__file__).parent / "rules" / "K102.yaml").read_text(encoding="utf-8"))["fail"]


@pytest.mark.parametrize("case", [case for case in CASES if "hints" in case], ids=lambda case: case["name"])
def test_messages_end_with_their_hints(case):
    messages = [finding.message for finding in run_case("K102", case)]
    assert len(messages) == len(case["hints"])
    for message, hint in zip(messages, case["hints"], strict=True):
        assert message.endswith(hint), (message, hint)


def test_lookups_are_built_once_a_run_not_once_a_hit(monkeypatch):
    n = 1_000
    elemen = [{"id": f"s{i}", "jenis": "sasaran", "uraian": f"Sasaran {i}", "jabatan": "kasi"} for i in range(n)]
    elemen += [{"id": f"i{i}", "jenis": "iki", "uraian": f"Indikator {i}", "jabatan": "Staf",
                "induk": [f"S{i}", f"sasaran  {i}"]} for i in range(n)]
    G = build_graph(build_cascade(case_document({"elemen": elemen}), lambda table, i: f"{table}[{i}]", "x.yaml"))
    built = []
    unique = checks_module._unique
    monkeypatch.setattr(checks_module, "_unique",
                        lambda keys, values: built.append(len(values)) or unique(keys, values))
    hits = list(unknown_reference(G, CheckConfig()))
    assert len(hits) == 2 * n  # each IKI: its two induk, its jabatan
    assert hits[-2].message.endswith(f"'S{n - 1}': maksudnya 's{n - 1}'?; "
                                     f"'sasaran  {n - 1}': itu uraian elemen 's{n - 1}'; tulis id-nya, 's{n - 1}'")
    assert hits[-1].message.endswith("maksudnya 'staf'?")
    assert sorted(built) == [len(DEFAULT_JABATAN), 2 * n, 2 * n]  # element ids, uraian, position ids: once each
