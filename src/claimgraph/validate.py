"""SHACL validation of built graphs with pySHACL.

Articles are validated in batches of their own graphs (plus the entity types
and the ontology they refer to), so the cost grows linearly with the corpus
instead of with the square of one merged graph.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

import pyoxigraph as ox
import rdflib
from pyshacl import validate as pyshacl_validate

from .namespaces import CG_IRI, graph_iri, local_name

__all__ = ["ShaclResult", "ShaclReport", "validate_store", "validate_quads", "validate_graph"]

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_CONTEXT_PREDICATES = {_RDF_TYPE, CG_IRI + "affiliation"}


@dataclass(frozen=True, order=True)
class ShaclResult:
    """One violation: the graph, the focus node, the path and the message."""

    graph: str
    focus: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{local_name(self.graph)}: {local_name(self.focus)} {self.path}: {self.message}"


@dataclass
class ShaclReport:
    """The outcome of validating every graph."""

    graphs: int = 0
    results: list[ShaclResult] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return not self.results

    def text(self) -> str:
        """A deterministic plain-text report."""
        lines = [f"SHACL validation: {'conforms' if self.conforms else 'DOES NOT CONFORM'}",
                 f"graphs validated: {self.graphs}", f"violations: {len(self.results)}"]
        lines += [f"- {result}" for result in sorted(self.results)]
        return "\n".join(lines) + "\n"


def _to_rdflib(data: bytes) -> rdflib.Graph:
    graph = rdflib.Graph()
    if data:
        graph.parse(data=data.decode("utf-8"), format="nt")
    return graph


def _ntriples(store: ox.Store, graph: str) -> bytes:
    return store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))


def validate_graph(data: rdflib.Graph, shapes: rdflib.Graph, label: str = "graph") -> list[ShaclResult]:
    """Validate one rdflib graph; return its violations (empty when it conforms).

    Examples
    --------
    >>> shapes = rdflib.Graph().parse(data='''
    ...   @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
    ...   ex:S a sh:NodeShape ; sh:targetClass ex:C ;
    ...        sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:message "p is required" ] .''', format="turtle")
    >>> data = rdflib.Graph().parse(data="<http://example.org/x> a <http://example.org/C> .", format="turtle")
    >>> [r.message for r in validate_graph(data, shapes)]
    ['p is required']
    """
    conforms, results_graph, _ = pyshacl_validate(data, shacl_graph=shapes, inference="none",
                                                  allow_warnings=True)
    if conforms:
        return []
    results = []
    for result in results_graph.subjects(rdflib.RDF.type, SH.ValidationResult):
        severity = results_graph.value(result, SH.resultSeverity)
        if severity != SH.Violation:
            continue
        focus = results_graph.value(result, SH.focusNode)
        path = results_graph.value(result, SH.resultPath)
        message = results_graph.value(result, SH.resultMessage)
        path_text = local_name(str(path)) if isinstance(path, rdflib.URIRef) else ("(path)" if path else "")
        results.append(ShaclResult(label, str(focus), path_text, str(message or "constraint violated")))
    return results


def validate_store(store: ox.Store, graphs: Iterable[str], shapes_text: str, *,
                   batch_size: int = 50) -> ShaclReport:
    """Validate every graph of ``graphs`` but the ontology against the shapes.

    Each batch of article graphs is validated together with the ontology
    (for the class tree and vocabulary) and the types of the registry
    entities; the derived graph also sees the type of every claim.
    """
    shapes = rdflib.Graph().parse(data=shapes_text, format="turtle")
    ontology, entities, derived = graph_iri("ontology"), graph_iri("entities"), graph_iri("derived")
    context = _ntriples(store, ontology) + b"".join(
        ox.serialize([ox.Triple(q.subject, q.predicate, q.object)
                      for q in store.quads_for_pattern(None, ox.NamedNode(predicate), None, ox.NamedNode(entities))],
                     format=ox.RdfFormat.N_TRIPLES)
        for predicate in sorted(_CONTEXT_PREDICATES))
    report = ShaclReport()
    names = sorted(name for name in graphs if name != ontology)
    for first in range(0, len(names), batch_size):
        batch = names[first:first + batch_size]
        data = b"".join(_ntriples(store, name) for name in batch) + context
        if derived in batch:
            data += ox.serialize([ox.Triple(q.subject, q.predicate, q.object)
                                  for q in store.quads_for_pattern(None, ox.NamedNode(_RDF_TYPE), None)
                                  if q.graph_name.value not in (entities, ontology)],
                                 format=ox.RdfFormat.N_TRIPLES)
        label = batch[0] if len(batch) == 1 else f"{batch[0]} (+{len(batch) - 1} graphs)"
        report.results += validate_graph(_to_rdflib(data), shapes, label)
        report.graphs += len(batch)
    return report


def validate_quads(quads: Iterable[ox.Quad], shapes_text: str, *, batch_size: int = 50) -> ShaclReport:
    """Validate quads (every graph in them) as :func:`validate_store` does."""
    store = ox.Store()
    store.extend(quads)
    graphs = [graph.value for graph in store.named_graphs()]
    return validate_store(store, graphs, shapes_text, batch_size=batch_size)
