"""The rule-based draft extractor: candidate claims from an article's text.

Nothing here is a model: every candidate comes from a regular-expression
rule that a reviewer can read and predict, and nothing is downloaded.
Three kinds of candidate come out, each a draft claim for a person to
check (``claimgraph review``):

``statement``
    Reported speech: "X said (that) ...", "... , X said.", quoted speech
    with its speaker, "told AP", "confirmed to Reuters", "according to X",
    "the Times wrote", "X's spokesman", "X's pledge to ...", a headline
    "X: ...", an embedded tweet. The speaker is resolved against the entity
    registry (labels and aliases, case-insensitive; acronyms
    case-sensitive); a pronoun or "the minister" goes to the last speaker.
    A name the registry lacks becomes a *proposed entity*. The audience
    of "told"/"confirmed to" is an intermediary when it is a media outlet,
    and a statement inside another statement's reported words inherits
    the outer speaker as an intermediary ("According to the AP, Maliki
    told ..." -> speaker Maliki, via AP).
``quantity``
    Every figure (:func:`claimgraph.corpus.mentions.find_quantities`) with its
    qualifier mapped to a :mod:`claimgraph.corpus.interval` qualifier, its amount or
    range, and its unit (persons, USD, seats, percent, years, ...), plus
    comparatives ("much greater") read against the figure before them.
``date``
    Every date or time expression (:func:`claimgraph.corpus.mentions.find_dates`)
    normalised against the publication date (:func:`normalise_date`). A
    date inside a statement or next to a figure becomes that candidate's
    ``said_on``, ``time`` or ``deadline``; any other date gets a candidate of
    its own on its sentence, attributed to the author.

Every candidate's proposition validates (subject, property and value are
guessed from the words, and the ``note`` says what to check), so a draft
file loads with ``include_drafts=True``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterable

from claimgraph.corpus.interval import bounds
from claimgraph.corpus.mentions import MONTHS, NUMBER_WORDS, SCALES, WEEKDAYS, Mention, find_dates, find_quantities
from claimgraph.corpus.models import Entity
from claimgraph.corpus.timespan import OPEN_FUTURE, TimeSpan, parse_time

__all__ = ["Candidate", "Draft", "EntityIndex", "QuantityReading", "DateReading", "extract",
           "normalise_date", "read_quantity", "sentences"]

AGENT_TYPES = ("person", "anonymous", "organization", "government-body", "armed-group", "media-outlet")


# ------------------------------------------------------------------ text

def _fold(text: str) -> str:
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


def _fold_case_kept(text: str) -> str:
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


# --------------------------------------------------------------- entities

@dataclass(frozen=True)
class EntityMatch:
    start: int
    end: int
    ids: tuple[str, ...]


_ACRONYM_TOKEN = re.compile(r"^[A-Z]{2,4}$")
_DOTTED_TOKEN = re.compile(r"^(?:[A-Z]\.){2,4}$")


def name_variants(name: str) -> list[str]:
    """The trivial spellings of a registry name that should match it too: the
    acronyms dotted and undotted ("US"/"U.S."), and without a leading "the"
    before a proper name (a "the" before a name is read as part of the sentence; "the union" stays whole). Case and curly apostrophes are folded when matching.

    Examples
    --------
    >>> name_variants("US officials")
    ['US officials', 'U.S. officials']
    >>> name_variants("the Times"), name_variants("the union")
    (['the Times', 'Times'], ['the union'])
    """
    name = " ".join(name.split())
    tokens = name.split(" ")
    forms = [name]
    dotted = [".".join(t) + "." if _ACRONYM_TOKEN.match(t) else t for t in tokens]
    undotted = [t.replace(".", "") if _DOTTED_TOKEN.match(t) else t for t in tokens]
    for variant in (" ".join(dotted), " ".join(undotted)):
        if variant not in forms:
            forms.append(variant)
    out: list[str] = []
    for form in forms:
        bare = re.sub(r"^(?i:the)[ \u00a0]+", "", form)
        if not any(c.isupper() for c in bare):         # "the union": "union" alone is a common word
            bare = form
        for candidate in (form, bare):
            if candidate not in out and len(candidate) >= 2:
                out.append(candidate)
    return out


class EntityIndex:
    """Every label and alias of the registry, matched on word boundaries.

    Acronyms (two or more capitals, at most five characters: ``US``, ``AP``,
    ``IS``) match case-sensitively so "is" and "us" stay words.

    Examples
    --------
    >>> from claimgraph.corpus.models import Entity
    >>> index = EntityIndex({"ap": Entity(id="ap", type="media-outlet", label="Associated Press", aliases=["AP"])})
    >>> [(m.start, m.ids) for m in index.find("He told AP; it is the associated press.")]
    [(8, ('ap',)), (22, ('ap',))]
    """

    def __init__(self, entities: dict[str, Entity]):
        self.entities = entities
        folded: dict[str, set[str]] = {}
        exact: dict[str, set[str]] = {}
        for entity in entities.values():
            for name in {v for n in [entity.label, *entity.aliases] for v in name_variants(n)}:
                name = name.strip()
                if len(name) < 2:
                    continue
                capitals = sum(c.isupper() for c in name)
                if capitals >= 2 and len(name) <= 5 and not any(c.islower() for c in name[1:2]):
                    exact.setdefault(_fold_case_kept(name), set()).add(entity.id)
                else:
                    folded.setdefault(_fold(name), set()).add(entity.id)
        self._folded = folded
        self._exact = exact
        self._folded_re = self._compile(folded, re.IGNORECASE)
        self._exact_re = self._compile(exact, 0)

    @staticmethod
    def _compile(names: dict[str, set[str]], flags: int) -> re.Pattern | None:
        if not names:
            return None
        alternatives = "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))
        return re.compile(rf"(?<![\w@])(?:{alternatives})(?![\w])", flags)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[EntityMatch]:
        end = len(text) if end is None else end
        matches: list[EntityMatch] = []
        if self._folded_re is not None:
            folded = _fold(text)
            for m in self._folded_re.finditer(folded, start, end):
                matches.append(EntityMatch(m.start(), m.end(), tuple(sorted(self._folded[m.group(0)]))))
        if self._exact_re is not None:
            kept = _fold_case_kept(text)
            for m in self._exact_re.finditer(kept, start, end):
                if not any(o.start <= m.start() < o.end for o in matches):
                    matches.append(EntityMatch(m.start(), m.end(), tuple(sorted(self._exact[m.group(0)]))))
        return sorted(matches, key=lambda m: (m.start, -m.end))

    def pick(self, ids: Iterable[str], prefer: tuple[str, ...] = AGENT_TYPES) -> str | None:
        ids = list(ids)
        for kind in prefer:
            for entity_id in ids:
                if self.entities[entity_id].type == kind:
                    return entity_id
        return ids[0] if ids else None


# ------------------------------------------------------------------ dates

@dataclass(frozen=True)
class DateReading:
    """A date expression turned into the annotation time format."""

    value: str | dict[str, str]
    field: str  # "time" or "deadline"
    note: str = ""

    @property
    def span(self) -> TimeSpan:
        return parse_time(self.value)


_FUTURE = re.compile(r"\b(?:will|would|'ll|shall|to be|is due|are due|scheduled|set to|expected to|plans? to|"
                     r"going to|next|upcoming|intends? to)\b", re.IGNORECASE)
_OPEN_FUTURE = re.compile(r"(?i)(?<![\w'’])(?:will|won['’]t|['’]ll|(?:is|are|am) going to|(?:is|are) set to|(?:is|are) due to)"
                          r"(?![\w'’])")
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}


def _iso(day: dt.date) -> str:
    return day.isoformat()


def _month(year: int, month: int) -> str:
    while month < 1:
        year, month = year - 1, month + 12
    while month > 12:
        year, month = year + 1, month - 12
    return f"{year:04d}-{month:02d}"


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _period(start: str, end: str) -> dict[str, str] | str:
    return start if start == end else {"start": start, "end": end}


def normalise_date(expression: str, published: str | dict, *, before: str = "", after: str = "") -> DateReading | None:
    """Turn a date expression into ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``{start, end}``.

    ``published`` is the publication date in the annotation format; a
    relative expression resolves only as precisely as it allows (a weekday
    in an article dated only to the month gives the month). ``before`` and
    ``after`` are the words around the expression in its sentence: "by"
    makes a ``deadline``, "since" a period up to the publication date, and
    "will"/"to be" make a bare weekday the next one rather than the last.
    Month names without a year take the occurrence nearest the publication
    date ("this" and "next" take the next one, "last" the previous one).

    Examples
    --------
    >>> normalise_date("the end of the year", "2021-07", before="withdrawal by").value
    '2021-12-31'
    >>> normalise_date("Monday", "2020-01-07", before="Esper was adamant on").value
    '2020-01-06'
    >>> normalise_date("Monday", "2020-01-07", before="a deadline to be announced on").value
    '2020-01-13'
    >>> normalise_date("last month", "2011-10").value
    '2011-09'
    >>> normalise_date("this Dec. 31", "2011-10").value
    '2011-12-31'
    >>> r = normalise_date("September 2025", "2024-09", before="pull out by"); (r.field, r.value)
    ('deadline', '2025-09')
    >>> normalise_date("earlier this summer", "2024-09").value
    {'start': '2024-06', 'end': '2024-08'}
    >>> normalise_date("2011-10-16", "2011-10-17").value, normalise_date("2011-10", "2011-10-17").value
    ('2011-10-16', '2011-10')
    """
    pub = parse_time(published)
    precision = pub.precision if pub.precision != "interval" else "year"
    ref = pub.end if pub.precision == "interval" else pub.start
    year = ref.year
    text = _fold(expression).strip()
    text = re.sub(r"'s$", "", text)
    lead = _fold(before).rstrip()
    future = bool(_FUTURE.search(_fold(before)[-80:])) or bool(_FUTURE.search(_fold(after)[:40]))
    note = ""

    def month_or_coarser(value_day: dt.date | None, explain: str) -> tuple[str | dict, str]:
        if precision == "day" and value_day is not None:
            return _iso(value_day), ""
        if precision == "month":
            return pub.expression, f"{explain} resolved only to the publication month"
        return str(year), f"{explain} resolved only to the publication year"

    value: str | dict[str, str] | None = None
    match = None
    if text in ("today", "tonight"):
        value, note = month_or_coarser(ref, f"'{expression}'")
    elif text in ("yesterday", "tomorrow"):
        shift = -1 if text == "yesterday" else 1
        value, note = month_or_coarser(ref + dt.timedelta(days=shift), f"'{expression}'")
    elif match := re.fullmatch(r"(?:(last|next|this|early|late) )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                               r"(?: (?:morning|afternoon|evening|night))?", text):
        prefix, weekday = match.group(1), WEEKDAYS[match.group(2)]
        back = (ref.weekday() - weekday) % 7
        forward = (weekday - ref.weekday()) % 7
        if prefix == "last":
            day = ref - dt.timedelta(days=back or 7)
        elif prefix in ("next", "this") or (prefix is None and future):
            day = ref + dt.timedelta(days=forward or (7 if prefix == "next" else 0))
        else:
            day = ref - dt.timedelta(days=back)
        value, note = month_or_coarser(day, f"weekday '{expression}'")
    elif match := re.fullmatch(r"(?:(earlier|later|early|late) )?(this|last|next|past) "
                               r"(week|month|year|summer|winter|spring|autumn|fall|weekend|decade|century)", text):
        which, unit = match.group(2), match.group(3)
        shift = {"this": 0, "last": -1, "past": -1, "next": 1}[which]
        if unit == "year":
            value = str(year + shift) if which != "past" else _period(str(year - 1), str(year))
        elif unit == "month":
            if precision == "year":
                value, note = str(year), "month resolved only to the publication year"
            else:
                value = _month(year, ref.month + shift) if which != "past" else _period(_month(year, ref.month - 1), _month(year, ref.month))
        elif unit in ("week", "weekend"):
            if precision != "day":
                value, note = month_or_coarser(None, f"'{expression}'")
            else:
                monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=shift)
                if unit == "week":
                    value = {"start": _iso(monday), "end": _iso(monday + dt.timedelta(days=6))}
                else:
                    saturday = monday + dt.timedelta(days=5)
                    if which == "this" and saturday > ref and not future:
                        saturday -= dt.timedelta(weeks=1)
                    value = {"start": _iso(saturday), "end": _iso(saturday + dt.timedelta(days=1))}
        elif unit in _SEASONS:
            first, last = _SEASONS[unit]
            value = {"start": _month(year + shift, first), "end": _month(year + shift, last)}
        elif unit == "winter":
            base = year + shift if ref.month == 12 or precision == "year" else year + shift - 1
            value = {"start": _month(base, 12), "end": _month(base + 1, 2)}
        elif unit == "decade":
            decade = year // 10 * 10 + 10 * shift
            value = {"start": str(decade), "end": str(decade + 9)}
        else:  # century
            century = year // 100 * 100 + 100 * shift
            value = {"start": str(century), "end": str(century + 99)}
    elif match := re.fullmatch(r"(?:the )?(end|close|start|beginning|middle|turn) of (?:(the|this|next|last) )?"
                               r"(year|month|week|decade|\d{4})", text):
        part, which, unit = match.groups()
        shift = {"next": 1, "last": -1}.get(which or "", 0)
        if unit.isdigit() or unit == "year":
            target = int(unit) if unit.isdigit() else year + shift
            value = {"end": f"{target}-12-31", "close": f"{target}-12-31", "start": f"{target}-01-01",
                     "beginning": f"{target}-01-01", "middle": {"start": f"{target}-06", "end": f"{target}-07"},
                     "turn": {"start": f"{target}-12", "end": f"{target + 1}-01"}}[part]
        elif unit == "month":
            if precision == "year":
                value, note = str(year), "month resolved only to the publication year"
            else:
                y, m = map(int, _month(year, ref.month + shift).split("-"))
                value = _iso(_last_day(y, m)) if part in ("end", "close") else f"{y:04d}-{m:02d}-01" if part in ("start", "beginning") else _month(y, m)
        elif unit == "week":
            if precision != "day":
                value, note = month_or_coarser(None, f"'{expression}'")
            else:
                monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=shift)
                value = _iso(monday + dt.timedelta(days=6)) if part in ("end", "close") else _iso(monday)
        else:
            decade = year // 10 * 10 + 10 * shift
            value = f"{decade + 9}-12-31" if part in ("end", "close") else str(decade)
    elif text in ("year's end", "year-end", "end-of-year", "end-of-the-year"):
        value = f"{year}-12-31"
    elif text in ("all year",):
        value = str(year)
    elif text == "the weekend":
        return normalise_date("this weekend", published, before=before, after=after)
    elif match := re.fullmatch(r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several) "
                               r"(day|week|month|year|decade)s? ago", text):
        count_word, unit = match.groups()
        count = int(count_word) if count_word.isdigit() else NUMBER_WORDS.get(count_word, 1)
        if count_word in ("a few", "several"):
            note = f"'{count_word}' read as {count}"
        if unit in ("day", "week"):
            value, extra = month_or_coarser(ref - dt.timedelta(days=count * (7 if unit == "week" else 1)), f"'{expression}'")
            note = note or extra
        elif unit == "month":
            value = _month(year, ref.month - count) if precision != "year" else str(year)
        else:
            value = str(year - count * (10 if unit == "decade" else 1))
    elif match := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text):
        try:
            value = dt.date(*map(int, match.groups())).isoformat()
        except ValueError:
            return None
    elif match := re.fullmatch(r"(\d{4}) ?- ?(\d{2,4})", text):
        first, second = match.groups()
        last = int(second) if len(second) == 4 else int(first[:2] + second)
        if last > int(first):
            value = {"start": first, "end": str(last)}
        elif len(second) == 2 and 1 <= int(second) <= 12:      # 2011-10: ISO year and month
            value = f"{first}-{second}"
        else:
            return None
    elif match := re.fullmatch(r"(\d{3})0s", text):
        value = {"start": f"{match.group(1)}0", "end": f"{match.group(1)}9"}
    elif match := re.fullmatch(r"\d{4}", text):
        value = text
    elif re.fullmatch(r"\d{1,2}:\d{2}.*", text):
        value, note = month_or_coarser(ref, "time of day")
    else:
        value, note = _explicit(text, ref, precision)
        if value is None:
            return None
    field_name = "time"
    if re.search(r"\b(?:by|until|till|no later than|before)$", lead):
        field_name = "deadline"
    elif re.search(r"\bsince(?:[ \u00a0]+[^,;.\s]+){0,7}$", lead, re.IGNORECASE):
        start = value["start"] if isinstance(value, dict) else value
        value = {"start": start, "end": pub.expression if pub.precision != "interval" else str(year)}
    try:
        parse_time(value)
    except ValueError:                      # e.g. "since" a date after the publication: not a period
        return None
    return DateReading(value, field_name, note)


def _explicit(text: str, ref: dt.date, precision: str) -> tuple[str | dict | None, str]:
    """Dates with a month name: 'Dec. 31', 'August 31, 2021', '21 oct 2011', 'this dec. 31'."""
    text = re.sub(r"\s\d{1,2}:\d{2}.*$", "", text)
    match = re.fullmatch(r"(?:(this|next|last) )?([a-z]+)\.? ?(\d{1,2})?(?:st|nd|rd|th)?,? ?(\d{4})?", text) or \
        re.fullmatch(r"()(\d{1,2})(?:st|nd|rd|th)? ([a-z]+)\.?,? ?(\d{4})?", text)
    if not match:
        return None, ""
    which, a, b, year_text = match.groups()
    if a and a.isdigit():
        day_text, month_name = a, b
    else:
        month_name, day_text = a, b
    month = MONTHS.get((month_name or "").lower())
    if month is None:
        return None, ""
    day = int(day_text) if day_text else None
    note = ""
    if year_text:
        year = int(year_text)
    else:
        options = [ref.year - 1, ref.year, ref.year + 1]

        def anchor(y: int) -> dt.date:
            return dt.date(y, month, min(day or 1, calendar.monthrange(y, month)[1]))
        if which in ("this", "next"):
            year = next(y for y in options if anchor(y) >= ref.replace(day=1) if precision != "day" or anchor(y) >= ref) \
                if any(anchor(y) >= ref for y in options) else ref.year
        elif which == "last":
            year = max(y for y in options if anchor(y) < ref)
        else:
            year = min(options, key=lambda y: (abs((anchor(y) - ref).days), -y))
        note = f"year {year} inferred from the publication date"
    if day is None:
        return f"{year:04d}-{month:02d}", note
    try:
        return dt.date(year, month, day).isoformat(), note
    except ValueError:
        return f"{year:04d}-{month:02d}", f"impossible day {day}; kept the month"


# ------------------------------------------------------------- quantities

@dataclass(frozen=True)
class QuantityReading:
    """A figure with its qualifier, interval inputs and unit."""

    start: int
    end: int
    amount: Decimal | None
    qualifier: str
    lower: Decimal | None
    upper: Decimal | None
    unit: str
    noun: str = ""

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if self.amount is not None:
            data["amount"] = _plain(self.amount)
        data["qualifier"] = self.qualifier
        if self.lower is not None:
            data["lower"] = _plain(self.lower)
        if self.upper is not None:
            data["upper"] = _plain(self.upper)
        data["unit"] = self.unit
        return data

    @property
    def interval(self) -> tuple[Decimal, Decimal]:
        return bounds(self.qualifier, self.amount, self.lower, self.upper)


def _plain(value: Decimal) -> int | float:
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


_QUALIFIER_BEFORE = [
    (r"about|roughly|some|approximately|around|an estimated|estimated|an approximate|circa", "about"),
    (r"nearly|almost|close to|just under|just shy of", "almost"),
    (r"more than|over|upwards of|in excess of|above", "more-than"),
    (r"at least|no fewer than|no less than", "at-least"),
    (r"fewer than|less than|under|below", "fewer-than"),
    (r"up to|as many as|as much as", "up-to"),
]
_VAGUE = {"dozens": "dozens-of", "scores": "dozens-of", "hundreds": "hundreds-of", "thousands": "thousands-of",
          "tens of thousands": "tens-of-thousands", "hundreds of thousands": "hundreds-of-thousands",
          "tens": "dozens-of"}
_PERSONS = (r"troops|soldiers|forces|personnel|service ?members|servicemen|servicemembers|marines|people|persons|"
            r"civilians|americans|iraqis|afghans|inhabitants|residents|workers|dockworkers|employees|members|"
            r"legislators|lawmakers|mps|deputies|protesters|demonstrators|refugees|detainees|prisoners|fighters|"
            r"militants|advisers|advisors|trainers|contractors|officials|others|staff|children|women|men|voters|"
            r"students|patients|migrants|families|individuals|americans|citizens|victims|dead|wounded")
_UNIT_WORDS = [
    (r"percent|per cent|%", "percent"), (r"dollars?|usd", "USD"), (r"euros?", "EUR"),
    (r"seats?", "seats"), (r"votes?|ballots?", "votes"), (r"years?|-year", "years"), (r"months?|-month", "months"),
    (r"weeks?|-week", "weeks"), (r"days?|-day", "days"), (r"decades?", "decades"), (r"miles?|-mile", "miles"),
    (r"kilometres?|kilometers?|km", "km"), (rf"{_PERSONS}", "persons"),
]


_UNIT_STOPS = {"to", "that", "which", "who", "in", "on", "at", "by", "for", "with", "from", "is", "are", "was", "were",
               "will", "would", "has", "have", "had", "than", "as", "into", "across", "over", "under", "of"}


def _number_words(phrase: str) -> Decimal | None:
    words = [w for w in re.split(r"[ \u00a0-]+", phrase.lower()) if w and w != "and"]
    total, current = Decimal(0), Decimal(0)
    seen = False
    for word in words:
        if word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
            seen = True
        elif word == "hundred":
            current = (current or 1) * 100
            seen = True
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = Decimal(0)
            seen = True
        elif word in ("percent", "per", "cent", "a", "half", "quarter"):
            continue
        else:
            return None
    return total + current if seen else None


def _digits(text: str) -> Decimal:
    return Decimal(text.replace(",", "").replace("$", "").strip())


def read_quantity(text: str, mention: Mention, sentence: tuple[int, int] | None = None) -> QuantityReading:
    """Read a figure's qualifier (from the words before it), value and unit.

    Examples
    --------
    >>> from claimgraph.corpus.mentions import find_quantities
    >>> def read(s):
    ...     r = read_quantity(s, find_quantities(s)[0])
    ...     return r.qualifier, r.amount, r.lower, r.upper, r.unit
    >>> read("floated the idea of retaining 3-4,000 American troops")
    ('range', None, Decimal('3000'), Decimal('4000'), 'persons')
    >>> read("would save almost $50 billion in tax dollars")
    ('almost', Decimal('50000000000'), None, None, 'USD')
    >>> read("keep tens of thousands of residual forces")
    ('tens-of-thousands', None, None, None, 'persons')
    """
    s_start, s_end = sentence or (0, len(text))
    phrase = mention.text
    low = _fold(phrase)
    start, end = mention.start, mention.end
    amount = lower = upper = None
    qualifier = "exact"
    unit = ""
    if "$" in phrase:
        unit = "USD"
    if re.search(r"percent|per cent|%", low):
        unit = "percent"
    scale_match = re.search(r"(hundred|thousand|million|billion|trillion)$", re.sub(r" ?(percent|per cent|%)$", "", low))
    vague = re.sub(r"^(?:a few|several|many) ", "", low)
    if vague in _VAGUE:
        qualifier = _VAGUE[vague]
    elif match := re.fullmatch(r"(a few|several) (hundred|thousand|million|billion|dozen)", low):
        qualifier = "a-few" if match.group(1) == "a few" else "several"
        amount = Decimal(12) if match.group(2) == "dozen" else Decimal(SCALES[match.group(2)])
    elif re.fullmatch(r"(?:a |one )?half a (million|billion|thousand|hundred|trillion)", low):
        amount = Decimal(SCALES[scale_match.group(1)]) / 2
    elif re.fullmatch(r"(?:a |one )?quarter of a (million|billion|thousand|hundred|trillion)", low):
        amount = Decimal(SCALES[scale_match.group(1)]) / 4
    elif re.fullmatch(r"(?:a[ -])?(quarter|half)-century", low):
        amount, unit = Decimal(25 if "quarter" in low else 50), "years"
    elif re.fullmatch(r"a (dozen|hundred|thousand|million|billion)", low):
        amount = Decimal(12) if "dozen" in low else Decimal(SCALES[low.split()[1]])
    elif re.search(r"\d", low):
        core = re.sub(r" ?(percent|per cent|%)$", "", low)
        core = re.sub(r" (hundred|thousand|million|billion|trillion)$", "", core)
        scale = Decimal(SCALES[scale_match.group(1)]) if scale_match else Decimal(1)
        parts = [p for p in re.split(r" ?- ?", core) if p]
        if len(parts) == 2:
            first, second = _digits(parts[0]), _digits(parts[1])
            zeros = len(str(int(second))) - len(str(int(second)).rstrip("0")) if second == second.to_integral_value() else 0
            if first < second / 5 and zeros:
                first = first * Decimal(10) ** zeros
            qualifier, lower, upper = "range", first * scale, second * scale
        else:
            amount = _digits(parts[0]) * scale
    else:
        amount = _number_words(re.sub(r" ?(percent|per cent)$", "", low))
        if amount is None:
            amount = Decimal(1)
    # qualifier words just before the figure
    head = _fold(text[max(s_start, start - 40):start])
    if qualifier in ("exact",):
        for pattern, name in _QUALIFIER_BEFORE:
            if m := re.search(rf"(?:^|\W)({pattern}) $", head):
                qualifier = name
                start -= len(m.group(1)) + 1
                break
    elif qualifier in _VAGUE.values() or qualifier in ("a-few", "several"):
        if m := re.search(r"(?:^|\W)((?:a few|several|many) )$", head):
            start -= len(m.group(1))
    # the unit: the first unit word within a few words after the figure
    tail = text[end:min(s_end, end + 90)]
    noun = ""
    words = list(re.finditer(r"(?:[A-Z]\.){2,}|[A-Za-z%][\w’'-]*|[.,;:!?—–()\"“”]", tail))   # "U.S." is one word
    if unit:                         # "$" or "percent" already said it; take only a following "dollars"
        words = [w for w in words[:1] if re.fullmatch(r"(?i)dollars|usd", w.group(0))]
        noun = "$" if unit == "USD" else "percent"
    for index, word in enumerate(words[:9]):
        token = word.group(0)
        if token in ".,;:!?()—–\"“”" and not (index == 0 and token == "-"):
            break
        if _fold(token) in _UNIT_STOPS and not (_fold(token) == "of" and index == 0):
            break
        folded = _fold(token).strip("-")
        if token.startswith("-"):
            folded = "-" + folded
        hit = next((u for pattern, u in _UNIT_WORDS if re.fullmatch(pattern, folded)), None)
        if hit is None and token.startswith("-"):
            hit = next((u for pattern, u in _UNIT_WORDS if re.fullmatch(pattern, folded.lstrip("-"))), None)
        if hit:
            unit = unit or hit
            noun = token
            end_candidate = end + word.end()
            if end_candidate - start < 120:
                end = end_candidate
            break
    if not unit:
        first = next((w.group(0) for w in words[:3] if re.fullmatch(r"[a-z][a-z-]+s", w.group(0))
                      and w.group(0) not in ("of", "as", "is", "was", "has", "its", "this", "across")), "")
        sentence_text = _fold(text[s_start:s_end])
        if first:
            unit, noun = first.lower(), first
            pos = tail.find(first)
            end = end + pos + len(first)
        elif re.search(rf"\b(?:{_PERSONS}|troop)\b", sentence_text):
            unit = "persons"
        else:
            unit = "items"
    return QuantityReading(start, end, amount, qualifier, lower, upper, unit, noun)


# ------------------------------------------------------------- candidates

@dataclass
class Candidate:
    """One draft claim, with the text evidence that produced it."""

    kind: str                      # statement | quantity | date
    start: int
    end: int
    quote: str
    speaker: str
    modality: str = "asserted"
    via: list[str] = field(default_factory=list)
    said_on: str | None = None
    hedge: str | None = None
    proposition: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    rule: str = ""
    speaker_name: str = ""
    proposed_speaker: str | None = None
    dates: list[tuple[int, int]] = field(default_factory=list)   # date expressions this candidate carries
    speaker_at: int | None = None                                 # where the speaker is named
    anchor: tuple[int, int] | None = None                         # the figure or date it was drafted for

    @property
    def carries_date(self) -> bool:
        return bool(self.dates)

    @property
    def note(self) -> str:
        return "; ".join(self.notes)


@dataclass
class Draft:
    """The extractor's output for one article."""

    candidates: list[Candidate]
    proposals: list[dict[str, Any]]


