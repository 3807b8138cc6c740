"""Turn a validated :class:`~claimgraph.corpus.load.Corpus` into RDF.

Each article's claims go into their own named graph, the registry into
``graph/entities`` and the ontology into ``graph/ontology``. Every node has
an IRI derived from ids (no blank nodes). A graph is written straight to
N-Quads text and bulk-loaded into Oxigraph: no Python object per quad, so
100k claims (4.4M quads) fit in memory. Files are written from the store,
each graph's lines sorted, so every serialisation is byte-identical across
runs.
"""

from __future__ import annotations

import datetime as dt
import queue
import threading
from typing import Mapping, Iterable, Iterator

import pyoxigraph as ox

from claimgraph.corpus.load import Article, Corpus
from claimgraph.corpus.models import ENTITY_CLASSES, Claim, Entity, Proposition, Quantity
from claimgraph.graph.nquads import (HEADLINE, IDENTIFIER, PROV_AGENT, RDF_TYPE, RDFS_COMMENT, RDFS_LABEL, SKOS_ALT,
                                     SKOS_BROADER, Graph, boolean, cg, date_literal, decimal_literal, integer_literal,
                                     SCHEMA, iri_ref, oa, text, typed)
from claimgraph.namespaces import PREFIXES, article_iri, claim_iri, entity_iri, graph_iri, ontology_terms
from claimgraph.corpus.timespan import TimeSpan, parse_time

__all__ = ["ENTITY_CLASSES", "DEADLINE_HORIZON", "holding_period",
           "corpus_graphs", "article_nquads", "entity_nquads", "ontology_nquads", "load_graphs", "graph_quads",
           "graph_ntriples", "corpus_quads", "new_store", "serialize", "dataset_chunks",
           "dataset_nquads"]

_PREFIX_CONTEXT = 40  # characters of text kept before and after a quote (oa:prefix, oa:suffix)


def schema(name: str) -> str:
    """``<https://schema.org/name>``: schema.org types and properties are
    written beside the ``cg:`` ones (``?c a schema:Claim`` finds every claim)."""
    return f"<{SCHEMA}{name}>"


# The schema.org class written beside each registry entity type's cg: class.
SCHEMA_ENTITY_CLASSES = {
    "person": "Person", "organization": "Organization", "government-body": "GovernmentOrganization",
    "armed-group": "Organization", "media-outlet": "NewsMediaOrganization", "place": "Place",
}


def _schema_date(span: TimeSpan) -> str:
    """A span's first day as schema.org wants a date: a day, a year-month or a year, as precise as known."""
    if span.precision == "day":
        return date_literal(span.start)
    if span.precision == "month":
        return typed(span.start.strftime("%Y-%m"), "gYearMonth")
    return typed(f"{span.start.year:04d}", "gYear")




def _span_node(article: str, span: TimeSpan) -> str:
    """One node per distinct time expression in an article: the claims of an
    article mostly share their dates, and a node per claim was a fifth of
    the graph. Expressions are digits, '-' and '/' (``parse_time`` accepts
    nothing else); the node stays inside its article's graph."""
    if span.precision == "open":  # "future" means the day after each claim was made
        return f"{article}.time.future-from-{span.start.isoformat()}"
    return f"{article}.time.{span.expression.replace('/', '--')}"


DEADLINE_HORIZON = dt.timedelta(days=365)


# An article reports what was said in the days before it appeared: a claim
# dated only by its article holds over that week, so two reports of one
# statement published a day apart overlap.
REPORTING_WINDOW = dt.timedelta(days=6)


