"""The predicate vocabulary at work on small hand-made corpora: stances through
the entity hierarchy, contrary predicates, frames, single-valued predicates,
event status and legal force, proposals, open futures, and the cases that must
never be flagged (issue: propositions that mean something)."""

from __future__ import annotations

from claimgraph.outputs.evaluate import evaluate, evaluation_text, load_list

from conftest import DATA, build_findings, write_corpus

ENTITIES = DATA / "valid" / "hierarchy-entities.yaml"


def claim(cid, quote, subject, predicate, *, speaker="analyst-c", modality="asserted", **rest):
    proposition = {"subject": subject, "predicate": predicate}
    extra = {key: rest.pop(key) for key in ("said_on", "hedge") if key in rest}
    proposition.update(rest)
    return {"id": cid, "quote": quote, "speaker": speaker, "modality": modality, **extra,
            "proposition": proposition}


def build(tmp_path, articles, **kwargs):
    return build_findings(write_corpus(tmp_path / "corpus", articles, entities=ENTITIES, **kwargs))


def found(result, kind=None):
    return [f for f in result.findings.contradictions if kind is None or f.kind == kind]


def test_needs_a_whole_against_needs_a_part_is_found_through_the_hierarchy(tmp_path):
    result = build(tmp_path, {"a1": [
        claim("c1", "Country Y does not need the presence of foreign forces", "country-y", "needs",
              object="foreign-forces", polarity="negative"),
        claim("c2", "the minister spoke of the need for Country X forces", "country-y", "needs",
              object="force-presence", speaker="minister-a"),
    ]})
    [finding] = found(result, "polarity-conflict")
    assert finding.severity == "tension" and "part" in finding.explanation


def test_not_needing_a_part_does_not_contradict_needing_the_whole(tmp_path):
    result = build(tmp_path, {"a1": [
        claim("c1", "Country Y needs foreign forces", "country-y", "needs", object="foreign-forces"),
        claim("c2", "Country Y does not need Country X forces", "country-y", "needs",
              object="force-presence", polarity="negative", speaker="general-b"),
    ]})
    assert found(result) == []


def test_contrary_predicates_are_a_hard_stance_conflict(tmp_path):
    result = build(tmp_path, {
        "a1": [claim("c1", "Country X helicopters ferried the terror group", "country-x", "aids",
                     object="terror-group", speaker="general-b")],
        "a2": [claim("c1", "Country X air power was vital against the terror group", "country-x", "fights",
                     object="terror-group")],
    })
    [finding] = found(result, "polarity-conflict")
    assert finding.severity == "hard" and not finding.within_article
    assert "help and fight" in finding.explanation


def test_implied_predicates_corroborate(tmp_path):
    result = build(tmp_path, {
        "a1": [claim("c1", "Country X fights the terror group", "country-x", "fights", object="terror-group")],
        "a2": [claim("c1", "Country X opposes the terror group", "country-x", "opposes", object="terror-group",
                     speaker="general-b")],
    })
    assert found(result) == []
    assert any(len(f.claims) == 2 for f in result.findings.corroborations)


def test_inverse_predicates_are_compared_the_same_way_round(tmp_path):
    result = build(tmp_path, {
        "a1": [claim("c1", "the umbrella includes the member militia", "umbrella-group", "includes",
                     object="member-militia")],
        "a2": [claim("c1", "the member militia is part of the umbrella", "member-militia", "part-of",
                     object="umbrella-group", speaker="general-b")],
    })
    assert len(result.findings.corroborations) == 1


def test_frames_of_one_family_leaning_opposite_ways_are_a_framing_tension(tmp_path):
    result = build(tmp_path, {
        "a1": [claim("c1", "the most important hurdle to terrorism", "umbrella-group", "characterised-as",
                     frame="counter-terror-force")],
        "a2": [claim("c1", "proxy militias serving a foreign power", "member-militia", "characterised-as",
                     frame="proxy-militia", speaker="general-b")],
    })
    [finding] = found(result, "framing-conflict")
    assert finding.severity == "tension"


def test_two_parts_of_one_whole_are_not_compared(tmp_path):
    result = build(tmp_path, {"a1": [
        claim("c1", "the member militia fights the terror group", "member-militia", "fights", object="terror-group"),
        claim("c2", "another militia aids the terror group", "other-militia", "aids", object="terror-group",
              speaker="general-b"),
    ]})
    assert found(result) == []


