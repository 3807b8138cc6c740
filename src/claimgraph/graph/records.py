"""Flat, display-ready records of the claims in a built graph.

Reports, the CLI, the HTML views and the notebook API all show claims the
same way. :func:`claim_records` reads them from a store (a graph loaded
from a file); :func:`corpus_records` makes the same records straight from a
validated corpus, which is what the build does: the store's query results
cost 10 s of Python conversion at 100k claims. A test holds the two equal.
"""

from __future__ import annotations

import functools
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pyoxigraph as ox

from claimgraph.namespaces import ID_IRI, claim_iri
from claimgraph.graph.sparql import term_value
from claimgraph.resources import internal_query


if TYPE_CHECKING:
    from claimgraph.corpus.load import Corpus

__all__ = ["ClaimRecord", "claim_records", "corpus_records", "claim_ref", "format_number", "outlet_name",
           "UNKNOWN_OUTLET"]

# Narrow queries joined in Python (see graph/internal/records-*.rq).
_CLAIMS = internal_query("records-claims")
_PROPOSITIONS = internal_query("records-propositions")
_AUTHORS = internal_query("records-authors")
_QUANTITIES = internal_query("records-quantities")

_VIA = internal_query("records-via")


def embedded_text(subject: str | None, predicate: str | None, obj: str | None, polarity: str | None) -> str | None:
    """An embedded proposition in words.

    Examples
    --------
    >>> embedded_text("Iran", "opposes", "US military presence in Iraq", "positive")
    'that Iran opposes US military presence in Iraq'
    >>> embedded_text("Iraq", "needs", "foreign forces", "negative") is None, embedded_text(None, None, None, None)
    (False, None)
    """
    if subject is None or predicate is None:
        return None
    negated = "not " if polarity == "negative" else ""
    return " ".join(part for part in ("that", subject, negated + predicate, obj) if part)


def _embedded(prop, entities, labels) -> str | None:
    if prop is None:
        return None
    obj = (entities[prop.object].label if prop.object else labels.get(prop.category or prop.frame or "", None))
    return embedded_text(entities[prop.subject].label, labels[prop.predicate], obj, prop.polarity)


def format_number(value: float | int | None) -> str:
    """Group thousands, drop a zero fraction.

    Examples
    --------
    >>> format_number(39000.0), format_number(22.5), format_number(None)
    ('39,000', '22.5', '')
    """
    if value is None:
        return ""
    value = float(value)
    if value.is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def claim_ref(iri: str) -> str:
    """Short reference ``<article>.<claim>`` of a claim IRI."""
    return iri.removeprefix(f"{ID_IRI}claim/")


UNKNOWN_OUTLET = "unknown outlet"


def outlet_name(label: str) -> str:
    """An outlet as a reader should see it: its name, or "unknown outlet"
    for a registry placeholder such as "Unidentified outlet of article 000"
    (the registry and the graph keep the placeholder's own label).

    >>> outlet_name("Unidentified outlet of article 000"), outlet_name("Al Jazeera")
    ('unknown outlet', 'Al Jazeera')
    """
    return UNKNOWN_OUTLET if label.strip().lower().startswith(("unidentified outlet", "unknown outlet")) else label