def holding_period(span: TimeSpan, is_deadline: bool, *, from_publication: bool = False,
                   persists_days: int = 0, open_future: bool = False) -> tuple[dt.date, dt.date]:
    """When a proposition is claimed to hold.

    A reference time holds over its own span. A deadline ("withdrawn by
    the end of 2011") holds from the *last* day of the deadline's span over a
    one-year horizon: the claim says nothing of the months before the
    deadline, and a value reported more than a year later is a new state
    of affairs (a supersession), not a contradiction. A time taken from the
    publication date (the text gives none) covers the week up to it. A stance
    or relation between actors ("allied with", "opposes") goes on holding for
    ``persists_days`` after its time, unless a later claim says otherwise. An
    open future ("will", no date) looks ahead over the same horizon as a
    deadline: a forecast made in 2011 says nothing of 2026.

    Examples
    --------
    >>> from claimgraph.corpus.timespan import parse_time
    >>> holding_period(parse_time("2011"), True)
    (datetime.date(2011, 12, 31), datetime.date(2012, 12, 30))
    >>> holding_period(parse_time("2011-10"), False)
    (datetime.date(2011, 10, 1), datetime.date(2011, 10, 31))
    >>> holding_period(parse_time("2011-10-22"), False, from_publication=True)
    (datetime.date(2011, 10, 16), datetime.date(2011, 10, 22))
    >>> from claimgraph.corpus.timespan import future_span
    >>> holding_period(future_span(parse_time("2011-10-21")), False, open_future=True)
    (datetime.date(2011, 10, 22), datetime.date(2012, 10, 21))
    >>> holding_period(parse_time("2020-01"), False, persists_days=730)
    (datetime.date(2020, 1, 1), datetime.date(2022, 1, 30))
    """
    if is_deadline:
        return span.end, span.end + DEADLINE_HORIZON
    if open_future:
        return span.start, span.start + DEADLINE_HORIZON
    first = span.start - REPORTING_WINDOW if from_publication else span.start
    return first, span.end + dt.timedelta(days=persists_days)


def entity_nquads(entities: Iterable[Entity]) -> bytes:
    """N-Quads of the registry graph."""
    out = Graph(graph_iri("entities"))
    for entity in entities:
        iri = entity_iri(entity.id)
        out.add(iri, RDF_TYPE, cg[ENTITY_CLASSES[entity.type]])
        if entity.type in SCHEMA_ENTITY_CLASSES:
            out.add(iri, RDF_TYPE, schema(SCHEMA_ENTITY_CLASSES[entity.type]))
        out.add(iri, RDFS_LABEL, text(entity.label))
        out.add(iri, schema("name"), text(entity.label))
        out.add(iri, cg["agentType"], text(entity.type))
        for alias in entity.aliases:
            out.add(iri, SKOS_ALT, text(alias))
        if entity.wikidata:
            out.add(iri, cg["wikidata"], iri_ref(PREFIXES["wd"] + entity.wikidata))
            out.add(iri, schema("sameAs"), iri_ref(PREFIXES["wd"] + entity.wikidata))
        if entity.affiliation:
            out.add(iri, cg["affiliation"], iri_ref(entity_iri(entity.affiliation)))
        if entity.wire:
            out.add(iri, cg["wire"], boolean(True))
        for broader in entity.broader:
            out.add(iri, SKOS_BROADER, iri_ref(entity_iri(broader)))
        for whole in entity.part_of:
            out.add(iri, cg["partOf"], iri_ref(entity_iri(whole)))
        for state in entity.ends:
            out.add(iri, cg["ends"], iri_ref(entity_iri(state)))
        if entity.comment:
            out.add(iri, RDFS_COMMENT, text(entity.comment))
        for index, role in enumerate(entity.roles, start=1):
            node = f"{iri}.role{index}"
            out.add(iri, cg["holdsRole"], iri_ref(node))
            out.add(node, RDF_TYPE, cg["Role"])
            out.add(node, cg["roleLabel"], text(role.role))
            if role.org:
                out.add(node, cg["roleIn"], iri_ref(entity_iri(role.org)))
            if role.start:
                out.add(node, cg["roleStart"], date_literal(parse_time(role.start).start))
            if role.end:
                out.add(node, cg["roleEnd"], date_literal(parse_time(role.end).end))
    return out.nquads()


