"""The JSON contract of `cascade check`: other tools read it, so keys are only ever added."""

from __future__ import annotations

from dataclasses import asdict

from cascade.audit import Audit
from cascade.checks import Finding


def finding_to_dict(f: Finding) -> dict:
    """One finding in the contract shape shared by `cascade check` and `cascade diff`."""
    return {"code": f.code, "rule": f.rule, "severity": f.severity, "elements": list(f.elements),
            "jabatan": list(f.jabatan), "message": f.message}


def audit_to_dict(audit: Audit) -> dict:
    quality = audit.quality
    return {
        "organisasi": audit.organisasi,
        "kode": audit.cascade.organisasi.kode,
        "sumber": audit.cascade.source,
        "findings": [finding_to_dict(f) for f in audit.findings],
        "summary": {severity: audit.summary.get(severity, 0) for severity in ("error", "warning", "info")},
        "kualitas": {**asdict(quality), "skor": quality.skor},
    }
