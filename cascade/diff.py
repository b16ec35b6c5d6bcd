"""Compare two versions of a cascade, and say what the change breaks downstream.

A *Perubahan IKU* (an IKU or sasaran replaced mid-period) silently cuts the links of everything
cascaded from it. Besides the elements, positions (matched by id) and capaian rows (matched by
id and periode) added, removed and changed, the diff reports the impact on the cascade, each
compared with the old version so only new damage shows:

- **orphans**: elements (not a tujuan, not the head's) left with no existing parent, either
  because their `induk` was removed or because the links were edited away;
- **untraceable**: IKI and sasaran below the head that reached an IKU before, or are new, and
  reach none now; orphans are listed once, as orphans;
- **duplicates**: findings of the duplication rules (K3xx) that the old version did not have.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx

from cascade.audit import run_checks, select_rules
from cascade.checks import CheckConfig, Finding
from cascade.formats.indonesian import exact
from cascade.formats.json_report import finding_to_dict
from cascade.graph import build_graph, chain_top, describe, elemen, is_head, owner, role, traceable_nodes
from pydantic import BaseModel

from models.cascade import Cascade, Elemen, Rentang
from models.headers import COLUMNS

DUPLICATE_RULES = ("K3",)


@dataclass(frozen=True)
class FieldChange:
    column: str
    old: object
    new: object


@dataclass(frozen=True)
class ElementChange:
    id: str
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class TableDiff:
    """Rows of one table added, removed and changed between the versions, by key."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[ElementChange, ...] = ()

    def __len__(self) -> int:
        return len(self.added) + len(self.removed) + len(self.changed)


@dataclass(frozen=True)
class Broken:
    """An element the change cut off, and why in the planner's words."""

    id: str
    reason: str


@dataclass(frozen=True)
class CascadeDiff:
    old: Cascade
    new: Cascade
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[ElementChange, ...]
    orphans: tuple[Broken, ...]
    untraceable: tuple[Broken, ...]
    duplicates: tuple[Finding, ...]
    jabatan: TableDiff
    capaian: TableDiff
    old_graph: nx.DiGraph  # the graphs describe elements in messages
    new_graph: nx.DiGraph


def diff_cascades(old: Cascade, new: Cascade, config: CheckConfig | None = None) -> CascadeDiff:
    """Elements added, removed and changed from `old` to `new`, and the new damage to the cascade.

    Examples
    --------
    >>> from models import Cascade, Organisasi, Elemen, Jabatan
    >>> staff = (Jabatan(id="kadis", nama="K"), Jabatan(id="s", nama="S", atasan="kadis"))
    >>> s = Elemen(id="s", jenis="sasaran", uraian="S", jabatan="kadis")
    >>> iku = Elemen(id="iku", jenis="indikator", uraian="I", jabatan="kadis", induk=("s",))
    >>> iki = Elemen(id="iki", jenis="indikator", uraian="J", jabatan="s", induk=("iku",))
    >>> version = lambda *elemen: Cascade(organisasi=Organisasi(kode="x", nama="X"), jabatan=staff, elemen=elemen)
    >>> d = diff_cascades(version(s, iku, iki), version(s, iki))
    >>> d.removed, [b.id for b in d.orphans]
    (('iku',), ['iki'])
    """
    old_by_id = {e.id: e for e in old.elemen}
    elements = _table_diff(old_by_id, {e.id: e for e in new.elemen}, COLUMNS["elemen"])
    G_old, G_new = build_graph(old), build_graph(new)
    orphans = _orphans(G_new) - _orphans(G_old)
    lost = _untraceable(G_new) - _untraceable(G_old) - orphans
    config = config or CheckConfig()
    rules = select_rules(DUPLICATE_RULES)
    before: dict[str, list[frozenset[str]]] = {}
    for finding in run_checks(G_old, rules, config):
        before.setdefault(finding.code, []).append(frozenset(finding.elements))
    # New unless an old finding of the rule already covered all its elements: a copy regrouped is no new copy.
    duplicates = tuple(f for f in run_checks(G_new, rules, config)
                       if not any(frozenset(f.elements) <= old for old in before.get(f.code, ())))
    return CascadeDiff(
        old=old, new=new,
        added=elements.added, removed=elements.removed, changed=_meaningful(elements.changed, G_old, G_new),
        orphans=tuple(Broken(n, _orphan_reason(G_new, old_by_id, n)) for n in G_new if n in orphans),
        untraceable=tuple(Broken(n, f"{'rantai induknya kini' if n in old_by_id else 'elemen baru; rantai induknya'} "
                                    f"berhenti di {describe(G_new, chain_top(G_new, n))}")
                          for n in G_new if n in lost),
        duplicates=duplicates,
        jabatan=_table_diff({j.id: j for j in old.jabatan}, {j.id: j for j in new.jabatan}, COLUMNS["jabatan"]),
        capaian=_table_diff({f"{c.id} {c.periode}": c for c in old.capaian},
                            {f"{c.id} {c.periode}": c for c in new.capaian}, COLUMNS["capaian"]),
        old_graph=G_old,
        new_graph=G_new,
    )