def _claim_lines(out: Graph, article: Article, claim: Claim, default_checker: str | None,
                 default_checked_on: str | None, persistence: Mapping[str, int],
                 restatement: Mapping[str, int]) -> None:
    ann = article.annotation
    iri = claim_iri(article.id, claim.id)
    art = article_iri(article.id)
    out.add(iri, RDF_TYPE, cg["Claim"])
    out.add(iri, RDF_TYPE, schema("Claim"))
    out.add(iri, RDFS_LABEL, text(claim.quote))
    out.add(iri, schema("text"), text(claim.quote))
    out.add(iri, schema("author"), iri_ref(entity_iri(claim.speaker)))
    out.add(iri, schema("appearance"), iri_ref(art))
    out.add(iri, cg["claimId"], text(claim.id))
    out.add(iri, cg["inArticle"], iri_ref(art))
    out.add(iri, cg["speaker"], iri_ref(entity_iri(claim.speaker)))
    for position, agent in enumerate(claim.via, start=1):
        node = f"{iri}.via{position}"
        out.add(iri, cg["via"], iri_ref(entity_iri(agent)))
        out.add(iri, cg["attribution"], iri_ref(node))
        out.add(node, RDF_TYPE, cg["Attribution"])
        out.add(node, PROV_AGENT, iri_ref(entity_iri(agent)))
        out.add(node, cg["chainPosition"], integer_literal(position))
    said = claim.said_span(ann.published.span)
    out.span(iri, cg["madeOn"], _span_node(art, said), said)
    out.add(iri, cg["modality"], cg[claim.modality])
    if claim.hedge:
        out.add(iri, cg["hedge"], cg[claim.hedge])
    out.add(iri, cg["reviewState"], text(claim.status))
    checker = claim.checked_by or default_checker
    if checker and claim.status == "checked":
        out.add(iri, cg["checkedBy"], text(checker))
        checked_on = claim.checked_on or default_checked_on
        if checked_on:
            out.add(iri, cg["checkedOn"], date_literal(parse_time(checked_on).start))
    if claim.note:
        out.add(iri, cg["note"], text(claim.note))
    out.add(iri, cg["deprecated"], boolean(claim.deprecated is not None))
    if claim.deprecated:
        out.add(iri, cg["deprecationReason"], text(claim.deprecated.reason))

    prop = claim.proposition
    node = f"{iri}.proposition"
    out.add(iri, cg["proposition"], iri_ref(node))
    _proposition_lines(out, node, prop, f"{iri}.quantity")
    stated = prop.span_after(said, ann.published.span)
    span = stated or said
    out.span(node, cg["time"], _span_node(art, span), span)
    out.add(node, cg["isDeadline"], boolean(prop.deadline is not None))
    if prop.open_future:
        out.add(node, cg["openFuture"], boolean(True))
    holds_from, holds_until = holding_period(span, prop.deadline is not None, open_future=prop.open_future,
                                             from_publication=stated is None and claim.said_on is None,
                                             persists_days=0 if prop.open_future else persistence.get(prop.predicate, 0))
    out.add(node, cg["holdsFrom"], date_literal(holds_from))
    out.add(node, cg["holdsUntil"], date_literal(holds_until))
    out.add(node, cg["restatedUntil"],
            date_literal(holds_until + dt.timedelta(days=0 if prop.open_future else restatement.get(prop.predicate, 0))))
    if prop.proposition is not None:  # the embedded proposition is stated for the same time
        embedded = f"{node}.embedded"
        out.span(embedded, cg["time"], _span_node(art, span), span)
        out.add(embedded, cg["isDeadline"], boolean(prop.deadline is not None))
        out.add(embedded, cg["holdsFrom"], date_literal(holds_from))
        out.add(embedded, cg["holdsUntil"], date_literal(holds_until))

    mention = f"{iri}.mention"
    target = f"{mention}.target"
    out.add(iri, cg["mention"], iri_ref(mention))
    out.add(mention, RDF_TYPE, cg["Mention"])
    out.add(mention, RDF_TYPE, oa["Annotation"])
    out.add(mention, oa["hasTarget"], iri_ref(target))
    out.add(target, RDF_TYPE, oa["SpecificResource"])
    out.add(target, oa["hasSource"], iri_ref(art))
    quote_sel, position_sel = f"{mention}.quote", f"{mention}.position"
    start, end = claim.start or 0, claim.end
    out.add(target, oa["hasSelector"], iri_ref(quote_sel))
    out.add(quote_sel, RDF_TYPE, oa["TextQuoteSelector"])
    out.add(quote_sel, oa["exact"], text(claim.quote))
    out.add(quote_sel, oa["prefix"], text(article.text[max(0, start - _PREFIX_CONTEXT):start]))
    out.add(quote_sel, oa["suffix"], text(article.text[end:end + _PREFIX_CONTEXT]))
    out.add(target, oa["hasSelector"], iri_ref(position_sel))
    out.add(position_sel, RDF_TYPE, oa["TextPositionSelector"])
    out.add(position_sel, oa["start"], integer_literal(start))
    out.add(position_sel, oa["end"], integer_literal(end))


