from collections.abc import Iterator

import networkx as nx
import numpy as np

from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.graph import arrays, chain_top, describe, head_owned, is_role, traceable_mask


@rule("K201", "not-traceable-to-iku", "error", "IKI atau sasaran yang tidak bermuara ke IKU mana pun")
def not_traceable_to_iku(G: nx.DiGraph, config: CheckConfig) -> Iterator[Hit]:
    """## What it does
    Flags every IKI and every sasaran below the head that has parents, yet no upward path to an
    IKU or to a sasaran an IKU stands under. The message names where the chain stops. Elements
    with no parent at all are reported by `orphan` instead, and those whose chain stops at an
    element naming an unknown `induk` by `unknown-reference`. A cascade without any IKU gets one
    finding naming the likely cause, not one per element.

    ## Why is this bad?
    An IKI that never reaches an IKU measures work that does not count toward the organisation's
    key results: the heart of a SAKIP cascading review.

    ## Example
    ```yaml
    - {id: s_kabid, jenis: sasaran, uraian: Terlaksananya rapat, jabatan: kabid}
    - {id: iki1, jenis: indikator, uraian: Jumlah rapat, jabatan: staf, induk: [s_kabid]}
    ```

    ## Use instead
    ```yaml
    - {id: s_kabid, jenis: sasaran, uraian: Meningkatnya layanan, jabatan: kabid, induk: [s_kadis]}
    - {id: iki1, jenis: indikator, uraian: Jumlah layanan, jabatan: staf, induk: [s_kabid]}
    ```
    """
    a = arrays(G)
    broken = ~traceable_mask(G) & is_role(G, "iki", "sasaran") & ~head_owned(G) & (a.out_degree() > 0)
    if broken.any() and not is_role(G, "iku").any():  # one cause, so one finding rather than one per element
        yield Hit((), f"kaskade tidak memiliki IKU, sehingga {int(broken.sum())} IKI dan sasaran tidak dapat "
                      f"bermuara ke IKU: {_why_no_iku(G)}", tuple(sorted(G.graph["heads"])))
        return
    for i in np.flatnonzero(broken).tolist():
        node = a.ids[i]
        top = chain_top(G, node)
        if a.names_unknown[a.index[top]]:  # the chain stops at a mistyped induk: K102 reports that one cause
            continue
        yield Hit((node,), f"{describe(G, node)} tidak bermuara ke IKU: rantai induknya berhenti di {describe(G, top)}")


def _why_no_iku(G: nx.DiGraph) -> str:
    if len(G.graph["heads"]) != 1:
        return "kepala organisasi tidak dapat ditentukan (lihat K104)"
    a = arrays(G)
    labelled_iki = np.flatnonzero(head_owned(G) & is_role(G, "iki"))
    if labelled_iki.size:
        first = describe(G, a.ids[labelled_iki[0]])
        more = f" dan {labelled_iki.size - 1} lainnya" if labelled_iki.size > 1 else ""
        return f"indikator milik kepala {first}{more} berjenis iki; tulis iku atau indikator"
    return "kepala belum memiliki indikator (IKU) pada sasarannya"
