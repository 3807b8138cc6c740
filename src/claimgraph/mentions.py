"""Find figures and date expressions in article text.

Used by the coverage report (every figure and date must be covered by a
claim or excluded) and by the draft extractor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Mention", "find_quantities", "find_dates"]

_NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|"
    r"million|billion|trillion|dozen|dozens|hundreds|thousands|millions|half a million|quarter-century|"
    r"a few|several"
)
_SCALE = r"(?:\s(?:billion|million|trillion|thousand|percent))?"
_QUANTITY = re.compile(
    r"(?<![\w-])(?:\$\s?)?\d{1,3}(?:,\d{3})+(?:\.\d+)?" + _SCALE + r"|"
    r"(?<![\w-])(?:\$\s?)?\d+(?:\.\d+)?(?:-\d[\d,]*)?" + _SCALE + r"(?![\w])|"
    r"\b(?:" + _NUMBER_WORDS + r")(?:[\s-](?:" + _NUMBER_WORDS + r"))*\b",
    re.IGNORECASE,
)
_MONTHS = (r"January|February|March|April|May|June|July|August|September|October|November|December|"
           r"Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.")
_DATE = re.compile(
    r"\b(?:" + _MONTHS + r")(?:[\s\u00a0]\d{1,2})?(?:,?[\s\u00a0]\d{4})?|"
    r"\b\d{1,2}[\s\u00a0](?:" + _MONTHS + r")(?:[\s\u00a0]\d{4})?|"
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:’s|'s)?\b|"
    r"\b(?:last|next|this|earlier this|later this)\s(?:month|year|week|summer|winter|spring|autumn|fall|weekend)\b|"
    r"\b(?:year’s|year's)\send\b|\bend of (?:the )?year\b|\bthe weekend\b|\ball year\b|"
    r"\b(?:19|20)\d{2}(?:-(?:19|20)?\d{2})?\b"
)


@dataclass(frozen=True, order=True)
class Mention:
    """A figure or date expression found in a text."""

    start: int
    end: int
    kind: str
    text: str


def find_dates(text: str) -> list[Mention]:
    """Date and time expressions.

    Examples
    --------
    >>> [m.text for m in find_dates("Trump said Tuesday that by Dec. 31 2011 and last month ...")]
    ['Tuesday', 'Dec. 31 2011', 'last month']
    """
    return [Mention(m.start(), m.end(), "date", m.group(0)) for m in _DATE.finditer(text)]


def find_quantities(text: str) -> list[Mention]:
    """Figures, leaving out the years and days that :func:`find_dates` finds.

    Examples
    --------
    >>> [m.text for m in find_quantities("all 39,000 troops, 3-4,000 more, $50 billion, in 2011, hundreds of")]
    ['39,000', '3-4,000', '$50 billion', 'hundreds']
    """
    dates = find_dates(text)
    found = []
    for match in _QUANTITY.finditer(text):
        start, end = match.start(), match.end()
        if any(d.start <= start and end <= d.end for d in dates):
            continue
        found.append(Mention(start, end, "quantity", match.group(0)))
    return found