def _proposition_lines(out: Graph, node: str, prop: Proposition, quantity_node: str) -> None:
    """Subject, predicate, polarity, visibility, scope and object of a
    proposition; an embedded proposition ("Iran believes that ...") becomes
    its own node ``<node>.embedded``."""
    out.add(node, RDF_TYPE, cg["Proposition"])
    out.add(node, cg["subject"], iri_ref(entity_iri(prop.subject)))
    out.add(node, cg["predicate"], cg[prop.predicate])
    out.add(node, cg["polarity"], text(prop.polarity))
    out.add(node, cg["visibility"], text(prop.visibility))
    if prop.scope:
        out.add(node, cg["scope"], cg[prop.scope])
    if prop.category:
        out.add(node, cg["categoryValue"], cg[prop.category])
    if prop.object:
        out.add(node, cg["entityValue"], iri_ref(entity_iri(prop.object)))
    if prop.frame:
        out.add(node, cg["frameValue"], cg[prop.frame])
    if prop.quantity:
        _quantity_lines(out, node, prop.quantity, quantity_node)
    if prop.proposition is not None:
        embedded = f"{node}.embedded"
        out.add(node, cg["propositionValue"], iri_ref(embedded))
        _proposition_lines(out, embedded, prop.proposition, f"{embedded}.quantity")


def _quantity_lines(out: Graph, node: str, quantity: Quantity, qnode: str) -> None:
    low, high = quantity.interval
    out.add(node, cg["quantity"], iri_ref(qnode))
    out.add(qnode, RDF_TYPE, cg["Quantity"])
    out.add(qnode, RDF_TYPE, schema("QuantitativeValue"))
    if quantity.amount is not None:
        out.add(qnode, cg["amount"], decimal_literal(quantity.amount))
        out.add(qnode, schema("value"), decimal_literal(quantity.amount))
    out.add(qnode, cg["qualifier"], text(quantity.qualifier))
    out.add(qnode, cg["lowerBound"], decimal_literal(low))
    out.add(qnode, cg["upperBound"], decimal_literal(high))
    out.add(qnode, cg["unit"], text(quantity.unit))
    out.add(qnode, schema("minValue"), decimal_literal(low))
    out.add(qnode, schema("maxValue"), decimal_literal(high))
    out.add(qnode, schema("unitText"), text(quantity.unit))


