"""Time spans with a precision, turned into first and last days.

SPARQL only orders ``xsd:date``/``xsd:dateTime`` reliably, so every time in the
graph is stored both as the expression the annotator wrote and as its first and
last day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

__all__ = ["TimeSpan", "parse_time", "overlaps", "RELATIVE", "resolve_relative", "OPEN_FUTURE", "future_span"]

_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@dataclass(frozen=True, order=True)
class TimeSpan:
    """A closed span of days with the precision it was given at.

    Examples
    --------
    >>> parse_time("2011-10")
    TimeSpan(start=datetime.date(2011, 10, 1), end=datetime.date(2011, 10, 31), precision='month', expression='2011-10')
    """

    start: dt.date
    end: dt.date
    precision: str
    expression: str


def _day(text: str) -> dt.date:
    match = _DAY.match(text)
    if match:
        try:
            return dt.date(*map(int, match.groups()))
        except ValueError as exc:
            raise ValueError(f"impossible date {text!r}: {exc}") from None
    raise ValueError(f"not a date {text!r}")


def parse_time(value: str | dict | dt.date) -> TimeSpan:
    """Parse ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``{start, end}``.

    The format is the precision. ``{start, end}`` takes any of the three
    forms for each end and covers from the first day of ``start`` to the
    last day of ``end``.

    Examples
    --------
    >>> parse_time("2011").end
    datetime.date(2011, 12, 31)
    >>> parse_time({"start": "2003-03-20", "end": "2026"}).precision
    'interval'
    >>> parse_time("2011-02-30")
    Traceback (most recent call last):
    ...
    ValueError: impossible date '2011-02-30': day is out of range for month
    """
    if isinstance(value, dt.date):
        return TimeSpan(value, value, "day", value.isoformat())
    if isinstance(value, dict):
        if set(value) != {"start", "end"}:
            raise ValueError("a period needs exactly 'start' and 'end'")
        first, last = parse_time(str(value["start"])), parse_time(str(value["end"]))
        if first.start > last.end:
            raise ValueError(f"period starts ({first.expression}) after it ends ({last.expression})")
        return TimeSpan(first.start, last.end, "interval", f"{first.expression}/{last.expression}")
    return _parse_text(str(value).strip())


@functools.lru_cache(maxsize=65536)
def _parse_text(text: str) -> TimeSpan:
    # A corpus repeats the same few thousand dates; TimeSpan is immutable.
    if match := _YEAR.match(text):
        year = int(match.group(1))
        return TimeSpan(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", text)
    if match := _MONTH.match(text):
        year, month = map(int, match.groups())
        if not 1 <= month <= 12:
            raise ValueError(f"impossible date {text!r}: month must be in 1..12")
        last = calendar.monthrange(year, month)[1]
        return TimeSpan(dt.date(year, month, 1), dt.date(year, month, last), "month", text)
    day = _day(text)
    return TimeSpan(day, day, "day", text)


OPEN_FUTURE = "future"
_FAR_FUTURE = dt.date(9999, 12, 31)

# What the text says when it dates a statement against the article's own date.
RELATIVE = ("today", "yesterday", "last-week", "last-month", "last-year")


def resolve_relative(expression: str, reference: TimeSpan) -> TimeSpan:
    """A relative date ("last month") read against the article's date.

    The span keeps the precision of the words, widened by the reference's
    own uncertainty: "last month" in an article dated only to 2011-10 is
    September 2011.

    Examples
    --------
    >>> resolve_relative("last-month", parse_time("2011-10-21")).expression
    '2011-09'
    >>> resolve_relative("yesterday", parse_time("2020-01-07")).expression
    '2020-01-06'
    >>> resolve_relative("last-week", parse_time("2021-07-27"))
    TimeSpan(start=datetime.date(2021, 7, 20), end=datetime.date(2021, 7, 26), precision='interval', expression='2021-07-20/2021-07-26')
    """
    if expression not in RELATIVE:
        raise ValueError(f"not a relative date {expression!r}; known: {', '.join(RELATIVE)}")
    if expression == "today":
        return reference
    if expression == "yesterday":
        first, last = reference.start - dt.timedelta(days=1), reference.end - dt.timedelta(days=1)
        return parse_time(first.isoformat()) if first == last else parse_time(
            {"start": first.isoformat(), "end": last.isoformat()})
    if expression == "last-week":
        return parse_time({"start": (reference.start - dt.timedelta(days=7)).isoformat(),
                           "end": (reference.end - dt.timedelta(days=1)).isoformat()})
    if expression == "last-year":
        return parse_time(str(reference.start.year - 1))
    month_before = reference.start.replace(day=1) - dt.timedelta(days=1)
    return parse_time(f"{month_before.year:04d}-{month_before.month:02d}")


def future_span(made: TimeSpan) -> TimeSpan:
    """An open future: from the day after a statement was made, with no end.

    Examples
    --------
    >>> future_span(parse_time("2011-10-21"))
    TimeSpan(start=datetime.date(2011, 10, 22), end=datetime.date(9999, 12, 31), precision='open', expression='future')
    """
    return TimeSpan(made.end + dt.timedelta(days=1), _FAR_FUTURE, "open", OPEN_FUTURE)


def overlaps(a: TimeSpan, b: TimeSpan) -> bool:
    """True when two spans share at least one day.

    Examples
    --------
    >>> overlaps(parse_time("2011-10"), parse_time("2011-10-21"))
    True
    >>> overlaps(parse_time("2011"), parse_time("2021"))
    False
    """
    return a.start <= b.end and b.start <= a.end