def _table_diff(old: dict[str, BaseModel], new: dict[str, BaseModel], columns: tuple[str, ...]) -> TableDiff:
    """Keys added and removed, in file order, and the columns that changed for kept keys."""
    changed = []
    for key, row in new.items():
        if key in old:
            changes = tuple(FieldChange(c, getattr(old[key], c), getattr(row, c)) for c in columns
                            if getattr(old[key], c) != getattr(row, c))
            if changes:
                changed.append(ElementChange(key, changes))
    return TableDiff(tuple(k for k in new if k not in old), tuple(k for k in old if k not in new), tuple(changed))


def _meaningful(changed: tuple[ElementChange, ...], G_old: nx.DiGraph, G_new: nx.DiGraph) -> tuple[ElementChange, ...]:
    """The changes, less a `jenis` relabelled without changing the role: a staff `indikator`
    written `iki` is the same IKI."""
    kept = []
    for change in changed:
        same_role = role(G_old, change.id) == role(G_new, change.id)
        fields = tuple(c for c in change.changes if not (c.column == "jenis" and same_role))
        if fields:
            kept.append(ElementChange(change.id, fields))
    return tuple(kept)


def _orphans(G: nx.DiGraph) -> set[str]:
    """Elements that must support something and support no element that exists."""
    return {n for n in G if G.out_degree(n) == 0 and elemen(G, n).jenis != "tujuan" and not is_head(G, owner(G, n))}


def _untraceable(G: nx.DiGraph) -> set[str]:
    """IKI and sasaran below the head with no upward path to an IKU (the scope of K201)."""
    reached = traceable_nodes(G)
    return {n for n in G if n not in reached and role(G, n) in ("iki", "sasaran") and not is_head(G, owner(G, n))}


def _orphan_reason(G: nx.DiGraph, old_by_id: Mapping[str, Elemen], node: str) -> str:
    """Why `node` supports nothing in the new cascade: a parent removed, one that never existed, or its links changed."""
    now, before = elemen(G, node).induk, old_by_id.get(node)
    missing = [p for p in now if p not in G]
    gone, unknown = [p for p in missing if p in old_by_id], [p for p in missing if p not in old_by_id]
    reasons = []
    if gone:
        reasons.append(f"induknya {', '.join(gone)} tidak ada lagi")
    if unknown:
        reasons.append(f"induknya {', '.join(unknown)} tidak dikenal (tidak ada di versi lama maupun baru)")
    if reasons:
        return "; ".join(reasons)
    if before is not None and before.induk != now:
        return f"induknya diubah dari {', '.join(before.induk) or '(kosong)'} menjadi {', '.join(now) or '(kosong)'}"
    return "elemen baru tanpa induk"


# --- output -------------------------------------------------------------------------------------


def shown(value: object) -> str:
    """A value as the planner types it: lists with `;`, numbers with a decimal comma and every
    digit (a change in the fourth decimal still shows), empty as `(kosong)`."""
    if value is None or value == ():
        return "(kosong)"
    if isinstance(value, tuple):
        return ";".join(value)
    if isinstance(value, Rentang):
        return f"{exact(value.lo)}-{exact(value.hi)}"
    if isinstance(value, float):
        return exact(value)
    return str(value)


