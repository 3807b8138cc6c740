"""Text helpers for the draft extractor: folding for matching, entity-id slugs, sentences and datelines."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


def fold(text: str) -> str:
    """Lower-case, straight quotes and plain spaces, keeping every offset."""
    out = []
    for char in text:
        if char in "’‘`´":
            char = "'"
        elif char in "“”":
            char = '"'
        elif char in "\u00a0\u2009\u202f":
            char = " "
        elif char in "–—":
            char = "-"
        low = char.lower()
        out.append(low if len(low) == 1 else char)
    return "".join(out)


def fold_case_kept(text: str) -> str:
    return "".join(c if c not in "’‘" else "'" for c in text.replace("\u00a0", " "))


def slug(text: str) -> str:
    """An entity id from a name.

    Examples
    --------
    >>> slug("Muhammad al-Rubai’e"), slug("A senior US official")
    ('muhammad-al-rubaie', 'a-senior-us-official')
    """
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    plain = re.sub(r"['’]", "", plain)
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "entity"


def entity_id(name: str) -> str:
    """A registry-style id for a name: lower-case, hyphenated, without a leading article or a possessive.

    Examples
    --------
    >>> entity_id("A senior US official"), entity_id("Iraq’s parliament"), entity_id("the Sadrist bloc")
    ('senior-us-official', 'iraq-parliament', 'sadrist-bloc')
    """
    name = re.sub(r"^(?:a|an|the)[ \u00a0]+", "", name.strip(), flags=re.IGNORECASE)
    return slug(re.sub(r"(?<=\w)['’]s\b", "", name))


_ABBREVIATIONS = {
    "u.s", "u.k", "u.n", "dec", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "maj", "gen", "lt", "col", "sgt", "capt", "cmdr", "adm", "mr", "mrs", "ms", "dr", "prof", "st", "sen",
    "rep", "gov", "jr", "sr", "no", "vs", "inc", "corp", "co", "a.m", "p.m", "approx",
}


def _open_quote(before: str, after: str) -> bool:
    """True when a quotation opened in ``before`` closes in ``after``."""
    if before.count("“") > before.count("”") and "”" in after:
        return True
    return before.count('"') % 2 == 1 and '"' in after


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int


#: A wire dateline before the first sentence: "BAGHDAD, 2011-10-16 (AP) — ", "WASHINGTON, Oct 21 (Reuters) - ",
#: "BAGHDAD (AFP) — ". It is a sentence of its own (its date is drafted on its own, for the reviewer to exclude).
_DATELINE = re.compile(r"[A-Z][A-Z.'’ -]{2,40}(?:,[ \u00a0][^()\n]{1,30}?)?[ \u00a0]*\((?:AP|AFP|Reuters|Bloomberg|"
                       r"[A-Z][A-Za-z]{1,20}(?: [A-Z][A-Za-z]{1,20}){0,2})\)[ \u00a0]*(?:-{1,2}|—|–)[ \u00a0]*")


def sentences(text: str) -> list[Sentence]:
    """Split into sentences (never across a line break), keeping offsets.

    Examples
    --------
    >>> text = "U.S. officials said so. Maj. Gen. Smith left on Dec. 31. “Go,” he said."
    >>> [text[s.start:s.end] for s in sentences(text)]
    ['U.S. officials said so.', 'Maj. Gen. Smith left on Dec. 31.', '“Go,” he said.']
    >>> text = "BAGHDAD, 2011-10-16 (AP) — Talks stalled, officials said."
    >>> [text[s.start:s.end] for s in sentences(text)]
    ['BAGHDAD, 2011-10-16 (AP)', 'Talks stalled, officials said.']
    """
    found: list[Sentence] = []
    paragraph = -1
    position = 0
    for line in text.split("\n"):
        line_start = position
        position += len(line) + 1
        if not line.strip():
            continue
        paragraph += 1
        start = line_start + (len(line) - len(line.lstrip()))
        if dateline := _DATELINE.match(line, start - line_start):
            found.append(Sentence(start, line_start + len(dateline.group(0).rstrip(" \u00a0-—–")), paragraph))
            start = line_start + dateline.end()
        for match in re.finditer(r"[.!?][\"”’')]*(?=[ \u00a0]+(?:[\"“‘(]?[A-Z0-9$]|https?://))", line):
            before = line[:match.start()]
            if _open_quote(before + match.group(0), line[match.end():]):
                continue                     # "S1. S2," he said: one speaker's words stay together
            word = re.search(r"([A-Za-z.]+)$", before)
            token = word.group(1).lower() if word else ""
            if token in _ABBREVIATIONS or re.fullmatch(r"[a-z]", token) or re.fullmatch(r"(?:[a-z]\.)+[a-z]", token):
                continue
            end = line_start + match.end()
            if end > start:
                found.append(Sentence(start, end, paragraph))
            rest = line[match.end():]
            start = line_start + match.end() + (len(rest) - len(rest.lstrip()))
        end = line_start + len(line.rstrip())
        if end > start:
            found.append(Sentence(start, end, paragraph))
    return found


#: Lines of an article's head that carry no claim: an address, a byline, a publication stamp, a bare date.
_HEADER_LINE = re.compile(
    r"(?:https?://\S+|www\.\S+|(?i:by)[ \u00a0]+[A-Z][^\n]{0,120}|"
    r"(?i:published|updated|posted|last[ \u00a0]+modified|last[ \u00a0]+updated)\b[^\n]{0,80}|"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?[ \u00a0]+)?(?:[A-Z][a-z]{2,8}\.?[ \u00a0]+\d{1,2},?[ \u00a0]+\d{4}|"
    r"\d{1,2}[ \u00a0]+[A-Z][a-z]{2,8}\.?[ \u00a0]+\d{4}|\d{4}-\d{2}-\d{2})[^\n]{0,20})[ \u00a0]*$")


def header_spans(text: str, lines: int = 8) -> list[tuple[int, int]]:
    r"""Spans of the article's head that are not claims: address, byline, publication stamp and date lines among
    the first ``lines`` lines, and the wire dateline ("BAGHDAD, 2020-01-08 (Reuters) -") before a paragraph.

    Examples
    --------
    >>> text = "https://x.org/a\nTroops stay\nBy Ann Lee | Reuters\nPublished 2020-01-06 08:15 GMT\nBAGHDAD (AFP) — Troops stay."
    >>> [text[s:e] for s, e in header_spans(text)]
    ['https://x.org/a', 'By Ann Lee | Reuters', 'Published 2020-01-06 08:15 GMT', 'BAGHDAD (AFP) — ']
    """
    spans = []
    position = 0
    for number, line in enumerate(text.split("\n")):
        start = position
        position += len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        offset = start + line.index(stripped)
        if number < lines and _HEADER_LINE.fullmatch(stripped):
            spans.append((offset, offset + len(stripped)))
        elif dateline := _DATELINE.match(line, offset - start):
            spans.append((offset, start + dateline.end()))
    return spans


class Shift:
    """A regex match re-based onto a sentence (so offsets read as in the sentence body)."""

    def __init__(self, match: re.Match, base: int):
        self._match, self._base = match, base

    def start(self) -> int:
        return self._match.start() - self._base

    def end(self) -> int:
        return self._match.end() - self._base

    def group(self, index: int = 0) -> str:
        return self._match.group(index)
