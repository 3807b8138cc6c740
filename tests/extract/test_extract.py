"""The draft extractor: date and quantity tables, reported speech, speakers, chains.

Every registry here is made up for the test; nothing names an entity of the corpus.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from claimgraph.extract.extractor import extract, normalise_date, read_quantity, sentences
from claimgraph.corpus.interval import bounds
from claimgraph.corpus.mentions import find_dates, find_quantities
from claimgraph.corpus.models import Entity


def _date(sentence: str, published: str):
    """The first date expression found in ``sentence``, normalised with its own words around it."""
    mentions = find_dates(sentence)
    assert mentions, f"no date found in {sentence!r}"
    mention = mentions[0]
    reading = normalise_date(mention.text, published, before=sentence[:mention.start], after=sentence[mention.end:])
    return mention.text, reading


# Publication dates: Friday 21 Oct 2011 (day), July 2021 and Sept 2024 (month precision).
DATE_TABLE = [
    # sentence, published, expression found, field, value
    ("all troops will be withdrawn by the end of the year", "2011-10-21", "the end of the year", "deadline", "2011-12-31"),
    ("a deadline for the withdrawal by the end of the year", "2021-07", "the end of the year", "deadline", "2021-12-31"),
    ("Esper was adamant on Monday that no decision was made", "2011-10-21", "Monday", "time", "2011-10-17"),
    ("a deadline to be announced on Monday", "2011-10-21", "Monday", "time", "2011-10-24"),
    ("officials said on Monday that", "2021-07", "Monday", "time", "2021-07"),
    ("Only last month, the minister floated the idea", "2011-10", "last month", "time", "2011-09"),
    ("troops will withdraw as scheduled by this Dec. 31", "2011-10", "this Dec. 31", "deadline", "2011-12-31"),
    ("troops will pull out of the country by September 2025", "2024-09", "September 2025", "deadline", "2025-09"),
    ("Obama's statement on Friday ended months of speculation", "2011-10-21", "Friday", "time", "2011-10-21"),
    ("On Friday the governments reached an agreement", "2024-09", "Friday", "time", "2024-09"),
    ("the withdrawal was supposed to happen earlier this summer", "2024-09", "earlier this summer", "time",
     {"start": "2024-06", "end": "2024-08"}),
    ("to withdraw all troops by year’s end", "2011-10", "year’s end", "deadline", "2011-12-31"),
    ("with the remainder to exit by the close of 2026", "2024-09", "the close of 2026", "deadline", "2026-12-31"),
    ("protesters blocked a procession at the weekend", "2020-01-07", "the weekend", "time",
     {"start": "2020-01-04", "end": "2020-01-05"}),
    ("crowds have been protesting since October", "2020-01-07", "October", "time",
     {"start": "2019-10", "end": "2020-01-07"}),
    ("he invited him to visit the White House in December", "2011-10-21", "December", "time", "2011-12"),
    ("a peak of sectarian strife in 2006-2007", "2011-10-21", "2006-2007", "time", {"start": "2006", "end": "2007"}),
    ("the days of the economic embargo in the 1990s", "2020-01-07", "1990s", "time", {"start": "1990", "end": "1999"}),
    ("pledges going back to February 2009", "2011-10", "February 2009", "time", "2009-02"),
    ("the troop exit from Afghanistan in Aug.2021", "2024-09", "Aug.2021", "time", "2021-08"),
    ("The US said repeatedly this year it would", "2011-10-21", "this year", "time", "2011"),
    ("the ministry said yesterday", "2025-03-13", "yesterday", "time", "2025-03-12"),
    ("the union struck two weeks ago", "2025-03-13", "two weeks ago", "time", "2025-02-27"),
    ("talks could resume by the end of the month", "2025-03-13", "the end of the month", "deadline", "2025-03-31"),
    ("the minister would meet both sides this Friday", "2025-03-13", "this Friday", "time", "2025-03-14"),
    ("business leaders said earlier this week", "2025-03-13", "earlier this week", "time",
     {"start": "2025-03-10", "end": "2025-03-16"}),
    ("a mediator if no deal was reached by April 30", "2025-03-13", "April 30", "deadline", "2025-04-30"),
    ("the agreement expired at the end of last year", "2025-03-13", "the end of last year", "time", "2024-12-31"),
    ("the tweet of August 31, 2021", "2024-09", "August 31, 2021", "time", "2021-08-31"),
    ("Last Modified: 21 Oct 2011 18:53", "2011-10-21", "21 Oct 2011 18:53", "time", "2011-10-21"),
]


@pytest.mark.parametrize("sentence, published, expression, field, value", DATE_TABLE,
                         ids=[row[2] + " @" + row[1] for row in DATE_TABLE])
def test_date_expressions_normalise_against_the_publication_date(sentence, published, expression, field, value):
    found, reading = _date(sentence, published)
    assert found == expression
    assert reading is not None
    assert (reading.field, reading.value) == (field, value)
    reading.span  # the value parses as an annotation time


def test_a_relative_date_is_only_as_precise_as_the_publication_date():
    _, reading = _date("Pentagon officials said on Friday that", "2021-07")
    assert reading.value == "2021-07"
    assert "publication month" in reading.note


QUANTITY_TABLE = [
    # sentence, qualifier, amount, lower, upper, unit, interval
    ("the troop level of about 2,500", "about", 2500, None, None, "persons", (2250, 2750)),
    ("would save almost $50 billion in tax dollars", "almost", 50_000_000_000, None, None, "USD",
     (45_000_000_000, 50_000_000_000)),
    ("lost more than 4,000 troops", "more-than", 4000, None, None, "persons", (4000, 5000)),
    ("hundreds of still remaining American and Western allied troops", "hundreds-of", None, None, None, "persons",
     (200, 999)),
    ("Pentagon plans to keep tens of thousands of residual forces", "tens-of-thousands", None, None, None, "persons",
     (20000, 99999)),
    ("the idea of retaining 3-4,000 American troops behind", "range", None, 3000, 4000, "persons", (3000, 4000)),
    ("an agreement leaving a few thousand Americans behind", "a-few", 1000, None, None, "persons", (2000, 5000)),
    ("a movement which maintains 16 seats in parliament", "exact", 16, None, None, "seats", (16, 16)),
    ("support for the twenty percent Sunni population", "exact", 20, None, None, "percent", (15, 25)),
    ("After nearly nine years, the war will be over", "almost", 9, None, None, "years", (Decimal("8.1"), 9)),
    ("bringing to an end an almost nine-year presence", "almost", 9, None, None, "years", (Decimal("8.1"), 9)),
    ("Hundreds of thousands of civilians died", "hundreds-of-thousands", None, None, None, "persons",
     (200000, 999999)),
    ("Several thousands of troops died", "thousands-of", None, None, None, "persons", (2000, 9999)),
    ("a city of about half a million inhabitants", "about", 500000, None, None, "persons", (450000, 550000)),
    ("the U.S. has spent an estimated $1 trillion dollars", "about", 10**12, None, None, "USD",
     (500_000_000_000, 1_500_000_000_000)),
    ("passing by 170 ballots to none", "exact", 170, None, None, "votes", (165, 175)),
    ("dozens of districts around the country", "dozens-of", None, None, None, "districts", (24, 99)),
    ("about\u00a01,200 dockworkers", "about", 1200, None, None, "persons", (1080, 1320)),
]


@pytest.mark.parametrize("sentence, qualifier, amount, lower, upper, unit, interval", QUANTITY_TABLE,
                         ids=[row[0][:40] for row in QUANTITY_TABLE])
def test_quantities_get_their_qualifier_interval_and_unit(sentence, qualifier, amount, lower, upper, unit, interval):
    mentions = find_quantities(sentence)
    assert mentions, f"no figure found in {sentence!r}"
    reading = read_quantity(sentence, mentions[0])
    assert reading.qualifier == qualifier
    assert reading.amount == (None if amount is None else Decimal(amount))
    assert (reading.lower, reading.upper) == (None if lower is None else Decimal(lower),
                                              None if upper is None else Decimal(upper))
    assert reading.unit == unit
    assert reading.interval == tuple(Decimal(b) for b in interval)
    assert reading.interval == bounds(reading.qualifier, reading.amount, reading.lower, reading.upper)
    quote = sentence[reading.start:reading.end]
    assert mentions[0].text in quote
    if qualifier in ("about", "almost", "more-than"):   # the qualifier word is part of the quote
        assert quote.split()[0].lower() in ("about", "almost", "nearly", "more", "an", "some", "roughly")


def test_years_times_and_web_addresses_are_not_figures():
    text = "In 2011, at 18:53, see http://example.com/a?id=16026 and @user123; the 2003 invasion; one protester."
    assert find_quantities(text) == []
    assert [m.text for m in find_dates(text)] == ["2011", "18:53", "2003"]


def test_sentences_keep_a_multi_sentence_quotation_together():
    text = "“We will stay. We will not leave,” she said. The talks ended."
    assert [text[s.start:s.end] for s in sentences(text)] == [
        "“We will stay. We will not leave,” she said.", "The talks ended."]


# ------------------------------------------------------------------ statements

def _registry() -> dict[str, Entity]:
    rows = [
        Entity(id="daily-post", type="media-outlet", label="The Daily Post", aliases=["the Post", "the paper"]),
        Entity(id="wire", type="media-outlet", label="Wire Service", aliases=["WS"], wire=True),
        Entity(id="writer", type="person", label="Jo Writer"),
        Entity(id="ana-ruiz", type="person", label="Ana Ruiz", aliases=["Ruiz"],
               roles=[{"role": "Minister of Ports", "org": "ports-ministry", "start": "2020-01-01"}]),
        Entity(id="ports-ministry", type="government-body", label="Ministry of Ports", aliases=["the ministry"]),
        Entity(id="dock-union", type="organization", label="Dock Union", aliases=["the union"]),
        Entity(id="harbour-board", type="organization", label="Harbour Board", aliases=["the board"]),
        Entity(id="port-strike", type="topic", label="the port strike", aliases=["the strike"]),
    ]
    return {entity.id: entity for entity in rows}


def _draft(text: str, published: str = "2025-03-13"):
    return extract(text, published=published, publisher="daily-post", authors=["writer"], entities=_registry())


def _statements(text: str, published: str = "2025-03-13"):
    return [c for c in _draft(text, published).candidates if c.kind == "statement"]


def test_x_said_that_with_the_speaker_resolved_by_alias():
    [claim] = _statements("Ruiz said on Tuesday that the strike would end by the end of the month.")
    assert claim.speaker == "ana-ruiz"
    assert claim.quote == "Ruiz said on Tuesday that the strike would end by the end of the month"
    assert claim.said_on == "2025-03-11"
    assert claim.modality == "predicted"
    assert claim.proposition["deadline"] == "2025-03-31"


def test_quoted_speech_with_the_speaker_after_it_and_a_second_quote():
    [first, second] = _statements("“We will not back down,” said Ana Ruiz, the minister, “not this year.”")
    assert (first.quote, first.speaker) == ("We will not back down", "ana-ruiz")
    assert (second.quote, second.speaker) == ("not this year", "ana-ruiz")


def test_told_a_wire_service_makes_it_an_intermediary():
    [claim] = _statements("A senior official of the union told WS that the board had made no offer.")
    assert claim.via == ["wire"]
    assert claim.proposed_speaker == "senior-official-of-the-union"
    assert claim.speaker == "writer"          # a valid stand-in until the proposal is in the registry
    draft = _draft("A senior official of the union told WS that the board had made no offer.")
    [proposal] = draft.proposals
    assert proposal["type"] == "anonymous" and proposal["affiliation"] == "dock-union"


def test_according_to_a_paper_then_a_named_speaker_gives_a_chain():
    [claim] = _statements("According to the paper, Ruiz told port owners that the ministry would not pay.")
    assert claim.speaker == "ana-ruiz"
    assert claim.via == []                    # the publisher is never its own intermediary
    [claim] = _statements("According to WS, Ruiz told port owners that the ministry would not pay.")
    assert (claim.speaker, claim.via) == ("ana-ruiz", ["wire"])


def test_the_times_wrote_attributes_the_sentence_and_nests_the_inner_speaker():
    text = "After the vote, the union demanded the board resign, the Post wrote."
    claims = {c.speaker: c for c in _statements(text, "2025-03-13")}
    # The Post is this article's publisher: its own words need no claim, but the union's demand is relayed.
    assert claims["dock-union"].modality == "demanded"
    other = extract(text, published="2025-03-13", publisher="wire", authors=[], entities=_registry())
    inner = next(c for c in other.candidates if c.speaker == "dock-union")
    assert inner.via == ["daily-post"]


def test_a_spokesman_of_a_known_body_is_proposed_as_anonymous_with_that_affiliation():
    draft = _draft("The ministry’s spokesman said the strike was illegal.")
    [claim] = [c for c in draft.candidates if c.kind == "statement"]
    [proposal] = draft.proposals
    assert claim.proposed_speaker == proposal["id"]
    assert proposal["type"] == "anonymous" and proposal["affiliation"] == "ports-ministry"


def test_an_unknown_person_is_proposed_and_a_later_pronoun_and_surname_find_them():
    text = ("Karl Obermann, a harbour pilot, said the channel was blocked. “It is dangerous,” he said. "
            "Obermann added that ships were waiting.")
    draft = _draft(text)
    statements = [c for c in draft.candidates if c.kind == "statement"]
    assert {c.proposed_speaker for c in statements} == {"karl-obermann"}
    assert len(statements) == 3
    [proposal] = draft.proposals
    assert proposal["type"] == "person" and "Obermann" in proposal["aliases"]


def test_a_role_title_resolves_to_who_held_it_at_the_publication_date():
    [claim] = _statements("The ports minister said the port would reopen.", "2025-03-13")
    assert claim.speaker == "ana-ruiz"


def test_two_speakers_joined_by_and_each_get_the_claim():
    speakers = {c.speaker for c in _statements("The union and the board have long charged the ministry with delay.")}
    assert speakers == {"dock-union", "harbour-board"}


def test_a_thing_is_not_a_speaker_and_a_noun_is_not_a_verb():
    assert _statements("The strike added to the pressure on the ministry.") == []
    assert _statements("The reports of the board were late, and the union maintains support for the strike.") == []


def test_every_figure_and_date_gets_a_candidate_and_each_candidate_says_what_to_check():
    text = "About 300 workers struck on Monday. The board blamed the union for the strike in 2016."
    draft = _draft(text)
    kinds = sorted(c.kind for c in draft.candidates)
    assert kinds.count("quantity") == 1
    covered = [(c.start, c.end) for c in draft.candidates]
    for mention in find_quantities(text) + find_dates(text):
        assert any(s <= mention.start and mention.end <= e for s, e in covered), mention
    for candidate in draft.candidates:
        assert "check" in candidate.note
        assert text[candidate.start:candidate.end] == candidate.quote
