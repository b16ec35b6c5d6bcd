"""Click's own messages (usage, errors, help headings) in Bahasa Indonesia.

Click marks its user-facing strings for gettext and looks them up at run time through the `_`
and `ngettext` names each of its modules imported. Installing this catalogue points those names
here, so `Usage:` reads `Pemakaian:` and `Missing option '-o'` reads `Opsi wajib belum diisi:
'-o'`. Only messages a user of `cascade` can meet are translated; others stay as click wrote
them. It affects click only in the process that imports `cascade.cli`.
"""

from __future__ import annotations

import click
import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.termui
import click.types

MESSAGES = {
    "Usage:": "Pemakaian:",
    "Options": "Opsi",
    "Commands": "Perintah",
    "Positional arguments": "Argumen",
    "Show this message and exit.": "Tampilkan bantuan ini lalu keluar.",
    "Show the version and exit.": "Tampilkan versi lalu keluar.",
    "%(prog)s, version %(version)s": "%(prog)s, versi %(version)s",
    "Error: {message}": "Galat: {message}",
    "Try '{command} {option}' for help.": "Coba '{command} {option}' untuk bantuan.",
    "Missing argument": "Argumen wajib belum diisi:",
    "Missing option": "Opsi wajib belum diisi:",
    "Missing parameter": "Parameter wajib belum diisi:",
    "Missing {param_type}": "{param_type} wajib belum diisi:",
    "Missing parameter: {param_name}": "Parameter wajib belum diisi: {param_name}",
    "Missing command.": "Perintah belum diberikan.",
    "No such command {name!r}.": "Tidak ada perintah {name!r}.",
    "No such option {name!r}.": "Tidak ada opsi {name!r}.",
    "Option {name!r} does not take a value.": "Opsi {name!r} tidak menerima nilai.",
    "Invalid value for {param_hint}: {message}": "Nilai tidak sah untuk {param_hint}: {message}",
    "Invalid value: {message}": "Nilai tidak sah: {message}",
    "Argument {name!r} takes {nargs} values.": "Argumen {name!r} memerlukan {nargs} nilai.",
    "{value!r} is not a valid {number_type}.": "{value!r} bukan {number_type} yang sah.",
    "{value} is not in the range {range}.": "{value} di luar rentang {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} bukan nilai benar/salah yang sah. Nilai yang dikenal: {states}",
    "{name} {filename!r} does not exist.": "{name} {filename!r} tidak ada.",
    "{name} {filename!r} is a file.": "{name} {filename!r} adalah file.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} adalah folder.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} tidak dapat dibaca.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} tidak dapat ditulis.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} tidak dapat dijalankan.",
    "Could not open file {filename!r}: {message}": "File {filename!r} tidak dapat dibuka: {message}",
    "Choose from:\n\t{choices}": "Pilih salah satu:\n\t{choices}",
    "default: {default}": "bawaan: {default}",
    "required": "wajib",
    "Aborted!": "Dibatalkan.",
    "file": "file",
    "directory": "folder",
    "path": "jalur",
}
"""Click's message ids and their Indonesian text; placeholders are kept as click fills them."""

PLURALS = {
    "Did you mean {possibility}?": ("Mungkin maksud Anda {possibility}?",
                                    "(Mungkin maksud Anda salah satu dari: {possibilities}?)"),
    "Got unexpected extra argument ({args})": ("Ada argumen berlebih yang tidak dikenal ({args})",
                                               "Ada argumen berlebih yang tidak dikenal ({args})"),
    "Option {name!r} requires an argument.": ("Opsi {name!r} memerlukan nilai.",
                                              "Opsi {name!r} memerlukan {nargs} nilai."),
    "{value!r} is not {choice}.": ("{value!r} bukan {choice}.", "{value!r} bukan salah satu dari {choices}."),
}

TYPE_NAMES = {click.types.IntParamType: "bilangan bulat", click.types.IntRange: "bilangan bulat",
              click.types.FloatParamType: "angka", click.types.FloatRange: "angka",
              click.types.StringParamType: "teks", click.types.Path: "jalur"}
"""Type names appear in errors (`'x' is not a valid integer`) and, upper-cased, as help metavars."""


def _gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def _ngettext(singular: str, plural: str, count: int) -> str:
    if singular in PLURALS:
        one, many = PLURALS[singular]
        return one if count == 1 else many
    return singular if count == 1 else plural


def install() -> None:
    """Make click speak Bahasa Indonesia (idempotent)."""
    for module in (click.core, click.decorators, click.exceptions, click.formatting, click.parser, click.termui,
                   click.types):
        if hasattr(module, "_"):
            module._ = _gettext
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext
    for kind, name in TYPE_NAMES.items():
        kind.name = name
