"""Each contradiction rule on small hand-made corpora: positive and negative cases,
including every case the brief says must not be flagged."""

from __future__ import annotations

import shutil

import pytest

from claimgraph.rules.loading import load_rules
from claimgraph.resources import rules_dir

from conftest import build_findings

S = "force-presence"


def claim(cid, quote, *, speaker="minister-a", modality="asserted", said_on=None, hedge=None, via=(),
          **proposition):
    data = {"id": cid, "quote": quote, "speaker": speaker, "modality": modality, "via": list(via),
            "proposition": {"subject": S, **proposition}}
    if said_on:
        data["said_on"] = said_on
    if hedge:
        data["hedge"] = hedge
    return data


def troops(amount, qualifier="exact", *, scope="all-troops", time="2011-10", **extra):
    return {"predicate": "troop-count", "scope": scope, "time": time,
            "quantity": {"amount": amount, "qualifier": qualifier, "unit": "persons", **extra}}


def presence(category, *, scope="all-troops", **when):
    return {"predicate": "presence", "scope": scope, "category": category, **when}


def kinds(result):
    return sorted(f.kind for f in result.findings.contradictions)


def test_numeric_conflict_found_for_disjoint_figures_at_the_same_time(make_corpus):
    root = make_corpus({
        "a1": [claim("c1", "the remaining 48,000 troops", **troops(48000, time="2011-10"))],
        "a2": [claim("c1", "all 39,000 troops still there", speaker="analyst-c", **troops(39000, time="2011-10-21"))],
    })
    result = build_findings(root)
    assert kinds(result) == ["numeric-conflict"]
    finding = result.findings.contradictions[0]
    assert finding.severity == "hard" and not finding.within_article
    assert "48,000" in finding.explanation and "39,000" in finding.explanation


def test_hedged_figures_that_overlap_are_not_a_conflict(make_corpus):
    root = make_corpus({"a1": [
        claim("c1", "lost more than 4,000 troops", **troops(4000, "more-than")),
        claim("c2", "more than 4,400 were killed", speaker="analyst-c", **troops(4400, "more-than")),
        claim("c3", "about 2,500 remain", speaker="general-b", **troops(2500, "about", time="2021-07")),
        claim("c4", "2,500 are stationed", **troops(2500, time="2021-07")),
    ]})
    result = build_findings(root)
    assert result.findings.contradictions == []
    assert any(len(f.claims) >= 2 for f in result.findings.corroborations)


def test_same_figure_at_different_times_is_a_supersession_not_a_conflict(make_corpus):
    root = make_corpus({"a1": [
        claim("c1", "2,500 troops in 2021", **troops(2500, time="2021-07")),
        claim("c2", "some 2,500 troops in 2024", speaker="analyst-c", **troops(2500, "about", time="2024-09")),
        claim("c3", "39,000 troops in 2011", speaker="general-b", **troops(39000, time="2011-10")),
    ]})
    result = build_findings(root)
    assert result.findings.contradictions == []
    explained = " ".join(f.explanation for f in result.findings.supersessions)
    assert "39,000" in explained and "2,500" in explained
    assert len(result.findings.supersessions) == 2  # 39,000 -> 2,500 -> about 2,500; no skipping a step


def test_different_scopes_and_non_overlapping_times_are_not_conflicts(make_corpus):
    root = make_corpus({"a1": [
        claim("c1", "10,000 combat troops", **troops(10000, scope="combat-troops")),
        claim("c2", "2,000 trainers", speaker="analyst-c", **troops(2000, scope="trainers-advisers")),
        claim("c3", "5,000 troops last year", speaker="general-b", **troops(5000, time="2010-10")),
    ]})
    assert build_findings(root).findings.contradictions == []


def test_virtually_all_withdrawing_does_not_conflict_with_an_embassy_detachment(make_corpus):
    root = make_corpus({"a1": [
        claim("c1", "virtually all troops will withdraw by Dec. 31", speaker="wire-agency", modality="reported",
              hedge="virtually-all", **presence("withdrawn", deadline="2011-12-31")),
        claim("c2", "160 soldiers will be attached to the embassy", speaker="unnamed-officials", modality="planned",
              **troops(160, scope="embassy-detachment", time="2012")),
    ]})
    assert build_findings(root).findings.contradictions == []


def test_an_unhedged_full_withdrawal_is_in_tension_with_a_remaining_detachment(make_corpus):
    root = make_corpus({"a1": [
        claim("c1", "all troops will withdraw by Dec. 31", modality="promised",
              **presence("withdrawn", deadline="2011-12-31")),
        claim("c2", "160 soldiers will be attached to the embassy", speaker="unnamed-officials", modality="planned",
              **troops(160, scope="embassy-detachment", time="2012")),
    ]})
    result = build_findings(root)
    assert kinds(result) == ["withdrawal-vs-presence"]
    assert result.findings.contradictions[0].severity == "tension"
    assert result.findings.contradictions[0].within_article


