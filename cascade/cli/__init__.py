"""The `cascade` command line: thin click commands over the library, one module per area.

Library errors (`CascadeError`) become a located message on stderr and exit code 2, never a
traceback. Exit codes follow linters: 0 clean, 1 findings at or above --fail-on, 2 unusable input.
"""

import os
import sys

import click

from cascade.cli import bahasa
from models.errors import os_cause

bahasa.install()  # before the commands are built: click names some types and helps at import time

from cascade.cli.check import check, rules  # noqa: E402
from cascade.cli.generate import generate  # noqa: E402
from cascade.cli.interchange import diff, export, import_, template  # noqa: E402
from cascade.cli.render import matrix, render, report  # noqa: E402
from cascade.cli.score import explain, score  # noqa: E402


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="sakip-cascade", message="cascade %(version)s")
def main() -> None:
    """Audit kaskade kinerja SAKIP: pohon kinerja, IKU, IKI dan capaian.

    \b
    Contoh:
      cascade check fixtures/probolinggo.yaml
      cascade score fixtures/probolinggo.yaml --periode TW2
      cascade explain fixtures/probolinggo.yaml kadis.s1.iku1
      cascade rules
    """


for command in (check, rules, score, explain, render, matrix, report, import_, export, template, diff, generate):
    main.add_command(command)

main.subcommand_metavar = "PERINTAH [ARGUMEN]..."
for command in (main, *main.commands.values()):
    command.options_metavar = "[OPSI]"


def run() -> None:
    """The `cascade` program: `main`, then an exit that leaves the memory to the operating system.

    Freeing a province's million records one by one takes about two seconds and achieves nothing
    at exit, so the process ends with `os._exit` once its output is handed to the operating system
    (mypy does the same).
    """
    code = 0
    try:
        main(prog_name="cascade")
    except SystemExit as exc:  # click ends every run this way, with an int code
        code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
    except OSError as exc:  # a system failure, such as writing the output to a full disk
        code = _failed(exc, exc.filename)
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:  # None when the program was started with the stream closed
                stream.flush()
        except OSError as exc:
            code = code or _failed(exc, "keluaran")
    os._exit(code)


def _failed(exc: OSError, where: object) -> int:
    """A located message in Indonesian instead of a traceback; a reader that left early (`| head`)
    is no failure."""
    if isinstance(exc, BrokenPipeError):
        return 0
    if sys.stderr is not None:
        print(f"galat: {f'{where}: ' if where else ''}{os_cause(exc)}", file=sys.stderr)
    return 2