def render_text(diff: CascadeDiff) -> str:
    """The diff for a reader: changes first, then the impact on the cascade."""
    lines = [f"Perbandingan {diff.old.source or 'lama'} -> {diff.new.source or 'baru'}", ""]
    G = diff.new_graph
    sections = [
        ("Elemen ditambah", [describe(G, n) for n in diff.added]),
        ("Elemen dihapus", [describe(diff.old_graph, n) for n in diff.removed]),
        ("Elemen diubah", [_change_text(G, c) for c in diff.changed]),
        ("Jabatan ditambah", list(diff.jabatan.added)),
        ("Jabatan dihapus", list(diff.jabatan.removed)),
        ("Jabatan diubah", [_row_change_text(c) for c in diff.jabatan.changed]),
        ("Capaian ditambah (id periode)", list(diff.capaian.added)),
        ("Capaian dihapus (id periode)", list(diff.capaian.removed)),
        ("Capaian diubah (id periode)", [_row_change_text(c) for c in diff.capaian.changed]),
        ("Dampak: elemen menjadi yatim (tanpa induk yang ada)",
         [f"{describe(G, b.id)}: {b.reason}" for b in diff.orphans]),
        ("Dampak: elemen tidak lagi bermuara ke IKU",
         [f"{describe(G, b.id)}: {b.reason}" for b in diff.untraceable]),
        ("Dampak: duplikasi baru", [f"{f.code} {f.rule}: {f.message}" for f in diff.duplicates]),
    ]
    for title, items in sections:
        lines.append(f"{title} ({len(items)})" + (":" if items else ""))
        lines += [f"  - {item}" for item in items]
    impact = len(diff.orphans) + len(diff.untraceable) + len(diff.duplicates)
    lines += ["", f"Ringkasan: elemen {len(diff.added)} ditambah, {len(diff.removed)} dihapus, "
                  f"{len(diff.changed)} diubah; {len(diff.jabatan)} perubahan jabatan, "
                  f"{len(diff.capaian)} perubahan capaian; "
                  + (f"{impact} dampak pada kaskade" if impact else "tidak ada dampak pada kaskade")]
    return "\n".join(lines) + "\n"


def _change_text(G: nx.DiGraph, change: ElementChange) -> str:
    return f"{describe(G, change.id)}: {_fields_text(change)}"


def _row_change_text(change: ElementChange) -> str:
    return f"{change.id}: {_fields_text(change)}"


def _fields_text(change: ElementChange) -> str:
    return "; ".join(f"{c.column}: {shown(c.old)} -> {shown(c.new)}" for c in change.changes)


def to_json(diff: CascadeDiff) -> dict:
    """The diff as plain data (keys stable; new keys may be added)."""
    return {
        "old": diff.old.source, "new": diff.new.source,
        "added": list(diff.added), "removed": list(diff.removed),
        "changed": _changes_json(diff.changed),
        "jabatan": {"added": list(diff.jabatan.added), "removed": list(diff.jabatan.removed),
                    "changed": _changes_json(diff.jabatan.changed)},
        "capaian": {"added": list(diff.capaian.added), "removed": list(diff.capaian.removed),
                    "changed": _changes_json(diff.capaian.changed)},
        "impact": {
            "orphans": [{"id": b.id, "reason": b.reason} for b in diff.orphans],
            "untraceable": [{"id": b.id, "reason": b.reason} for b in diff.untraceable],
            "duplicates": [finding_to_dict(f) for f in diff.duplicates],
        },
    }


def _changes_json(changes: tuple[ElementChange, ...]) -> list[dict]:
    return [{"id": c.id, "changes": [{"column": f.column, "old": _plain(f.old), "new": _plain(f.new)}
                                     for f in c.changes]} for c in changes]


def _plain(value: object) -> object:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Rentang):
        return str(value)  # as typed: 80-90
    return value