@dataclass
class ClaimRecord:
    """Everything shown about one claim."""

    iri: str
    ref: str
    claim_id: str
    article: str
    article_title: str
    publisher: str
    author: str | None
    speaker_id: str
    speaker: str
    speaker_type: str
    said: str
    said_start: str
    modality: str
    hedge: str | None
    quote: str
    start: int
    end: int
    subject_id: str
    subject: str
    property: str
    scope: str | None
    category: str | None
    entity_id: str | None
    entity: str | None
    amount: float | None
    qualifier: str | None
    lower: float | None
    upper: float | None
    unit: str | None
    polarity: str
    visibility: str
    time: str
    time_start: str
    time_end: str
    is_deadline: bool
    deprecated: bool
    via: list[str] = field(default_factory=list)
    via_ids: list[str] = field(default_factory=list)
    frame: str | None = None
    embedded: str | None = None

    @functools.cached_property
    def value(self) -> str:
        """The proposition's value as words: a category, an entity or an interval."""
        if self.category:
            return self.category
        if self.frame:
            return self.frame
        if self.embedded:
            return self.embedded
        if self.entity:
            return self.entity
        if self.lower is None:
            return ""
        interval = (format_number(self.lower) if self.lower == self.upper
                    else f"{format_number(self.lower)}–{format_number(self.upper)}")
        worded = (f"{self.qualifier.replace('-', ' ')} {format_number(self.amount)}".strip()
                  if self.qualifier not in (None, "exact", "range") else format_number(self.amount))
        if not worded or self.qualifier == "range":
            worded = interval
        return f"{worded} {self.unit} [{interval}]"

    @property
    def when(self) -> str:
        return f"by {self.time}" if self.is_deadline else self.time

    @property
    def scope_when(self) -> str:
        """Scope and time together, e.g. ``combat troops, by 2021-12-31``."""
        return ", ".join(part for part in (self.scope, self.when) if part)

    @property
    def favours(self) -> str:
        return "opposes" if self.polarity == "negative" else "favours"

    @property
    def stance(self) -> str:
        return "does not hold" if self.polarity == "negative" else "holds"

    @property
    def chain(self) -> str:
        """Author → intermediaries → speaker."""
        links = [self.author or self.publisher, *self.via, self.speaker]
        return " → ".join(link for index, link in enumerate(links) if index == 0 or link != links[index - 1])

    @property
    def sources(self) -> frozenset[str]:
        """The speaker and every intermediary: what independence is judged on."""
        return frozenset([self.speaker_id, *self.via_ids])

    @property
    def statement(self) -> str:
        """What the claim says, in words: ``Iraq needs: not foreign forces, 2021-07``."""
        return self.summary()

    def summary(self) -> str:
        neg = "not " if self.polarity == "negative" else ""
        scope = f" ({self.scope})" if self.scope else ""
        return f"{self.subject} {self.property}{scope}: {neg}{self.value}, {self.when}"


def _id(iri: str | None) -> str | None:
    if iri is None:
        return None
    return iri.rsplit("/", 1)[-1]


# Columns holding typed literals; every other column is an IRI or a plain
# string, read with ``.value`` (term_value on every cell is a third of the
# time at 100k claims).
_TYPED = {"start", "end", "deprecated", "deadline", "amount", "lower", "upper", "position"}


