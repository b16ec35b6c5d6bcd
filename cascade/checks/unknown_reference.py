from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property

import networkx as nx
import numpy as np

from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.graph import arrays, describe, describe_jabatan, elemen, owners_array
from models.bulk import column_of, columns_of


@rule("K102", "unknown-reference", "error", "Rujukan ke id yang tidak ada (induk, jabatan, atasan, capaian)")
def unknown_reference(G: nx.DiGraph, config: CheckConfig) -> Iterator[Hit]:
    """## What it does
    Flags an `induk`, `jabatan`, `atasan` or `capaian.id` that names an id not defined in the file;
    the head's own `atasan` (the Bupati, in an agency's file) is outside the file by nature.
    Where the intended id is certain, the message names it: ids separated by commas instead of `;`,
    an id written in other capitals, an `induk` holding an element's uraian instead of its id.

    ## Why is this bad?
    A typo in an id silently cuts the cascade: the element looks linked in the spreadsheet but
    supports nothing in the graph.

    ## Example
    ```yaml
    - {id: i1, jenis: indikator, uraian: Jumlah laporan, jabatan: staf, induk: [S_STAF]}
    ```

    ## Use instead
    ```yaml
    - {id: i1, jenis: indikator, uraian: Jumlah laporan, jabatan: staf, induk: [s_staf]}
    ```
    """
    cascade = G.graph["cascade"]
    positions = G.graph["positions"]
    hints = _Hints(G)
    a = arrays(G)
    named_owner = np.fromiter((j is not None for j in G.graph["memo"]["columns"].jabatan), dtype=bool, count=a.n)
    for node in (a.ids[i] for i in np.flatnonzero(a.names_unknown | (named_owner & (owners_array(G) < 0))).tolist()):
        item = elemen(G, node)
        missing = [p for p in item.induk if p not in a.index]
        if missing:
            said = [(p, hint) for p in missing if (hint := hints.induk(p, node))]
            told = "".join(f"; {p!r}: {hint}" if len(missing) > 1 else f"; {hint}" for p, hint in said)
            yield Hit((node,), f"{describe(G, node)}: induk {', '.join(map(repr, missing))} tidak ada di berkas{told}")
        if item.jabatan and item.jabatan not in positions:
            yield Hit((node,), f"{describe(G, node)}: jabatan {item.jabatan!r} tidak ada di tabel jabatan"
                               f"{hints.position(item.jabatan)}", ())
    sole_head = next(iter(G.graph["heads"])) if len(G.graph["heads"]) == 1 else None
    for position_id, atasan in zip(*columns_of(cascade.jabatan, ["id", "atasan"]), strict=True):
        if atasan and atasan not in positions and position_id != sole_head:  # the head's own is outside the file
            yield Hit((), f"jabatan {describe_jabatan(G, position_id)}: atasan {atasan!r} tidak ada di tabel jabatan"
                          f"{hints.position(atasan)}", (position_id,))
    unknown = sorted({element_id for element_id in column_of(cascade.capaian, "id") if element_id not in G})
    for element_id in unknown:
        hint = hints.other_case(element_id, hints.element_by_folded_id)
        yield Hit((), f"tabel capaian merujuk elemen {element_id!r} yang tidak ada" + (f"; {hint}" if hint else ""),
                  ())


class _Hints:
    """What a missing id was meant to be, when that is certain. Each lookup is built once per run, on first
    need: at 10^6 elements one costs a few tenths of a second, and a run may have many hits."""

    def __init__(self, G: nx.DiGraph):
        self.G, self.index = G, arrays(G).index

    @cached_property
    def element_by_folded_id(self) -> dict[str, str | None]:
        ids = self.G.graph["memo"]["columns"].ids
        return _unique(map(str.casefold, ids), ids)

    @cached_property
    def position_by_folded_id(self) -> dict[str, str | None]:
        ids = column_of(self.G.graph["cascade"].jabatan, "id")
        return _unique(map(str.casefold, ids), ids)

    @cached_property
    def element_by_uraian(self) -> dict[str, str | None]:
        columns = self.G.graph["memo"]["columns"]
        return _unique(map(_folded_text, columns.uraian), columns.ids)

    def induk(self, missing: str, node: str) -> str:
        """The hint for a missing `induk` of `node`, or ''."""
        parts = [part.strip() for part in missing.split(",") if part.strip()]
        if len(parts) > 1 and all(part in self.index for part in parts):
            return f"pisahkan beberapa induk dengan titik koma (;), bukan koma: {';'.join(parts)!r}"
        if self.element_by_folded_id.get(missing.casefold()) not in (None, node):  # never a link to itself
            return self.other_case(missing, self.element_by_folded_id)
        meant = self.element_by_uraian.get(_folded_text(missing))
        if meant is not None and meant != node:
            return f"itu uraian elemen {meant!r}; tulis id-nya, {meant!r}"
        return ""

    def position(self, missing: str) -> str:
        """The hint for a missing position id (an owner or an `atasan`), as '; ...' or ''."""
        hint = self.other_case(missing, self.position_by_folded_id)
        return f"; {hint}" if hint else ""

    @staticmethod
    def other_case(missing: str, by_folded_id: dict[str, str | None]) -> str:
        meant = by_folded_id.get(missing.casefold())
        return f"maksudnya {meant!r}?" if meant is not None else ""


def _folded_text(text: str) -> str:
    """Text compared regardless of capitals and runs of spaces."""
    return " ".join(text.split()).casefold()


def _unique(keys: Iterable[str], values: Sequence[str]) -> dict[str, str | None]:
    """Each key's value; None for a key several values share, which no hint can choose between."""
    keys = list(keys)
    found: dict[str, str | None] = dict(zip(keys, values, strict=True))
    if len(found) < len(keys):
        found.update((key, None) for key, count in Counter(keys).items() if count > 1)
    return found