_SAY = (r"said|says|say|told|tells|tell|added|adds|noted|notes|noting|stated|states|announced|announces|announcing|"
        r"confirmed|confirms|confirming|insisted|insists|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|warned|warns|"
        r"argued|argues|explained|explains|wrote|writes|reported|reports|reporting|tweeted|tweets|indicated|"
        r"indicates|acknowledged|acknowledges|admitted|admits|suggested|suggests|predicted|predicts|promised|"
        r"promises|pledged|pledges|vowed|vows|demanded|demands|demand|urged|urges|called for|calls for|accused|"
        r"accuses|blamed|blames|charged|charges|alleged|alleges|claimed|claims|claiming|described|describes|"
        r"recalled|recalls|summed up|believes|assumed|assumes|feared|fears|conceded|concedes|declared|declares|"
        r"asserted|asserts|denied|denies|denying|maintained|maintains|countered|replied|responded|complained|"
        r"floated|proposed|was adamant|is adamant|were adamant|are adamant")
_ACCUSING = {"accused", "accuses", "blamed", "blames", "charged", "charges", "alleged", "alleges"}
_AMBIGUOUS = {"maintains", "maintained", "claims", "demands", "promises", "pledges", "states", "notes", "adds", "added",
              "calls for", "called for", "reports", "describes", "described", "recalls", "recalled", "warns", "fears",
              "feared", "stated", "noted", "proposed", "replied", "responded", "countered", "declared", "declares",
              "explains", "explained", "concedes", "conceded"}
