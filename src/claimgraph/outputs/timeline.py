"""The timeline view: time and value axes, markers and the SVG geometry of one quantity over time."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from claimgraph.corpus.timespan import OPEN_FUTURE
from claimgraph.graph.records import ClaimRecord, format_number
from claimgraph.outputs.network import property_ids

if TYPE_CHECKING:
    from claimgraph.result import BuildResult
from claimgraph.outputs.embed import article_href, interval_text, render_template
from claimgraph.outputs.styles import PALETTE

__all__ = ["SHAPES", "PROSPECTIVE", "is_prospective", "timeline_page"]


# --------------------------------------------------------------- timeline

@dataclass
class _Segment:
    first: int  # ordinal days, padded
    last: int
    x0: float = 0.0
    x1: float = 0.0
    content: tuple[int, int] = (0, 0)  # the days something happens in

    def x(self, day: float) -> float:
        if self.last == self.first:
            return (self.x0 + self.x1) / 2
        return self.x0 + (day - self.first) / (self.last - self.first) * (self.x1 - self.x0)


@dataclass
class _TimeAxis:
    segments: list[_Segment] = field(default_factory=list)

    def x(self, day: float) -> float:
        for segment in self.segments:
            if segment.first <= day <= segment.last:
                return segment.x(day)
        nearest = min(self.segments, key=lambda s: min(abs(day - s.first), abs(day - s.last)))
        return nearest.x(min(max(day, nearest.first), nearest.last))


def _ordinal(iso: str) -> int:
    return dt.date.fromisoformat(iso).toordinal()


def _time_axis(spans: list[tuple[int, int]], left: float, right: float, gap_days: int = 365,
               break_px: float = 26) -> _TimeAxis:
    """A time axis with one scale (pixels per day) throughout, cut where
    nothing happens for over a year; each cut is drawn as a marked break."""
    merged: list[list[int]] = []
    for first, last in sorted(spans):
        if merged and first - merged[-1][1] <= gap_days:
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    padded = []
    for first, last in merged:
        pad = max(10, (last - first) // 12)
        padded.append(_Segment(first - pad, last + pad, content=(first, last)))
    usable = right - left - break_px * (len(padded) - 1)
    per_day = usable / sum(s.last - s.first for s in padded)
    x = left
    for segment in padded:
        segment.x0, segment.x1 = x, x + (segment.last - segment.first) * per_day
        x = segment.x1 + break_px
    return _TimeAxis(padded)


# Tick spacing on the time axis: the least pixels one tick label needs, by scale.
YEAR_TICK_PX, MONTH_TICK_PX, DAY_TICK_PX = 48, 62, 76
START_LABEL_CLEARANCE = 56        # a regular tick this close to a segment's start label is dropped
YEARS_SCALE_DAYS = 3 * 365        # a segment longer than this is labelled by year
MONTHS_SCALE_DAYS = 75            # longer than this (and not by year), by month


def _year_ticks(first: dt.date, last: dt.date, width: float) -> list[tuple[dt.date, str]]:
    years = range(first.year + 1, last.year + 1)
    step = next((s for s in (1, 2, 5, 10, 20, 50) if len(years) / s * YEAR_TICK_PX <= width), 100)
    return [(dt.date(year, 1, 1), str(year)) for year in years if year % step == 0]


def _month_ticks(first: dt.date, last: dt.date, width: float) -> list[tuple[dt.date, str]]:
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(dt.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    step = next((s for s in (1, 2, 3, 6, 12) if len(months) / s * MONTH_TICK_PX <= width), 12)
    return [(d, d.strftime("%Y-%m")) for d in months if (d.month - 1) % step == 0]


def _day_ticks(segment: _Segment, width: float) -> list[tuple[dt.date, str]]:
    days = segment.last - segment.first
    step = next((s for s in (1, 2, 7, 14) if days / s * DAY_TICK_PX <= width), 30)
    return [(dt.date.fromordinal(o), dt.date.fromordinal(o).isoformat())
            for o in range(segment.first + 1, segment.last) if (o - segment.first) % step == 0]


def _start_tick(segment: _Segment) -> tuple[float, str]:
    """Where the segment's events start, labelled at the segment's scale."""
    days = segment.last - segment.first
    start = dt.date.fromordinal(segment.content[0])
    if days > YEARS_SCALE_DAYS:
        return segment.x(max(start.toordinal(), segment.first)), str(start.year)
    if days > MONTHS_SCALE_DAYS:
        label = start.strftime("%Y-%m")
        if start.day != 1:
            start = start.replace(day=1)
        return segment.x(max(start.toordinal(), segment.first)), label
    return segment.x(max(start.toordinal(), segment.first)), start.isoformat()


def _time_ticks(segment: _Segment) -> list[tuple[float, str]]:
    """Tick positions and labels inside one segment of the time axis."""
    first, last = dt.date.fromordinal(segment.first), dt.date.fromordinal(segment.last)
    width = segment.x1 - segment.x0
    days = segment.last - segment.first
    if days > YEARS_SCALE_DAYS:
        candidates = _year_ticks(first, last, width)
    elif days > MONTHS_SCALE_DAYS:
        candidates = _month_ticks(first, last, width)
    else:
        candidates = _day_ticks(segment, width)
    # Label where the segment's events start, so each piece of a broken axis
    # says where it is; regular ticks too close to that label are dropped.
    anchor, start_label = _start_tick(segment)
    ticks = [(anchor, start_label)]
    ticks += [(segment.x(d.toordinal()), label) for d, label in candidates
              if first < d < last and abs(segment.x(d.toordinal()) - anchor) >= START_LABEL_CLEARANCE
              and label != start_label]
    return sorted(ticks)


def _spaced(ticks: list[tuple[float, str]], gap: float = 50) -> list[tuple[float, str]]:
    """Drop tick labels that would overprint the previous one."""
    kept: list[tuple[float, str]] = []
    for x, label in sorted(ticks):
        if not kept or x - kept[-1][0] >= max(gap, 7.0 * (len(label) + len(kept[-1][1])) / 2 + 6):
            kept.append((x, label))
    return kept


@dataclass
class _ValueAxis:
    low: float
    high: float
    log: bool
    top: float
    bottom: float

    def y(self, value: float) -> float:
        if self.log:
            value = max(value, self.low)
            share = (math.log10(value) - math.log10(self.low)) / (math.log10(self.high) - math.log10(self.low))
        else:
            share = (value - self.low) / (self.high - self.low)
        return self.bottom - share * (self.bottom - self.top)

    def ticks(self) -> list[tuple[float, str]]:
        if self.log:
            values = []
            exponent = math.floor(math.log10(self.low))
            while 10 ** exponent <= self.high:
                for factor in (1, 2, 5):
                    value = factor * 10 ** exponent
                    if self.low <= value <= self.high:
                        values.append(value)
                exponent += 1
            if len(values) > 9:
                values = [v for v in values if str(int(v)).startswith("1")]
        else:
            raw = (self.high - self.low) / 5
            magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
            step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
            values = []
            value = math.ceil(self.low / step) * step
            while value <= self.high + 1e-9:
                values.append(value)
                value += step
        return [(self.y(v), _compact_number(v)) for v in values]


def _compact_number(value: float) -> str:
    """Axis labels: 2,500 / 40k / 1.5M / 2T.

    Examples
    --------
    >>> _compact_number(2500), _compact_number(10000), _compact_number(40000), _compact_number(1_500_000)
    ('2,500', '10k', '40k', '1.5M')
    """
    for size, suffix, floor in ((1e12, "T", 1e12), (1e9, "B", 1e9), (1e6, "M", 1e6), (1e3, "k", 1e4)):
        if abs(value) >= floor:
            return f"{value / size:.1f}".rstrip("0").rstrip(".") + suffix
    return format_number(value)


SHAPES = ("circle", "square", "diamond", "triangle", "triangle-down", "cross")


def _marker_path(shape: str, x: float, y: float, r: float) -> str:
    """SVG path data for a point marker (so every shape is one element)."""
    if shape == "square":
        return f"M{x - r:.1f},{y - r:.1f}h{2 * r:.1f}v{2 * r:.1f}h{-2 * r:.1f}z"
    if shape == "diamond":
        d = r * 1.3
        return f"M{x:.1f},{y - d:.1f}L{x + d:.1f},{y:.1f}L{x:.1f},{y + d:.1f}L{x - d:.1f},{y:.1f}z"
    if shape == "triangle":
        d = r * 1.3
        return f"M{x:.1f},{y - d:.1f}L{x + d:.1f},{y + d * 0.8:.1f}L{x - d:.1f},{y + d * 0.8:.1f}z"
    if shape == "triangle-down":
        d = r * 1.3
        return f"M{x:.1f},{y + d:.1f}L{x + d:.1f},{y - d * 0.8:.1f}L{x - d:.1f},{y - d * 0.8:.1f}z"
    if shape == "cross":
        d = r * 0.45
        return (f"M{x - d:.1f},{y - r:.1f}h{2 * d:.1f}v{r - d:.1f}h{r - d:.1f}v{2 * d:.1f}h{d - r:.1f}"
                f"v{r - d:.1f}h{-2 * d:.1f}v{d - r:.1f}h{d - r:.1f}v{-2 * d:.1f}h{r - d:.1f}z")
    return (f"M{x - r:.1f},{y:.1f}a{r:.1f},{r:.1f} 0 1,0 {2 * r:.1f},0"
            f"a{r:.1f},{r:.1f} 0 1,0 {-2 * r:.1f},0z")


# Geometry of the timeline (SVG pixels).
CHART_WIDTH = 1180
PLOT_LEFT, PLOT_RIGHT = 96, 1160   # where the time axis starts and ends
EMPTY_HEIGHT = 120                 # the chart's height when nothing is plotted
FIRST_PANEL_TOP = 40
PANEL_HEADER = 112                 # title, what it counts, and the band of deadlines above a panel's plot
BAND_TOP = 44                      # the deadline band starts this far below a panel's title row
MARK_ABOVE_PLOT = 8                # a deadline's marker tip sits this far above the plot
ANNOUNCE_ABOVE_PLOT = 16           # the line back to an announcement, this far above the plot
LABELS_ABOVE_PLOT = 26             # the first row of deadline labels, this far above the plot
PANEL_GAP = 56                     # below a panel, before the next one (or the time axis)
TALL_PANEL, SHORT_PANEL = 300, 210  # plot height with more than three points, or fewer
VALUE_TOP_PAD = 8                  # headroom above the highest value
TIME_AXIS_BELOW = 22               # the time axis sits this far below the last panel's gap start
CHART_BOTTOM_PAD = 40
MARKER_RADIUS = 5.5
DODGE = 2.6 * MARKER_RADIUS + 2    # markers closer than this are moved sideways by this much (a diamond is 2.6 r wide)
LABEL_CHAR_WIDTH = 6.6             # of a deadline label's text
MORE_CLAIMS_CHARS = 11             # room for " (n claims)"
LABEL_PAD = 4                      # between a deadline line and its label
LABEL_CLEARANCE = 8                # between two labels on one row
LABEL_ROW_HEIGHT = 13
MAX_LABEL_ROW = 3
LOG_RANGE = 20                     # a panel's values spanning this factor get a log scale
LINEAR_HEADROOM = 1.15
LOG_MAX_OVERSHOOT, LOG_HEADROOM = 4, 1.6


def _plotted(result: "BuildResult", term: str) -> tuple[list[ClaimRecord], list[ClaimRecord]]:
    """The claims of one quantity to plot, and the deadline claims about their subjects."""
    records = result.records
    properties = property_ids(result)
    # An open future ("will") has no date to plot against.
    plotted = [r for iri, r in records.items()
               if properties.get(iri) == term and r.lower is not None and r.time != OPEN_FUTURE]
    subjects = {r.subject_id for r in plotted}
    # by IRI: a list membership test compares whole records, pair by pair
    plotted_iris = {r.iri for r in plotted}
    deadline_claims = [r for r in records.values()
                       if r.is_deadline and r.subject_id in subjects and r.iri not in plotted_iris]
    return plotted, deadline_claims


def _spans(plotted: list[ClaimRecord], deadline_claims: list[ClaimRecord]) -> list[tuple[int, int]]:
    """The days the time axis must show: reference periods and deadlines.
    (When a deadline was announced is drawn in the band above the plot,
    clamped to the axis, so it does not stretch the axis on its own.)"""
    spans = [(_ordinal(r.time_start), _ordinal(r.time_end)) for r in plotted]
    spans += [(_ordinal(r.time_end), _ordinal(r.time_end)) for r in deadline_claims]
    return spans


def _value_range(members: list[ClaimRecord]) -> tuple[float, float, bool]:
    """A panel's value range, and whether it is drawn on a log scale."""
    low = min(r.lower for r in members)
    high = max(r.upper for r in members)
    positive = [v for r in members for v in (r.lower, r.upper) if v and v > 0]
    log = bool(positive) and max(positive) / min(positive) >= LOG_RANGE
    if log:
        low = 10 ** math.floor(math.log10(min(positive)))
        high = 10 ** math.ceil(math.log10(max(positive)) * 1.0 + 1e-9)
        if high / max(positive) > LOG_MAX_OVERSHOOT:
            high = 10 ** math.log10(max(positive) * LOG_HEADROOM)
    else:
        low, high = (0.0, high * LINEAR_HEADROOM or 1.0) if low >= 0 else (low * LINEAR_HEADROOM,
                                                                             high * LINEAR_HEADROOM)
    return low, high, log


