import re
from collections.abc import Iterator
from itertools import compress

import networkx as nx
import numpy as np

from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.graph import arrays, describe, is_role
from cascade.text import normal_forms

ACTIVITY_PATTERNS = (
    re.compile(r"tugas(?<=\btugas) (dinas |kedinasan )?lain"),
    re.compile(r"di(?<=\bdi)(berikan|perintahkan) (oleh )?(atasan|pimpinan)"),
    re.compile(r"^(?:(melaksanakan|melakukan|menyiapkan|membuat|mengikuti|menyusun|membantu|mengelola|memfasilitasi)\b"
               r"|jumlah (pelaksanaan|persiapan|penyusunan|pembahasan|pembuatan|kegiatan yang dilaksanakan)\b"
               r"|(koordinasi|advokasi|penyediaan|pengembangan|penguatan|fasilitasi|sosialisasi) )"),
)
r"""Wordings of an activity (what is done) rather than a result (what changes).

Written for speed over a million texts: the openings share one pattern, tried at the start only,
and a pattern found anywhere begins with a plain word and checks the word boundary behind it
(``tugas(?<=\btugas)`` is ``\btugas``), so that the regex engine jumps from one occurrence of the
word to the next instead of trying every position.
"""


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
    a = arrays(G)
    indicators = np.flatnonzero(is_role(G, "iku", "iki", "indikator_tujuan")).tolist()
    uraian = normal_forms(G, "uraian")  # in input order, as arrays(G).ids
    forms = [uraian[i] for i in indicators]
    flagged: set[int] = set()
    for pattern in ACTIVITY_PATTERNS:  # one pattern over every text at a time: no Python loop per text
        flagged.update(compress(indicators, map(pattern.search, forms)))
    for node in (a.ids[i] for i in sorted(flagged)):
        yield Hit((node,), f"{describe(G, node)} menyebut kegiatan, bukan hasil yang diukur")
