"""What every command shares: error reporting, and the one cascade a path names."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path

import click

from models import CascadeError, InputError, discover_cascades
from models.numbers import parse_number

EXIT_FINDINGS, EXIT_UNUSABLE = 1, 2

TIMPA = click.option("--timpa", is_flag=True, help="Ganti keluaran yang sudah ada (masukan tidak pernah ditimpa).")


class Number(click.FloatRange):
    """A number as planners type it: `92,5` and `1.000` as well as `92.5`; a trailing `%` is dropped."""

    def convert(self, value, param, ctx) -> float:
        if isinstance(value, str):
            try:
                value = parse_number(value)
            except ValueError:
                self.fail(f"{value!r} bukan angka", param, ctx)
        return super().convert(value, param, ctx)


class AnyCase(click.Choice):
    """A choice typed in any case (`tw2`, `lr`), shown in help as written: click would show it lower-cased."""

    def __init__(self, choices: Sequence[str]) -> None:
        super().__init__(choices, case_sensitive=False)

    def get_metavar(self, param, ctx) -> str:
        return f"[{'|'.join(self.choices)}]"

    def get_invalid_choice_message(self, value, ctx) -> str:
        """Click's message (in Indonesian once `bahasa` is installed), listing the choices as written."""
        choices = ", ".join(map(repr, self.choices))
        return click.types.ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.",
                                    len(self.choices)).format(value=value, choice=choices, choices=choices)


class Severity(AnyCase):
    """A finding level by its code (error, warning, info) or by the name the reports print (galat, peringatan)."""

    NAMES = {"error": "error", "galat": "error", "warning": "warning", "peringatan": "warning", "info": "info"}

    def __init__(self) -> None:
        super().__init__(list(self.NAMES))

    def convert(self, value, param, ctx) -> str:
        return self.NAMES[super().convert(value, param, ctx)]


def reports_errors(command: Callable) -> Callable:
    """Turn library errors into a clean Indonesian message and exit code 2."""
    @wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except InputError as exc:
            print_problems(exc)
            sys.exit(EXIT_UNUSABLE)
        except CascadeError as exc:
            click.echo(f"galat: {exc}", err=True)
            sys.exit(EXIT_UNUSABLE)
    return wrapper


_OUTLIVING: list[object] = []


def outlive(value: object) -> None:
    """Keep `value` to the end of the process, which `cascade.cli.run` ends without freeing memory.

    Taking a province's cascade apart object by object when a command returns costs half a second
    at 10^6 elements, only to throw it away. One value is kept at a time, so commands run one after
    another in one process (as the tests run them) let the previous one go.
    """
    _OUTLIVING[:] = [value]


def on_terminal() -> bool:
    """Whether progress can be shown: stderr is a terminal (and not closed, which makes it None)."""
    return sys.stderr is not None and sys.stderr.isatty()


def print_problems(exc: InputError) -> None:
    for problem in exc.problems:
        click.echo(f"galat: {problem}", err=True)


def single_cascade(path: Path) -> Path:
    """The one cascade a command that reads a single cascade was given."""
    files = discover_cascades(path)
    if len(files) != 1:
        raise CascadeError(f"{path}: berisi {len(files)} kaskade; perintah ini membaca satu kaskade")
    return files[0]
