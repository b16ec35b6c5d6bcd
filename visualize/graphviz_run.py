"""Run Graphviz on DOT source, always in a child process with a timeout.

The `dot` program is used when it is on PATH (Debian's `graphviz`, the `./dev` set-up). Otherwise
the pygraphviz wheel's bundled Graphviz libraries lay out and render in a child Python process
(`visualize.pygraphviz_worker`), so a plain ``pip install`` can draw SVG/PNG/PDF without a system
Graphviz. Either way a stuck layout is killed after the timeout instead of hanging the command.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys

from models import CascadeError

BACKENDS = ("dot", "pygraphviz")


def find_backend(preferred: str | None = None) -> str | None:
    """`dot` when installed, else `pygraphviz` when importable; `preferred` limits the choice to one."""
    if preferred in (None, "dot") and shutil.which("dot"):
        return "dot"
    if preferred in (None, "pygraphviz") and importlib.util.find_spec("pygraphviz") is not None:
        return "pygraphviz"
    return None


def run_graphviz(source: str, fmt: str, timeout: float, backend: str | None = None) -> bytes:
    """The rendered bytes of `source` in `fmt` (svg, png, pdf)."""
    chosen = find_backend(backend)
    if chosen is None:
        raise CascadeError("Graphviz tidak tersedia: pasang program dot (Debian/Ubuntu: apt-get install graphviz) "
                           "atau paket Python pygraphviz; keluaran .svg tetap dapat dibuat dengan --tata-letak pohon")
    command = ([shutil.which("dot"), f"-T{fmt}"] if chosen == "dot"
               else [sys.executable, "-m", "visualize.pygraphviz_worker", fmt])
    try:
        done = subprocess.run(command, input=source.encode("utf-8"), capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise CascadeError(f"Graphviz ({chosen}) tidak selesai dalam {timeout:g} detik; perkecil gambar dengan "
                           "--akar, --unit, --kedalaman atau --pisah, atau pakai --tata-letak pohon") from None
    if done.returncode != 0 or not done.stdout:
        problems = [line for line in done.stderr.decode("utf-8", "replace").splitlines()
                    if line.strip() and "Fontconfig" not in line and not line.startswith((" ", "\t", "Traceback"))]
        raise CascadeError(f"Graphviz ({chosen}) gagal menggambar (pesan Graphviz: {' / '.join(problems[-3:]) or 'tidak ada'})")
    return done.stdout
