"""The band (jenjang) of the pohon kinerja an element stands in, from its role and its owner's position.

Bands follow PermenPAN-RB 89/2021: tujuan; sasaran strategis with the IKU (the head);
sasaran program (eselon III); sasaran kegiatan (eselon IV or a fungsional subkoordinator);
the individual IKI (staff). A position's eselon decides its band wherever it sits in the org
chart: in a cascade of a whole region (kepala daerah, kepala dinas, kepala bidang, ...) a
kepala bidang stands two levels below the head and still owns a sasaran program. Only a
position without an eselon is placed by its depth below the head.
"""

from __future__ import annotations

import networkx as nx

from cascade.graph import elemen, is_head, jabatan, org_chart, role, supervisor_chain

TUJUAN, STRATEGIS, PROGRAM, KEGIATAN, INDIVIDU = range(5)
BAND_NAMES = ("Tujuan", "Sasaran strategis", "Sasaran program", "Sasaran kegiatan", "Individu")
BAND_OWNERS = ("kepala", "kepala", "eselon III", "eselon IV / subkoordinator", "pelaksana / fungsional")


def owner_band(G: nx.DiGraph, jabatan_id: str | None) -> int | None:
    """The band of whatever a position owns (below tujuan), or None for an unknown position.

    >>> from models import Cascade, Organisasi, Jabatan
    >>> from cascade.graph import build_graph
    >>> G = build_graph(Cascade(organisasi=Organisasi(kode="x", nama="X"), jabatan=(
    ...     Jabatan(id="k", nama="K", eselon="II"), Jabatan(id="b", nama="B", eselon="III", atasan="k"),
    ...     Jabatan(id="f", nama="F", eselon="fungsional", atasan="b"),
    ...     Jabatan(id="p", nama="P", eselon="pelaksana", atasan="f"))))
    >>> [owner_band(G, j) for j in ("k", "b", "f", "p", "zz")]
    [1, 2, 3, 4, None]

    The eselon wins over the depth; without one, the depth decides:

    >>> G = build_graph(Cascade(organisasi=Organisasi(kode="x", nama="X"), jabatan=(
    ...     Jabatan(id="kada", nama="Bupati", eselon="kepala_daerah"),
    ...     Jabatan(id="kadis", nama="Kepala Dinas", eselon="II", atasan="kada"),
    ...     Jabatan(id="kabid", nama="Kepala Bidang", eselon="III", atasan="kadis"),
    ...     Jabatan(id="kasi", nama="Kepala Seksi", eselon="IV", atasan="kabid"),
    ...     Jabatan(id="u1", nama="U1", atasan="kada"), Jabatan(id="u2", nama="U2", atasan="u1"),
    ...     Jabatan(id="u3", nama="U3", atasan="u2"), Jabatan(id="u4", nama="U4", atasan="u3"))))
    >>> [BAND_NAMES[owner_band(G, j)] for j in ("kada", "kadis", "kabid", "kasi")]
    ['Sasaran strategis', 'Sasaran strategis', 'Sasaran program', 'Sasaran kegiatan']
    >>> [BAND_NAMES[owner_band(G, j)] for j in ("u1", "u2", "u3", "u4")]
    ['Sasaran program', 'Sasaran kegiatan', 'Individu', 'Individu']
    """
    found = jabatan(G, jabatan_id) if jabatan_id else None
    if found is None:
        return None
    if is_head(G, jabatan_id):
        return STRATEGIS
    org = org_chart(G)
    leads = org.in_degree(jabatan_id) > 0  # edges point to the atasan, so in-edges are subordinates
    if found.eselon == "pelaksana" or (found.eselon == "fungsional" and not leads):
        return INDIVIDU
    if found.eselon in ("IV", "fungsional"):
        return KEGIATAN
    if found.eselon == "III":
        return PROGRAM
    if found.eselon in ("kepala_daerah", "I", "II"):
        return STRATEGIS
    return min(STRATEGIS + len(supervisor_chain(G, jabatan_id)), INDIVIDU)


def element_band(G: nx.DiGraph, node: str) -> int | None:
    """Tujuan and their indicators form the top band; everything else stands where its owner does."""
    if role(G, node) in ("tujuan", "indikator_tujuan"):
        return TUJUAN
    return owner_band(G, elemen(G, node).jabatan)
