"""The notebooks' charts: a real time axis, one subject per chart, proposed figures apart, counts that add up."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from claimgraph import ClaimGraph  # noqa: E402
from claimgraph.notebook.plots import (figure_series, plot_claims_per_speaker, plot_finding_counts,  # noqa: E402
                                       plot_findings_by_kind,
                                       plot_quantity_timeline)

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def graph():
    return ClaimGraph.from_corpus()


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _markers(ax):
    return [line for line in ax.lines if line.get_marker() == "o" and len(line.get_xdata()) == 1]


def test_timeline_has_a_real_time_axis_and_one_subject(graph):
    everything = graph.timeline("troop-count")
    assert everything["subject"].nunique() > 1  # the corpus counts troops in more than one place
    with pytest.raises(ValueError, match="one subject per chart"):
        plot_quantity_timeline(everything)
    subject = everything["subject"].value_counts().index[0]
    rows = graph.timeline("troop-count", subject=subject)
    ax = plot_quantity_timeline(rows)
    assert ax.get_title().startswith(f"{subject}: troop count")
    markers = _markers(ax)
    assert len(markers) == len(rows)
    # Proportional: each marker sits at the date number of its period's middle (before any sideways dodge).
    middles = rows["start"] + (rows["end"] - rows["start"]) / 2
    xs = sorted(float(m.get_xdata()[0]) for m in markers)
    assert xs == pytest.approx(sorted(mdates.date2num(list(middles))))
    assert isinstance(ax.xaxis.get_major_locator(), mdates.AutoDateLocator)
    # Proposed, planned and predicted figures are hollow; figures present are filled.
    hollow = [m for m in markers if m.get_markerfacecolor() in ("white", (1.0, 1.0, 1.0, 1.0))]
    expected = sum(figure_series(row) == "proposed" for _, row in rows.iterrows())
    assert 0 < expected == len(hollow) < len(rows)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "present: said to be there" in labels and "proposed, planned or predicted" in labels


def test_findings_by_kind_adds_up(graph):
    contradictions = graph.contradictions()
    ax = plot_findings_by_kind(contradictions)
    assert sum(p.get_width() for p in ax.patches) == len(contradictions)
    assert {t.get_text() for t in ax.get_yticklabels()} == set(contradictions["kind"])


def test_claims_per_speaker_splits_direct_and_relayed(graph):
    claims = graph.claims()
    ax = plot_claims_per_speaker(claims, top=5)
    widths = [p.get_width() for p in ax.patches]
    assert len(widths) == 10
    top = claims["speaker"].value_counts().head(5)
    assert sum(widths) == top.sum()
    assert "top 5 of" in ax.get_title()
    with pytest.raises(ValueError):
        plot_claims_per_speaker(claims.head(0))


def test_finding_counts_side_by_side():
    ax = plot_finding_counts({"before": ["contradiction"], "after": ["contradiction", "corroboration", "corroboration"]})
    heights = [p.get_height() for p in ax.patches]
    assert sorted(heights) == [0, 1, 1, 2]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["before", "after"]
