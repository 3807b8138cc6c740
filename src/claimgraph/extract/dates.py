"""Date expressions read into the annotation time format, against the publication date."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from claimgraph.corpus.mentions import MONTHS, NUMBER_WORDS, WEEKDAYS
from claimgraph.corpus.timespan import TimeSpan, parse_time
from claimgraph.extract.text import fold


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
FUTURE_WORDS = re.compile(r"(?i)(?<![\w'’])(?:will|won['’]t|['’]ll|(?:is|are|am) going to|(?:is|are) set to|(?:is|are) due to)"
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
    context = _Context.of(expression, published, before, after)
    text = context.text
    if text == "the weekend":
        return normalise_date("this weekend", published, before=before, after=after)
    read = None
    for pattern, reader in _READERS:
        if match := re.fullmatch(pattern, text):
            read = reader(match, context)
            break
    else:
        read = _explicit(text, context.ref, context.precision)
    if read is None or read[0] is None:
        return None
    value, note = read
    return _placed(value, note, context)


Read = tuple[str | dict | None, str] | None


@dataclass(frozen=True)
class _Context:
    """A date expression with what it is read against."""

    expression: str
    text: str                    # folded, without a trailing "'s"
    pub: TimeSpan
    precision: str               # the publication date's: day, month or year
    ref: dt.date                 # the publication day (or the end of its period)
    lead: str                    # the words before, folded
    future: bool                 # a future cue next to it ("will", "to be")

    @classmethod
    def of(cls, expression: str, published: str | dict, before: str, after: str) -> "_Context":
        pub = parse_time(published)
        text = re.sub(r"'s$", "", fold(expression).strip())
        future = bool(_FUTURE.search(fold(before)[-80:])) or bool(_FUTURE.search(fold(after)[:40]))
        return cls(expression, text, pub, pub.precision if pub.precision != "interval" else "year",
                   pub.end if pub.precision == "interval" else pub.start, fold(before).rstrip(), future)

    @property
    def year(self) -> int:
        return self.ref.year

    def coarse(self, day: dt.date | None, explain: str) -> tuple[str | dict, str]:
        """A day when the publication date is a day; otherwise its month or year, with a note."""
        if self.precision == "day" and day is not None:
            return _iso(day), ""
        if self.precision == "month":
            return self.pub.expression, f"{explain} resolved only to the publication month"
        return str(self.year), f"{explain} resolved only to the publication year"

    def monday(self, shift: int) -> dt.date:
        return self.ref - dt.timedelta(days=self.ref.weekday()) + dt.timedelta(weeks=shift)


def _relative_day(match: re.Match, c: _Context) -> Read:
    shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[match.group(0)]
    return c.coarse(c.ref + dt.timedelta(days=shift), f"'{c.expression}'")


def _weekday(match: re.Match, c: _Context) -> Read:
    prefix, weekday = match.group(1), WEEKDAYS[match.group(2)]
    back = (c.ref.weekday() - weekday) % 7
    forward = (weekday - c.ref.weekday()) % 7
    if prefix == "last":
        day = c.ref - dt.timedelta(days=back or 7)
    elif prefix in ("next", "this") or (prefix is None and c.future):
        day = c.ref + dt.timedelta(days=forward or (7 if prefix == "next" else 0))
    else:
        day = c.ref - dt.timedelta(days=back)
    return c.coarse(day, f"weekday '{c.expression}'")


def _this_unit(match: re.Match, c: _Context) -> Read:
    """this/last/next/past week, month, year, weekend, season, decade, century."""
    which, unit = match.group(2), match.group(3)
    shift = {"this": 0, "last": -1, "past": -1, "next": 1}[which]
    year = c.year
    if unit == "year":
        return (str(year + shift) if which != "past" else _period(str(year - 1), str(year))), ""
    if unit == "month":
        if c.precision == "year":
            return str(year), "month resolved only to the publication year"
        if which == "past":
            return _period(_month(year, c.ref.month - 1), _month(year, c.ref.month)), ""
        return _month(year, c.ref.month + shift), ""
    if unit in ("week", "weekend"):
        return _week_or_weekend(unit, which, shift, c)
    if unit in _SEASONS:
        first, last = _SEASONS[unit]
        return {"start": _month(year + shift, first), "end": _month(year + shift, last)}, ""
    if unit == "winter":
        base = year + shift if c.ref.month == 12 or c.precision == "year" else year + shift - 1
        return {"start": _month(base, 12), "end": _month(base + 1, 2)}, ""
    size = 10 if unit == "decade" else 100
    first_year = year // size * size + size * shift
    return {"start": str(first_year), "end": str(first_year + size - 1)}, ""


def _week_or_weekend(unit: str, which: str, shift: int, c: _Context) -> Read:
    if c.precision != "day":
        return c.coarse(None, f"'{c.expression}'")
    monday = c.monday(shift)
    if unit == "week":
        return {"start": _iso(monday), "end": _iso(monday + dt.timedelta(days=6))}, ""
    saturday = monday + dt.timedelta(days=5)
    if which == "this" and saturday > c.ref and not c.future:
        saturday -= dt.timedelta(weeks=1)
    return {"start": _iso(saturday), "end": _iso(saturday + dt.timedelta(days=1))}, ""


def _part_of(match: re.Match, c: _Context) -> Read:
    """the end/close/start/beginning/middle/turn of the year, month, week, decade or a year."""
    part, which, unit = match.groups()
    shift = {"next": 1, "last": -1}.get(which or "", 0)
    closing = part in ("end", "close")
    if unit.isdigit() or unit == "year":
        target = int(unit) if unit.isdigit() else c.year + shift
        return {"end": f"{target}-12-31", "close": f"{target}-12-31", "start": f"{target}-01-01",
                "beginning": f"{target}-01-01", "middle": {"start": f"{target}-06", "end": f"{target}-07"},
                "turn": {"start": f"{target}-12", "end": f"{target + 1}-01"}}[part], ""
    if unit == "month":
        if c.precision == "year":
            return str(c.year), "month resolved only to the publication year"
        y, m = map(int, _month(c.year, c.ref.month + shift).split("-"))
        if closing:
            return _iso(_last_day(y, m)), ""
        return (f"{y:04d}-{m:02d}-01" if part in ("start", "beginning") else _month(y, m)), ""
    if unit == "week":
        if c.precision != "day":
            return c.coarse(None, f"'{c.expression}'")
        monday = c.monday(shift)
        return (_iso(monday + dt.timedelta(days=6)) if closing else _iso(monday)), ""
    decade = c.year // 10 * 10 + 10 * shift
    return (f"{decade + 9}-12-31" if closing else str(decade)), ""


def _ago(match: re.Match, c: _Context) -> Read:
    count_word, unit = match.groups()
    count = int(count_word) if count_word.isdigit() else NUMBER_WORDS.get(count_word, 1)
    note = f"'{count_word}' read as {count}" if count_word in ("a few", "several") else ""
    if unit in ("day", "week"):
        value, extra = c.coarse(c.ref - dt.timedelta(days=count * (7 if unit == "week" else 1)), f"'{c.expression}'")
        return value, note or extra
    if unit == "month":
        return (_month(c.year, c.ref.month - count) if c.precision != "year" else str(c.year)), note
    return str(c.year - count * (10 if unit == "decade" else 1)), note


def _iso_day(match: re.Match, c: _Context) -> Read:
    try:
        return dt.date(*map(int, match.groups())).isoformat(), ""
    except ValueError:
        return None


def _year_range(match: re.Match, c: _Context) -> Read:
    first, second = match.groups()
    last = int(second) if len(second) == 4 else int(first[:2] + second)
    if last > int(first):
        return {"start": first, "end": str(last)}, ""
    if len(second) == 2 and 1 <= int(second) <= 12:      # 2011-10: ISO year and month
        return f"{first}-{second}", ""
    return None


_WEEKDAY_NAMES = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
#: (pattern on the folded expression, reader), tried in order; anything else is read by :func:`_explicit`.
_READERS: list[tuple[str, Any]] = [
    (r"today|tonight|yesterday|tomorrow", _relative_day),
    (rf"(?:(last|next|this|early|late) )?({_WEEKDAY_NAMES})(?: (?:morning|afternoon|evening|night))?", _weekday),
    (r"(?:(earlier|later|early|late) )?(this|last|next|past) "
     r"(week|month|year|summer|winter|spring|autumn|fall|weekend|decade|century)", _this_unit),
    (r"(?:the )?(end|close|start|beginning|middle|turn) of (?:(the|this|next|last) )?(year|month|week|decade|\d{4})",
     _part_of),
    (r"year's end|year-end|end-of-year|end-of-the-year", lambda m, c: (f"{c.year}-12-31", "")),
    (r"all year", lambda m, c: (str(c.year), "")),
    (r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several) (day|week|month|year|decade)s? ago",
     _ago),
    (r"(\d{4})-(\d{2})-(\d{2})", _iso_day),
    (r"(\d{4}) ?- ?(\d{2,4})", _year_range),
    (r"(\d{3})0s", lambda m, c: ({"start": f"{m.group(1)}0", "end": f"{m.group(1)}9"}, "")),
    (r"\d{4}", lambda m, c: (m.group(0), "")),
    (r"\d{1,2}:\d{2}.*", lambda m, c: c.coarse(c.ref, "time of day")),
]


def _placed(value: str | dict, note: str, c: _Context) -> DateReading | None:
    """The reading's field: "by ..." is a deadline, "since ..." a period up to the publication."""
    field_name = "time"
    if re.search(r"\b(?:by|until|till|no later than|before)$", c.lead):
        field_name = "deadline"
    elif re.search(r"\bsince(?:[ \u00a0]+[^,;.\s]+){0,7}$", c.lead, re.IGNORECASE):
        start = value["start"] if isinstance(value, dict) else value
        value = {"start": start, "end": c.pub.expression if c.pub.precision != "interval" else str(c.year)}
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


def show_time(value: str | dict[str, str]) -> str:
    return f"{value['start']}/{value['end']}" if isinstance(value, dict) else value