_SAY_RE = re.compile(rf"(?<![\w-])(?:{_SAY})(?![\w-])", re.IGNORECASE)
_MODALITY_BY_VERB = [
    (r"demand|urge|call", "demanded"), (r"den(y|ie)", "denied"), (r"promis|pledg|vow", "promised"),
    (r"predict|warn|fear|assum", "predicted"), (r"report|wrote|write", "reported"), (r"float|propos", "planned"),
]
_AUX_TAIL = re.compile(r"(?:\s+(?:has|have|had|is|are|was|were|will|would|also|repeatedly|long|later|again|reportedly|"
                       r"publicly|privately|previously|recently|then|already|further|once|first|quickly|earlier|"
                       r"separately|himself|herself|themselves|had|has))+\s*$", re.IGNORECASE)
_TIME_ADVERB = re.compile(r"(?:,?[ \u00a0]*(?:(?:on[ \u00a0]+)?(?:(?:last|this|next)[ \u00a0]+)?(?:Monday|Tuesday|Wednesday|"
                          r"Thursday|Friday|Saturday|Sunday)(?:’s|'s)?(?:[ \u00a0]+(?:morning|afternoon|evening|night))?|"
                          r"(?:on|in)[ \u00a0]+(?:a[ \u00a0]+)?(?:statement|interview|briefing|tweet|post)s?|"
                          r"yesterday|today|earlier|later|repeatedly|again|also|this week|last week|this month|"
                          r"last month|this year|last year|"
                          r"in[ \u00a0]+(?:January|February|March|April|May|June|July|August|September|October|"
                          r"November|December))(?![\w]))+", re.IGNORECASE)
_GROUP_HEADS = (r"officials?|sources?|diplomats?|spokes(?:man|woman|person)|leaders?|lawmakers?|legislators?|"
                r"analysts?|experts?|aides?|advis[eo]rs?|commanders?|protesters?|residents?|witness(?:es)?|members?|"
                r"people|critics|observers|activists|negotiators|officers?|executives?|ministers?|minister|"
                r"representatives?|delegates?|mediators?|insiders?|authorities|organi[sz]ers|economists|traders|"
                r"owners|workers|employees|scientists|researchers|doctors|officials")
_PRONOUNS = {"he": "person", "she": "person", "his": "person", "her": "person", "they": "group", "their": "group",
             "it": "any", "its": "any", "we": "group", "i": "person"}
_TITLE_WORDS = {
    "president", "prime", "minister", "secretary", "foreign", "defense", "defence", "caretaker", "general", "gen.",
    "maj.", "lt.", "col.", "sen.", "rep.", "gov.", "mr.", "mrs.", "ms.", "dr.", "sheikh", "ayatollah", "king",
    "queen", "prince", "chancellor", "spokesman", "deputy", "assistant", "under", "u.s.", "us", "transport",
    "interior", "finance", "state", "senator", "governor", "mayor", "chief", "ambassador", "director", "leader",
    "former", "acting", "vice", "minister,", "mp", "lawmaker", "general,", "commander", "colonel", "captain",
    "judge", "justice", "speaker", "chairman", "chairwoman", "chair", "head", "ceo",
}
_ORG_WORDS = re.compile(r"\b(?:Party|Union|Council|Ministry|Authority|Institute|Center|Centre|Group|Army|Front|"
                        r"Movement|Association|Agency|Committee|Bank|Company|Corp|Inc|University|Foundation|"
                        r"Department|Office|Commission|Federation|Alliance|League|Brigades?|Forces)\b")
_MEDIA_WORDS = re.compile(r"\b(?:media|television|TV|radio|newspaper|news agency|agency|news|paper|Times|Post|"
                          r"Gazette|Journal|Herald|Tribune|Press|Telegraph|Guardian|Broadcasting)\b", re.IGNORECASE)
