"""Find figures and date expressions in article text.

Used by the coverage report (every figure and date must be covered by a
claim or excluded), by ``claimgraph check`` and by the draft extractor
(:mod:`claimgraph.extract.extractor`), which reads each mention's value.

A mention is the smallest span that carries the figure or the date:
``3-4,000``, ``$50 billion``, ``tens of thousands``, ``a few thousand``,
``Dec. 31``, ``September 2025``, ``last month``, ``end of the year``,
``Monday’s``. Qualifiers ("about", "more than") and prepositions ("by",
"on") stay outside; the extractor reads them from the words around.

Figures inside web addresses, handles and clock times are not figures, and
years are dates, not figures. A bare "one" is nearly always a pronoun or
determiner ("one protester", "at one point"), and a bare "several" or
"a few" counts nothing by itself, so neither is a figure unless a scale
word follows ("one million", "several thousand").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Mention", "find_quantities", "find_dates", "find_addresses", "MONTHS", "WEEKDAYS",
           "NUMBER_WORDS", "SCALES"]

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}

_SP = r"[ \u00a0]"  # journalists' texts use no-break spaces inside figures and dates
_FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_ABBR_MONTH = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?:1[89]|20)\d{2}(?!\d)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_POSS = r"(?:’s|'s)?"
_UNIT = r"(?:week|month|year|summer|winter|spring|autumn|fall|weekend|decade|century)"

_DATE = re.compile(
    "|".join([
        # ISO dates: 2011-10-16 (a whole mention, never a year range "2011-10" and a figure "-16")
        r"(?<![\w/.-])(?:1[89]|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?![\w-])",
        # Sept. 5, 2021 / Aug.2021 / December 31 2011 / this Dec. 31 / February 2009
        rf"\b(?:(?:this|next|last){_SP})?(?:{_FULL_MONTH}|{_ABBR_MONTH}\.)(?:{_SP}?{_DAY})?(?:,?{_SP}?{_YEAR})?{_POSS}",
        rf"\b{_ABBR_MONTH}(?:{_SP}{_DAY}(?:,?{_SP}{_YEAR})?|{_SP}{_YEAR})",
        # 21 Oct 2011 / 31 December
        rf"\b{_DAY}{_SP}(?:{_FULL_MONTH}|{_ABBR_MONTH}\.?)(?:,?{_SP}{_YEAR})?(?:{_SP}\d{{1,2}}:\d{{2}})?",
        rf"\b\d{{1,2}}:\d{{2}}(?:{_SP}?(?:a\.m\.|p\.m\.|am|pm|GMT|UTC))?",
        rf"\b(?:(?:last|next|this|early|late){_SP})?{_WEEKDAY}{_POSS}(?:{_SP}(?:morning|afternoon|evening|night))?",
        rf"\b(?:(?:earlier|later|early|late){_SP})?(?:this|last|next|past){_SP}{_UNIT}{_POSS}",
        rf"\b(?:the{_SP})?(?:end|close|start|beginning|middle|turn){_SP}of{_SP}(?:(?:the|this|next|last){_SP})?"
        rf"(?:year|month|week|decade|{_YEAR})",
        r"\byear(?:’s|'s)[ \u00a0]end\b|\b(?:year-end|end-of-year|end-of-the-year)\b",
        rf"\bthe{_SP}weekend\b|\ball{_SP}year\b|\b(?:today|yesterday|tomorrow|tonight)\b",
        rf"\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a{_SP}few|several){_SP}"
        rf"(?:days|weeks|months|years|decades|day|week|month|year|decade){_SP}ago\b",
        rf"(?<![\w/.,$-]){_YEAR}{_SP}?[-–]{_SP}?(?:(?:1[89]|20)?\d{{2}})(?!\d|,\d)",
        r"(?<![\w/.,$-])(?:1[89]|20)\d0s\b",
        rf"(?<![\w/.,$-]){_YEAR}(?!\d|[,.]\d)",
    ])
)

_NUMBER_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_SCALE = r"(?:hundred|thousand|million|billion|trillion)"
_QUANTITY = re.compile(
    "|".join([
        # money and digits: $50 billion, 3-4,000, 2.5 million, 87 percent, 20-year
        rf"(?<![\w.,/-])\$?{_SP}?\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?:{_SP}?[-–]{_SP}?\$?\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?)?"
        rf"(?:{_SP}{_SCALE})?(?:{_SP}?(?:percent|per{_SP}cent|%))?",
        rf"(?<![\w.,/-])\$?{_SP}?\d+(?:\.\d+)?(?:{_SP}?[-–]{_SP}?\$?\d+(?:,\d{{3}})*(?:\.\d+)?)?"
        rf"(?:{_SP}{_SCALE})?(?:{_SP}?(?:percent|per{_SP}cent|%))?(?![\w])",
        # vague plurals: tens of thousands, hundreds of thousands, several thousands, dozens
        rf"\b(?:(?:a{_SP}few|several|many){_SP})?(?:tens|hundreds|thousands|millions|dozens|scores)"
        rf"(?:{_SP}of{_SP}(?:thousands|millions))?\b",
        # a few thousand, several hundred
        rf"\b(?:a{_SP}few|several){_SP}(?:hundred|thousand|million|billion|dozen)\b",
        rf"\b(?:(?:a|one){_SP})?half{_SP}a{_SP}{_SCALE}\b|\b(?:a|one){_SP}quarter{_SP}of{_SP}a{_SP}{_SCALE}\b",
        r"\b(?:a[ \u00a0-])?(?:quarter|half)-century\b",
        rf"\ba{_SP}(?:dozen|hundred|thousand|million|billion)\b",
        # number words: twenty, nine-year, one million, twenty-five
        rf"\b(?:{_NUMBER_WORD})(?:(?:[ \u00a0-]|{_SP}and{_SP})(?:{_NUMBER_WORD}|{_SCALE}))*(?:{_SP}{_SCALE})?"
        rf"(?:{_SP}(?:percent|per{_SP}cent))?\b",
    ]),
    re.IGNORECASE,
)
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|\bpic\.twitter\.com/\S+|\b[\w.-]+\.(?:com|org|net|gov)/\S*|@\w+")


@dataclass(frozen=True, order=True)
class Mention:
    """A figure or date expression found in a text."""

    start: int
    end: int
    kind: str
    text: str


def find_addresses(text: str) -> list[tuple[int, int]]:
    """Spans of web addresses and handles, whose digits are not figures.

    Examples
    --------
    >>> find_addresses("see http://m.apnews.com/x?id=16026 and @almisbah123.")
    [(4, 34), (39, 51)]
    """
    return [(m.start(), m.end()) for m in _ADDRESS.finditer(text)]


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans) or any(s < end and start < e for s, e in spans)


def find_dates(text: str) -> list[Mention]:
    """Date and time expressions.

    Examples
    --------
    >>> [m.text for m in find_dates("Trump said Tuesday that by Dec. 31 2011 and last month ...")]
    ['Tuesday', 'Dec. 31 2011', 'last month']
    >>> [m.text for m in find_dates("pledges going back to February 2009, in Aug.2021, by this Dec. 31")]
    ['February 2009', 'Aug.2021', 'this Dec. 31']
    >>> [m.text for m in find_dates("in 2006-2007, the 1990s, by year’s end, at the weekend, earlier this summer")]
    ['2006-2007', '1990s', 'year’s end', 'the weekend', 'earlier this summer']
    >>> [m.text for m in find_dates("BAGHDAD, 2011-10-16 (AP) and on 2011-10-15")]
    ['2011-10-16', '2011-10-15']
    """
    addresses = find_addresses(text)
    found = []
    for match in _DATE.finditer(text):
        if _inside(match.start(), match.end(), addresses):
            continue
        found.append(Mention(match.start(), match.end(), "date", match.group(0)))
    return found


def _is_figure(phrase: str) -> bool:
    words = re.split(r"[ \u00a0-]+", phrase.lower())
    if words in (["one"], ["a", "few"], ["several"], ["many"]):
        return False
    return not (words[0] in ("a", "several", "many") and len(words) == 1)


def find_quantities(text: str, dates: list[Mention] | None = None) -> list[Mention]:
    """Figures, leaving out the years, days and times that :func:`find_dates`
    finds (``dates``: what it found in ``text``, when the caller has it).

    Examples
    --------
    >>> [m.text for m in find_quantities("all 39,000 troops, 3-4,000 more, $50 billion, in 2011, hundreds of")]
    ['39,000', '3-4,000', '$50 billion', 'hundreds']
    >>> [m.text for m in find_quantities("tens of thousands, a few thousand Americans, twenty percent, nine-year")]
    ['tens of thousands', 'a few thousand', 'twenty percent', 'nine']
    >>> [m.text for m in find_quantities("one protester said several sources saw 16 seats")]
    ['16']
    """
    date_spans = [(d.start, d.end) for d in (find_dates(text) if dates is None else dates)]
    addresses = find_addresses(text)
    found = []
    for match in _QUANTITY.finditer(text):
        start, end = match.start(), match.end()
        phrase = match.group(0)
        if _inside(start, end, date_spans) or _inside(start, end, addresses) or not _is_figure(phrase):
            continue
        found.append(Mention(start, end, "quantity", phrase))
    return found
