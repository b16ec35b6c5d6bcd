from collections.abc import Iterator

import networkx as nx

from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.graph import describe, elements_by_owner, owner, role
from cascade.text import content_words, normal_forms

ADMINISTRATIVE_WORDS = frozenset(
    "administrasi perkantoran kepegawaian keuangan penunjang surat arsip kearsipan spj ketatausahaan".split()
)
"""Words that mark a secretariat's supporting indicator."""


@rule("K204", "indicator-sasaran-mismatch", "warning", "Indikator ditempatkan di bawah sasaran yang tidak sesuai")
def indicator_sasaran_mismatch(G: nx.DiGraph, config: CheckConfig) -> Iterator[Hit]:
    """## What it does
    Flags an indicator that shares no meaningful word with the sasaran it stands under, when
    either (a) another sasaran of the same owner does share words with it, or (b) it is an
    administrative indicator (administrasi, kepegawaian, keuangan, penunjang, ...) placed under
    a programme sasaran.

    ## Why is this bad?
    A misplaced indicator makes the sasaran look measured while it is not, and inflates or
    deflates its capaian with unrelated work.

    ## Example
    ```yaml
    - {id: s1, jenis: sasaran, uraian: Meningkatnya Kesejahteraan Sosial PMKS, jabatan: kasubbag, induk: [s_sek]}
    - {id: i1, jenis: indikator, uraian: Persentase penunjang urusan perkantoran, jabatan: kasubbag, induk: [s1]}
    ```

    ## Use instead
    ```yaml
    - {id: s2, jenis: sasaran, uraian: Meningkatnya kualitas layanan perkantoran, jabatan: kasubbag}
    - {id: i1, jenis: indikator, uraian: Persentase penunjang urusan perkantoran, jabatan: kasubbag, induk: [s2]}
    ```
    """
    forms = normal_forms(G, "uraian")
    words = {n: content_words(forms[n]) for n, peran in G.nodes(data="peran") if peran in ("iku", "iki", "sasaran")}
    for node in G:
        if role(G, node) not in ("iku", "iki"):
            continue
        mine = words[node]
        for sasaran in G.successors(node):
            if role(G, sasaran) != "sasaran" or owner(G, sasaran) != owner(G, node) or mine & words[sasaran]:
                continue
            better = [s for s in elements_by_owner(G).get(owner(G, node), [])
                      if s != sasaran and role(G, s) == "sasaran" and mine & words[s]]
            if better:
                yield Hit((node, sasaran), f"{describe(G, node)} tidak sesuai dengan sasarannya {describe(G, sasaran)}; "
                                           f"lebih cocok di bawah {describe(G, better[0])}")
            elif mine & ADMINISTRATIVE_WORDS and not words[sasaran] & ADMINISTRATIVE_WORDS and G.out_degree(sasaran):
                yield Hit((node, sasaran), f"indikator administratif {describe(G, node)} ditempatkan di bawah "
                                           f"sasaran program {describe(G, sasaran)}")
