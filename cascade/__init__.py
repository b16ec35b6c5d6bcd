"""SAKIP performance-cascade audit engine: graph, alignment checks and (later) capaian propagation.

Notebook use::

    from cascade import load_cascade, audit
    result = audit(load_cascade("fixtures/probolinggo.yaml"))
    result.findings, result.quality, result.graph   # graph is an nx.DiGraph, edges child -> parent
"""

from cascade.audit import Audit, QualityScore, audit, run_checks, select_rules
from cascade.checks import RULES, CheckConfig, Finding
from cascade.graph import build_graph, traceable_nodes
from models import load_cascade

__all__ = ["RULES", "Audit", "CheckConfig", "Finding", "QualityScore", "audit", "build_graph",
           "load_cascade", "run_checks", "select_rules", "traceable_nodes"]