_NAME_TOKEN = r"(?:[A-Z][\w’'.-]*|(?:al|el|bin|ibn|abu|de|van|von|da|di|du|le|la)-?[A-Z]?[\w’'-]*)"
_NAME_RUN = re.compile(rf"[A-Z][\w’'.-]*(?:[ \u00a0]+{_NAME_TOKEN})+")


class _Extractor:
    """One article's extraction: statements first (they give figures and dates their speaker), then the rest."""

    def __init__(self, text: str, *, published: str | dict, publisher: str, authors: list[str],
                 entities: dict[str, Entity], vocabulary: Any):
        self.text = text
        self.published = published
        self.publisher = publisher
        self.authors = list(authors)
        self.own = set(self.authors) | {publisher}
        self.author = self.authors[0] if len(self.authors) == 1 else publisher
        self.entities = entities
        self.index = EntityIndex(entities)
        self.vocabulary = vocabulary
        self.sentences = sentences(text)
        self.proposals: dict[str, dict[str, Any]] = {}
        self.proposal_names: dict[str, str] = {}   # folded alias -> proposal id
        self.statements: list[Candidate] = []
        self.last_person: tuple[str, str | None] | None = None
        self.last_group: tuple[str, str | None] | None = None
        self.last_speaker: tuple[str, str | None, list[str]] | None = None
        self.mentions = self.index.find(text)
        self.pending_via: list[tuple[str | None, int]] = []
        self.proposal_seen: dict[str, int] = {}

    # ---------------------------------------------------------- helpers
    def vocab(self, name: str) -> Any:
        return getattr(self.vocabulary, name, None) if self.vocabulary is not None else None

    def sentence_at(self, position: int) -> Sentence:
        for sentence in self.sentences:
            if sentence.start <= position < sentence.end:
                return sentence
        return min(self.sentences, key=lambda s: abs(s.start - position)) if self.sentences else Sentence(0, len(self.text), 0)

    def entities_in(self, start: int, end: int) -> list[EntityMatch]:
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def trim(self, start: int, end: int) -> tuple[int, int]:
        """Strip spaces, quote marks and closing punctuation from a span."""
        strip_left = " \u00a0\t,;:—–-\"“”‘’'("
        while start < end and self.text[start] in strip_left:
            start += 1
        while end > start and self.text[end - 1] in " \u00a0\t,;:—–-\"“”‘’'.)" + "":
            end -= 1
        if end > start and self.text[end - 1] in "?!" and end - start < 3:
            end -= 1
        span = self.text[start:end]
        if span.count("“") > span.count("”") and self.text[end:end + 1] == "”":
            end += 1                       # keep a quotation closed: ... called the walkout “unnecessary”
        return start, end

    # ----------------------------------------------------- speaker names
    def propose(self, name: str, kind: str, *, affiliation: str | None = None, description: str = "",
                aliases: Iterable[str] = ()) -> str:
        entity_id = slug(name)
        base, number = entity_id, 2
        while entity_id in self.entities or (entity_id in self.proposals and self.proposals[entity_id]["label"] != name):
            entity_id, number = f"{base}-{number}", number + 1
        if entity_id not in self.proposals:
            entry: dict[str, Any] = {"id": entity_id, "type": kind, "label": name}
            alias_list = sorted({a for a in aliases if a and a != name})
            if alias_list:
                entry["aliases"] = alias_list
            if kind == "anonymous" or affiliation:
                entry["affiliation"] = affiliation
            source = f"“{description}”" if description and description != name else f"“{name}”"
            entry["comment"] = f"Proposed by claimgraph draft from {source}; check type, label, aliases" + \
                (" and affiliation." if kind == "anonymous" else ".")
            self.proposals[entity_id] = entry
            for alias in [name, *alias_list]:
                self.proposal_names.setdefault(_fold(alias), entity_id)
        return entity_id

    def resolve_name(self, phrase: str, offset: int) -> tuple[str | None, str | None, str]:
        """(registry id, proposal id, the name as written) for a speaker phrase.

        In order: a pronoun or "the official" goes to the last speaker; the
        whole phrase as a label or alias; the head of the phrase (before
        an appositive or "of/for ...") as an alias, or as a role title held
        at the publication date ("US president"); a name in an appositive
        ("one protester, Ayad Al-Rumi"); then a new entity is proposed: a
        person for a personal name, an anonymous speaker for "a senior
        official", an organisation for an acronym.
        """
        lead = len(phrase) - len(phrase.lstrip(" ,\u00a0\"“”‘’"))
        phrase_clean = phrase.strip(" ,\u00a0\"“”‘’")
        phrase_clean = re.sub(r"^(?:[A-Z]{2,}(?:[ \u00a0][A-Z]{2,})*[ \u00a0]+\([^)]*\)[ \u00a0]*(?:--|—|–)[ \u00a0]*)", "", phrase_clean)
        at = offset + lead + (len(phrase.strip(" ,\u00a0\"“”‘’")) - len(phrase_clean))
        words = _fold(phrase_clean).split()
        if not words:
            return None, None, phrase_clean
        if len(words) <= 2 and words[-1] in _PRONOUNS and (len(words) == 1 or words[0] in ("and", "but", "as", "so")):
            return (*self.antecedent(_PRONOUNS[words[-1]], at), phrase_clean)
        for match in self.index.find(self.text, at, at + len(phrase_clean)):
            if match.start == at and match.end == at + len(phrase_clean):
                chosen = self.index.pick(match.ids)
                if chosen and self.entities[chosen].type in AGENT_TYPES:
                    return chosen, None, phrase_clean
        segments = [segment for segment in re.split(r",[ \u00a0]*", phrase_clean) if segment.strip()]
        head = segments[0]
        complement = ""
        role = re.search(rf"\b(?:{_GROUP_HEADS})\b(?=[ \u00a0]+(?:for|of|at|from|with|in|to)[ \u00a0])", head, re.IGNORECASE)
        if role:
            head, complement = head[:role.end()], head[role.end():]
        head_at = at + phrase_clean.find(head)
        folded_head = _fold(head).strip()
        head_words = folded_head.split()
        group = re.search(rf"\b(?:{_GROUP_HEADS}|president|premier|chancellor|secretary|minister)$", folded_head)
        # the head as a label or alias, if the alias reaches the head's last word
        for match in sorted(self.index.find(self.text, head_at, head_at + len(head)), key=lambda m: -(m.end - m.start)):
            covered = _fold(self.text[match.start:match.end])
            if folded_head.endswith(covered) or folded_head.endswith(covered + "'s"):
                chosen = self.index.pick(match.ids)
                if chosen and self.entities[chosen].type in AGENT_TYPES:
                    return chosen, None, phrase_clean
        for alias, proposal in sorted(self.proposal_names.items(), key=lambda kv: (-len(kv[0]), kv[0])):
            bare, bare_alias = _strip_particle(folded_head), _strip_particle(alias)
            if folded_head == alias or folded_head.endswith(" " + alias) or \
                    (len(head_words) == 1 and bare == bare_alias.split()[-1]):
                return None, proposal, phrase_clean
        if group and (holder := self.role_holder(folded_head, head_at, head_at + len(head))):
            return holder, None, phrase_clean
        if group and len(head_words) <= 4 and head_words[0] in ("the", "this") and not _NAME_RUN.search(head):
            previous = self.antecedent("person" if not folded_head.endswith("s") else "group", at)
            if previous != (None, None):
                return (*previous, phrase_clean)
        if group:                                        # "one protester, Ayad Al-Rumi"
            for segment in segments[1:]:
                if _NAME_RUN.fullmatch(segment.strip()) or self.index.find(segment):
                    seg_at = at + phrase_clean.find(segment)
                    speaker, proposal, _ = self.resolve_name(segment, seg_at)
                    if speaker or proposal:
                        return speaker, proposal, phrase_clean
        affiliation = self.affiliation(at, at + len(phrase_clean), complement)
        name_run = None
        for run in _NAME_RUN.finditer(head):
            name_run = run
        if name_run and not group:
            tokens = name_run.group(0).split()
            while tokens and (tokens[0].lower() in _TITLE_WORDS or tokens[0].endswith(("’s", "'s"))):
                tokens.pop(0)
            if tokens:
                name = " ".join(tokens)
                if _ORG_WORDS.search(name) or len(tokens) == 1:
                    if len(tokens) == 1 and not _ORG_WORDS.search(name) and not name.isupper():
                        return None, None, phrase_clean
                    kind = "media-outlet" if _MEDIA_WORDS.search(name) else "organization"
                    return None, self.propose(name, kind, description=phrase_clean), phrase_clean
                surname = tokens[-1]
                aliases = [surname]
                if re.match(r"(?i)(al|el)-", surname):
                    aliases.append(surname.split("-", 1)[1])
                return None, self.propose(name, "person", description=phrase_clean, aliases=aliases), phrase_clean
        if group:
            label = re.sub(r"^(?:the|The)[ \u00a0]+", "", (head + complement).strip())
            label = label[0].upper() + label[1:]
            return None, self.propose(label, "anonymous", affiliation=affiliation, description=phrase_clean,
                                      aliases=[(head + complement).strip()]), phrase_clean
        if len(head_words) == 1 and re.fullmatch(r"[A-Z][A-Z0-9&-]{1,9}", head.strip()):
            return None, self.propose(head.strip(), "organization", description=phrase_clean), phrase_clean
        return None, None, phrase_clean

    def exact_entity(self, name: str, at: int) -> str | None:
        """The agent whose label or alias is exactly ``name`` (at ``at`` in the text)."""
        for match in self.index.find(self.text, at, at + len(name)):
            if match.start == at and match.end == at + len(name):
                chosen = self.index.pick(match.ids)
                if chosen and self.entities[chosen].type in AGENT_TYPES:
                    return chosen
        return None

    def head_entity(self, name: str, at: int) -> str | None:
        """The agent named at the end of ``name`` ("the Syrian government" -> syrian-government)."""
        folded = _fold(name)
        for match in sorted(self.index.find(self.text, at, at + len(name)), key=lambda m: -(m.end - m.start)):
            if folded.endswith(_fold(self.text[match.start:match.end])):
                chosen = self.index.pick(match.ids)
                if chosen and self.entities[chosen].type in AGENT_TYPES:
                    return chosen
        return None

    def antecedent(self, wanted: str, position: int) -> tuple[str | None, str | None]:
        """The speaker a pronoun points back to: the last person named or the last speaker."""
        if wanted == "person":
            window = [m for m in self.mentions if position - 400 <= m.end <= position]
            for match in reversed(window):
                chosen = self.index.pick(match.ids, ("person",))
                if chosen and self.entities[chosen].type == "person":
                    last = self.last_person
                    if last and last[1] and self.proposal_seen.get(last[1], -1) > match.end:
                        return last
                    return chosen, None
            if self.last_person:
                return self.last_person
        if wanted == "group" and self.last_group:
            return self.last_group
        if self.last_speaker:
            return self.last_speaker[0], self.last_speaker[1]
        return None, None

    def role_holder(self, folded_head: str, start: int, end: int) -> str | None:
        """A title ("US president", "the prime minister") held at the publication date."""
        title = re.sub(r"^(?:the|a|an|former|acting)[ \u00a0]+", "", folded_head)
        orgs = {self.index.pick(m.ids, ("government-body", "organization", "place"))
                for m in self.index.find(self.text, start, end)}
        when = parse_time(self.published)
        last_word = title.split()[-1]
        holders = set()
        for entity in self.entities.values():
            for role in entity.roles:
                if last_word not in _fold(role.role).split():
                    continue
                if orgs and role.org not in orgs:
                    continue
                begin = parse_time(role.start).start if role.start else dt.date.min
                finish = parse_time(role.end).end if role.end else dt.date.max
                if begin <= when.end and when.start <= finish:
                    holders.add(entity.id)
        return holders.pop() if len(holders) == 1 else None

    def affiliation(self, start: int, end: int, complement: str) -> str | None:
        for match in self.index.find(self.text, start, end):
            chosen = self.index.pick(match.ids, ("government-body", "organization", "armed-group", "media-outlet", "place",
                                                 "person"))
            possessive = self.text[match.end:match.end + 2] in ("’s", "'s")
            if chosen and self.entities[chosen].type not in ("topic", "anonymous") and \
                    (self.entities[chosen].type != "person" or possessive):
                return chosen
        name = re.sub(r"^[ \u00a0]*(?:for|of|at|from|with|in|to)[ \u00a0]+(?:the[ \u00a0]+)?", "", complement).strip()
        if name[:1].isupper():
            kind = "media-outlet" if _MEDIA_WORDS.search(name) else "organization"
            return self.propose(name, kind, description=name)
        return None

    def remember(self, speaker: str | None, proposal: str | None, via: list[str]) -> None:
        if speaker is None and proposal is None:
            return
        kind = self.entities[speaker].type if speaker else self.proposals[proposal]["type"]
        if kind == "person":
            self.last_person = (speaker, proposal)
        else:
            self.last_group = (speaker, proposal)
        self.last_speaker = (speaker, proposal, via)

    # -------------------------------------------------------- statements
    def audience(self, start: int, end: int) -> tuple[list[str], int]:
        """Intermediaries named right after a speech verb ("told AP", "to Reuters")."""
        tail = self.text[start:end]
        match = re.match(r"(?:[ \u00a0]+to)?[ \u00a0]+((?:the[ \u00a0]+)?[A-Z@][\w’'.@-]*(?:[ \u00a0]+[A-Za-z][\w’'.-]*){0,3}?"
                         r"|reporters|journalists|[a-z]+[ \u00a0]+media)(?=[ \u00a0]+(?:that|on|in|at|Monday|Tuesday|Wednesday|"
                         r"Thursday|Friday|Saturday|Sunday|\"|“)|[,.:;]|$)", tail)
        if not match:
            return [], start
        name = match.group(1)
        position = start + match.start(1)
        found = self.index.find(self.text, position, position + len(name))
        for item in found:
            chosen = self.index.pick(item.ids, ("media-outlet",))
            if chosen and self.entities[chosen].type == "media-outlet":
                return [chosen], start + match.end()
        if _MEDIA_WORDS.search(name) and not re.match(r"(?i)reporters|journalists", name):
            proposal = self.propose(re.sub(r"^the\s+", "", name), "media-outlet", description=name)
            return [f"?{proposal}"], start + match.end()
        return [], start + match.end()

    def add_statement(self, content: tuple[int, int], speaker: str | None, proposal: str | None, name: str,
                      verb: str, rule: str, via: list[str], said_on_span: tuple[int, int] | None = None,
                      remember: bool = True, speaker_at: int | None = None) -> Candidate | None:
        start, end = self.trim(*content)
        if end - start < 12 or not re.search(r"[A-Za-z]{3}", self.text[start:end]):
            return None
        if speaker is not None and self.entities[speaker].type == "topic":
            return None                                  # "the letter added ...": a thing, not a speaker
        if proposal is not None:
            self.proposal_seen[proposal] = start
        notes = [f"drafted by rule '{rule}'"]
        # the author's own outlet is not an intermediary between the author and the speaker
        real_via = [v for v in via if not v.startswith("?") and v not in self.own]
        paragraph = self.sentence_at(start).paragraph
        for source, target in self.pending_via:          # "Reuters reports the following statement:"
            if target == paragraph and source and source not in real_via and source not in self.own:
                real_via.insert(0, source)
                notes.append("intermediary from the sentence introducing this paragraph")
        previous = self.last_speaker
        if not real_via and previous and previous[2] and _fold(name).strip() in _PRONOUNS \
                and (speaker, proposal) == (previous[0], previous[1]):
            real_via = list(previous[2])                 # "“...,” he said" after "X told Reuters ..."
            notes.append("intermediary carried over from the speaker's previous statement")
        for pending in (v[1:] for v in via if v.startswith("?")):
            notes.append(f"intermediary '{self.proposals[pending]['label']}' is not in the registry "
                         f"(proposed as {pending}); add it to via once it is")
        if speaker is None:
            fallback = self.author
            if proposal:
                notes.append(f"speaker '{self.proposals[proposal]['label']}' is not in the registry "
                             f"(proposed as {proposal}); set speaker once it is added")
            else:
                notes.append(f"speaker not recognised from “{name}”; set speaker")
            speaker_id = fallback
        else:
            speaker_id = speaker
        if remember:
            self.remember(speaker, proposal, real_via)
        candidate = Candidate("statement", start, end, self.text[start:end], speaker_id, via=list(real_via),
                              rule=rule, speaker_name=name, proposed_speaker=proposal, notes=notes, speaker_at=speaker_at)
        candidate.modality = self.modality(verb, start, end, speaker_id)
        candidate.hedge = self.hedge(start, end)
        if said_on_span:
            candidate.dates.append(said_on_span)
        self.statements.append(candidate)
        return candidate

    def modality(self, verb: str, start: int, end: int, speaker: str) -> str:
        verb = verb.lower()
        content = _fold(self.text[start:end])
        modality = "asserted"
        for pattern, name in _MODALITY_BY_VERB:
            if re.search(pattern, verb):
                modality = name
                break
        if modality == "reported" and self.entities.get(speaker) is not None and \
                self.entities[speaker].type != "media-outlet":
            modality = "asserted"
        if modality == "asserted":
            if re.search(r"\b(?:plans? to|planned|intends? to|is set to|are set to|scheduled|to be announced)\b", content):
                modality = "planned"
            elif re.search(r"\b(?:will|would|'ll|is likely|are likely|expected to|going to|could|may|might)\b", content):
                modality = "predicted"
        modalities = self.vocab("modalities")
        return modality if not modalities or modality in modalities else "asserted"

    def hedge(self, start: int, end: int) -> str | None:
        content = _fold(self.text[start:end])
        options = [(r"\bvirtually all\b", "virtually-all"), (r"\balmost all\b|\bnearly all\b", "almost-all"),
                   (r"\bapparently\b", "apparently"), (r"\blikely\b", "likely"),
                   (r"\bestimated\b|\bby some estimates\b|\bbelieved to\b", "estimated"),
                   (r"\bonly if\b|\bunless\b|\bprovided that\b|\bif\b", "conditional"),
                   (r"\bmay\b|\bmight\b|\bpossibly\b|\bperhaps\b", "possibly")]
        hedges = self.vocab("hedges")
        for pattern, name in options:
            if re.search(pattern, content) and (not hedges or name in hedges):
                return name
        return None

    def find_statements(self) -> None:
        for index, sentence in enumerate(self.sentences):
            before = len(self.statements)
            self.sentence_statements(sentence, index)
            if len(self.statements) == before:
                self.unattributed_quote(sentence, index)
        self.tweets()
        self.continuations()
        self.nest()

    def sentence_statements(self, sentence: Sentence, index: int) -> None:
        text = self.text
        s, e = sentence.start, sentence.end
        body = text[s:e]
        # Headline "Obama: All US troops ..." in the first lines.
        if sentence.paragraph <= 2 and (m := re.match(r"([A-Z][\w’'. -]{1,40}):[ \u00a0]+(\S.{10,})$", body)):
            speaker = self.exact_entity(m.group(1), s)
            if speaker:
                self.add_statement((s + m.start(2), e), speaker, None, m.group(1), "said", "headline X: ...", [])
                return
        # According to X, ... / ..., according to X.
        if m := re.search(r"(?i)\baccording to[ \u00a0]+", body):
            self.according(sentence, m)
            return
        before = len(self.statements)
        # Nominal: X's pledge to ..., X's position has been to ..., X's recent statements about ...
        if m := re.search(r"((?:[A-Z][\w’'.-]*[ \u00a0]+){0,4}[A-Z][\w’'.-]*(?:’s|'s)|\b(?:[Hh]is|[Hh]er|[Tt]heir))"
                          r"[ \u00a0]+((?:recent[ \u00a0]+|public[ \u00a0]+|own[ \u00a0]+)?(?:pledges?|promises?|position|demands?|"
                          r"statements?|vows?|warnings?|calls?|assurances?|insistence|threats?))"
                          r"(?=[ \u00a0]+(?:to|that|about|for)\b|(?:[ \u00a0]+[a-z]+){0,3}[ \u00a0]+(?:has|had)[ \u00a0]+been[ \u00a0]+to\b)",
                          body):
            owner = re.sub(r"(’s|'s)$", "", m.group(1))
            speaker, proposal, name = self.resolve_name(owner, s + m.start(1))
            if speaker or proposal:
                clause_end = re.search(r"[,;—](?=[ \u00a0])|(?<![A-Z])\.(?=[ \u00a0]|$)| but ", body[m.end():])
                stop = s + m.end() + (clause_end.start() if clause_end else len(body) - m.end())
                start = s + m.start(1)
                if stop - start < 20:
                    stop = e
                self.add_statement((start, stop), speaker, proposal, name, m.group(2), "X's pledge/statement", [],
                                   speaker_at=s + m.start(1))
        verbs = [v for v in _SAY_RE.finditer(body) if self.verb_ok(body, v)]
        quotes = self.quotations(s, e)
        for verb in verbs:
            self.verb_statement(sentence, verb, quotes)
        made = sorted(self.statements[before:], key=lambda c: c.start)
        for first in made:                              # "X said A, and Y said B": A ends before Y
            for second in made:
                if second is first or second.speaker_at is None or not (first.start < second.speaker_at < first.end):
                    continue
                joint = r"(?:,[ \u00a0]*(?:and|but|while|whereas)|;)[ \u00a0]*$"
                if second.rule == "..., noting that ..." or (second.rule == "“...,” X said" and second.end <= second.speaker_at):
                    joint = r"[,—–][ \u00a0]*$"          # "..., noting that" / "A demanded B, the Times wrote"
                gap = re.search(joint, text[first.start:second.speaker_at])
                if gap:
                    first.end = self.trim(first.start, first.start + gap.start())[1]
                    first.quote = text[first.start:first.end]

    def verb_ok(self, body: str, verb: Any) -> bool:
        """Whether a reporting verb is used as one (not "the reports", "was reported", "maintains support")."""
        word = verb.group(0).lower()
        before = body[:verb.start()].rstrip()
        previous = re.search(r"(\S+)$", before)
        previous_word = _fold(previous.group(1)) if previous else ""
        after = body[verb.end():]
        if word == "demand":
            return previous_word == "to"
        if word in ("say", "tell"):
            return previous_word in ("they", "we", "i", "you") or bool(re.search(r"(?i)\b(?:officials|sources|analysts|"
                                                                                    r"experts|diplomats|lawmakers)$", before))
        if previous_word in ("the", "a", "an", "these", "those", "its", "such", "his", "her", "their", "of", "to",
                             "our", "your", "my", "whose", "any", "no", "new", "recent", "earlier"):
            return False
        if previous_word in ("is", "are", "was", "were", "be", "been", "being") and "adamant" not in word \
                and not word.endswith("ing"):
            return False
        if word in ("added", "adds") and re.match(r"[ \u00a0]+to\b", after):
            return False
        if word in _ACCUSING:
            return bool(re.search(r"\b(?:with|of|for|that)\b", after[:80]))
        if word in _AMBIGUOUS:
            return bool(re.match(r"[ \u00a0]*(?:that\b|[,.:;“\"]|$)|[ \u00a0]+the[ \u00a0]+following\b|[ \u00a0]+(?:on[ \u00a0]+)?(?:Monday|Tuesday|Wednesday|"
                                 r"Thursday|Friday|Saturday|Sunday)\b", after))
        return True

    def verb_statement(self, sentence: Sentence, verb: Any, quotes: list[tuple[int, int]]) -> bool:
        """One speech verb in a sentence: find who speaks and which words are theirs."""
        text = self.text
        s, e = sentence.start, sentence.end
        body = text[s:e]
        verb_start, verb_end = s + verb.start(), s + verb.end()
        word = verb.group(0)
        if any(qs <= verb_start < qe for qs, qe in quotes):
            return False                                      # a verb inside the quoted words
        via, rest_start = [], verb_end
        if word.lower() in ("told", "tells", "tell") or re.match(r"[ \u00a0]+to[ \u00a0]", text[verb_end:verb_end + 5]):
            via, rest_start = self.audience(verb_end, e)
        said_on_span = None
        if adverb := _TIME_ADVERB.match(text[rest_start:e]):
            said_on_span = self.date_within(rest_start, rest_start + adverb.end())
            rest_start += adverb.end()
        rest = text[rest_start:e]
        pre = body[:verb.start()]
        quotes_before = [q for q in quotes if q[1] <= verb_start]
        quotes_after = [q for q in quotes if q[0] >= verb_end]
        # A: “Q,” said X, a ...   B: “Q,” X said.   C: Q, X said.
        after_quote = re.search(r"[”\"][ \u00a0]*((?:[^”\"“,]|,(?=[^”\"“]*,))*?)[ \u00a0]*$", pre) if quotes_before else None
        rest_words = len(re.findall(r"[A-Za-z]+", rest))
        trailing = not re.search(r"[“\"]", rest) and (rest_words <= 4 or (
            rest_words <= 12 and re.match(r"[ \u00a0,]*(?:at|in|on|from|during|after|before|shortly|speaking|while)\b", rest)))
        if re.search(r"(?i)\b(?:will|would|is|are|was|were|has|have|had|could|can|may|might|should|must|to)\b", rest):
            trailing = False               # "..., a project the union says will cost 300 jobs": the words follow
        prepositional = re.match(r"[ \u00a0,]*(?:at|in|on|from|during|after|before|shortly|speaking|while)\b", rest)
        if trailing and after_quote is None and not re.search(r"(?:,|—|–|;)[ \u00a0]*[^,—–;]+$", _AUX_TAIL.sub("", pre)):
            trailing = False               # "The union and the board have long charged the ministry with delay."
        if trailing or (after_quote is not None and (not after_quote.group(1).strip() or prepositional)):
            if after_quote is not None and not after_quote.group(1).strip():
                named = re.match(r"[ \u00a0]*([^,.;“\"]+(?:,[^.;“\"]+?(?=,|\.|$))?)", text[rest_start:e])
                if not named or not named.group(1).strip():
                    return False
                speaker_text, speaker_at = named.group(1), rest_start + named.start(1)
            elif after_quote is not None:
                speaker_text, speaker_at = after_quote.group(1), s + after_quote.start(1)
            else:
                clause = re.search(r"(?:,|—|–|;)[ \u00a0]*([^,—–;]*)$", _AUX_TAIL.sub("", pre))
                if not clause or not clause.group(1).strip():
                    return False
                speaker_text, speaker_at = clause.group(1), s + clause.start(1)
            if len(speaker_text.split(",")[0].split()) > 14:
                return False
            content = (quotes_before[0][0], quotes_before[-1][1]) if quotes_before else (s, speaker_at)
            made = False
            for speaker, proposal, name, at in self.resolve_speakers(_AUX_TAIL.sub("", speaker_text), speaker_at):
                made |= self.add_statement(content, speaker, proposal, name, word, "“...,” X said", via, said_on_span,
                                           speaker_at=at) is not None
                for extra in quotes_after:
                    self.add_statement(extra, speaker, proposal, name, word, "“...,” X said, “...”", via, said_on_span,
                                       speaker_at=at)
            return made
        # D: X said (that) ... / X told AP that ... / X said: “...”
        rule = "X said (that) ..."
        participle = word.lower().endswith("ing") and pre.rstrip().endswith(",")
        if participle or _fold(pre).rstrip().endswith(" to"):
            # a participle or infinitive ("..., noting that", "is in Washington to demand that"): the sentence's subject
            lead = re.match(r"(.*?)(?=[ \u00a0]+(?:is|are|was|were|has|have|had|will|would|[a-z]+ed)\b)", pre)
            subject_text, subject_at = (lead.group(1), s) if lead else (pre, s)
            if participle:
                rule = "..., noting that ..."
        else:
            subject_text, subject_at = _AUX_TAIL.sub("", pre), s
            if "," in subject_text:
                parts = subject_text.split(",")
                if subject_text.rstrip().endswith(",") and len(parts) >= 3 and _NAME_RUN.search(parts[0]):
                    subject_text = parts[0]                      # Name, appositive, said
                else:
                    last = subject_text.rfind(",")
                    subject_at, subject_text = s + last + 1, subject_text[last + 1:]
            for connector in (" while ", " as ", " when ", " after ", " because ", " but ", " since ", " where "):
                position = subject_text.rfind(connector)
                if position >= 0 and len(subject_text[position:].split()) <= 8:
                    subject_at += position + len(connector)
                    subject_text = subject_text[position + len(connector):]
        stripped = re.sub(r"(?i)^[ \u00a0]*(?:but|and|so|yet|however|meanwhile|also|earlier|later|instead|now)[ \u00a0,]+", "",
                          subject_text)
        subject_at += len(subject_text) - len(stripped)
        subject_text = stripped
        words = subject_text.split()
        if not words or len(words) > 14 or re.search(r"\b(?:that|which|who|whether|if)\b", _fold(subject_text)):
            return False
        leading_date = None
        if said_on_span is None and len(text[s:subject_at].split()) <= 8:
            for date in find_dates(text[s:subject_at]):       # "In Washington on Friday, Pentagon officials said"
                said_on_span = leading_date = (s + date.start, s + date.end)
        lead = re.match(r"[ \u00a0,:]*(?:that[ \u00a0]+(?![a-z]+[ \u00a0][“\"]))?", rest)
        content_start = rest_start + (lead.end() if lead else 0)
        later_quotes = [q for q in quotes if q[0] >= content_start - 1]
        speakers = self.resolve_speakers(subject_text, subject_at)
        if later_quotes and later_quotes[0][0] - content_start <= 2:
            content = (later_quotes[0][0], later_quotes[-1][1])
        elif speakers and not participle:
            # keep "X said" in the quote (it names the speaker), and "on Friday," before it (it dates the saying)
            content = (min([at for *_, at in speakers] + ([leading_date[0]] if leading_date else [])), e)
        else:
            content = (content_start, e)
        if body.rstrip().endswith(":") and not later_quotes:
            paragraph = self.next_paragraph_after(sentence)
            if paragraph is not None and speakers:
                self.pending_via.append((speakers[0][0], paragraph))
                return True
        made = False
        for speaker, proposal, name, at in speakers:
            made |= self.add_statement(content, speaker, proposal, name, word, rule, via, said_on_span,
                                       speaker_at=verb_start if participle else at) is not None
        return made

    def resolve_speakers(self, phrase: str, at: int) -> list[tuple[str | None, str | None, str, int]]:
        """One speaker, or each of two joined by "and" ("the Syrian government and its allied groups")."""
        lead = len(phrase) - len(phrase.lstrip())
        exact = self.exact_entity(phrase.strip(), at + lead)
        if exact:
            return [(exact, None, phrase.strip(), at + lead)]
        if re.search(r",? and |, as well as ", phrase):
            parts, position = [], 0
            for part in re.split(r"(,? and |, as well as )", phrase):
                if part.strip() and not re.fullmatch(r",? and |, as well as ", part):
                    part_lead = len(part) - len(part.lstrip())
                    parts.append((self.exact_entity(part.strip(), at + position + part_lead) or
                                  self.head_entity(part.strip(), at + position + part_lead), part.strip(),
                                  at + position + part_lead))
                position += len(part)
            if len(parts) >= 2 and all(p[0] for p in parts):
                return [(entity_id, None, name, where) for entity_id, name, where in parts]
        speaker, proposal, name = self.resolve_name(phrase, at)
        if speaker or proposal:
            return [(speaker, proposal, name, at + lead)]
        found = []
        position = 0
        for part in re.split(r"(,? and |, as well as )", phrase):
            if part.strip() and not re.fullmatch(r",? and |, as well as ", part):
                part_speaker, part_proposal, part_name = self.resolve_name(part, at + position)
                if part_speaker or part_proposal:
                    found.append((part_speaker, part_proposal, part_name, at + position))
            position += len(part)
        if found:
            return found
        if re.match(r"[ \u00a0]*[A-Z]", phrase):
            return [(None, None, name, at + lead)]
        return []

    def quotations(self, start: int, end: int) -> list[tuple[int, int]]:
        """Quoted passages (inside the marks) in a span."""
        spans = []
        body = self.text[start:end]
        for m in re.finditer(r"“([^”]{3,})”|\"([^\"]{3,})\"", body):
            group = 1 if m.group(1) is not None else 2
            spans.append((start + m.start(group), start + m.end(group)))
        # a quote opened in this sentence and closed in a later one of the same paragraph
        if not spans and (m := re.search(r"“([^”]{3,})$", body)):
            spans.append((start + m.start(1), end))
        return spans

    def next_paragraph_after(self, sentence: Sentence) -> int | None:
        later = [x.paragraph for x in self.sentences if x.paragraph > sentence.paragraph]
        return min(later) if later else None

    def date_within(self, start: int, end: int) -> tuple[int, int] | None:
        for mention in find_dates(self.text[start:end]):
            return start + mention.start, start + mention.end
        return None

    def according(self, sentence: Sentence, m: re.Match) -> None:
        s, e = sentence.start, sentence.end
        body = self.text[s:e]
        after = body[m.end():]
        name_match = re.match(r"([^,.;]+)", after)
        if not name_match:
            return
        source_text = name_match.group(1)
        source_text = re.split(r",| as well as ", source_text)[0]
        speaker, proposal, name = self.resolve_name(source_text, s + m.end())
        if m.start() <= 2:            # According to X, CONTENT.
            content = (s + m.end() + len(name_match.group(1)), e)
            before = len(self.statements)
            via = [speaker] if speaker and speaker not in self.own else []
            self.remember(speaker, proposal, [])
            # a named speaker inside ("According to the AP, Maliki told ...") gets the source as intermediary
            inner = [v for v in _SAY_RE.finditer(self.text, content[0], e) if self.verb_ok(body, _Shift(v, s))]
            made_inner = False
            if inner:
                quotes = self.quotations(content[0], e)
                for verb in inner:
                    shifted = _Shift(verb, s)
                    if self.verb_statement(Sentence(s, e, sentence.paragraph), shifted, quotes):
                        made_inner = True
                        break
                for candidate in self.statements[before:] if via else []:
                    candidate.via = via + [v for v in candidate.via if v not in via]
                    candidate.notes.append(f"intermediary from 'according to {name}'")
            if not made_inner:
                self.add_statement(content, speaker, proposal, name, "reported" if via else "said",
                                   "according to X, ...", [])
        else:                          # CONTENT, according to X.
            self.add_statement((s, s + m.start()), speaker, proposal, name, "reported" if speaker and
                               self.entities[speaker].type == "media-outlet" else "said", "..., according to X", [])
            more = re.split(r",| as well as | and ", after[len(source_text):])
            for extra in more:
                extra = extra.strip(" .,")
                if len(extra) > 2 and re.match(r"[A-Z]", extra):
                    at = s + body.find(extra, m.end())
                    other, other_proposal, other_name = self.resolve_name(extra, at)
                    if other or other_proposal:
                        self.add_statement((s, s + m.start()), other, other_proposal, other_name, "said",
                                           "..., according to X and Y", [])

    def unattributed_quote(self, sentence: Sentence, index: int) -> None:
        """A sentence that is all quotation, next to a statement by a known speaker."""
        body = self.text[sentence.start:sentence.end].strip()
        if not re.match(r"^[“\"]", body) or self.last_speaker is None:
            return
        previous = [c for c in self.statements if c.end <= sentence.start]
        if not previous:
            return
        last = previous[-1]
        last_sentence = self.sentence_at(last.start)
        if sentence.paragraph - last_sentence.paragraph > 1:
            return
        quotes = self.quotations(sentence.start, sentence.end)
        if not quotes:
            return
        speaker_id = last.speaker if last.proposed_speaker is None else None
        self.add_statement((quotes[0][0], quotes[-1][1]), speaker_id, last.proposed_speaker, last.speaker_name,
                           "said", "quote next to X's words", list(last.via))

    def tweets(self) -> None:
        """An embedded tweet: '— Name (@handle) Month D, YYYY' with the tweet's lines around it."""
        for m in re.finditer(r"(?m)^[—–-][ \u00a0]*([^(\n]+?)[ \u00a0]*\((@\w+)\)[^\n]*$", self.text):
            handle = m.group(2)
            found = self.index.find(self.text, m.start(2), m.end(2)) or self.index.find(self.text, m.start(1), m.end(1))
            speaker = self.index.pick(found[0].ids) if found else None
            proposal = None if speaker else self.propose(m.group(1).strip(), "organization", aliases=[handle])
            date_span = None
            for date in find_dates(m.group(0)):
                date_span = (m.start() + date.start, m.start() + date.end)
            lines = []
            previous_end = m.start() - 1
            previous_start = self.text.rfind("\n", 0, previous_end) + 1
            lines.append((previous_start, previous_end))
            next_start = m.end() + 1
            next_end = self.text.find("\n", next_start)
            next_end = len(self.text) if next_end < 0 else next_end
            if "pic.twitter.com" in self.text[next_start:next_end] or "t.co/" in self.text[next_start:next_end]:
                body_end = self.text.find("pic.twitter.com", next_start, next_end)
                lines.append((next_start, body_end if body_end > 0 else next_end))
            for start, end in lines:
                if not any(c.start <= start < c.end for c in self.statements):
                    self.add_statement((start, end), speaker, proposal, m.group(1).strip(), "tweeted",
                                       "embedded tweet", [], date_span)

    def continuations(self) -> None:
        """Sentences between two statements of one speaker in one paragraph are that speaker's too."""
        by_paragraph: dict[int, list[Candidate]] = {}
        for candidate in self.statements:
            by_paragraph.setdefault(self.sentence_at(candidate.start).paragraph, []).append(candidate)
        for paragraph, items in by_paragraph.items():
            items = sorted(items, key=lambda c: c.start)
            for first, second in zip(items, items[1:]):
                if (first.speaker, first.proposed_speaker) != (second.speaker, second.proposed_speaker):
                    continue
                for sentence in self.sentences:
                    if sentence.paragraph == paragraph and first.end < sentence.start and sentence.end <= second.start \
                            and not any(c.start < sentence.end and sentence.start < c.end for c in self.statements):
                        speaker = None if first.proposed_speaker else first.speaker
                        made = self.add_statement((sentence.start, sentence.end), speaker, first.proposed_speaker,
                                                  first.speaker_name, "said", "between two statements of X",
                                                  list(first.via), remember=False)
                        if made:
                            made.modality = self.modality("reported" if self.entities.get(first.speaker) and
                                                          self.entities[first.speaker].type == "media-outlet"
                                                          else "said", made.start, made.end, made.speaker)

    def nest(self) -> None:
        """A statement inside another's words: the outer speaker is an intermediary; drop exact wrappers."""
        keep = []
        for outer in sorted(self.statements, key=lambda c: (c.start, -c.end)):
            inner = [c for c in self.statements if c is not outer and outer.start <= c.start and c.end <= outer.end
                     and (c.end - c.start) < (outer.end - outer.start)]
            for item in inner:
                if outer.proposed_speaker is None and outer.speaker not in item.via and outer.speaker != item.speaker \
                        and outer.speaker not in self.own:
                    item.via = list(outer.via) + [outer.speaker] + [v for v in item.via if v not in outer.via]
                    item.notes.append("intermediary from the statement around it")
            covered = sum(c.end - c.start for c in inner)
            if inner and covered >= 0.9 * (outer.end - outer.start):
                continue
            keep.append(outer)
        self.statements = keep

    # -------------------------------------------------------- propositions
    def subject_and_value(self, start: int, end: int, speaker: str, prefer_topic: bool = True) -> tuple[str, str | None]:
        found = [m for m in self.entities_in(start, end)]
        ids = []
        for match in found:
            for entity_id in match.ids:
                if entity_id not in ids:
                    ids.append(entity_id)
        topics = [i for i in ids if self.entities[i].type == "topic"]
        others = [i for i in ids if i != speaker and self.entities[i].type != "topic"]
        subject = (topics[:1] or others[:1] or [speaker])[0] if prefer_topic else (others[:1] or topics[:1] or [speaker])[0]
        value = next((i for i in ids if i != subject and i != speaker), None)
        return subject, value

    def statement_proposition(self, candidate: Candidate) -> dict[str, Any]:
        content = _fold(candidate.quote)
        properties = self.vocab("predicates") or {}
        categories = self.vocab("categories") or set()
        negative = bool(re.search(r"\b(?:not|no|never|n't|without|refused|rejected|opposes|opposed)\b", content))
        rules = [
            (r"\b(?:withdraw\w*|pull(?:ed|ing)? out|pullout|leave|leaving|exit|depart\w*|drawdown|expel\w*|end the presence)\b",
             "presence", "withdrawn"),
            (r"\b(?:remain\w*|stay\w*)\b", "presence", "remains"),
            (r"\b(?:reclassif\w*|redefin\w*|renam\w*)\b", "presence", "reclassified"),
            (r"\b(?:agreement|agreed|deal)\b", "event-status", "agreed"),
            (r"\b(?:decision|decided)\b", "event-status", "decided"),
        ]
        for pattern, prop, category in rules:
            if re.search(pattern, content) and properties.get(prop) == "category" and category in categories:
                if category == "withdrawn" and re.search(r"\bexpel\w*\b", content) and "expelled" in categories:
                    category = "expelled"
                subject, _ = self.subject_and_value(candidate.start, candidate.end, candidate.speaker)
                data = {"subject": subject, "predicate": prop, "category": category}
                if negative:
                    data["polarity"] = "negative"
                return data
        subject = candidate.speaker
        _, value = self.subject_and_value(candidate.start, candidate.end, candidate.speaker, prefer_topic=False)
        prop = "supports" if properties.get("supports") == "object" else \
            next((p for p, kind in sorted(properties.items()) if kind == "object"), "supports")
        data = {"subject": subject, "predicate": prop, "object": value or subject}
        if negative:
            data["polarity"] = "negative"
        return data

    # ------------------------------------------------------------- run
    def run(self) -> Draft:
        self.find_statements()
        dates = find_dates(self.text)
        date_readings: dict[tuple[int, int], DateReading | None] = {}
        for mention in dates:
            sentence = self.sentence_at(mention.start)
            before = self.text[sentence.start:mention.start]
            after = self.text[mention.end:sentence.end]
            date_readings[(mention.start, mention.end)] = normalise_date(mention.text, self.published,
                                                                         before=before, after=after)
        self.all_dates, self.readings = dates, date_readings
        candidates: list[Candidate] = []
        for statement in self.statements:
            statement.proposition = self.statement_proposition(statement)
            self.attach_dates(statement, dates, date_readings)
            if statement.proposed_speaker or statement.speaker not in self.own:
                candidates.append(statement)
            else:
                statement.kind = "date" if statement.dates else "statement"
                candidates.append(statement)
        quantity_candidates = self.quantities(dates, date_readings)
        candidates += quantity_candidates
        for mention in dates:
            span = (mention.start, mention.end)
            if date_readings.get(span) is None:
                continue
            # a date outside every drafted quote gets its own candidate, so every date lies in a claim's quote
            if any(c.start <= mention.start and mention.end <= c.end for c in candidates):
                continue
            candidates.append(self.date_candidate(mention, date_readings[span]))
        for candidate in candidates:
            self.finish(candidate)
        candidates.sort(key=lambda c: (c.start, -c.end, c.kind))
        unique: list[Candidate] = []
        seen = set()
        for candidate in candidates:
            key = (candidate.start, candidate.end, candidate.kind, candidate.speaker, candidate.proposed_speaker)
            if key not in seen:
                seen.add(key)
                unique.append(candidate)
        return Draft(unique, list(self.proposals.values()))

    def attach_dates(self, candidate: Candidate, dates: list[Mention], readings: dict) -> None:
        notes = []
        for span in list(candidate.dates):               # a date at the speech verb: when it was said
            sentence = self.sentence_at(span[0])
            # the words after it are the reported words, whose tense is not the telling's
            reading = normalise_date(self.text[span[0]:span[1]], self.published,
                                     before=self.text[sentence.start:span[0]]) if readings.get(span) else None
            if reading is not None:
                value = reading.value
                candidate.said_on = value if isinstance(value, str) else value["start"]
                if reading.note:
                    notes.append(f"said_on: {reading.note}")
        inside = [d for d in dates if candidate.start <= d.start and d.end <= candidate.end
                  and readings.get((d.start, d.end)) is not None and (d.start, d.end) not in candidate.dates]
        # a deadline ("by the end of the year") says more about a plan than a time does
        ordered = sorted(inside, key=lambda d: (readings[(d.start, d.end)].field != "deadline", d.start))
        for number, mention in enumerate(ordered):
            reading = readings[(mention.start, mention.end)]
            if number == 0:
                candidate.proposition[reading.field] = reading.value
                notes.append(f"{reading.field} from “{mention.text}”" + (f" ({reading.note})" if reading.note else ""))
            else:
                notes.append(f"also “{mention.text}” = {_show(reading.value)}")
            candidate.dates.append((mention.start, mention.end))
        candidate.notes += notes

    def quantities(self, dates: list[Mention], readings: dict) -> list[Candidate]:
        found: list[Candidate] = []
        readings_q: list[QuantityReading] = []
        for mention in find_quantities(self.text):
            sentence = self.sentence_at(mention.start)
            reading = read_quantity(self.text, mention, (sentence.start, sentence.end))
            try:
                reading.interval
            except ValueError:
                continue
            readings_q.append(reading)
            found.append(self.quantity_candidate(reading, sentence, dates, readings, f"figure “{mention.text}”",
                                                 (mention.start, mention.end)))
        for match in re.finditer(r"(?i)\b(?:much|far|significantly|considerably|even)[ \u00a0]+"
                                 r"(greater|larger|higher|bigger|more|smaller|lower|fewer|less)\b", self.text):
            previous = [r for r in readings_q if r.end <= match.start() and match.start() - r.end < 400
                        and r.amount is not None]
            if not previous:
                continue
            base = previous[-1]
            sentence = self.sentence_at(match.start())
            clause_start = self.text.rfind(",", sentence.start, match.start())
            clause_start = sentence.start if clause_start < 0 else clause_start + 1
            qualifier = "more-than" if match.group(1).lower() in ("greater", "larger", "higher", "bigger", "more") else "fewer-than"
            reading = QuantityReading(clause_start, match.end(), base.amount, qualifier, None, None, base.unit, base.noun)
            start, end = self.trim(reading.start, reading.end)
            reading = QuantityReading(start, end, base.amount, qualifier, None, None, base.unit, base.noun)
            candidate = self.quantity_candidate(reading, sentence, dates, readings, f"comparative “{match.group(0)}”",
                                                (match.start(), match.end()))
            candidate.notes.append(f"amount taken from the figure before it (“{self.text[base.start:base.end]}”)")
            found.append(candidate)
        return found

    def quantity_candidate(self, reading: QuantityReading, sentence: Sentence, dates: list[Mention], readings: dict,
                           rule: str, anchor: tuple[int, int]) -> Candidate:
        holder = self.holder(reading.start, reading.end)
        speaker = holder.speaker if holder else self.author
        via = list(holder.via) if holder else []
        start, end = self.trim(reading.start, reading.end)
        candidate = Candidate("quantity", start, end, self.text[start:end], speaker, via=via, rule=rule,
                              notes=[f"drafted from the {rule}"], anchor=anchor)
        if holder:
            candidate.modality, candidate.said_on = holder.modality, holder.said_on
            candidate.proposed_speaker = holder.proposed_speaker
            if holder.proposed_speaker:
                candidate.notes.append(f"speaker proposed as {holder.proposed_speaker} (see proposed_entities)")
        else:
            candidate.modality = self.modality("said", sentence.start, sentence.end, speaker)
        sentence_text = _fold(self.text[sentence.start:sentence.end])
        prop = self.quantity_property(reading, sentence_text)
        subject, _ = self.subject_and_value(sentence.start, sentence.end, speaker)
        data: dict[str, Any] = {"subject": subject, "predicate": prop}
        scope = self.quantity_scope(prop, sentence_text)
        if scope:
            data["scope"] = scope
        data["quantity"] = reading.as_dict()
        candidate.proposition = data
        # the nearest date in the sentence gives the time the figure holds at
        figures = [m for m in find_quantities(self.text) if sentence.start <= m.start < sentence.end]

        def near_enough(date: Mention) -> bool:
            low, high = sorted((date.start, anchor[0]))
            between = any(low <= f.start and f.end <= high and (f.start, f.end) != anchor for f in figures)
            return not between and abs(date.start - anchor[0]) <= 160
        near = [d for d in dates if sentence.start <= d.start < sentence.end and readings.get((d.start, d.end))
                and near_enough(d)]
        if near:
            mention = min(near, key=lambda d: abs(d.start - reading.end))
            date_reading = readings[(mention.start, mention.end)]
            data[date_reading.field] = date_reading.value
            candidate.dates.append((mention.start, mention.end))
            candidate.notes.append(f"{date_reading.field} from “{mention.text}”" +
                                   (f" ({date_reading.note})" if date_reading.note else ""))
        elif prop in ("troop-count", "population", "seat-count"):
            data["time"] = parse_time(self.published).expression if not isinstance(self.published, dict) else self.published
            candidate.notes.append("time defaulted to the publication date: check when the figure holds")
        candidate.notes.append(f"unit '{reading.unit}'" + (f" from “{reading.noun}”" if reading.noun else " guessed"))
        if candidate.proposed_speaker is None and holder is None and candidate.speaker in self.own:
            candidate.notes.append("the author's own figure")
        return candidate

    def quantity_property(self, reading: QuantityReading, sentence_text: str) -> str:
        properties = self.vocab("predicates") or {}
        by_unit = {"USD": "cost", "EUR": "cost", "seats": "seat-count", "votes": "vote-count", "years": "duration",
                   "months": "duration", "weeks": "duration", "days": "duration", "decades": "duration",
                   "miles": "distance", "km": "distance"}
        prop = by_unit.get(reading.unit)
        if prop is None and reading.unit == "percent":
            prop = "population" if re.search(r"\bpopulation\b", sentence_text) else "count"
        if prop is None and reading.unit == "persons":
            noun = _fold(reading.noun)
            if re.search(r"\b(?:killed|died|dead|deaths|perished|casualties|lost|fatalities|death toll)\b", sentence_text):
                prop = "casualties"
            elif re.search(r"troops|soldiers|forces|personnel|service|marines|troop", noun or sentence_text):
                prop = "troop-count"
            elif re.search(r"inhabitants|residents|population", noun or sentence_text):
                prop = "population"
            else:
                prop = "count"
        prop = prop or "count"
        if properties and properties.get(prop) != "quantity":
            prop = "count" if properties.get("count") == "quantity" else \
                next(p for p, kind in sorted(properties.items()) if kind == "quantity")
        return prop

    def quantity_scope(self, prop: str, sentence_text: str) -> str | None:
        scopes = self.vocab("scopes") or set()
        options: list[tuple[str, str]] = []
        if prop == "troop-count":
            options = [(r"\bcombat\b", "combat-troops"), (r"\btrainers?\b|\badvis[eo]rs?\b", "trainers-advisers"),
                       (r"\bcontractors?\b", "contractors"), (r"\bcoalition\b|\ballied\b", "coalition-troops"),
                       (r"\bembassy\b", "embassy-detachment"), (r"\bresidual\b", "residual-force"), (r"", "all-troops")]
        elif prop == "casualties":
            options = [(r"\bcivilians?\b", "civilians"),
                       (r"\btroops\b|\bsoldiers\b|\bpersonnel\b|\bservice members\b|\bmarines\b", "military-personnel-killed")]
        elif prop == "population":
            options = [(r"", "residents")]
        for pattern, scope in options:
            if re.search(pattern, sentence_text) and scope in scopes:
                return scope
        return None

    def holder(self, start: int, end: int) -> Candidate | None:
        holders = [c for c in self.statements if c.start <= start and end <= c.end]
        return min(holders, key=lambda c: c.end - c.start) if holders else None

    def date_candidate(self, mention: Mention, reading: DateReading) -> Candidate:
        sentence = self.sentence_at(mention.start)
        start, end = sentence.start, sentence.end
        for cut in re.finditer(r";|[ \u00a0][—–][ \u00a0]", self.text[start:end]):
            position = start + cut.start()
            if position <= mention.start:
                start = start + cut.end()
            elif position >= mention.end:
                end = position
                break
        start, end = self.trim(start, end)
        holder = self.holder(mention.start, mention.end)
        speaker = holder.speaker if holder else self.author
        candidate = Candidate("date", start, end, self.text[start:end], speaker, via=list(holder.via) if holder else [],
                              rule=f"date “{mention.text}”", notes=[f"drafted from the date “{mention.text}”"],
                              anchor=(mention.start, mention.end))
        candidate.modality = self.modality("said", start, end, speaker)
        subject, value = self.subject_and_value(start, end, speaker)
        properties = self.vocab("predicates") or {}
        prop = "took-part-in" if properties.get("took-part-in") == "object" or not properties else \
            next(p for p, kind in sorted(properties.items()) if kind == "object")
        candidate.proposition = {"subject": subject, "predicate": prop, "object": value or subject}
        others = [d for d in self.all_dates if start <= d.start and d.end <= end and (d.start, d.end) != (mention.start, mention.end)
                  and self.readings.get((d.start, d.end)) is not None]
        chosen, chosen_reading = mention, reading
        for other in others:                     # "Friday's announcement follows ... in Aug.2021": the dated event
            if re.search(r"\d{4}", other.text) and not re.search(r"\d{4}", chosen.text):
                chosen, chosen_reading = other, self.readings[(other.start, other.end)]
        candidate.proposition[chosen_reading.field] = chosen_reading.value
        candidate.notes.append(f"{chosen_reading.field} from “{chosen.text}”" +
                               (f" ({chosen_reading.note})" if chosen_reading.note else ""))
        for other in [mention, *others]:
            if other is not chosen:
                candidate.notes.append(f"also “{other.text}” = {_show(self.readings[(other.start, other.end)].value)}")
            candidate.dates.append((other.start, other.end))
        return candidate

    def finish(self, candidate: Candidate) -> None:
        proposition = candidate.proposition
        if not proposition:
            proposition.update(self.statement_proposition(candidate))
        if "time" not in proposition and "deadline" not in proposition and _OPEN_FUTURE.search(candidate.quote):
            proposition["time"] = OPEN_FUTURE          # "will withdraw", no date stated
            candidate.notes.append("time: future (“will”, no date stated)")
        if candidate.kind != "quantity":
            candidate.notes.append("proposition guessed: check subject, property and value")
        else:
            candidate.notes.append("check subject, property and scope")


