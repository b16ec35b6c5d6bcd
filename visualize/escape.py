"""User text made safe for each output: Graphviz HTML-like labels, DOT strings, XML/HTML text.

Every string from a cascade file is untrusted. In an HTML-like label, markup such as
``<IMG SRC="/etc/passwd"/>`` would make Graphviz read a local file, so user text only ever
appears as escaped character data. Graphviz also expands ``\\N``, ``\\G``, ``\\L`` ... inside
labels (HTML-like ones too, after entities are decoded), so backslashes are doubled.
Control characters cannot be drawn and are invalid in XML: they are shown as their Unicode
control pictures (U+2400 block), so they stay visible instead of vanishing. Bidirectional
overrides and zero-width characters would silently reverse or hide text (an indicator could
read differently from what it says), so they are shown as ``⟨U+202E⟩``.
"""

from __future__ import annotations

import html
import re

_MARKUP = re.compile(r"[&<>\"']")
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff"
                        r"\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def _picture(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if code < 0xA0 or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
        return "\ufffd"  # C1 controls, lone surrogates, non-characters: nothing meaningful to name
    return f"\u27e8U+{code:04X}\u27e9"  # invisible format characters, named so they stay visible


def visible(text: str) -> str:
    """Replace characters that cannot be drawn (or stored in XML) with a visible stand-in.

    Tabs become spaces; newlines are kept for the caller to break lines on.

    >>> visible("a\\x07b\\tc\\x7f")
    'a␇b c␡'
    """
    if text.isprintable():  # the common case, decided in C: nothing to replace
        return text
    return _INVISIBLE.sub(_picture, text.replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n"))


def html_label_text(text: str) -> str:
    """Character data for a Graphviz HTML-like label (one line: no newline expected).

    >>> html_label_text('<IMG SRC="x"/> & \\\\N')
    '&lt;IMG SRC=&quot;x&quot;/&gt; &amp; \\\\\\\\N'
    """
    return html.escape(visible(text).replace("\n", " "), quote=True).replace("\\", "\\\\")


def dot_string(text: str) -> str:
    """A double-quoted DOT string that Graphviz reads back as exactly `text`.

    Graphviz decodes HTML entities (``&amp;``, ``&#92;``) even in plain labels, so ``&`` is escaped too.

    >>> print(dot_string('a "b" & \\\\N end\\\\'))
    "a \\"b\\" &amp; \\\\N end\\\\"
    """
    escaped = (visible(text).replace("&", "&amp;").replace("\\", "\\\\").replace('"', '\\"')
               .replace("\n", "\\n"))
    return f'"{escaped}"'


def xml_text(text: str) -> str:
    """Text for SVG/HTML element content or a quoted attribute value.

    >>> xml_text("<script>alert('x')</script>")
    '&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;'
    """
    text = visible(text)
    return html.escape(text, quote=True) if _MARKUP.search(text) else text
