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

__all__ = ["SHAPES", "timeline_page"]


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
    """A time axis cut into segments where nothing happens for over a year,
    so 2011 and 2021 both get room; widths grow with the square root of a
    segment's length."""
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
    weights = [math.sqrt(max(s.last - s.first, 45)) for s in padded]
    usable = right - left - break_px * (len(padded) - 1)
    x = left
    for segment, weight in zip(padded, weights):
        segment.x0, segment.x1 = x, x + usable * weight / sum(weights)
        x = segment.x1 + break_px
    return _TimeAxis(padded)


def _time_ticks(segment: _Segment) -> list[tuple[float, str]]:
    """Tick positions and labels inside one segment of the time axis."""
    first, last = dt.date.fromordinal(segment.first), dt.date.fromordinal(segment.last)
    width = segment.x1 - segment.x0
    days = segment.last - segment.first
    candidates: list[tuple[dt.date, str]] = []
    if days > 3 * 365:
        years = range(first.year + 1, last.year + 1)
        step = next((s for s in (1, 2, 5, 10, 20, 50) if len(years) / s * 48 <= width), 100)
        candidates = [(dt.date(year, 1, 1), str(year)) for year in years if year % step == 0]
    elif days > 75:
        months = []
        year, month = first.year, first.month
        while (year, month) <= (last.year, last.month):
            months.append(dt.date(year, month, 1))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        step = next((s for s in (1, 2, 3, 6, 12) if len(months) / s * 62 <= width), 12)
        candidates = [(d, d.strftime("%Y-%m")) for d in months if (d.month - 1) % step == 0]
    else:
        step = next((s for s in (1, 2, 7, 14) if days / s * 76 <= width), 30)
        candidates = [(dt.date.fromordinal(o), dt.date.fromordinal(o).isoformat())
                      for o in range(segment.first + 1, segment.last) if (o - segment.first) % step == 0]
    # Label where the segment's events start, so each piece of a broken axis
    # says where it is; regular ticks too close to that label are dropped.
    start = dt.date.fromordinal(segment.content[0])
    start_label = str(start.year) if days > 3 * 365 else start.strftime("%Y-%m") if days > 75 else start.isoformat()
    if days > 75 and start.day != 1 and days <= 3 * 365:
        start = start.replace(day=1)
    anchor = segment.x(max(start.toordinal(), segment.first))
    ticks = [(anchor, start_label)]
    ticks += [(segment.x(d.toordinal()), label) for d, label in candidates
              if first < d < last and abs(segment.x(d.toordinal()) - anchor) >= 56 and label != start_label]
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