def _rows(store: ox.Store, query: str) -> dict[str, dict]:
    solutions = store.query(query, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    claim = names.index("claim")
    rows: dict[str, dict] = {}
    for solution in solutions:
        terms = list(solution)
        if terms[claim].value in rows:
            continue
        rows[terms[claim].value] = {
            name: (term_value(term) if name in _TYPED else term.value) if term is not None else None
            for name, term in zip(names, terms, strict=True)}
    return rows


def claim_records(store: ox.Store) -> dict[str, ClaimRecord]:
    """All claims in the store, keyed by IRI, in article and claim order.

    The narrow queries run concurrently: Oxigraph evaluates without the GIL.
    """
    records: dict[str, ClaimRecord] = {}
    with ThreadPoolExecutor(max_workers=3) as pool:
        reading = [pool.submit(_rows, store, query) for query in (_CLAIMS, _PROPOSITIONS, _QUANTITIES)]
        authors: dict[str, list[str]] = {}
        for solution in store.query(_AUTHORS, use_default_graph_as_union=True):
            authors.setdefault(solution["article"].value, []).append(solution["author"].value)
        claims, propositions, quantities = (future.result() for future in reading)
    for iri, v in claims.items():
        p = propositions.get(iri)
        if p is None:
            continue
        q = quantities.get(iri, {})
        records[iri] = ClaimRecord(
            iri=iri, ref=claim_ref(iri), claim_id=v["claimId"], article=v["article"], article_title=v["title"],
            publisher=outlet_name(v["publisher"]), author=" and ".join(authors.get(v["article"], [])) or None, speaker_id=_id(v["speaker"]), speaker=v["speakerLabel"],
            speaker_type=v["speakerType"], said=v["said"], said_start=v["saidStart"], modality=v["modality"],
            hedge=v["hedge"], quote=v["quote"], start=v["start"], end=v["end"], subject_id=_id(p["subject"]),
            subject=p["subjectLabel"], property=p["property"], scope=p["scope"], category=p["category"],
            entity_id=_id(p["entity"]), entity=p["entityLabel"], amount=q.get("amount"), qualifier=q.get("qualifier"),
            lower=q.get("lower"), upper=q.get("upper"), unit=q.get("unit"), polarity=p["polarity"],
            visibility=p["visibility"], time=p["time"], time_start=p["timeStart"], time_end=p["timeEnd"],
            is_deadline=p["deadline"], deprecated=v["deprecated"], frame=p["frame"],
            embedded=embedded_text(p["eSubject"], p["ePredicate"], p["eObject"], p["ePolarity"]),
        )
    chains: dict[str, list[tuple[int, str, str]]] = {}
    for row in store.query(_VIA, use_default_graph_as_union=True):
        chains.setdefault(row["claim"].value, []).append(
            (int(row["position"].value), _id(row["agent"].value), row["label"].value))
    for iri, links in chains.items():
        if iri in records:
            links.sort()
            records[iri].via_ids = [agent for _, agent, _ in links]
            records[iri].via = [label for _, _, label in links]
    return dict(sorted(records.items(), key=lambda item: (item[1].article, _claim_sort_key(item[1].claim_id))))


def _claim_sort_key(claim_id: str) -> tuple:
    digits = "".join(ch for ch in claim_id if ch.isdigit())
    return (int(digits) if digits else 0, claim_id)


def _number(value) -> int | float | None:
    if value is None:
        return None
    number = float(value)
    return int(number) if number.is_integer() else number


def corpus_records(corpus: Corpus) -> dict[str, ClaimRecord]:
    """The records :func:`claim_records` reads from a built store, made from
    the corpus the store was built from (rejected claims stay out)."""
    entities, labels = corpus.entities, corpus.vocabulary.labels
    records: dict[str, ClaimRecord] = {}
    for article in corpus.articles:
        ann = article.annotation
        authors = " and ".join(sorted(entities[a].label for a in ann.authors)) or None
        for claim in ann.claims:
            if claim.status == "rejected":
                continue
            iri = claim_iri(article.id, claim.id)
            said = claim.said_span(ann.published.span)
            prop = claim.proposition
            span = prop.span_after(said, ann.published.span) or said
            quantity = prop.quantity
            low, high = quantity.interval if quantity else (None, None)
            speaker = entities[claim.speaker]
            records[iri] = ClaimRecord(
                iri=iri, ref=claim_ref(iri), claim_id=claim.id, article=article.id, article_title=ann.title,
                publisher=outlet_name(entities[ann.publisher].label), author=authors, speaker_id=claim.speaker,
                speaker=speaker.label, speaker_type=speaker.type, said=said.expression,
                said_start=said.start.isoformat(), modality=labels[claim.modality],
                hedge=labels[claim.hedge] if claim.hedge else None, quote=claim.quote, start=claim.start or 0,
                end=claim.end, subject_id=prop.subject, subject=entities[prop.subject].label,
                property=labels[prop.predicate], scope=labels[prop.scope] if prop.scope else None,
                category=labels[prop.category] if prop.category else None, entity_id=prop.object,
                entity=entities[prop.object].label if prop.object else None,
                frame=labels[prop.frame] if prop.frame else None,
                embedded=_embedded(prop.proposition, entities, labels),
                amount=_number(quantity.amount) if quantity else None,
                qualifier=quantity.qualifier if quantity else None, lower=_number(low), upper=_number(high),
                unit=quantity.unit if quantity else None, polarity=prop.polarity, visibility=prop.visibility,
                time=span.expression, time_start=span.start.isoformat(), time_end=span.end.isoformat(),
                is_deadline=prop.deadline is not None, deprecated=claim.deprecated is not None,
                via=[entities[agent].label for agent in claim.via], via_ids=list(claim.via),
            )
    return dict(sorted(records.items(), key=lambda item: (item[1].article, _claim_sort_key(item[1].claim_id))))