def test_one_act_with_two_unrelated_agents_is_an_agent_conflict(tmp_path):
    result = build(tmp_path, {"a1": [
        claim("c1", "parliament refused immunity", "immunity-refusal", "carried-out-by", object="parliament-y"),
        claim("c2", "Country X military refused to stay", "country-x", "carried-out", object="immunity-refusal",
              speaker="general-b"),
        claim("c3", "Country Y refused immunity", "immunity-refusal", "carried-out-by", object="country-y",
              speaker="minister-a"),
    ]})
    joined = [{ref.split(".")[-1] for ref in f.refs} for f in found(result, "agent-conflict")]
    # Country X against each account; parliament is part of Country Y, so those two agree
    assert sorted(map(sorted, joined)) == [["c1", "c2"], ["c2", "c3"]]
    assert all(f.severity == "tension" for f in found(result))


def test_credit_for_an_outcome_given_to_different_causes_is_a_framing_tension(tmp_path):
    result = build(tmp_path, {
        "a1": [claim("c1", "a victory for the peace movement", "the-withdrawal", "brought-about-by",
                     object="peace-movement")],
        "a2": [claim("c1", "the date set by the predecessor's agreement", "the-withdrawal", "brought-about-by",
                     object="old-agreement", speaker="general-b")],
    })
    [finding] = found(result, "framing-conflict")
    assert finding.severity == "tension"


def test_event_status_and_legal_force_conflicts_come_from_the_axioms(tmp_path):
    result = build(tmp_path, {"a1": [
        claim("c1", "the deal was announced on Friday", "the-deal", "event-status", category="announced"),
        claim("c2", "just a question of when to announce it", "the-deal", "event-status",
              category="not-yet-announced", speaker="general-b"),
        claim("c3", "directing the government to expel the troops", "the-resolution", "legal-force", category="binding"),
        claim("c4", "a non-binding resolution", "the-resolution", "legal-force", category="non-binding",
              speaker="minister-a"),
    ]})
    assert sorted(f.kind for f in found(result)) == ["event-status-conflict", "legal-force-conflict"]


def test_proposals_are_compared_with_proposals_not_with_counts(tmp_path):
    def size(amount, qualifier="exact", **extra):
        return {"scope": "residual-force", "time": "2012",
                "quantity": {"amount": amount, "qualifier": qualifier, "unit": "persons", **extra}}
    result = build(tmp_path, {"a1": [
        claim("c1", "plans to keep tens of thousands of residual forces", "force-presence", "troop-count",
              modality="planned", **size(None, "tens-of-thousands")),
        claim("c2", "floated the idea of retaining 3-4,000", "force-presence", "troop-count", modality="planned",
              speaker="minister-a", **size(None, "range", lower=3000, upper=4000)),
        claim("c3", "48,000 troops remain", "force-presence", "troop-count", speaker="general-b",
              scope="all-troops", time="2011-10", quantity={"amount": 48000, "unit": "persons"}),
    ]})
    [finding] = found(result)
    assert finding.kind == "numeric-conflict" and finding.severity == "tension"
    assert {ref.split(".")[-1] for ref in finding.refs} == {"c1", "c2"}


def test_an_open_future_is_not_set_against_the_present(tmp_path):
    result = build(tmp_path, {"a1": [
        claim("c1", "the troops will withdraw", "force-presence", "presence", category="withdrawn",
              scope="all-troops", time="future", modality="predicted"),
        claim("c2", "the troops remain for now", "force-presence", "presence", category="remains",
              scope="all-troops", speaker="general-b"),
    ]})
    assert found(result) == []


def test_a_relative_date_is_read_against_the_publication_date(tmp_path):
    result = build(tmp_path, {"a1": [
        claim("c1", "last month the minister floated 3,000", "force-presence", "troop-count", said_on="last-month",
              modality="planned", speaker="minister-a", scope="residual-force", time="2012",
              quantity={"amount": 3000, "unit": "persons"}),
    ]}, published="2011-10-21")
    [record] = result.records.values()
    assert record.said == "2011-09"


