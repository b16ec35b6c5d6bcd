from collections.abc import Iterator

import networkx as nx

from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.graph import describe_jabatan
from models.bulk import column_of
from models.identifiers import nip_problem


@rule("K601", "invalid-nip", "warning", "NIP tidak sah (panjang, tanggal, atau digit jenis kelamin)")
def invalid_nip(G: nx.DiGraph, config: CheckConfig) -> Iterator[Hit]:
    """## What it does
    Checks each position holder's NIP: 18 digits (spaces allowed), a real birth date, a real TMT
    month later than the birth date, and a gender digit of 1 or 2. A Nomor Induk PPPK has, where
    a PNS NIP has the TMT, its year of appointment (2019 or later, after the birth year) and a
    code of 21 or more (21 PPPK, 24 PPPK paruh waktu) instead of a month; it is accepted as such.

    ## Why is this bad?
    A mistyped NIP breaks the link to the civil-service records (e-Kinerja/SKP), so the IKI cannot
    be matched to the person who signed it.

    ## Example
    ```yaml
    - {id: kadis, nama: Kepala Dinas, nip: 19671311 198809 1 001}
    ```

    ## Use instead
    ```yaml
    - {id: kadis, nama: Kepala Dinas, nip: 19670711 198809 1 001}
    - {id: staf, nama: Staf PPPK, nip: 19850101 202121 1 001}
    ```
    """
    positions = G.graph["cascade"].jabatan
    for i, nip in enumerate(column_of(positions, "nip")):
        if nip and (problem := nip_problem(nip)):
            position = positions[i]
            yield Hit((), f"NIP {nip!r} milik {describe_jabatan(G, position.id)}: {problem}", (position.id,))