def test_withdrawal_by_a_deadline_does_not_conflict_with_the_level_before_it(make_corpus):
    root = make_corpus({"a1": [
        claim("c1", "All troops will be out by December 31", modality="promised",
              **presence("withdrawn", deadline="2011-12-31")),
        claim("c2", "48,000 troops remain", speaker="analyst-c", **troops(48000, time="2011-10")),
    ]})
    assert build_findings(root).findings.contradictions == []


def test_full_withdrawal_versus_roles_reclassified(make_corpus):
    root = make_corpus({"a1": [
        claim("c1", "withdrawal of combat forces by the end of the year", speaker="unnamed-officials",
              modality="planned", **presence("withdrawn", scope="combat-troops", deadline="2021-12-31")),
        claim("c2", "by reclassifying on paper the roles of other forces", speaker="unnamed-officials",
              modality="planned", **presence("reclassified", scope="combat-troops", deadline="2021-12-31")),
        claim("c3", "troop levels to remain at about 2,500", speaker="general-b", modality="predicted",
              **troops(2500, "about", time={"start": "2021-07-23", "end": "2021-12-31"})),
        claim("c4", "trainers will stay", speaker="general-b", modality="predicted",
              **presence("remains", scope="trainers-advisers", time="2022")),
    ]})
    result = build_findings(root)
    findings = result.findings.contradictions
    assert kinds(result) == ["withdrawal-vs-presence", "withdrawal-vs-presence"]
    joined = {frozenset(f.refs) for f in findings}
    assert frozenset({"a1.c1", "a1.c2"}) in joined  # relabelled on paper
    assert frozenset({"a1.c1", "a1.c3"}) in joined  # while the level stays
    assert all("a1.c4" not in f.refs for f in findings)  # trainers staying is compatible
    assert all(f.severity == "tension" for f in findings)


def test_contractors_standing_in_for_withdrawn_troops(make_corpus):
    root = make_corpus({"a1": [
        claim("c1", "the final exit of all troops by the close of 2026", modality="planned",
              **presence("withdrawn", deadline="2026-12-31")),
        claim("c2", "an entire army of private contractors is expected to remain", speaker="analyst-c",
              modality="predicted", **presence("remains", scope="contractors", time="2027")),
    ]})
    result = build_findings(root)
    assert kinds(result) == ["withdrawal-vs-presence"]
    assert result.findings.contradictions[0].rules == ("withdrawal-vs-substitute",)


def test_polarity_conflict_between_a_plan_and_a_denial(make_corpus):
    root = make_corpus({"a1": [
        claim("c1", "a draft letter informing of preparations for departure", speaker="country-x",
              modality="planned", said_on="2020-01-06", **presence("withdrawn")),
        claim("c2", "there's been no decision made to leave", modality="denied", said_on="2020-01-06",
              **presence("withdrawn", polarity="negative")),
        claim("c3", "we will not leave next year", speaker="general-b", modality="denied", said_on="2025-01-06",
              **presence("withdrawn", polarity="negative")),
    ]})
    result = build_findings(root)
    assert kinds(result) == ["polarity-conflict"]
    assert result.findings.contradictions[0].refs == ["a1.c1", "a1.c2"]
    assert result.findings.contradictions[0].severity == "hard"


def test_public_versus_private_position(make_corpus):
    root = make_corpus({"a1": [
        claim("c1", "the government quietly favors the troops staying", speaker="outlet-two", modality="reported",
              subject="country-x", predicate="supports", object=S, visibility="private"),
        claim("c2", "the minister demands that all combat troops withdraw", modality="demanded",
              **presence("withdrawn", scope="combat-troops")),
    ]})
    result = build_findings(root)
    assert kinds(result) == ["public-vs-private"]


def test_public_positions_that_agree_are_not_flagged(make_corpus):
    root = make_corpus({"a1": [
        claim("c1", "the government favors the troops staying", speaker="outlet-two", modality="reported",
              subject="country-x", predicate="supports", object=S),
        claim("c2", "the minister wants the troops to stay", subject="minister-a", predicate="supports", object=S),
    ]})
    assert build_findings(root).findings.contradictions == []


def test_deadline_conflict_needs_claims_made_at_the_same_time(make_corpus):
    same_time = make_corpus({"a1": [
        claim("c1", "out by the end of 2011", **presence("withdrawn", deadline="2011-12-31")),
        claim("c2", "out by mid-2012", speaker="analyst-c", **presence("withdrawn", deadline="2012-06-30")),
    ]})
    assert kinds(build_findings(same_time)) == ["deadline-conflict"]