def _centre_value(record: ClaimRecord, low: float, log: bool) -> float:
    """Where a claim's marker sits: its amount if inside its interval, else the interval's middle."""
    if record.amount is not None and record.lower <= record.amount <= record.upper:
        return record.amount
    return math.sqrt(max(record.lower, low) * record.upper) if log else (record.lower + record.upper) / 2


#: Modalities whose figure is not a count of forces present: what someone
#: proposes, plans, predicts, promises or demands. Drawn as their own series.
PROSPECTIVE = ("planned", "predicted", "promised", "demanded")


def is_prospective(record: ClaimRecord) -> bool:
    """Whether a figure is proposed, planned or predicted (or due by a
    deadline) rather than a count of what is there."""
    return record.modality in PROSPECTIVE or record.is_deadline


def _cell(x: float, y: float) -> tuple[int, int]:
    return math.floor(x / DODGE), math.floor(y / DODGE)


def _dodge(x: float, y: float, placed: dict[tuple[int, int], list[tuple[float, float]]]) -> float:
    """``x`` moved sideways (right, left, further right …) until a marker at
    ``(x, y)`` clears every marker placed so far: equal figures at equal
    times stay side by side, each visible. Deterministic.

    ``placed`` holds the markers by grid cell of side :data:`DODGE`: a marker
    closer than that lies in one of the nine cells around, so only those are
    searched (searching every marker made the timeline quadratic).
    """
    for step in range(0, 60):
        offset = ((step + 1) // 2) * DODGE * (1 if step % 2 else -1)
        cx, cy = _cell(x + offset, y)
        near = [point for dx in (-1, 0, 1) for dy in (-1, 0, 1) for point in placed.get((cx + dx, cy + dy), ())]
        if all(abs(x + offset - px) >= DODGE - 0.01 or abs(y - py) >= DODGE - 0.01 for px, py in near):
            return x + offset
    return x


def _points(members: list[ClaimRecord], axis: _TimeAxis, values: _ValueAxis, low: float, log: bool,
            colour: dict[str, str], shape: dict[str, str],
            points: dict[str, tuple[float, float]]) -> list[dict[str, Any]]:
    """One marker per claim; markers that would overlap are dodged apart."""
    items = []
    placed: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for record in members:
        first, last = _ordinal(record.time_start), _ordinal(record.time_end)
        y = values.y(_centre_value(record, low, log))
        x = _dodge(axis.x((first + last) / 2), y, placed)
        placed.setdefault(_cell(x, y), []).append((x, y))
        points[record.iri] = (x, y)
        series = "proposed" if is_prospective(record) else "present"
        items.append({
            "x": round(x, 1), "y": round(y, 1), "y_low": round(values.y(record.lower), 1),
            "y_high": round(values.y(record.upper), 1),
            "x_first": round(axis.x(first), 1), "x_last": round(axis.x(last), 1),
            "wide": last - first > 1, "colour": colour[record.speaker], "series": series,
            "path": _marker_path(shape[record.scope or "unscoped"], x, y, MARKER_RADIUS),
            "hollow": series == "proposed", "href": article_href(record.article, record.claim_id),
            "day": dt.date.fromordinal((first + last) // 2).isoformat(),
            "title": f"{record.value} ({record.scope or 'no scope'}), {record.when}; {record.modality}\n"
                     f"“{record.quote}”\n— {record.speaker}{' via ' + ', '.join(record.via) if record.via else ''}, "
                     f"{record.publisher}, {record.said}  [{record.ref}]",
        })
    return items


def _deadline_marks(deadlines: list[ClaimRecord], axis: _TimeAxis, panel_top: float, subject: str,
                    deadline_anchor: dict[str, tuple[float, float]],
                    deadline_rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One mark per deadline day over a panel; its claims are listed in ``deadline_rows``."""
    marks = []
    for day_iso, due in sorted(_group_deadlines(deadlines).items()):
        x = axis.x(_ordinal(day_iso))
        withdrawn = any(r.category == "withdrawn" for r in due)
        announced = min(_ordinal(r.said_start) for r in due)
        before_axis = announced < axis.segments[0].first
        what = sorted({f"{r.property} {r.value}" + (f" ({r.scope})" if r.scope else "") for r in due})
        text = "\n".join(f"{r.speaker} ({r.modality}, {r.said}): {r.summary()}  [{r.ref}]" for r in due)
        mark = {"x": round(x, 1), "day": day_iso, "withdrawn": withdrawn,
                "label": ("withdrawal due " if withdrawn else "due ") + day_iso,
                "x_announced": round(axis.x(announced), 1), "announced": dt.date.fromordinal(announced).isoformat(),
                "before_axis": before_axis, "y": round(panel_top - MARK_ABOVE_PLOT, 1),
                "title": f"Deadline {day_iso}: " + "; ".join(what) + "\n" + text,
                "claims": len(due)}
        marks.append(mark)
        for record in due:
            deadline_anchor[record.iri] = (x, panel_top - MARK_ABOVE_PLOT - 4)
        deadline_rows.append({"day": day_iso, "subject": subject, "withdrawn": withdrawn, "what": what,
                              "claims": [{"speaker": r.speaker, "said": r.said, "modality": r.modality,
                                          "quote": r.quote, "href": article_href(r.article, r.claim_id),
                                          "ref": r.ref} for r in due]})
    return marks


def _stagger_labels(marks: list[dict[str, Any]], panel_top: float) -> None:
    """Put deadline labels that would overprint one another on separate rows."""
    rows_end: list[float] = []
    for mark in sorted(marks, key=lambda m: m["x"]):
        text_width = LABEL_CHAR_WIDTH * (len(mark["label"]) + (MORE_CLAIMS_CHARS if mark["claims"] > 1 else 0))
        mark["anchor_end"] = mark["x"] + LABEL_PAD + text_width > PLOT_RIGHT
        extent = ((mark["x"] - LABEL_PAD - text_width, mark["x"]) if mark["anchor_end"]
                  else (mark["x"], mark["x"] + LABEL_PAD + text_width))
        row = next((i for i, end in enumerate(rows_end) if extent[0] > end + LABEL_CLEARANCE), len(rows_end))
        if row == len(rows_end):
            rows_end.append(extent[1])
        rows_end[row] = extent[1]
        mark["label_y"] = panel_top - LABELS_ABOVE_PLOT - LABEL_ROW_HEIGHT * min(row, MAX_LABEL_ROW)
        mark["announce_y"] = panel_top - ANNOUNCE_ABOVE_PLOT


def _contradiction_links(result: "BuildResult", points: dict[str, tuple[float, float]],
                         deadline_anchor: dict[str, tuple[float, float]]) -> list[dict[str, Any]]:
    """Lines between plotted claims (or a claim and a deadline) that a contradiction joins."""
    links = []
    seen = set()
    for finding in result.findings.contradictions + result.findings.hand_made:
        for a, b in (finding.pairs or tuple((x, y) for i, x in enumerate(finding.claims) for y in finding.claims[i + 1:])):
            ends = []
            for claim in (a, b):
                if claim in points:
                    ends.append(("point", points[claim]))
                elif claim in deadline_anchor:
                    ends.append(("deadline", deadline_anchor[claim]))
            if len(ends) != 2 or ends[0][0] == ends[1][0] == "deadline":
                continue
            (_, (x1, y1)), (_, (x2, y2)) = ends
            key = (round(x1), round(y1), round(x2), round(y2), finding.id)
            if key in seen:
                continue
            seen.add(key)
            links.append({"x1": round(x1, 1), "y1": round(y1, 1), "x2": round(x2, 1), "y2": round(y2, 1),
                          "id": finding.id, "to_deadline": "deadline" in (ends[0][0], ends[1][0]),
                          "title": f"{finding.kind} ({finding.severity}, {finding.status}): {finding.explanation}"})
    links.sort(key=lambda link: (link["id"], link["x1"], link["y1"], link["x2"], link["y2"]))
    return links


def _table_rows(result: "BuildResult", plotted: list[ClaimRecord], colour: dict[str, str]) -> list[dict[str, Any]]:
    """The table under the chart: one row per plotted claim."""
    contradicted: dict[str, set[str]] = {}
    for finding in result.findings.contradictions + result.findings.hand_made:
        for iri in finding.claims:
            contradicted.setdefault(iri, set()).add(finding.id)
    return [{"time": r.when, "value": r.value, "interval": interval_text(r), "scope": r.scope or "",
             "subject": r.subject, "speaker": r.speaker, "via": r.via, "outlet": r.publisher, "said": r.said,
             "quote": r.quote, "href": article_href(r.article, r.claim_id), "ref": r.ref,
             "colour": colour[r.speaker],
             "contradictions": sorted(contradicted.get(r.iri, ()))}
            for r in sorted(plotted, key=lambda r: (r.subject, r.time_start, r.lower, r.ref))]


def _timeline(result: "BuildResult", term: str, label: str) -> dict[str, Any]:
    """Everything the timeline template draws, as numbers and strings."""
    plotted, deadline_claims = _plotted(result, term)
    if not plotted:
        return {"term": term, "label": label, "empty": True, "width": CHART_WIDTH, "height": EMPTY_HEIGHT,
                "panels": [], "legend_speakers": [], "legend_scopes": [], "rows": [], "deadlines": [], "links": [],
                "breaks": [], "ticks": [], "axis_y": 0}
    axis = _time_axis(_spans(plotted, deadline_claims), PLOT_LEFT, PLOT_RIGHT)
    speakers = sorted({r.speaker for r in plotted})
    colour = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(speakers)}
    scopes = sorted({r.scope or "unscoped" for r in plotted})
    shape = {s: SHAPES[i % len(SHAPES)] for i, s in enumerate(scopes)}
    groups: dict[tuple[str, str], list[ClaimRecord]] = {}
    for record in plotted:
        groups.setdefault((record.subject_id, record.unit or ""), []).append(record)
    top = FIRST_PANEL_TOP
    panels = []
    points: dict[str, tuple[float, float]] = {}
    deadline_anchor: dict[str, tuple[float, float]] = {}
    deadline_rows: list[dict[str, Any]] = []
    for key in sorted(groups, key=lambda k: (-len(groups[k]), k)):
        members = sorted(groups[key], key=lambda r: (r.time_start, r.lower, r.ref))
        height = TALL_PANEL if len(members) > 3 else SHORT_PANEL
        panel_top, panel_bottom = top + PANEL_HEADER, top + PANEL_HEADER + height
        low, high, log = _value_range(members)
        values = _ValueAxis(low, high, log, panel_top + VALUE_TOP_PAD, panel_bottom)
        subject, unit = members[0].subject, key[1]
        items = _points(members, axis, values, low, log, colour, shape, points)
        marks = _deadline_marks([r for r in deadline_claims if r.subject_id == key[0]], axis, panel_top, subject,
                                deadline_anchor, deadline_rows)
        _stagger_labels(marks, panel_top)
        speakers_here = len({r.speaker for r in members})
        counts = (f"Counts: {label} figures claimed for {subject}, one mark per claim "
                  f"({len(members)} claim{'s' if len(members) != 1 else ''}, {speakers_here} "
                  f"speaker{'s' if speakers_here != 1 else ''}), at the time each refers to.")
        panels.append({"subject": subject, "subject_id": key[0], "unit": unit, "top": panel_top, "bottom": panel_bottom, "counts": counts,
                       "title_y": top + 12, "counts_y": top + 30, "band_top": top + BAND_TOP,
                       "log": log, "points": items, "marks": marks,
                       "yticks": [(round(y, 1), text) for y, text in values.ticks()]})
        top = panel_bottom + PANEL_GAP
    axis_y = top - PANEL_GAP + TIME_AXIS_BELOW
    ticks = [(round(x, 1), text) for x, text in _spaced([t for segment in axis.segments for t in _time_ticks(segment)])]
    breaks = [round((a.x1 + b.x0) / 2, 1) for a, b in zip(axis.segments, axis.segments[1:])]
    return {"term": term, "label": label, "empty": False, "width": CHART_WIDTH, "height": axis_y + CHART_BOTTOM_PAD,
            "left": PLOT_LEFT, "right": PLOT_RIGHT, "panels": panels,
            "links": _contradiction_links(result, points, deadline_anchor), "ticks": ticks, "breaks": breaks,
            "axis_y": axis_y, "segments": [{"x0": round(s.x0, 1), "x1": round(s.x1, 1), "first": dt.date.fromordinal(s.first).isoformat(),
                          "last": dt.date.fromordinal(s.last).isoformat()} for s in axis.segments],
            "legend_speakers": [{"label": s, "colour": colour[s]} for s in speakers],
            "legend_scopes": [{"label": s, "path": _marker_path(shape[s], 8, 8, MARKER_RADIUS)} for s in scopes],
            "proposed": sum(is_prospective(r) for r in plotted), "per_day": round(
                (axis.segments[0].x1 - axis.segments[0].x0) / max(1, axis.segments[0].last - axis.segments[0].first), 4),
            "rows": _table_rows(result, plotted, colour),
            "deadlines": sorted(deadline_rows, key=lambda d: (d["day"], d["subject"]))}


def _group_deadlines(claims: list[ClaimRecord]) -> dict[str, list[ClaimRecord]]:
    grouped: dict[str, list[ClaimRecord]] = {}
    for record in sorted(claims, key=lambda r: (r.time_end, r.ref)):
        grouped.setdefault(record.time_end, []).append(record)
    return grouped


def timeline_page(result: "BuildResult", term: str, label: str) -> bytes:
    return render_template("timeline.html.j2", root="", page="timeline", title=f"Timeline: {label}",
                   chart=_timeline(result, term, label))
