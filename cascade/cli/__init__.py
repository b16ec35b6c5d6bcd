"""The `cascade` command line: thin click commands over the library, one module per area.

Library errors (`CascadeError`) become a located message on stderr and exit code 2, never a
traceback. Exit codes follow linters: 0 clean, 1 findings at or above --fail-on, 2 unusable input.
"""

import click

from cascade.cli import bahasa

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