def article_nquads(article: Article, persistence: Mapping[str, int] | None = None,
                   restatement: Mapping[str, int] | None = None) -> bytes:
    """N-Quads of one article's named graph (rejected claims stay out).

    ``persistence`` gives, by predicate, how many days a stance or relation
    is presumed to go on holding after the time it is stated for (the
    ontology's ``cg:persistsDays``); ``restatement``, how many days later the
    same proposition stated again is the same fact (``cg:restatedWithinDays``)."""
    ann = article.annotation
    out = Graph(graph_iri(article.id))
    art = article_iri(article.id)
    out.add(art, RDF_TYPE, cg["Article"])
    out.add(art, RDF_TYPE, schema("NewsArticle"))
    out.add(art, RDFS_LABEL, text(ann.title))
    out.add(art, HEADLINE, text(ann.title))
    out.add(art, IDENTIFIER, text(article.id))
    out.add(art, cg["publisher"], iri_ref(entity_iri(ann.publisher)))
    out.add(art, schema("publisher"), iri_ref(entity_iri(ann.publisher)))
    for author in ann.authors:
        out.add(art, cg["author"], iri_ref(entity_iri(author)))
        out.add(art, schema("author"), iri_ref(entity_iri(author)))
    out.add(art, schema("datePublished"), _schema_date(ann.published.span))
    out.span(art, cg["published"], _span_node(art, ann.published.span), ann.published.span)
    out.add(art, cg["dateStatus"], text(ann.published.status))
    out.add(art, cg["dateEvidence"], text(ann.published.evidence))
    out.add(art, cg["sha256"], text(article.sha256))
    out.add(art, cg["text"], text(article.text))
    for claim in ann.claims:
        if claim.status != "rejected":
            _claim_lines(out, article, claim, ann.checked_by, ann.checked_on, persistence or {}, restatement or {})
    return out.nquads()


def ontology_nquads(ontology_text: str) -> bytes:
    """The ontology, in its own named graph."""
    graph = ox.NamedNode(graph_iri("ontology"))
    lines = {str(ox.Quad(t.subject, t.predicate, t.object, graph)) + " ."
             for t in ox.parse(ontology_text.encode("utf-8"), format=ox.RdfFormat.TURTLE)}
    return ("\n".join(sorted(lines)) + "\n").encode("utf-8")


def corpus_graphs(corpus: Corpus) -> Iterator[tuple[str, bytes]]:
    """Each graph's IRI and N-Quads, in order: ontology, entities, then the
    articles in id order. Generated lazily, one graph at a time."""
    cg.allow(ontology_terms(corpus.ontology_text))
    yield graph_iri("ontology"), ontology_nquads(corpus.ontology_text)
    yield graph_iri("entities"), entity_nquads(corpus.entities[key] for key in sorted(corpus.entities))
    for article in corpus.articles:
        yield graph_iri(article.id), article_nquads(article, corpus.vocabulary.persistence,
                                                    corpus.vocabulary.restatement)


_LOAD_BATCH = 4 << 20  # bytes of N-Quads per store transaction


def load_graphs(store: ox.Store, graphs: Iterable[tuple[str, bytes]]) -> list[str]:
    """Load graphs into ``store``; return their names in order.

    Oxigraph parses and indexes without holding the GIL, so the store loads
    one batch in a thread while Python writes the next.
    """
    names: list[str] = []
    batches: queue.Queue[bytes | None] = queue.Queue(maxsize=2)
    failure: list[BaseException] = []

    def consume() -> None:
        while (batch := batches.get()) is not None:
            if not failure:
                try:
                    # lenient: every IRI is built from validated ids and vocabulary
                    # names, and every literal escaped above; Oxigraph's checks
                    # would cost a third of the load.
                    store.load(batch, format=ox.RdfFormat.N_QUADS, lenient=True)
                except BaseException as exc:  # handed back to the caller below
                    failure.append(exc)

    loader = threading.Thread(target=consume, name="claimgraph-load")
    loader.start()
    try:
        pending: list[bytes] = []
        size = 0
        for name, data in graphs:
            names.append(name)
            pending.append(data)
            size += len(data)
            if size >= _LOAD_BATCH:
                batches.put(b"".join(pending))
                pending, size = [], 0
        if pending:
            batches.put(b"".join(pending))
    finally:
        batches.put(None)
        loader.join()
    if failure:
        raise failure[0]
    return names


