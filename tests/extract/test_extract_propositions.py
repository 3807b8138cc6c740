"""Drafted propositions: predicates from cues, subjects from the registry, placeholders, no header claims."""

from __future__ import annotations

import pytest

from claimgraph.corpus.load import load_corpus
from claimgraph.extract.candidates import PLACEHOLDER
from claimgraph.extract.evaluate import evaluate, held_out_registry
from claimgraph.extract.extractor import extract
from claimgraph.extract.text import header_spans
from claimgraph.resources import default_corpus_path, default_ontology_path


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(default_corpus_path(), default_ontology_path())


def _draft(corpus, text: str, registry=None):
    return extract(text, published="2020-01-08", publisher="reuters", entities=registry or corpus.entities,
                   vocabulary=corpus.vocabulary).candidates


def _one(corpus, text: str, start: str):
    return next(c for c in _draft(corpus, text) if c.quote.startswith(start))


def test_a_presence_sentence_gets_presence_and_the_registry_presence_topic(corpus):
    claim = _one(corpus, "Iraq presses U.S. on troop exit as Washington says forces will stay\n", "Washington says")
    assert claim.proposition["predicate"] == "presence" and claim.proposition["category"] == "remains"
    assert claim.proposition["subject"] == "us-military-presence-in-iraq"
    expelled = _one(corpus, "Parliament voted to demand that the government expel all foreign troops from Iraq.\n",
                    "Parliament")
    assert (expelled.proposition["predicate"], expelled.proposition["category"]) == ("presence", "expelled")
    assert expelled.proposition["subject"] == "foreign-military-presence-in-iraq"


def test_a_stance_has_its_holder_as_subject_and_what_it_is_about_as_object(corpus):
    text = "Hussein said that Iraq does not need the presence of foreign forces.\n"
    claim = next(c for c in _draft(corpus, text) if c.kind == "statement")
    assert claim.proposition == {"subject": "iraq", "predicate": "needs", "object": "foreign-military-presence-in-iraq",
                                 "polarity": "negative"}


def test_figures_of_troops_and_of_the_dead_name_the_presence_and_the_war(corpus):
    text = "About 5,200 U.S. troops are in Iraq. More than 4,400 American soldiers were killed in the Iraq war.\n"
    figures = {c.quote: c.proposition for c in _draft(corpus, text) if c.kind == "quantity"}
    assert figures["About 5,200 U.S. troops"]["subject"] == "us-military-presence-in-iraq"
    dead = next(p for q, p in figures.items() if q.startswith("More than 4,400"))
    assert dead["predicate"] == "casualties" and dead["subject"] == "us-war-in-iraq"


def test_no_claim_from_the_address_byline_stamp_or_dateline(corpus):
    text = ("https://www.example.org/world/2020-01-08/iraq-troops\nIraq presses U.S. on troop exit\n"
            "By Ann Lee and Bo Park | Reuters\nPublished 2020-01-08 08:15 GMT\nJanuary 8, 2020\n"
            "BAGHDAD, 2020-01-08 (Reuters) - The prime minister said on Wednesday that the vote was binding.\n")
    head = header_spans(text)
    assert len(head) == 5
    candidates = _draft(corpus, text)
    assert candidates
    for candidate in candidates:
        assert not any(s < candidate.end and candidate.start < e for s, e in head), candidate.quote
        assert "Reuters" not in candidate.quote and "GMT" not in candidate.quote


def test_what_cannot_be_guessed_is_a_marked_placeholder_never_subject_equal_to_object(corpus):
    claim = _one(corpus, "Maliki said the weather in Baghdad was pleasant.\n", "Maliki said")
    assert claim.placeholder and claim.note.startswith(PLACEHOLDER)
    for article in corpus.articles:
        annotation = article.annotation
        registry = held_out_registry(corpus, article.id)
        for candidate in extract(article.text, published=annotation.published.date, publisher=annotation.publisher,
                                 authors=annotation.authors, entities=registry,
                                 vocabulary=corpus.vocabulary).candidates:
            proposition = candidate.proposition
            assert proposition.get("object") is None or proposition["object"] != proposition["subject"], candidate.quote
            assert candidate.placeholder == (PLACEHOLDER in candidate.note)


def test_leave_one_out_proposition_agreement_holds(corpus):
    # the figures of docs/draft-quality.md; a change to the cues or the subject rules that loses them fails
    props = evaluate(corpus, leave_one_out=True).propositions
    assert props.found >= 160
    assert props.rate("predicate") >= 0.46 and props.rate("subject") >= 0.33 and props.rate("value") >= 0.37
    assert props.whole > props.found // 5


def test_forces_in_a_country_no_registry_topic_covers_are_left_to_the_reviewer(corpus):
    claim = _one(corpus, "The minister said the soldiers will stay in Norway for now.\n", "The minister")
    assert claim.placeholder and claim.proposition.get("subject") != "us-military-presence-in-iraq"
