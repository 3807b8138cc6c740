"""What the rules find on the five seed articles, and what they must not."""

from __future__ import annotations

import pytest


def sides(result, finding):
    from claimgraph.outputs.report import finding_sides
    return finding_sides(finding, result.records)


def quotes(result, finding):
    return {result.records[c].quote for c in finding.claims}


@pytest.mark.corpus
def test_the_numeric_conflict_between_48000_and_39000_is_found(result):
    numeric = [f for f in result.findings.contradictions if "numeric-conflict" in f.rules]
    assert len(numeric) == 1
    assert quotes(result, numeric[0]) == {"the remaining 48,000 US troops",
                                          "all\u00a039,000 US troops still stationed in Iraq"}
    assert numeric[0].severity == "hard" and not numeric[0].within_article


@pytest.mark.corpus
def test_full_withdrawal_versus_roles_reclassified_is_found(result):
    found = [f for f in result.findings.contradictions if f.kind == "withdrawal-vs-presence"
             and "by reclassifying on paper the roles of other forces" in quotes(result, f)]
    assert found
    other_side = {q for f in found for q in quotes(result, f)}
    assert any("withdrawal of U.S. combat forces by the end of the year" in q for q in other_side)
    assert all(f.severity == "tension" for f in found)


@pytest.mark.corpus
def test_withdrawal_is_in_tension_with_troop_levels_staying_at_2500(result):
    found = [f for f in result.findings.contradictions if f.kind == "withdrawal-vs-presence"
             and any("expected the troop levels in Iraq to remain" in q for q in quotes(result, f))]
    assert any(any("combat forces by the end of the year" in q for q in quotes(result, f)) for f in found)


@pytest.mark.corpus
def test_contradictions_inside_one_article_are_found(result):
    inside = [f for f in result.findings.contradictions
              if len({result.records[c].article for c in f.claims}) == 1]
    assert len(inside) >= 3
    kinds = {f.kind for f in inside}
    assert {"polarity-conflict", "withdrawal-vs-presence"} <= kinds


@pytest.mark.corpus
def test_leaked_departure_plan_versus_no_decision_to_leave(result):
    found = [f for f in result.findings.contradictions if f.kind == "polarity-conflict"
             and any("no decision made to leave" in q for q in quotes(result, f))
             and any("preparations for departure" in q for q in quotes(result, f))]
    assert found and found[0].severity == "hard"


@pytest.mark.corpus
def test_public_demand_versus_reported_private_position(result):
    found = [f for f in result.findings.contradictions if f.kind == "public-vs-private"]
    assert found
    assert any("quietly favors" in q for q in quotes(result, found[0]))


@pytest.mark.corpus
def test_war_declared_over_versus_quarter_century_occupation(result):
    found = [f for f in result.findings.contradictions if f.kind == "framing-conflict"
             and any("quarter-century occupation" in q for q in quotes(result, f))]
    assert found
    assert any("will be over" in q for q in quotes(result, found[0]))


@pytest.mark.corpus
def test_nothing_from_the_must_not_flag_list(result):
    records = result.records
    for finding in result.findings.contradictions:
        claims = [records[c] for c in finding.claims]
        hedged_all = [c for c in claims if c.hedge == "virtually all"]
        embassy = [c for c in claims if c.scope == "embassy detachment"]
        assert not (hedged_all and embassy), finding.id
        casualty = [c for c in claims if c.property == "casualties" and c.qualifier == "more-than"]
        assert len(casualty) < 2, finding.id
        if finding.kind == "numeric-conflict":
            a, b = sides(result, finding)
            assert a[0].scope == b[0].scope
            assert a[0].time_start <= b[0].time_end and b[0].time_start <= a[0].time_end
        assert not any(c.deprecated for c in claims)


@pytest.mark.corpus
def test_same_figure_at_different_dates_is_shown_as_supersession(result):
    explained = [f.explanation for f in result.findings.supersessions]
    assert any("2,500" in e and "2024-09" in e and "2021-07" in e for e in explained)
    for finding in result.findings.contradictions:
        figures = {(result.records[c].amount, result.records[c].time) for c in finding.claims}
        assert not ({2500} == {a for a, _ in figures} and len(figures) > 1), finding.id


@pytest.mark.corpus
def test_corroborations_count_relayed_wire_reports_once(result):
    assert result.findings.corroborations
    for finding in result.findings.corroborations:
        claims = [result.records[c] for c in finding.claims]
        shared = set.intersection(*(set(c.sources) for c in claims))
        if shared:
            assert finding.source_count == 1 and not finding.independent

