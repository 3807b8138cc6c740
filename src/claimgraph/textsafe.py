"""Corpus text made safe for where it goes: XML and HTML, and the terminal.

An article may hold characters XML 1.0 forbids (NUL, BEL, VT, form feed,
U+FFFE …) and escape sequences (``ESC[31m``). :func:`xml_safe` replaces
each forbidden character by U+FFFD, one character for one, so offsets into
the text stay right; :func:`terminal_safe` shows control characters as
their visible pictures (``␛``) instead of sending them to the terminal;
:func:`control_characters` finds them for ``claimgraph check``.
"""

from __future__ import annotations

import re

__all__ = ["xml_safe", "terminal_safe", "control_characters"]

# XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# What a terminal may act on: C0 but tab and newline, DEL, C1.
_TERMINAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What ``check`` warns about: controls but tab, newline and carriage return; noncharacters.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` with every character XML 1.0 forbids replaced by U+FFFD.

    >>> xml_safe("a\\x0cb\\x00c\\ufffe")
    'a�b�c�'
    """
    return _NOT_XML.sub("\ufffd", text) if _NOT_XML.search(text) else text


def terminal_safe(text: str) -> str:
    """``text`` with control characters shown as symbols, never sent raw.

    >>> terminal_safe("\\x1b[31mred")
    '␛[31mred'
    """
    if not _TERMINAL.search(text):
        return text
    return _TERMINAL.sub(lambda m: chr(0x2400 + ord(m.group())) if ord(m.group()) < 0x20
                         else "\u2421" if m.group() == "\x7f" else "\ufffd", text)


def control_characters(text: str) -> list[tuple[int, str]]:
    """``(offset, character)`` of every control character or noncharacter in ``text``.

    >>> control_characters("ok\\tline\\nfeed\\x0c")
    [(12, '\\x0c')]
    """
    return [(m.start(), m.group()) for m in _CONTROL.finditer(text)]
