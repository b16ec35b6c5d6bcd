from collections.abc import Iterator
from functools import cache

import networkx as nx
import numpy as np

from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.graph import arrays, describe, is_role, memo, owners_array
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
    a sasaran that is not administrative and supports another element.

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
    a = arrays(G)
    forms = normal_forms(G, "uraian")  # in input order, as arrays(G).ids
    child, parent = a.child_of_edge, a.parent_of_edge
    own_sasaran = is_role(G, "iku", "iki")[child] & is_role(G, "sasaran")[parent] & _same_owner(G, child, parent)

    @cache
    def words(element: int) -> set[str]:  # only for the few links below: see `_sharing_no_word`
        return content_words(forms[element])

    for link in sorted(_sharing_no_word(forms, child, parent, np.flatnonzero(own_sasaran))):
        i, s = int(child[link]), int(parent[link])
        better = next((b for b in _sasaran_of_owner(G, i) if words(i) & words(b)), None)  # never s, sharing none
        node, sasaran = a.ids[i], a.ids[s]
        if better is not None:
            yield Hit((node, sasaran), f"{describe(G, node)} tidak sesuai dengan sasarannya {describe(G, sasaran)}; "
                                       f"lebih cocok di bawah {describe(G, a.ids[better])}")
        elif words(i) & ADMINISTRATIVE_WORDS and not words(s) & ADMINISTRATIVE_WORDS and G.out_degree(sasaran):
            yield Hit((node, sasaran), f"indikator administratif {describe(G, node)} ditempatkan di bawah "
                                       f"sasaran yang bukan administrasi {describe(G, sasaran)}")


def _sharing_no_word(forms: list[str], child: np.ndarray, parent: np.ndarray, links: np.ndarray) -> list[int]:
    """The links (indicator `child`, sasaran `parent`) whose two statements share no content word.

    Links are taken sasaran by sasaran, so each sasaran's words are found once and dropped after
    use: a million short-lived sets cost nothing, a million kept ones wake the garbage collector.
    """
    found: list[int] = []
    current, words = -1, set()
    by_sasaran = links[np.argsort(parent[links], kind="stable")]
    for link, i, s in zip(by_sasaran.tolist(), child[by_sasaran].tolist(), parent[by_sasaran].tolist(), strict=True):
        if s != current:
            current, words = s, content_words(forms[s])
        if words.isdisjoint(forms[i].split()):  # a sasaran word among the indicator's is a shared content word
            found.append(link)
    return found


def _same_owner(G: nx.DiGraph, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Mask of the pairs of elements (indices into `arrays(G).ids`) that have the same `jabatan`."""
    owners, jabatan = owners_array(G), G.graph["memo"]["columns"].jabatan
    same = owners[left] == owners[right]
    nameless = np.flatnonzero(same & (owners[left] < 0))  # no jabatan, or one not in the table: compare the ids
    same[nameless] = [jabatan[i] == jabatan[j]
                      for i, j in zip(left[nameless].tolist(), right[nameless].tolist(), strict=True)]
    return same


def _sasaran_of_owner(G: nx.DiGraph, i: int) -> list[int]:
    """The sasaran of element i's owner, as indices into `arrays(G).ids`, in input order."""
    owners = owners_array(G)

    def group() -> tuple[np.ndarray, np.ndarray]:
        sasaran = np.flatnonzero(is_role(G, "sasaran"))
        by_owner = sasaran[np.argsort(owners[sasaran], kind="stable")]
        return by_owner, owners[by_owner]
    by_owner, their_owner = memo(G, "sasaran_by_owner", group)
    held = by_owner[np.searchsorted(their_owner, owners[i]):np.searchsorted(their_owner, owners[i], side="right")]
    return held[_same_owner(G, np.full(held.size, i), held)].tolist()