def test_a_deadline_revised_years_later_is_not_a_deadline_conflict(tmp_path):
    from conftest import write_corpus
    root = write_corpus(tmp_path / "c", {"a1": [
        claim("c1", "out by the end of 2011", said_on="2008", **presence("withdrawn", deadline="2011-12-31")),
        claim("c2", "out by mid-2012", speaker="analyst-c", said_on="2011-10",
              **presence("withdrawn", deadline="2012-06-30")),
    ]})
    assert build_findings(root).findings.contradictions == []


def test_framing_conflict_war_over_versus_continuing(make_corpus):
    root = make_corpus({
        "a1": [claim("c1", "the war will be over", subject="the-war", predicate="status", category="ended",
                     modality="planned", deadline="2011-12-31")],
        "a2": [claim("c1", "an almost quarter-century occupation", speaker="analyst-c", subject="the-war",
                     predicate="duration", time={"start": "2003-03-20", "end": "2026-12-31"},
                     quantity={"amount": 25, "qualifier": "almost", "unit": "years"}),
               claim("c2", "17 years of close involvement", speaker="analyst-c", subject="the-war",
                     predicate="status", category="ongoing", time={"start": "2003", "end": "2020-01-05"}),
               claim("c3", "an almost nine-year presence", speaker="general-b", subject="the-war",
                     predicate="duration", time={"start": "2003-03-20", "end": "2011-12-31"},
                     quantity={"amount": 9, "qualifier": "almost", "unit": "years"})],
    })
    result = build_findings(root)
    findings = result.findings.contradictions
    assert kinds(result) == ["framing-conflict", "framing-conflict"]
    joined = {frozenset(f.refs) for f in findings}
    assert joined == {frozenset({"a1.c1", "a2.c1"}), frozenset({"a1.c1", "a2.c2"})}
    # nine years that end when the war is declared over are consistent with it,
    # and durations over different periods are not a numeric conflict
    assert all("a2.c3" not in f.refs for f in findings)


def test_corroboration_independence_follows_attribution_chains(make_corpus):
    root = make_corpus({
        "a1": [claim("c1", "officials told the wire 2,500 remain", speaker="unnamed-officials",
                     via=["wire-agency"], **troops(2500, time="2021-07"))],
        "a2": [claim("c1", "the wire reports 2,500 remain", speaker="unnamed-officials",
                     via=["wire-agency"], **troops(2500, time="2021-07"))],
        "a3": [claim("c1", "the general says about 2,500 remain", speaker="general-b",
                     **troops(2500, "about", time="2021-07"))],
    })
    result = build_findings(root)
    by_claims = {tuple(ref.split(".")[0] for ref in f.refs): f for f in result.findings.corroborations}
    assert by_claims[("a1", "a2")].source_count == 1  # the two relays of one wire report count once
    assert by_claims[("a1", "a2", "a3")].source_count == 2


def test_reviews_survive_a_rebuild_and_orphans_are_reported(make_corpus, tmp_path):
    articles = {"a1": [claim("c1", "the remaining 48,000 troops", **troops(48000)),
                       claim("c2", "all 39,000 troops", speaker="analyst-c", **troops(39000))]}
    first = build_findings(make_corpus(articles))
    finding = first.findings.contradictions[0]
    reviews = {"reviews": [
        {"id": finding.id, "status": "dismissed", "claims": finding.refs, "reason": "different counting",
         "by": "tester", "date": "2026-11-25"},
        {"id": "numeric-conflict-0000000000", "status": "confirmed", "claims": ["a1.c1", "a9.c9"],
         "by": "tester", "date": "2026-11-25"},
    ], "manual": [
        {"id": "manual-1", "kind": "framing-conflict", "severity": "tension", "claims": ["a1.c1", "a1.c2"],
         "explanation": "an analyst's reading", "by": "tester", "date": "2026-11-25"},
    ]}
    second = build_findings(make_corpus(articles, reviews=reviews))
    again = second.findings.by_id(finding.id)
    assert (again.status, again.reason) == ("dismissed", "different counting")
    assert any("a9.c9" in problem for problem in second.findings.review_problems)
    assert [f.id for f in second.findings.hand_made] == ["manual-1"]
    assert second.findings.hand_made[0].hand_made
    assert all(not f.hand_made for f in second.findings.contradictions)