def test_two_reports_a_day_apart_of_one_statement_overlap(tmp_path):
    result = build(tmp_path, {
        "a1": [claim("c1", "Country Y opposes the foreign forces", "country-y", "opposes", object="foreign-forces")],
    }, published="2011-10-21")
    root = write_corpus(tmp_path / "corpus", {
        "a2": [claim("c1", "Country Y supports the foreign forces", "country-y", "supports", object="foreign-forces",
                     speaker="general-b")],
    }, entities=ENTITIES, published="2011-10-22")
    result = build_findings(root)
    assert [f.kind for f in found(result)] == ["polarity-conflict"]


# ------------------------------------------------------------- no crying wolf

def test_virtually_all_withdrawing_is_not_set_against_all_withdrawing(tmp_path):
    result = build(tmp_path, {"a1": [
        claim("c1", "virtually all troops will withdraw by Dec. 31", "force-presence", "presence",
              category="withdrawn", scope="all-troops", deadline="2011-12-31", hedge="virtually-all",
              modality="reported"),
        claim("c2", "all troops will be withdrawn by the end of the year", "force-presence", "presence",
              category="withdrawn", scope="all-troops", deadline="2011-12-31", modality="planned",
              speaker="minister-a"),
    ]})
    assert found(result) == []


def test_one_deadline_written_three_ways_is_not_a_deadline_conflict(tmp_path):
    result = build(tmp_path, {"a1": [
        claim("c1", "all troops out by Dec. 31", "force-presence", "presence", category="withdrawn",
              scope="all-troops", deadline="2011-12-31", modality="planned"),
        claim("c2", "the agreement requiring all forces to leave by 2012", "force-presence", "presence",
              category="withdrawn", scope="all-troops", deadline="2011-12-31", modality="planned",
              speaker="general-b"),
        claim("c3", "come January 1, 2012, no troops remain", "force-presence", "presence", category="withdrawn",
              scope="all-troops", deadline="2012-01-01", modality="planned", speaker="minister-a"),
    ]})
    assert found(result) == []


def test_a_small_reduction_is_not_set_against_remaining_at_about_the_same_level(tmp_path):
    result = build(tmp_path, {"a1": [
        claim("c1", "removing a small but unspecified number of the 2,500 forces", "force-presence", "presence",
              category="reduced", scope="all-troops", deadline="2021-12-31", hedge="a-small-number",
              modality="planned"),
        claim("c2", "troop levels will remain at their current level of about 2,500", "force-presence", "presence",
              category="remains", scope="all-troops", time={"start": "2021-07", "end": "2021-12-31"},
              modality="predicted", speaker="general-b"),
        claim("c3", "officials put the force at about 2,500", "force-presence", "troop-count", scope="all-troops",
              time="2021-07", quantity={"amount": 2500, "qualifier": "about", "unit": "persons"},
              speaker="general-b"),
    ]})
    assert found(result) == []


def test_findings_ids_survive_an_unrelated_article_and_within_article_is_exact(tmp_path):
    articles = {
        "a1": [claim("c1", "Country X fights the terror group", "country-x", "fights", object="terror-group")],
        "a2": [claim("c1", "Country X opposes the terror group", "country-x", "opposes", object="terror-group",
                     speaker="general-b"),
               claim("c2", "Country X aids the terror group", "country-x", "aids", object="terror-group",
                     speaker="general-b")],
    }
    before = build(tmp_path / "one", articles)
    articles["a0"] = [claim("c1", "the peace movement marched", "peace-movement", "took-part-in",
                            object="the-withdrawal")]
    after = build(tmp_path / "two", articles)
    assert sorted(f.id for f in before.findings.all()) == sorted(f.id for f in after.findings.all())
    assert after.findings.contradictions
    assert all(f.within_article == (len({ref.split(".")[0] for ref in f.refs}) == 1) for f in after.findings.all())


# ------------------------------------------------------------- evaluate

