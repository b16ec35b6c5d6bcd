from collections.abc import Iterator

import networkx as nx
import numpy as np

from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.duplicates import staff_iki_copies
from cascade.graph import arrays, describe_jabatan, org_arrays, owner, owners_array, role


@rule("K302", "copied-iki-list", "error", "Seluruh daftar IKI sebuah jabatan disalin dari jabatan lain")
def copied_iki_list(G: nx.DiGraph, config: CheckConfig) -> Iterator[Hit]:
    """## What it does
    Flags positions whose whole IKI list is a copy: every one of their IKI is also held by
    another position, and some single other position holds them all. Positions with identical
    lists are reported together, in one finding.

    ## Why is this bad?
    A copied IKI table means the position's performance plan was never written for the person
    (SAKIP LKE 1.2.10: every employee has their own plan).

    ## Example
    ```yaml
    - {id: a1, jenis: indikator, uraian: Jumlah KPM terlayani, jabatan: staf_a}
    - {id: a2, jenis: indikator, uraian: Jumlah SDM terlatih, jabatan: staf_a}
    - {id: b1, jenis: indikator, uraian: Jumlah KPM terlayani, jabatan: staf_b}
    - {id: b2, jenis: indikator, uraian: Jumlah SDM terlatih, jabatan: staf_b}
    ```

    ## Use instead
    Give each position the IKI of its own result, derived from the supervisor's indicator.
    """
    group_of = {n: i for i, group in enumerate(staff_iki_copies(G, config.kemiripan)) for n in group}
    holders: dict[int, set[str]] = {}
    for node, group in group_of.items():
        holders.setdefault(group, set()).add(owner(G, node))
    iki_of = _iki_of(G, {owner(G, n) for n in group_of})
    signatures: dict[frozenset[int], list[str]] = {}
    for position, iki in iki_of.items():
        if any(n not in group_of for n in iki):
            continue
        signature = frozenset(group_of[n] for n in iki)
        sources = set.intersection(*(holders[g] for g in signature)) - {position}
        if sources:
            signatures.setdefault(signature, []).append(position)
    for signature, positions in signatures.items():
        nodes = tuple(n for p in positions for n in iki_of[p])
        others = sorted(set.intersection(*(holders[g] for g in signature)) - set(positions))
        names = ", ".join(describe_jabatan(G, p) for p in positions)
        if len(positions) > 1:
            message = f"{len(positions)} jabatan memiliki daftar IKI ({len(signature)} IKI) yang sama persis: {names}"
        else:
            message = f"seluruh daftar IKI {names} ({len(signature)} IKI) sama dengan IKI jabatan lain"
        if others:
            message += "; semuanya juga tercantum di daftar IKI " + ", ".join(describe_jabatan(G, p) for p in others)
        yield Hit(nodes, message, tuple(positions) + tuple(others))


def _iki_of(G: nx.DiGraph, positions: set[str]) -> dict[str, list[str]]:
    """The IKI of each of `positions` (all in the org chart: `staff_iki_copies` keeps no other) in
    input order, the positions in the order of their first element, without grouping every element
    by owner (seconds of work at 10^6): only the elements the owners array gives them are read.
    """
    index = org_arrays(G).index
    chosen = np.isin(owners_array(G), [index[p] for p in positions])
    found: dict[str, list[str]] = {}
    for node in (arrays(G).ids[i] for i in np.flatnonzero(chosen).tolist()):
        position = owner(G, node)
        if position in positions:
            found.setdefault(position, [])
            if role(G, node) == "iki":
                found[position].append(node)
    return found