def _timeline(result: "BuildResult", term: str, label: str) -> dict[str, Any]:
    """Everything the timeline template draws, as numbers and strings."""
    records = result.records
    properties = property_ids(result)
    # An open future ("will") has no date to plot against.
    plotted = [r for iri, r in records.items()
               if properties.get(iri) == term and r.lower is not None and r.time != OPEN_FUTURE]
    subjects = {r.subject_id for r in plotted}
    deadline_claims = [r for r in records.values()
                       if r.is_deadline and r.subject_id in subjects and r not in plotted]
    width, left, right = 1180, 96, 1160
    spans = [(_ordinal(r.time_start), _ordinal(r.time_end)) for r in plotted]
    spans += [(_ordinal(r.time_end), _ordinal(r.time_end)) for r in deadline_claims]
    spans += [(_ordinal(r.said_start), _ordinal(r.said_start)) for r in deadline_claims
              if r.category == "withdrawn"]
    if not plotted:
        return {"term": term, "label": label, "empty": True, "width": width, "height": 120, "panels": [],
                "legend_speakers": [], "legend_scopes": [], "rows": [], "deadlines": [], "links": [],
                "breaks": [], "ticks": [], "axis_y": 0}
    axis = _time_axis(spans, left, right)
    speakers = sorted({r.speaker for r in plotted})
    colour = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(speakers)}
    scopes = sorted({r.scope or "unscoped" for r in plotted})
    shape = {s: SHAPES[i % len(SHAPES)] for i, s in enumerate(scopes)}
    groups: dict[tuple[str, str], list[ClaimRecord]] = {}
    for record in plotted:
        groups.setdefault((record.subject_id, record.unit or ""), []).append(record)
    order = sorted(groups, key=lambda k: (-len(groups[k]), k))
    top = 40
    panels = []
    points: dict[str, tuple[float, float]] = {}
    deadline_anchor: dict[str, tuple[float, float]] = {}
    deadline_rows: list[dict[str, Any]] = []
    for key in order:
        members = sorted(groups[key], key=lambda r: (r.time_start, r.lower, r.ref))
        height = 300 if len(members) > 3 else 210
        panel_top, panel_bottom = top + 52, top + 52 + height
        low = min(r.lower for r in members)
        high = max(r.upper for r in members)
        positive = [v for r in members for v in (r.lower, r.upper) if v and v > 0]
        log = bool(positive) and max(positive) / min(positive) >= 20
        if log:
            low = 10 ** math.floor(math.log10(min(positive)))
            high = 10 ** math.ceil(math.log10(max(positive)) * 1.0 + 1e-9)
            if high / max(positive) > 4:
                high = 10 ** math.log10(max(positive) * 1.6)
        else:
            low, high = (0.0, high * 1.15 or 1.0) if low >= 0 else (low * 1.15, high * 1.15)
        values = _ValueAxis(low, high, log, panel_top + 8, panel_bottom)
        subject, unit = members[0].subject, key[1]
        items = []
        taken: dict[int, int] = {}
        for record in members:
            first, last = _ordinal(record.time_start), _ordinal(record.time_end)
            x = axis.x((first + last) / 2)
            slot = round(x / 7)
            shift = taken.get(slot, 0)
            taken[slot] = shift + 1
            x += ((shift + 1) // 2) * 9 * (1 if shift % 2 else -1)
            centre_value = record.amount if record.amount is not None and record.lower <= record.amount <= record.upper \
                else (math.sqrt(max(record.lower, low) * record.upper) if log else (record.lower + record.upper) / 2)
            y = values.y(centre_value)
            points[record.iri] = (x, y)
            items.append({
                "x": round(x, 1), "y": round(y, 1), "y_low": round(values.y(record.lower), 1),
                "y_high": round(values.y(record.upper), 1),
                "x_first": round(axis.x(first), 1), "x_last": round(axis.x(last), 1),
                "wide": last - first > 1, "colour": colour[record.speaker],
                "path": _marker_path(shape[record.scope or "unscoped"], x, y, 5.5),
                "hollow": record.is_deadline, "href": article_href(record.article, record.claim_id),
                "title": f"{record.value} ({record.scope or 'no scope'}), {record.when}\n"
                         f"“{record.quote}”\n— {record.speaker}{' via ' + ', '.join(record.via) if record.via else ''}, "
                         f"{record.publisher}, {record.said}  [{record.ref}]",
            })
        marks = []
        for day_iso, due in sorted(_group_deadlines([r for r in deadline_claims if r.subject_id == key[0]]).items()):
            x = axis.x(_ordinal(day_iso))
            withdrawn = any(r.category == "withdrawn" for r in due)
            announced = min(_ordinal(r.said_start) for r in due)
            what = sorted({f"{r.property} {r.value}" + (f" ({r.scope})" if r.scope else "") for r in due})
            text = "\n".join(f"{r.speaker} ({r.modality}, {r.said}): {r.summary()}  [{r.ref}]" for r in due)
            mark = {"x": round(x, 1), "day": day_iso, "withdrawn": withdrawn,
                    "label": ("withdrawal due " if withdrawn else "due ") + day_iso,
                    "x_announced": round(axis.x(announced), 1), "announced": dt.date.fromordinal(announced).isoformat(),
                    "title": f"Deadline {day_iso}: " + "; ".join(what) + "\n" + text,
                    "claims": len(due)}
            marks.append(mark)
            for record in due:
                deadline_anchor[record.iri] = (x, panel_top + 2)
            deadline_rows.append({"day": day_iso, "subject": subject, "withdrawn": withdrawn, "what": what,
                                  "claims": [{"speaker": r.speaker, "said": r.said, "modality": r.modality,
                                              "quote": r.quote, "href": article_href(r.article, r.claim_id),
                                              "ref": r.ref} for r in due]})
        # Stagger labels of deadlines that would overprint one another.
        rows_end: list[float] = []
        for mark in sorted(marks, key=lambda m: m["x"]):
            text_width = 6.6 * (len(mark["label"]) + (11 if mark["claims"] > 1 else 0))
            mark["anchor_end"] = mark["x"] + 4 + text_width > right
            extent = (mark["x"] - 4 - text_width, mark["x"]) if mark["anchor_end"] else (mark["x"], mark["x"] + 4 + text_width)
            row = next((i for i, end in enumerate(rows_end) if extent[0] > end + 8), len(rows_end))
            if row == len(rows_end):
                rows_end.append(extent[1])
            rows_end[row] = extent[1]
            mark["label_y"] = panel_top - 5 - 13 * min(row, 2)
            mark["announce_y"] = panel_top + 3 + 5 * min(row, 2)
        panels.append({"subject": subject, "unit": unit, "top": panel_top, "bottom": panel_bottom,
                       "title_y": top + 12, "log": log, "points": items, "marks": marks,
                       "yticks": [(round(y, 1), text) for y, text in values.ticks()]})
        top = panel_bottom + 56
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
    axis_y = top - 56 + 22
    ticks = [(round(x, 1), text) for x, text in _spaced([t for segment in axis.segments for t in _time_ticks(segment)])]
    breaks = [round((a.x1 + b.x0) / 2, 1) for a, b in zip(axis.segments, axis.segments[1:])]
    rows = [{"time": r.when, "value": r.value, "interval": interval_text(r), "scope": r.scope or "",
             "subject": r.subject, "speaker": r.speaker, "via": r.via, "outlet": r.publisher, "said": r.said,
             "quote": r.quote, "href": article_href(r.article, r.claim_id), "ref": r.ref,
             "colour": colour[r.speaker],
             "contradictions": sorted({f.id for f in result.findings.contradictions + result.findings.hand_made
                                       if r.iri in f.claims})}
            for r in sorted(plotted, key=lambda r: (r.subject, r.time_start, r.lower, r.ref))]
    return {"term": term, "label": label, "empty": False, "width": width, "height": axis_y + 40,
            "left": left, "right": right, "panels": panels, "links": links, "ticks": ticks, "breaks": breaks,
            "axis_y": axis_y, "segments": [(round(s.x0, 1), round(s.x1, 1)) for s in axis.segments],
            "legend_speakers": [{"label": s, "colour": colour[s]} for s in speakers],
            "legend_scopes": [{"label": s, "path": _marker_path(shape[s], 8, 8, 5.5)} for s in scopes],
            "rows": rows, "deadlines": sorted(deadline_rows, key=lambda d: (d["day"], d["subject"]))}


def _group_deadlines(claims: list[ClaimRecord]) -> dict[str, list[ClaimRecord]]:
    grouped: dict[str, list[ClaimRecord]] = {}
    for record in sorted(claims, key=lambda r: (r.time_end, r.ref)):
        grouped.setdefault(record.time_end, []).append(record)
    return grouped


def timeline_page(result: "BuildResult", term: str, label: str) -> bytes:
    return render_template("timeline.html.j2", root="", page="timeline", title=f"Timeline: {label}",
                   chart=_timeline(result, term, label))