def test_evaluate_scores_found_missed_and_false_flags(tmp_path):
    result = build(tmp_path, {"a1": [
        claim("c1", "Country X helicopters ferried the terror group", "country-x", "aids", object="terror-group"),
        claim("c2", "Country X air power was vital against the terror group", "country-x", "fights",
              object="terror-group", speaker="general-b"),
        claim("c3", "Country X is allied with Country Y", "country-x", "allied-with", object="country-y"),
        claim("c4", "Country X works with Country Y", "country-x", "aligned-with", object="country-y",
              speaker="minister-a"),
    ]})
    listing = tmp_path / "list.yaml"
    listing.write_text("""
contradictions:
  - {id: x1, severity: hard, kind: stance, a: {article: a1, quote: "helicopters ferried"}, b: {article: a1, quote: "vital against"}}
  - {id: x2, severity: tension, kind: stance, a: {article: a1, quote: "allied with Country Y"}, b: {article: a1, quote: "works with Country Y"}}
compatible:
  - {id: ok1, a: {article: a1, quote: "allied with Country Y"}, b: {article: a1, quote: "ferried the terror group"}}
corroborations:
  - {id: r1, a: {article: a1, quote: "allied with Country Y"}, b: {article: a1, quote: "works with Country Y"}}
  - {id: r2, a: {article: a1, quote: "not in the text"}, b: {article: a1, quote: "works with"}}
""", encoding="utf-8")
    evaluation = evaluate(result, load_list(listing))
    assert evaluation.count("contradictions") == (1, 2)
    assert evaluation.by("contradictions", "severity") == {"hard": (1, 1), "tension": (0, 1)}
    assert evaluation.count("compatible") == (0, 1)
    assert evaluation.count("corroborations") == (1, 2)
    text = evaluation_text(evaluation, verbose=True)
    assert "contradictions found: 1/2 = 50%" in text and "r2" in text and "not in the article" in text


def test_a_stance_on_an_event_is_the_opposite_stance_on_the_state_it_ends(tmp_path):
    result = build(tmp_path, {"a1": [
        claim("c1", "Country Y favoured the pull-out", "country-y", "supports", object="pullout"),
        claim("c2", "Country Y wants Country X forces to stay", "country-y", "supports", object="force-presence",
              speaker="minister-a"),
        claim("c3", "Country Y is against Country X forces being there", "country-y", "opposes",
              object="force-presence", speaker="general-b"),
    ]})
    joined = sorted(sorted(ref.split(".")[-1] for ref in f.refs) for f in found(result, "polarity-conflict"))
    assert joined == [["c1", "c2"], ["c2", "c3"]]
    assert any({"c1", "c3"} <= {ref.split(".")[-1] for ref in f.refs} for f in result.findings.corroborations)


def test_an_attitude_takes_an_embedded_proposition(tmp_path):
    result = build(tmp_path, {"a1": [
        claim("c1", "Country Y believes it can push the foreign forces out", "country-y", "believes",
              proposition={"subject": "country-y", "predicate": "opposes", "object": "foreign-forces"},
              speaker="analyst-c"),
    ]})
    [record] = result.records.values()
    assert record.value == "that Country Y opposes foreign forces in Country Y"
    assert result.shacl.conforms


def test_an_attitude_without_its_proposition_is_one_clear_error(tmp_path):
    import pytest
    from claimgraph.corpus.problems import CorpusError
    with pytest.raises(CorpusError, match=r"predicate 'believes' takes a proposition \(proposition:\), not an entity"):
        build(tmp_path, {"a1": [claim("c1", "Country Y believes in the forces", "country-y", "believes",
                                      object="foreign-forces")]})


def test_a_corpus_vocabulary_adds_a_frame_without_touching_the_ontology(tmp_path):
    root = write_corpus(tmp_path / "corpus", {"a1": [
        claim("c1", "the occupation of Country Y", "force-presence", "characterised-as", frame="occupation"),
        claim("c2", "the forces that freed Country Y", "force-presence", "characterised-as", frame="liberation",
              speaker="general-b"),
    ]}, entities=ENTITIES)
    (root / "vocabulary.ttl").write_text(
        "@prefix cg: <https://w3id.org/claimgraph/ns#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        'cg:liberation a cg:Frame ; skos:broader cg:presence-frames ; cg:valence "positive" ;\n'
        '    rdfs:label "liberation" ; skos:definition "A foreign presence that freed the country." .\n',
        encoding="utf-8")
    result = build_findings(root)
    [finding] = found(result, "framing-conflict")
    assert "liberation" in finding.explanation
    from claimgraph.outputs.report import summary_text
    assert "corpus vocabulary: 1 term (liberation)" in summary_text(result)


