"""Charts for the notebooks, drawn with matplotlib from the facade's tables.

Each function takes a DataFrame from :class:`~claimgraph.notebook.facade.ClaimGraph`
(``claims()``, ``contradictions()``, ``timeline()``), draws one chart on the
given axes (or a new figure) and returns the axes. The charts follow the
timeline view's rules: a real time axis, figures proposed or planned drawn
apart from figures present, equal points set side by side, one subject per
chart, and a title that says what is counted and for what.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from claimgraph import ClaimGraph
>>> graph = ClaimGraph.from_corpus()
>>> ax = plot_quantity_timeline(graph.timeline("troop-count", subject="us-military-presence-in-iraq"))
>>> ax.get_title().startswith("US military presence in Iraq: troop count")
True
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from claimgraph.outputs.styles import CONTRADICTED, DISMISSED, PALETTE
from claimgraph.outputs.timeline import PROSPECTIVE

if TYPE_CHECKING:
    import pandas

__all__ = ["SEVERITY_COLOURS", "plot_claims_per_speaker", "plot_findings_by_kind", "plot_finding_counts",
           "plot_quantity_timeline", "figure_series"]

#: Colours of the two severities and of dismissed findings.
SEVERITY_COLOURS = {"hard": CONTRADICTED, "tension": "#f0a04b", "dismissed": DISMISSED["color"]}
LOG_RANGE = 20          # values spanning this factor or more get a log axis
DODGE_POINTS = 8        # equal points are set this many typographic points apart


def _pyplot():
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("claimgraph's charts need matplotlib, which comes with the notebook extra: "
                          "pip install -e '.[notebook]'") from exc
    return plt


def _axes(ax, size: tuple[float, float]):
    if ax is not None:
        return ax
    _, ax = _pyplot().subplots(figsize=size)
    return ax


def plot_claims_per_speaker(claims: "pandas.DataFrame", *, top: int = 15, title: str | None = None, ax=None):
    """Claims per speaker, split into said in the article's own hearing and
    relayed through an intermediary (the ``via`` column).

    Parameters
    ----------
    claims : pandas.DataFrame
        Rows of :meth:`ClaimGraph.claims` (columns ``speaker`` and ``via``).
    top : int
        The speakers with the most claims; the rest are left out (said in the title).
    """
    if claims.empty:
        raise ValueError("no claims to plot")
    relayed = claims["via"].fillna("") != ""
    table = (claims.assign(direct=~relayed, relayed=relayed).groupby("speaker")[["direct", "relayed"]].sum()
             .assign(total=lambda t: t["direct"] + t["relayed"]).reset_index()
             .sort_values(["total", "speaker"], ascending=[False, True]))
    shown = table.head(top).iloc[::-1]
    ax = _axes(ax, (8, 0.35 * len(shown) + 1.6))
    ax.barh(shown["speaker"], shown["direct"], color=PALETTE[0], label="said to the outlet or in public")
    ax.barh(shown["speaker"], shown["relayed"], left=shown["direct"], color=PALETTE[1],
            label="relayed through an intermediary")
    ax.set_xlabel("claims")
    ax.xaxis.get_major_locator().set_params(integer=True)
    left_out = len(table) - len(shown)
    ax.set_title(title or f"Claims per speaker ({len(claims)} claims"
                 + (f"; the top {len(shown)} of {len(table)} speakers)" if left_out else ")"))
    ax.legend(loc="lower right", fontsize=8)
    return ax


def plot_findings_by_kind(findings: "pandas.DataFrame", *, title: str | None = None, ax=None):
    """Contradictions per kind, by severity, with dismissed ones apart (grey).

    Parameters
    ----------
    findings : pandas.DataFrame
        Rows of :meth:`ClaimGraph.contradictions` (columns ``kind``,
        ``severity``, ``status``).
    """
    if findings.empty:
        raise ValueError("no findings to plot")
    band = findings["severity"].where(findings["status"] != "dismissed", "dismissed")
    table = findings.assign(band=band).groupby(["kind", "band"]).size().unstack(fill_value=0)
    for column in SEVERITY_COLOURS:
        if column not in table:
            table[column] = 0
    table = table.assign(total=table.sum(axis=1)).sort_values(["total"], kind="stable").drop(columns="total")
    ax = _axes(ax, (8, 0.4 * len(table) + 1.6))
    left = None
    for band_name in ("hard", "tension", "dismissed"):
        values = table[band_name]
        ax.barh(table.index, values, left=left, color=SEVERITY_COLOURS[band_name],
                hatch="//" if band_name == "dismissed" else None, edgecolor="white",
                label={"hard": "hard (cannot both be true)", "tension": "tension (needs judgement)",
                       "dismissed": "dismissed by a reviewer"}[band_name])
        left = values if left is None else left + values
    ax.set_xlabel("contradictions")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_title(title or f"Contradictions by kind and severity ({len(findings)} in all)")
    ax.legend(loc="lower right", fontsize=8)
    return ax


RELATION_COLOURS = {"contradiction": CONTRADICTED, "corroboration": "#2ca02c", "supersession": "#8c8c8c"}


def plot_finding_counts(stages: Mapping[str, Iterable[str]], *, title: str | None = None, ax=None):
    """Findings by relation (contradiction, corroboration, supersession) at
    several stages side by side, for example before and after a change.

    Parameters
    ----------
    stages : mapping of str to iterable of str
        For each stage, in order, the relation of every finding it has.
    """
    counted = {stage: list(relations) for stage, relations in stages.items()}
    relations = [r for r in RELATION_COLOURS if any(r in found for found in counted.values())]
    relations += sorted({r for found in counted.values() for r in found} - set(relations))
    ax = _axes(ax, (7, 3.6))
    width = 0.8 / max(1, len(relations))
    for index, relation in enumerate(relations):
        xs = [i + (index - (len(relations) - 1) / 2) * width for i in range(len(counted))]
        heights = [found.count(relation) for found in counted.values()]
        bars = ax.bar(xs, heights, width=width, label=relation, color=RELATION_COLOURS.get(relation, PALETTE[index]))
        ax.bar_label(bars, fontsize=8)
    ax.set_xticks(range(len(counted)), list(counted))
    ax.set_ylabel("findings")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_title(title or "Findings by relation")
    if relations:
        ax.legend(fontsize=8)
    return ax


def figure_series(row: Any) -> str:
    """``"proposed"`` for a figure proposed, planned, predicted, promised,
    demanded or due by a deadline; ``"present"`` for one said to be there.

    Examples
    --------
    >>> figure_series({"modality": "planned", "deadline": False}), figure_series({"modality": "asserted", "deadline": False})
    ('proposed', 'present')
    """
    return "proposed" if row["modality"] in PROSPECTIVE or bool(row["deadline"]) else "present"


def _dodged(keys: Iterable[tuple]) -> list[float]:
    """Sideways offsets (in points) for rows sharing a key: 0, +d, -d, +2d …"""
    seen: dict[tuple, int] = {}
    offsets = []
    for key in keys:
        n = seen.get(key, 0)
        seen[key] = n + 1
        offsets.append(((n + 1) // 2) * DODGE_POINTS * (1 if n % 2 else -1))
    return offsets


def plot_quantity_timeline(timeline: "pandas.DataFrame", *, links: Iterable[tuple[str, str]] = (),
                           title: str | None = None, ax=None):
    """One quantity for one subject over a real time axis.

    Each claim is a marker at the middle of the period its figure refers to
    (a line spans the period), with a bar over the interval its wording
    allows; colour is the scope. Figures proposed, planned or predicted are
    hollow with dashed bars, apart from figures present (legend). Equal
    points are set side by side. ``links`` (pairs of ``ref``) are drawn as
    dashed red lines, for example numeric conflicts.

    Parameters
    ----------
    timeline : pandas.DataFrame
        Rows of :meth:`ClaimGraph.timeline`, for **one** subject (pass
        ``subject=`` there): a chart about one place must not mix in another.

    Raises
    ------
    ValueError
        When the rows are empty or cover more than one subject or unit.
    """
    import matplotlib.dates as mdates
    from matplotlib.lines import Line2D
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter
    from matplotlib.transforms import offset_copy

    links = list(links)
    if timeline.empty:
        raise ValueError("no figures to plot")
    subjects = sorted(set(timeline["subject"]))
    if len(subjects) != 1:
        raise ValueError(f"one subject per chart, got {len(subjects)}: {', '.join(subjects)}; "
                         "pass subject= to ClaimGraph.timeline")
    units = sorted({u for u in timeline["unit"] if isinstance(u, str)})
    if len(units) > 1:
        raise ValueError(f"one unit per chart, got {', '.join(units)}")
    frame = timeline.reset_index(drop=True)
    middle = frame["start"] + (frame["end"] - frame["start"]) / 2
    centre = frame["amount"].where((frame["amount"] >= frame["lower"]) & (frame["amount"] <= frame["upper"]),
                                   (frame["lower"] + frame["upper"]) / 2)
    series = [figure_series(row) for _, row in frame.iterrows()]
    scopes = sorted({s if isinstance(s, str) else "unspecified" for s in frame["scope"]})
    colour = {scope: PALETTE[i % len(PALETTE)] for i, scope in enumerate(scopes)}
    ax = _axes(ax, (11, 5))
    ax.xaxis_date()
    figure = ax.figure
    offsets = _dodged(zip(middle.dt.date, centre.round(6)))
    position = {}
    for index, row in frame.iterrows():
        scope = row["scope"] if isinstance(row["scope"], str) else "unspecified"
        shifted = offset_copy(ax.transData, fig=figure, x=offsets[index], y=0, units="points")
        hollow = series[index] == "proposed"
        x = mdates.date2num(middle[index])
        if row["end"] - row["start"] > dt.timedelta(days=1):
            ax.plot([mdates.date2num(row["start"]), mdates.date2num(row["end"])], [centre[index]] * 2, color=colour[scope], alpha=0.4, linewidth=1,
                    transform=shifted)
        ax.plot([x, x], [row["lower"], row["upper"]], color=colour[scope], linewidth=1.6,
                linestyle="--" if hollow else "-", transform=shifted)
        ax.plot([x], [centre[index]], marker="o", markersize=7, transform=shifted, linestyle="none",
                markerfacecolor="white" if hollow else colour[scope], markeredgecolor=colour[scope], markeredgewidth=1.6)
        # Drawn through an offset transform, which autoscaling does not see: give it the limits.
        ax.update_datalim([(mdates.date2num(row["start"]), row["lower"]), (mdates.date2num(row["end"]), row["upper"])])
        position[row["ref"]] = (x, centre[index])
    for a, b in links:
        if a in position and b in position:
            (xa, ya), (xb, yb) = position[a], position[b]
            ax.annotate("", xy=(xb, yb), xytext=(xa, ya), xycoords="data",
                        arrowprops={"arrowstyle": "-", "linestyle": "--", "color": CONTRADICTED, "linewidth": 1})
    ax.autoscale_view()
    ax.margins(x=0.04, y=0.08)
    positive = [v for v in list(frame["lower"]) + list(frame["upper"]) if v and v > 0]
    if positive and max(positive) / min(positive) >= LOG_RANGE:
        ax.set_yscale("log")
        ax.yaxis.set_major_locator(LogLocator(subs=(1, 2, 5)))
        ax.yaxis.set_minor_formatter(NullFormatter())
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
    ax.xaxis.set_major_locator(mdates.AutoDateLocator())
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    unit = units[0] if units else ""
    ax.set_ylabel(f"{unit} (interval the wording allows)" if unit else "value (interval the wording allows)")
    ax.set_xlabel("time the figure refers to (one scale)")
    handles = [Line2D([], [], color=colour[s], linewidth=6, label=s) for s in scopes]
    handles += [Line2D([], [], marker="o", linestyle="none", color="#555", label="present: said to be there"),
                Line2D([], [], marker="o", linestyle="none", markerfacecolor="white", color="#555",
                       label="proposed, planned or predicted")]
    if any(a in position and b in position for a, b in links):
        handles.append(Line2D([], [], linestyle="--", color=CONTRADICTED, label="contradiction"))
    ax.legend(handles=handles, fontsize=8, loc="best")
    ax.set_title(title or f"{subjects[0]}: {timeline.attrs.get('quantity', 'figures')} claimed over time "
                 f"({len(frame)} claims)")
    ax.grid(True, color="#eceff3")
    return ax

