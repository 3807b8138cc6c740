"""Date expressions read into the annotation time format, against the publication date."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from claimgraph.corpus.mentions import MONTHS, NUMBER_WORDS, WEEKDAYS
from claimgraph.corpus.timespan import TimeSpan, parse_time
from claimgraph.extract.text import _fold


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


def _show(value: str | dict[str, str]) -> str:
    return f"{value['start']}/{value['end']}" if isinstance(value, dict) else value