def test_a_corpus_vocabulary_term_without_a_label_is_one_located_error(tmp_path):
    import pytest
    from claimgraph.corpus.problems import CorpusError
    root = write_corpus(tmp_path / "corpus", {"a1": [
        claim("c1", "the occupation of Country Y", "force-presence", "characterised-as", frame="occupation")]},
        entities=ENTITIES)
    (root / "vocabulary.ttl").write_text(
        "@prefix cg: <https://w3id.org/claimgraph/ns#> .\n\ncg:liberation a cg:Frame .\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"vocabulary.ttl:3: term 'liberation' needs an rdfs:label"):
        build_findings(root)


def test_a_hierarchy_link_to_an_unknown_entity_is_one_located_error(tmp_path):
    import pytest
    from claimgraph.corpus.problems import CorpusError
    entities = tmp_path / "entities.yaml"
    entities.write_text(ENTITIES.read_text(encoding="utf-8")
                        + "- {id: stray, type: topic, label: a stray, part_of: [nowhere]}\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"entities/test.yaml:\d+: \[\d+\]\(stray\).part_of: unknown entity 'nowhere'"):
        build_findings(write_corpus(tmp_path / "corpus", {"a1": [
            claim("c1", "Country Y needs foreign forces", "country-y", "needs", object="foreign-forces")]},
            entities=entities))


def test_a_delay_against_a_later_deadline_for_what_the_event_ends(tmp_path):
    result = build(tmp_path, {"a1": [
        claim("c1", "the pull-out was supposed to happen this summer but was put on hold", "pullout-2024",
              "event-status", category="delayed", time={"start": "2024-06", "end": "2024-08"}),
        claim("c2", "the remainder to exit by the close of 2026", "force-presence", "presence", category="withdrawn",
              scope="all-troops", deadline="2026-12-31", modality="planned", speaker="general-b"),
        claim("c3", "in January they were due out by May", "force-presence", "presence", category="withdrawn",
              scope="all-troops", deadline="2024-05-31", modality="planned", speaker="minister-a", said_on="2024-01"),
    ]}, published="2024-09-06")
    [finding] = found(result, "deadline-conflict")
    assert {ref.split(".")[-1] for ref in finding.refs} == {"c1", "c2"} and finding.severity == "tension"


# ---------------------------------------------- forecasts, counts, lasting stances

def _two_dates(tmp_path, first, first_date, second, second_date):
    write_corpus(tmp_path / "corpus", {"a1": first}, entities=ENTITIES, published=first_date)
    return build_findings(write_corpus(tmp_path / "corpus", {"a2": second}, entities=ENTITIES,
                                       published=second_date))


def test_a_settled_state_reported_after_a_forecast_belies_it(tmp_path):
    result = _two_dates(tmp_path,
                        [claim("c1", "talks will continue", "the-deal", "status", category="ongoing",
                               time="future", modality="predicted")], "2011-10-15",
                        [claim("c1", "the talks broke down", "the-deal", "status", category="ended",
                               time="2011-10-21", speaker="general-b")], "2011-10-22")
    [finding] = found(result)
    assert finding.severity == "tension" and not finding.within_article


def test_a_settled_state_before_the_forecast_or_an_unsettled_one_after_it_is_not_flagged(tmp_path):
    result = _two_dates(tmp_path,
                        [claim("c1", "the troops will withdraw", "force-presence", "presence", category="withdrawn",
                               scope="all-troops", time="future", modality="predicted"),
                         claim("c2", "talks will continue", "the-deal", "status", category="ongoing",
                               time="future", modality="predicted")], "2011-10-15",
                        [claim("c1", "the troops remain a month on", "force-presence", "presence",
                               category="remains", scope="all-troops", time="2011-11-20", speaker="general-b"),
                         claim("c2", "the talks had broken down in the summer", "the-deal", "status",
                               category="ended", time="2011-07", speaker="general-b")], "2011-11-21")
    assert found(result) == []


def test_a_count_restates_the_state_it_counts_but_two_counts_meet_only_by_their_figures(tmp_path):
    result = build(tmp_path, {"a1": [
        claim("c1", "about 2,500 troops are in the country", "force-presence", "troop-count", scope="all-troops",
              quantity={"amount": 2500, "qualifier": "about", "unit": "persons"}),
        claim("c2", "the troops stay", "force-presence", "presence", category="remains", scope="all-troops",
              speaker="general-b"),
        claim("c3", "5,000 troops are in the country", "force-presence", "troop-count", scope="all-troops",
              quantity={"amount": 5000, "unit": "persons"}, speaker="minister-a"),
    ]})
    pairs = {frozenset(ref.split(".")[-1] for ref in f.refs) for f in result.findings.corroborations}
    assert {"c1", "c2"} <= set().union(*pairs) and {"c3", "c2"} <= set().union(*pairs)
    assert all(not {"c1", "c3"} <= pair for pair in pairs)


def test_a_lasting_stance_restated_years_later_corroborates_but_a_state_does_not(tmp_path):
    result = _two_dates(tmp_path,
                        [claim("c1", "Country X wants the forces out", "country-x", "supports", object="pullout"),
                         claim("c2", "the troops remain", "force-presence", "presence", category="remains",
                               scope="all-troops")], "2011-10-15",
                        [claim("c1", "Country X has long opposed the forces", "country-x", "opposes",
                               object="force-presence", speaker="general-b"),
                         claim("c2", "the troops remain", "force-presence", "presence", category="remains",
                               scope="all-troops", speaker="general-b")], "2020-01-06")
    [finding] = result.findings.corroborations
    assert {ref.split(".")[-1] for ref in finding.refs} == {"c1"} and not finding.within_article


def test_a_positive_claim_about_part_of_an_object_restates_one_about_the_whole(tmp_path):
    result = build(tmp_path, {"a1": [
        claim("c1", "Country Y needs Country X forces", "country-y", "needs", object="force-presence"),
        claim("c2", "Country Y needs foreign forces", "country-y", "needs", object="foreign-forces",
              speaker="general-b"),
        claim("c3", "Country Y does not need Country X forces", "country-y", "needs", object="force-presence",
              polarity="negative", speaker="minister-a"),
        claim("c4", "Country Y does not need foreign forces", "country-y", "needs", object="foreign-forces",
              polarity="negative", speaker="analyst-c"),
    ]})
    pairs = {frozenset(ref.split(".")[-1] for ref in f.refs) for f in result.findings.corroborations}
    assert pairs == {frozenset({"c1", "c2"})}


def test_a_demand_is_read_as_the_demanders_stance(tmp_path):
    result = build(tmp_path, {
        "a1": [claim("c1", "the parliament demanded the troops be expelled", "force-presence", "presence",
                     category="expelled", scope="all-troops", modality="demanded", speaker="parliament-y")],
        "a2": [claim("c1", "the parliament has long worked to force the troops out", "parliament-y", "opposes",
                     object="force-presence", speaker="general-b"),
               claim("c2", "the parliament backs the foreign forces", "parliament-y", "supports",
                     object="force-presence", speaker="analyst-c")],
    })
    corroborated = {frozenset(f.refs) for f in result.findings.corroborations}
    assert corroborated == {frozenset({"a1.c1", "a2.c1"})}
    conflicts = {frozenset(f.refs): f.severity for f in found(result, "polarity-conflict")}
    assert conflicts == {frozenset({"a1.c1", "a2.c2"}): "tension", frozenset({"a2.c1", "a2.c2"}): "hard"}


def test_a_figure_reported_again_days_later_is_the_same_fact_but_not_months_later(tmp_path):
    write_corpus(tmp_path / "corpus", {"a1": [
        claim("c1", "all 39,000 troops still in the country", "force-presence", "troop-count", scope="all-troops",
              time="2011-10-15", quantity={"amount": 39000, "unit": "persons"})]}, entities=ENTITIES,
        published="2011-10-15")
    write_corpus(tmp_path / "corpus", {"a2": [
        claim("c1", "the 39,000 troops stationed there", "force-presence", "troop-count", scope="all-troops",
              time="2011-10-21", quantity={"amount": 39000, "unit": "persons"}, speaker="general-b")]},
        entities=ENTITIES, published="2011-10-21")
    result = build_findings(write_corpus(tmp_path / "corpus", {"a3": [
        claim("c1", "39,000 troops in the country", "force-presence", "troop-count", scope="all-troops",
              time="2012-03-01", quantity={"amount": 39000, "unit": "persons"}, speaker="minister-a")]},
        entities=ENTITIES, published="2012-03-01"))
    assert [sorted(f.refs) for f in result.findings.corroborations] == [["a1.c1", "a2.c1"]]
    assert found(result) == []


def test_a_negated_category_restates_its_complement(tmp_path):
    result = build(tmp_path, {"a1": [
        claim("c1", "it is not the right time to pull out", "force-presence", "presence", category="withdrawn",
              polarity="negative", scope="all-troops"),
        claim("c2", "the troops stay for now", "force-presence", "presence", category="remains", scope="all-troops",
              speaker="general-b"),
        claim("c3", "the troops are not reduced", "force-presence", "presence", category="reduced",
              polarity="negative", scope="all-troops", speaker="minister-a"),
    ]})
    assert [sorted(f.refs) for f in result.findings.corroborations] == [["a1.c1", "a1.c2"]]
    assert found(result) == []


def test_an_events_status_restates_what_it_says_of_the_state_the_event_ends(tmp_path):
    result = build(tmp_path, {"a1": [
        claim("c1", "no decision has been made to pull out", "pullout", "event-status", category="decided",
              polarity="negative", modality="denied", time="2020-01-06"),
        claim("c2", "it is not the right time to pull out", "force-presence", "presence", category="withdrawn",
              polarity="negative", scope="all-troops", speaker="general-b", time="2020-01-07"),
        claim("c3", "the troops stay for now", "force-presence", "presence", category="remains", scope="all-troops",
              speaker="minister-a", time="2020-01-06"),
        # the deal ends nothing in the registry: its status says nothing of the forces
        claim("c4", "no decision has been made on the deal", "the-deal", "event-status", category="decided",
              polarity="negative", speaker="analyst-c", time="2020-01-06"),
    ]})
    pairs = {frozenset(ref.split(".")[-1] for ref in f.refs) for f in result.findings.corroborations}
    assert {frozenset({"c1", "c2"}), frozenset({"c1", "c3"})} <= pairs
    assert all("c4" not in pair for pair in pairs)
    assert found(result) == []


def test_a_completed_event_restates_the_end_of_the_state_but_a_decision_to_end_it_does_not(tmp_path):
    result = build(tmp_path, {"a1": [
        claim("c1", "the pull-out was completed", "pullout", "event-status", category="completed", time="2011-12"),
        claim("c2", "the last troops have left", "force-presence", "presence", category="withdrawn",
              scope="all-troops", speaker="general-b", time="2011-12"),
        claim("c3", "the pull-out has been decided", "pullout-2024", "event-status", category="decided",
              speaker="minister-a", time="2024-09"),
        claim("c4", "the troops have left", "force-presence", "presence", category="withdrawn",
              scope="all-troops", speaker="analyst-c", time="2024-09"),
    ]})
    pairs = {frozenset(ref.split(".")[-1] for ref in f.refs) for f in result.findings.corroborations}
    assert frozenset({"c1", "c2"}) in pairs
    assert all("c3" not in pair for pair in pairs)


def test_relabelled_forces_restate_forces_staying_in_the_role_they_are_relabelled_as(tmp_path):
    result = build(tmp_path, {"a1": [
        claim("c1", "by reclassifying on paper the roles of the combat forces", "force-presence", "presence",
              category="reclassified", scope="combat-troops"),
        claim("c2", "the forces will go on training and advising", "force-presence", "presence",
              category="remains", scope="trainers-advisers", speaker="general-b"),
        claim("c3", "the embassy guard stays", "force-presence", "presence", category="remains",
              scope="embassy-detachment", speaker="minister-a"),
    ]})
    pairs = {frozenset(ref.split(".")[-1] for ref in f.refs) for f in result.findings.corroborations}
    assert frozenset({"c1", "c2"}) in pairs and frozenset({"c1", "c3"}) not in pairs


def test_a_state_stated_again_within_a_week_is_the_same_fact_but_not_a_month_later(tmp_path):
    result = build(tmp_path, {"a1": [
        claim("c1", "the troops stay", "force-presence", "presence", category="remains", scope="all-troops",
              time="2020-01-06"),
        claim("c2", "the troops are staying", "force-presence", "presence", category="remains", scope="all-troops",
              speaker="general-b", time="2020-01-10"),
        claim("c3", "the troops are still there", "force-presence", "presence", category="remains",
              scope="all-troops", speaker="minister-a", time="2020-02-20"),
    ]})
    assert [sorted(f.refs) for f in result.findings.corroborations] == [["a1.c1", "a1.c2"]]
