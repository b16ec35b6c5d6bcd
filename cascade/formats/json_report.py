"""The JSON contract of `cascade check`: other tools read it, so keys are only ever added."""

from __future__ import annotations

from dataclasses import asdict

from cascade.audit import Audit


def audit_to_dict(audit: Audit) -> dict:
    quality = audit.quality
    return {
        "organisasi": audit.organisasi,
        "kode": audit.cascade.organisasi.kode,
        "sumber": audit.cascade.source,
        "findings": [
            {"code": f.code, "rule": f.rule, "severity": f.severity, "elements": list(f.elements),
             "jabatan": list(f.jabatan), "message": f.message}
            for f in audit.findings
        ],
        "summary": {severity: audit.summary.get(severity, 0) for severity in ("error", "warning", "info")},
        "kualitas": {**asdict(quality), "skor": quality.skor},
    }
