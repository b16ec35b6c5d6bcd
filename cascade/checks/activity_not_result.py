import re
from collections.abc import Iterator

import networkx as nx

from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.graph import describe, elemen
from cascade.text import normal_forms

ACTIVITY_PATTERNS = (
    re.compile(r"\btugas (dinas |kedinasan )?lain"),
    re.compile(r"\b(diberikan|diperintahkan) (oleh )?(atasan|pimpinan)"),
    re.compile(r"^(melaksanakan|melakukan|menyiapkan|membuat|mengikuti|menyusun|membantu|mengelola|memfasilitasi)\b"),
    re.compile(r"^jumlah (pelaksanaan|persiapan|penyusunan|pembahasan|pembuatan|kegiatan yang dilaksanakan)\b"),
    re.compile(r"^(koordinasi|advokasi|penyediaan|pengembangan|penguatan|fasilitasi|sosialisasi) "),
)
"""Wordings of an activity (what is done) rather than a result (what changes)."""


@rule("K404", "activity-not-result", "warning", "Indikator berupa kegiatan, bukan hasil")
def activity_not_result(G: nx.DiGraph, config: CheckConfig) -> Iterator[Hit]:
    """## What it does
    Flags indicators worded as activities: "melaksanakan tugas lain yang diberikan atasan",
    "Jumlah pelaksanaan ...", sub-kegiatan names such as "Koordinasi dan Sinkronisasi ...".

    ## Why is this bad?
    SAKIP measures results (output/outcome). Counting how often an activity was carried out says
    nothing about what it achieved, and "other duties from the supervisor" cannot be planned.

    ## Example
    ```yaml
    - {id: i1, jenis: indikator, uraian: Jumlah pelaksanaan tugas dinas lain yang diberikan atasan}
    ```

    ## Use instead
    ```yaml
    - {id: i1, jenis: indikator, uraian: Persentase disposisi atasan yang selesai tepat waktu}
    ```
    """
    forms = normal_forms(G, "uraian")
    for node in G:
        if elemen(G, node).is_indicator and any(p.search(forms[node]) for p in ACTIVITY_PATTERNS):
            yield Hit((node,), f"{describe(G, node)} menyebut kegiatan, bukan hasil yang diukur")
