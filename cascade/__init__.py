"""SAKIP performance-cascade audit engine: graph, alignment checks and capaian propagation.

Notebook use::

    from cascade import load_cascade, audit, build_graph, score, ScoreOptions
    result = audit(load_cascade("fixtures/probolinggo.yaml"))
    result.findings, result.quality, result.graph   # graph is an nx.DiGraph, edges child -> parent
    result.view                                      # the ArrayGraph the checks ran on (province scale)
    capaian = score(result.graph, ScoreOptions(periode="TW2"))
    capaian["kadis.s1.iku1"].capaian, capaian["kadis.s1"].sumber
"""

from cascade.array_graph import ArrayGraph
from cascade.audit import Audit, QualityScore, audit, run_checks, select_rules
from cascade.capaian import ElementScore, Scale, ScoreOptions, contributions, direct_capaian, score, weakest_leaves
from cascade.checks import RULES, CheckConfig, Finding
from cascade.graph import build_graph, traceable_nodes
from models import load_cascade

__all__ = ["RULES", "ArrayGraph", "Audit", "CheckConfig", "ElementScore", "Finding", "QualityScore", "Scale", "ScoreOptions",
           "audit", "build_graph", "contributions", "direct_capaian", "load_cascade", "run_checks", "score",
           "select_rules", "traceable_nodes", "weakest_leaves"]