def test_a_decision_follows_its_claims_when_a_rule_change_gives_them_another_id(make_corpus):
    articles = {"a1": [claim("c1", "the remaining 48,000 troops", **troops(48000)),
                       claim("c2", "all 39,000 troops", speaker="analyst-c", **troops(39000))]}
    finding = build_findings(make_corpus(articles)).findings.contradictions[0]
    reviews = {"reviews": [
        {"id": "framing-conflict-0123456789", "status": "dismissed", "claims": list(finding.refs),
         "reason": "different counting", "by": "tester", "date": "2026-11-25"},
        {"id": "corroboration-0123456789", "status": "confirmed", "claims": list(finding.refs),
         "by": "tester", "date": "2026-11-25"},
    ]}
    again = build_findings(make_corpus(articles, reviews=reviews)).findings
    moved = again.by_id(finding.id)
    assert (moved.status, moved.reason) == ("dismissed", "different counting")
    assert any("framing-conflict-0123456789" in p and finding.id in p for p in again.review_problems)
    # a contradiction's claims never carry a corroboration's decision
    assert any(p.startswith("review corroboration-0123456789: the rules no longer find it")
               for p in again.review_problems)
    # once recorded under the current id (claimgraph decide), that decision applies and the old
    # entry stays on file without a warning
    reviews["reviews"].append({"id": finding.id, "status": "confirmed", "claims": list(finding.refs),
                               "reason": "re-read", "by": "tester", "date": "2026-12-02"})
    third = build_findings(make_corpus(articles, reviews=reviews)).findings
    assert (third.by_id(finding.id).status, third.by_id(finding.id).reason) == ("confirmed", "re-read")
    assert not any(p.startswith("review framing-conflict-0123456789") for p in third.review_problems)


def test_a_new_rule_file_is_picked_up_without_code_changes(make_corpus, tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(rules_dir(), rules)
    (rules / "same-speaker-twice.rq").write_text(
        "# Two claims by the same speaker about the same subject.\n"
        "# kind: polarity-conflict\n# severity: tension\n"
        "# explain: {a.speaker} spoke twice about {subject}.\n"
        "PREFIX cg: <https://w3id.org/claimgraph/ns#>\n"
        "SELECT ?a ?b WHERE { ?a cg:speaker ?s ; cg:proposition/cg:subject ?x . "
        "?b cg:speaker ?s ; cg:proposition/cg:subject ?x . FILTER(STR(?a) < STR(?b)) }\n", encoding="utf-8")
    root = make_corpus({"a1": [claim("c1", "2,000 in 2010", **troops(2000, time="2010")),
                               claim("c2", "3,000 in 2012", **troops(3000, time="2012"))]})
    result = build_findings(root, rules=load_rules(rules))
    assert [f.rules for f in result.findings.contradictions] == [("same-speaker-twice",)]
    assert result.findings.contradictions[0].explanation == "Minister A spoke twice about Country X forces in Country Y."


@pytest.mark.corpus
def test_quote_offset_violation_catches_a_grounding_that_does_not_match(result):
    import pyoxigraph as ox

    from claimgraph.graph.build import new_store
    from claimgraph.rules.loading import violations

    store = new_store(result.quads)
    assert violations(store, result.rules) == []
    start = next(iter(store.quads_for_pattern(None, ox.NamedNode("http://www.w3.org/ns/oa#start"), None)))
    store.remove(start)
    store.add(ox.Quad(start.subject, start.predicate,
                      ox.Literal(str(int(start.object.value) + 1), datatype=start.object.datatype), start.graph_name))
    found = violations(store, result.rules)
    assert len(found) == 1 and found[0].startswith("quote-offset-violation: ")
    assert "the quote is not at its offsets" in found[0]


def test_a_violation_rule_fails_the_build(make_corpus, tmp_path):
    from claimgraph.pipeline import BuildError

    rules = tmp_path / "rules"
    shutil.copytree(rules_dir(), rules)
    (rules / "no-denials-violation.rq").write_text(
        "# Fails when any claim is a denial.\n"
        "PREFIX cg: <https://w3id.org/claimgraph/ns#>\n"
        "SELECT ?claim ?message WHERE { ?claim cg:modality cg:denied . BIND(\"a denial\" AS ?message) }\n",
        encoding="utf-8")
    root = make_corpus({"a1": [claim("c1", "we are not leaving", modality="denied",
                                     **presence("withdrawn", polarity="negative"))]})
    with pytest.raises(BuildError, match="no-denials-violation: a1.c1 a denial"):
        build_findings(root, rules=load_rules(rules))


@pytest.mark.corpus
def test_rules_give_the_same_rows_in_threads_as_in_turn(result):
    from claimgraph.rules.engine import run_rules

    selects = [rule for rule in result.rules if not (rule.is_construct or rule.is_violation)]

    def rows(workers):
        return [sorted(tuple(str(term) for term in row.values()) for row in rule_rows)
                for rule_rows in run_rules(result.store, selects, workers=workers)]

    in_turn = rows(1)
    assert rows(4) == in_turn
    assert sum(map(len, in_turn)) > 50
