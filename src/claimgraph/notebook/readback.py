"""A built graph read back from a TriG file written by ``claimgraph build``:
the corpus parts the file holds and the :class:`~claimgraph.result.BuildResult`
rebuilt around them (findings as recorded, via :mod:`claimgraph.rules.findings_rdf`)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from claimgraph.corpus.load import Article, Corpus
from claimgraph.corpus.vocabulary import load_vocabulary
from claimgraph.corpus.models import Annotation, Entity, Published
from claimgraph.graph.build import serialize
from claimgraph.graph.records import claim_records
from claimgraph.graph.validate import ShaclReport
from claimgraph.namespaces import graph_iri, local_name
from claimgraph.result import BuildResult
from claimgraph.rules.findings_rdf import findings_from_store, recover_pairs, rules_from_store
from claimgraph.rules.loading import load_rules
from claimgraph.resources import internal_query

__all__ = ["corpus_from_store", "read_trig"]

_ARTICLES = internal_query("articles")

_REGISTRY = internal_query("registry")


def corpus_from_store(store: ox.Store, path: Path) -> Corpus:
    """The parts of a corpus a TriG file holds: ontology, registry (without
    roles and aliases) and articles with their metadata and text. Their
    annotations carry no claims; the claims are in the graph's records."""
    ontology = [q for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri("ontology")))]
    ontology_text = serialize(ontology, "turtle").decode("utf-8")
    entities: dict[str, Entity] = {}
    for row in store.query(_REGISTRY):
        entity_id = local_name(row["e"].value)
        entities.setdefault(entity_id, Entity(
            id=entity_id, type=row["type"].value, label=row["label"].value,
            affiliation=local_name(row["affiliation"].value) if row["affiliation"] is not None else None,
            wire=row["wire"] is not None and row["wire"].value == "true",
            wikidata=row["wikidata"].value.rsplit("/", 1)[-1] if row["wikidata"] is not None else None,
            comment=row["comment"].value if row["comment"] is not None else None))
    authors: dict[str, list[str]] = {}
    for row in store.query(internal_query("article-authors"), use_default_graph_as_union=True):
        authors.setdefault(row["id"].value, []).append(local_name(row["author"].value))
    articles = []
    for row in store.query(_ARTICLES, use_default_graph_as_union=True):
        article_id = row["id"].value
        annotation = Annotation(
            article=article_id, sha256=row["sha"].value, title=row["title"].value,
            publisher=local_name(row["publisher"].value), authors=sorted(authors.get(article_id, [])),
            published=Published(date=row["date"].value, status=row["status"].value,
                                evidence=row["evidence"].value))
        articles.append(Article(article_id, row["text"].value, row["sha"].value, annotation, path))
    return Corpus(path, ontology_text, load_vocabulary(ontology_text), dict(sorted(entities.items())), articles)


def read_trig(path: Path) -> BuildResult:
    """The build a TriG file records: claims read back, findings as recorded
    (with the rule-matched pairs recovered), the corpus parts the file holds."""
    derived = graph_iri("derived")
    store = ox.Store()
    try:
        store.load(path=str(path), format=ox.RdfFormat.TRIG)
    except SyntaxError as exc:
        raise ValueError(f"{path}: not valid TriG: {exc}") from None
    records = claim_records(store)
    findings = findings_from_store(store, records)
    recover_pairs(store, records, findings)
    names = {graph.value for graph in store.named_graphs()}
    first = [graph_iri("ontology"), graph_iri("entities")]
    graphs = ([name for name in first if name in names] + sorted(names - {*first, derived})
              + [name for name in (derived,) if name in names])
    return BuildResult(corpus_from_store(store, path), store, graphs, records, findings, ShaclReport(),
                       rules_from_store(store) or load_rules())