class _Shift:
    """A regex match re-based onto a sentence (so offsets read as in the sentence body)."""

    def __init__(self, match: re.Match, base: int):
        self._match, self._base = match, base

    def start(self) -> int:
        return self._match.start() - self._base

    def end(self) -> int:
        return self._match.end() - self._base

    def group(self, index: int = 0) -> str:
        return self._match.group(index)


def _show(value: str | dict[str, str]) -> str:
    return f"{value['start']}/{value['end']}" if isinstance(value, dict) else value


def _strip_particle(name: str) -> str:
    return re.sub(r"\b(?:al|el)-", "", name)


def extract(text: str, *, published: str | dict, publisher: str, authors: list[str] | None = None,
            entities: dict[str, Entity], vocabulary: Any = None) -> Draft:
    """Draft candidate claims for one article text.

    ``published`` is the annotation's publication date; ``publisher`` and
    ``authors`` are entity ids (the author's own sentences are attributed
    to the author, or to the publisher when there is not exactly one);
    ``vocabulary`` is a :class:`claimgraph.corpus.load.Vocabulary` so every
    drafted term exists in the ontology.

    Examples
    --------
    >>> from claimgraph.corpus.models import Entity
    >>> registry = {e.id: e for e in [
    ...     Entity(id="gazette", type="media-outlet", label="The Gazette"),
    ...     Entity(id="reuters", type="media-outlet", label="Reuters"),
    ...     Entity(id="ana-ruiz", type="person", label="Ana Ruiz", aliases=["Ruiz"])]}
    >>> draft = extract("Ana Ruiz told Reuters on Monday that about 300 workers would leave by the end of the year.",
    ...                 published="2025-03-13", publisher="gazette", entities=registry)
    >>> [(c.kind, c.speaker, c.via, c.quote) for c in draft.candidates]
    [('statement', 'ana-ruiz', ['reuters'], 'Ana Ruiz told Reuters on Monday that about 300 workers would leave by the end of the year'), ('quantity', 'ana-ruiz', ['reuters'], 'about 300 workers')]
    >>> statement, figure = draft.candidates
    >>> statement.said_on, statement.proposition["deadline"], figure.proposition["quantity"]
    ('2025-03-10', '2025-12-31', {'amount': 300, 'qualifier': 'about', 'unit': 'persons'})
    """
    return _Extractor(text, published=published, publisher=publisher, authors=authors or [], entities=entities,
                      vocabulary=vocabulary).run()
