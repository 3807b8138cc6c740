"""Turn a validated :class:`~claimgraph.load.Corpus` into RDF quads.

Each article's claims go into their own named graph, the registry into
``graph/entities`` and the ontology into ``graph/ontology``. Every node has
an IRI derived from ids (no blank nodes), and quads are emitted in sorted
order, so the serialisations are byte-identical across runs.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
from decimal import Decimal
from typing import Iterable, Iterator

import pyoxigraph as ox

from .load import Article, Corpus
from .models import Claim, Entity
from .namespaces import CG_IRI, OA_IRI, PREFIXES, article_iri, claim_iri, entity_iri, graph_iri
from .timespan import TimeSpan, parse_time

__all__ = ["ENTITY_CLASSES", "DEADLINE_HORIZON", "holding_period", "corpus_quads", "article_quads", "entity_quads", "ontology_quads",
           "new_store", "serialize"]

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
RDFS_COMMENT = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")
SKOS_ALT = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
SCHEMA = "https://schema.org/"
PROV_AGENT = ox.NamedNode("http://www.w3.org/ns/prov#agent")
XSD = "http://www.w3.org/2001/XMLSchema#"
_DATE = ox.NamedNode(XSD + "date")
_DECIMAL = ox.NamedNode(XSD + "decimal")
_INTEGER = ox.NamedNode(XSD + "integer")
_BOOLEAN = ox.NamedNode(XSD + "boolean")

ENTITY_CLASSES = {
    "person": "Person", "organization": "Organization", "government-body": "GovernmentBody",
    "armed-group": "ArmedGroup", "media-outlet": "MediaOutlet", "anonymous": "AnonymousSource",
    "place": "Place", "topic": "Topic",
}
_PREFIX_CONTEXT = 40


@functools.lru_cache(maxsize=None)
def cg(name: str) -> ox.NamedNode:
    return ox.NamedNode(CG_IRI + name)


@functools.lru_cache(maxsize=None)
def oa(name: str) -> ox.NamedNode:
    return ox.NamedNode(OA_IRI + name)


def _text(value: str) -> ox.Literal:
    return ox.Literal(value)


def _date(value) -> ox.Literal:
    return ox.Literal(value.isoformat(), datatype=_DATE)


def _decimal(value: Decimal) -> ox.Literal:
    text = format(value.normalize(), "f")
    return ox.Literal(text if "." in text else text + ".0", datatype=_DECIMAL)


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_INTEGER)


def _boolean(value: bool) -> ox.Literal:
    return ox.Literal("true" if value else "false", datatype=_BOOLEAN)


class _Quads:
    """Collects quads for one graph."""

    def __init__(self, graph: str):
        self.graph = ox.NamedNode(graph)
        self.items: list[ox.Quad] = []
        self._nodes: dict[str, ox.NamedNode] = {}

    def add(self, subject: str | ox.NamedNode, predicate: ox.NamedNode, obj) -> None:
        if isinstance(subject, str):
            node = self._nodes.get(subject)
            if node is None:
                node = self._nodes[subject] = ox.NamedNode(subject)
            subject = node
        self.items.append(ox.Quad(subject, predicate, obj, self.graph))

    def span(self, subject: str, predicate: ox.NamedNode, node: str, span: TimeSpan) -> None:
        self.add(subject, predicate, ox.NamedNode(node))
        self.add(node, RDF_TYPE, cg("TimeSpan"))
        self.add(node, cg("expression"), _text(span.expression))
        self.add(node, cg("precision"), _text(span.precision))
        self.add(node, cg("start"), _date(span.start))
        self.add(node, cg("end"), _date(span.end))


DEADLINE_HORIZON = dt.timedelta(days=365)


def holding_period(span: TimeSpan, is_deadline: bool) -> tuple[dt.date, dt.date]:
    """When a proposition is claimed to hold.

    A reference time holds over its own span. A deadline ("withdrawn by
    the end of 2011") holds from the *last* day of the deadline's span over a
    one-year horizon: the claim says nothing of the months before the
    deadline, and a value reported more than a year later is a new state
    of affairs (a supersession), not a contradiction.

    Examples
    --------
    >>> from claimgraph.timespan import parse_time
    >>> holding_period(parse_time("2011"), True)
    (datetime.date(2011, 12, 31), datetime.date(2012, 12, 30))
    >>> holding_period(parse_time("2011-10"), False)
    (datetime.date(2011, 10, 1), datetime.date(2011, 10, 31))
    """
    if is_deadline:
        return span.end, span.end + DEADLINE_HORIZON
    return span.start, span.end


def entity_quads(entities: Iterable[Entity]) -> list[ox.Quad]:
    """Quads of the registry graph."""
    out = _Quads(graph_iri("entities"))
    for entity in entities:
        iri = entity_iri(entity.id)
        out.add(iri, RDF_TYPE, cg(ENTITY_CLASSES[entity.type]))
        out.add(iri, RDFS_LABEL, _text(entity.label))
        out.add(iri, cg("agentType"), _text(entity.type))
        for alias in entity.aliases:
            out.add(iri, SKOS_ALT, _text(alias))
        if entity.wikidata:
            out.add(iri, cg("wikidata"), ox.NamedNode(PREFIXES["wd"] + entity.wikidata))
        if entity.affiliation:
            out.add(iri, cg("affiliation"), ox.NamedNode(entity_iri(entity.affiliation)))
        if entity.wire:
            out.add(iri, cg("wire"), _boolean(True))
        if entity.comment:
            out.add(iri, RDFS_COMMENT, _text(entity.comment))
        for index, role in enumerate(entity.roles, start=1):
            node = f"{iri}.role{index}"
            out.add(iri, cg("holdsRole"), ox.NamedNode(node))
            out.add(node, RDF_TYPE, cg("Role"))
            out.add(node, cg("roleLabel"), _text(role.role))
            if role.org:
                out.add(node, cg("roleIn"), ox.NamedNode(entity_iri(role.org)))
            if role.start:
                out.add(node, cg("roleStart"), _date(parse_time(role.start).start))
            if role.end:
                out.add(node, cg("roleEnd"), _date(parse_time(role.end).end))
    return out.items


def _claim_quads(out: _Quads, article: Article, claim: Claim, default_checker: str | None,
                 default_checked_on: str | None) -> None:
    ann = article.annotation
    iri = claim_iri(article.id, claim.id)
    art = article_iri(article.id)
    out.add(iri, RDF_TYPE, cg("Claim"))
    out.add(iri, RDFS_LABEL, _text(claim.quote))
    out.add(iri, cg("claimId"), _text(claim.id))
    out.add(iri, cg("inArticle"), ox.NamedNode(art))
    out.add(iri, cg("speaker"), ox.NamedNode(entity_iri(claim.speaker)))
    for position, agent in enumerate(claim.via, start=1):
        node = f"{iri}.via{position}"
        out.add(iri, cg("via"), ox.NamedNode(entity_iri(agent)))
        out.add(iri, cg("attribution"), ox.NamedNode(node))
        out.add(node, RDF_TYPE, cg("Attribution"))
        out.add(node, PROV_AGENT, ox.NamedNode(entity_iri(agent)))
        out.add(node, cg("chainPosition"), _integer(position))
    said = parse_time(claim.said_on) if claim.said_on else ann.published.span
    out.span(iri, cg("madeOn"), f"{iri}.said", said)
    out.add(iri, cg("modality"), cg(claim.modality))
    if claim.hedge:
        out.add(iri, cg("hedge"), cg(claim.hedge))
    out.add(iri, cg("reviewState"), _text(claim.status))
    checker = claim.checked_by or default_checker
    if checker and claim.status == "checked":
        out.add(iri, cg("checkedBy"), _text(checker))
        checked_on = claim.checked_on or default_checked_on
        if checked_on:
            out.add(iri, cg("checkedOn"), _date(parse_time(checked_on).start))
    if claim.note:
        out.add(iri, cg("note"), _text(claim.note))
    out.add(iri, cg("deprecated"), _boolean(claim.deprecated is not None))
    if claim.deprecated:
        out.add(iri, cg("deprecationReason"), _text(claim.deprecated.reason))

    prop = claim.proposition
    node = f"{iri}.proposition"
    out.add(iri, cg("proposition"), ox.NamedNode(node))
    out.add(node, RDF_TYPE, cg("Proposition"))
    out.add(node, cg("subject"), ox.NamedNode(entity_iri(prop.subject)))
    out.add(node, cg("property"), cg(prop.property))
    out.add(node, cg("polarity"), _text(prop.polarity))
    out.add(node, cg("visibility"), _text(prop.visibility))
    if prop.scope:
        out.add(node, cg("scope"), cg(prop.scope))
    if prop.category:
        out.add(node, cg("categoryValue"), cg(prop.category))
    if prop.entity:
        out.add(node, cg("entityValue"), ox.NamedNode(entity_iri(prop.entity)))
    if prop.quantity:
        quantity = prop.quantity
        qnode = f"{iri}.quantity"
        low, high = quantity.interval
        out.add(node, cg("quantity"), ox.NamedNode(qnode))
        out.add(qnode, RDF_TYPE, cg("Quantity"))
        if quantity.amount is not None:
            out.add(qnode, cg("amount"), _decimal(quantity.amount))
        out.add(qnode, cg("qualifier"), _text(quantity.qualifier))
        out.add(qnode, cg("lowerBound"), _decimal(low))
        out.add(qnode, cg("upperBound"), _decimal(high))
        out.add(qnode, cg("unit"), _text(quantity.unit))
    span = prop.span or said
    out.span(node, cg("time"), f"{iri}.time", span)
    out.add(node, cg("isDeadline"), _boolean(prop.deadline is not None))
    holds_from, holds_until = holding_period(span, prop.deadline is not None)
    out.add(node, cg("holdsFrom"), _date(holds_from))
    out.add(node, cg("holdsUntil"), _date(holds_until))

    mention = f"{iri}.mention"
    target = f"{mention}.target"
    out.add(iri, cg("mention"), ox.NamedNode(mention))
    out.add(mention, RDF_TYPE, cg("Mention"))
    out.add(mention, RDF_TYPE, oa("Annotation"))
    out.add(mention, oa("hasTarget"), ox.NamedNode(target))
    out.add(target, RDF_TYPE, oa("SpecificResource"))
    out.add(target, oa("hasSource"), ox.NamedNode(art))
    quote_sel, position_sel = f"{mention}.quote", f"{mention}.position"
    start, end = claim.start or 0, claim.end
    out.add(target, oa("hasSelector"), ox.NamedNode(quote_sel))
    out.add(quote_sel, RDF_TYPE, oa("TextQuoteSelector"))
    out.add(quote_sel, oa("exact"), _text(claim.quote))
    out.add(quote_sel, oa("prefix"), _text(article.text[max(0, start - _PREFIX_CONTEXT):start]))
    out.add(quote_sel, oa("suffix"), _text(article.text[end:end + _PREFIX_CONTEXT]))
    out.add(target, oa("hasSelector"), ox.NamedNode(position_sel))
    out.add(position_sel, RDF_TYPE, oa("TextPositionSelector"))
    out.add(position_sel, oa("start"), _integer(start))
    out.add(position_sel, oa("end"), _integer(end))


def article_quads(article: Article) -> list[ox.Quad]:
    """Quads of one article's named graph (rejected claims stay out)."""
    ann = article.annotation
    out = _Quads(graph_iri(article.id))
    art = article_iri(article.id)
    out.add(art, RDF_TYPE, cg("Article"))
    out.add(art, RDFS_LABEL, _text(ann.title))
    out.add(art, ox.NamedNode(SCHEMA + "headline"), _text(ann.title))
    out.add(art, ox.NamedNode(SCHEMA + "identifier"), _text(article.id))
    out.add(art, cg("publisher"), ox.NamedNode(entity_iri(ann.publisher)))
    for author in ann.authors:
        out.add(art, cg("author"), ox.NamedNode(entity_iri(author)))
    out.span(art, cg("published"), f"{art}.published", ann.published.span)
    out.add(art, cg("dateStatus"), _text(ann.published.status))
    out.add(art, cg("dateEvidence"), _text(ann.published.evidence))
    out.add(art, cg("sha256"), _text(article.sha256))
    out.add(art, cg("text"), _text(article.text))
    for claim in ann.claims:
        if claim.status != "rejected":
            _claim_quads(out, article, claim, ann.checked_by, ann.checked_on)
    return out.items


def ontology_quads(ontology_text: str) -> list[ox.Quad]:
    """The ontology, in its own named graph."""
    graph = ox.NamedNode(graph_iri("ontology"))
    return [ox.Quad(t.subject, t.predicate, t.object, graph)
            for t in ox.parse(ontology_text.encode("utf-8"), format=ox.RdfFormat.TURTLE)]


def corpus_quads(corpus: Corpus) -> list[ox.Quad]:
    """Every quad of the corpus graph: graph by graph (ontology, entities,
    articles in id order), each graph sorted, so serialisations are byte-stable."""
    enabled = gc.isenabled()
    gc.disable()  # millions of short-lived objects: collection passes find nothing to free
    try:
        quads = sort_quads(ontology_quads(corpus.ontology_text))
        quads += sort_quads(entity_quads(corpus.entities[key] for key in sorted(corpus.entities)))
        for article in corpus.articles:
            quads += sort_quads(article_quads(article))
    finally:
        if enabled:
            gc.enable()
    return quads


def sort_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """Quads in the order of their N-Quads text, duplicates dropped: stable,
    and each subject's quads stay together for the Turtle/TriG writers."""
    return sorted(set(quads), key=str)


def new_store(quads: Iterable[ox.Quad]) -> ox.Store:
    """An in-memory Oxigraph store holding ``quads``."""
    store = ox.Store()
    store.extend(quads)
    return store


def serialize(quads: Iterable[ox.Quad], fmt: str = "trig") -> bytes:
    """Serialise quads (``trig``, ``nquads``) or their union as triples (``turtle``, ``ntriples``).

    Examples
    --------
    >>> q = ox.Quad(ox.NamedNode("https://w3id.org/claimgraph/id/entity/x"), RDFS_LABEL,
    ...             ox.Literal("x"), ox.NamedNode(graph_iri("entities")))
    >>> serialize([q], "ntriples").decode()
    '<https://w3id.org/claimgraph/id/entity/x> <http://www.w3.org/2000/01/rdf-schema#label> "x" .\\n'
    """
    formats = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS,
               "turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES}
    quads = list(quads)
    if fmt in ("turtle", "ntriples"):
        triples = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads},
                         key=lambda t: (t.subject.value, t.predicate.value, str(t.object)))
        items: Iterator = iter(triples)
    else:
        items = iter(quads)
    prefixes = PREFIXES if fmt in ("trig", "turtle") else None
    return ox.serialize(items, format=formats[fmt], prefixes=prefixes)