def new_store(graphs: Iterable[tuple[str, bytes]] | Iterable[ox.Quad]) -> ox.Store:
    """An in-memory Oxigraph store holding ``graphs`` (name and N-Quads pairs) or quads."""
    store = ox.Store()
    items = list(graphs) if not isinstance(graphs, list) else graphs
    if items and isinstance(items[0], ox.Quad):
        store.extend(items)
    else:
        load_graphs(store, items)
    return store


def graph_quads(store: ox.Store, graph: str) -> list[ox.Quad]:
    """The quads of one graph, in the order of their N-Quads text."""
    return sorted(store.quads_for_pattern(None, None, None, ox.NamedNode(graph)), key=str)


def corpus_quads(corpus: Corpus) -> list[ox.Quad]:
    """Every quad of the corpus graphs, graph by graph, each graph sorted."""
    return [quad for _, data in corpus_graphs(corpus)
            for quad in sorted(ox.parse(data, format=ox.RdfFormat.N_QUADS), key=str)]


def graph_ntriples(store: ox.Store, graph: str) -> bytes:
    """One graph of the store as N-Triples, in the store's order."""
    return store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))


def dataset_chunks(store: ox.Store, graphs: Iterable[str], fmt: str = "nquads") -> Iterator[bytes]:
    """``graphs`` of the store, in that order, one graph per chunk, each
    graph's statements sorted: N-Quads (``nquads``), TriG (``trig``; the
    prefixes once, at the top) or the union as Turtle (``turtle``; graph after
    graph). Joined, the N-Quads and TriG chunks are byte-identical to
    :func:`serialize` of the same quads; no more than one graph is held at a
    time, so at 100k claims a build does not keep gigabytes of text.

    Examples
    --------
    >>> store = new_store([ox.Quad(ox.NamedNode("http://e.org/b"), ox.NamedNode("http://e.org/p"), ox.Literal("1"),
    ...                            ox.NamedNode(graph)) for graph in ("http://e.org/g1", "http://e.org/g2")])
    >>> print(b"".join(dataset_chunks(store, ["http://e.org/g2", "http://e.org/g1"])).decode(), end="")
    <http://e.org/b> <http://e.org/p> "1" <http://e.org/g2> .
    <http://e.org/b> <http://e.org/p> "1" <http://e.org/g1> .
    """
    first = True
    for graph in graphs:
        # Sorted as bytes: UTF-8 byte order is code point order, the order
        # of the same lines sorted as text, without decoding gigabytes.
        data = graph_ntriples(store, graph)
        if fmt == "turtle":
            # A graph's N-Triples lines sort as its N-Quads lines do: same
            # order, no quad objects to sort, and no duplicates within a graph.
            lines = sorted(line for line in data.split(b"\n") if line)
        else:
            tail = f" <{graph}> .".encode("utf-8")
            lines = sorted(line[:-2] + tail for line in data.split(b"\n") if line)
        del data
        if not lines:
            continue
        lines.append(b"")
        chunk = b"\n".join(lines)
        del lines
        if fmt != "nquads":
            # Straight from the parser to the serialiser: a list of the quads
            # in between took two thirds of the time.
            source, target = (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE) if fmt == "turtle" else \
                (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG)
            chunk = ox.serialize(ox.parse(chunk, format=source), format=target, prefixes=PREFIXES)
        if fmt != "nquads" and not first:  # the prefixes are declared once, at the top
            while chunk.startswith(b"@prefix"):
                chunk = chunk.split(b"\n", 1)[1]
        first = False
        yield chunk


def dataset_nquads(store: ox.Store, graphs: Iterable[str]) -> bytes:
    """N-Quads of ``graphs``, in that order, each graph's lines sorted:
    byte-identical to writing the same quads with :func:`serialize`."""
    return b"".join(dataset_chunks(store, graphs))


def serialize(quads: Iterable[ox.Quad], fmt: str = "trig") -> bytes:
    """Serialise quads (``trig``, ``nquads``) or their union as triples (``turtle``, ``ntriples``).

    Examples
    --------
    >>> q = ox.Quad(ox.NamedNode("https://w3id.org/claimgraph/id/entity/x"),
    ...             ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
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
