"""SHACL validation of built graphs with pySHACL.

Articles are validated in batches of their own graphs (plus the entity types
and the ontology they refer to), so the cost grows linearly with the corpus
instead of with the square of one merged graph; batches run in worker
processes, and a content-hash cache skips graphs validated before.
"""

from __future__ import annotations

import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox
import rdflib
import pyshacl
from pyshacl import validate as pyshacl_validate

from claimgraph.resources import internal_query
from claimgraph.graph.build import graph_ntriples
from claimgraph.cache import Cache, content_key
from claimgraph.namespaces import CG_IRI, graph_iri, local_name

__all__ = ["ShaclResult", "ShaclReport", "validate_store", "validate_graph"]

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
_CONTEXT_PREDICATES = {_RDF_TYPE, CG_IRI + "affiliation"}
# Cached results are keyed by this module's own source and the validator's
# version too: a change to how graphs are validated invalidates them.
_CODE = content_key(Path(__file__).read_bytes(), pyshacl.__version__, rdflib.__version__)


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


def _triples_text(quads: Iterable[ox.Quad]) -> bytes:
    return ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in quads],
                        format=ox.RdfFormat.N_TRIPLES) or b""


def validate_graph(data: rdflib.Graph, shapes: rdflib.Graph, label: str = "graph",
                   use_shapes: list[str] | None = None) -> list[ShaclResult]:
    """Validate one rdflib graph; return its violations (empty when it conforms).

    ``use_shapes`` limits the run to those shapes (by IRI); by default every
    shape runs.

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
                                                  allow_warnings=True, use_shapes=use_shapes)
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


def _subjects(data: bytes) -> set[str]:
    return {line[1:line.index(b">")].decode("utf-8") for line in data.splitlines() if line.startswith(b"<")}


def _targets(shapes: rdflib.Graph) -> dict[str, frozenset[str] | None] | None:
    """Each top-level shape's target classes (``None``: it targets nodes some
    other way, so it always runs); ``None`` overall when a targeted shape is
    a blank node and cannot be named in ``use_shapes``."""
    targets: dict[str, frozenset[str] | None] = {}
    for shape in set(shapes.subjects(rdflib.RDF.type, SH.NodeShape)):
        classes = frozenset(str(c) for c in shapes.objects(shape, SH.targetClass))
        other = any(shapes.value(shape, predicate) is not None
                    for predicate in (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf))
        if (shape, rdflib.RDF.type, rdflib.RDFS.Class) in shapes:
            classes |= {str(shape)}
        if not classes and not other:
            continue  # only used through sh:node
        if not isinstance(shape, rdflib.URIRef):
            return None
        targets[str(shape)] = None if other else classes
    return targets


def _shapes_for(store: ox.Store, graph: str, targets: dict[str, frozenset[str] | None],
                supers: dict[str, set[str]]) -> list[str]:
    """The shapes that target something the graph itself types."""
    classes: set[str] = set()
    for quad in store.quads_for_pattern(None, ox.NamedNode(_RDF_TYPE), None, ox.NamedNode(graph)):
        classes.add(quad.object.value)
        classes |= supers.get(quad.object.value, set())
    return sorted(shape for shape, wanted in targets.items() if wanted is None or wanted & classes)


def _validate_batch(shapes_text: str, context: bytes, batch: list[tuple[str, bytes, bytes]],
                    use_shapes: list[str] | None = None) -> list[list[tuple]]:
    """Validate a batch of graphs together; each result goes to the graph
    whose subject it is about. Results about context nodes (typed only in
    the context) are dropped: each node is validated with its own graph, so
    a graph's result never depends on which graphs share its batch."""
    if use_shapes == []:
        return [[] for _ in batch]
    shapes = rdflib.Graph().parse(data=shapes_text, format="turtle")
    data = b"".join(graph + extra for _, graph, extra in batch) + context
    found = validate_graph(_to_rdflib(data), shapes, use_shapes=use_shapes)
    owners = [_subjects(graph) for _, graph, _ in batch]
    per_graph: list[list[tuple]] = [[] for _ in batch]
    for result in found:
        index = next((k for k, subjects in enumerate(owners) if result.focus in subjects), None)
        if index is not None:
            per_graph[index].append((batch[index][0], result.focus, result.path, result.message))
    return per_graph


def validate_store(store: ox.Store, graphs: Iterable[str], shapes_text: str, *, batch_size: int = 50,
                   cache: Cache | None = None, workers: int | None = None) -> ShaclReport:
    """Validate every graph of ``graphs`` but the ontology against the shapes.

    Each graph is validated with the ontology (for the class tree and
    vocabulary) and the types of the registry entities; the derived graph
    also sees the type of every claim. Only nodes that are subjects in a
    graph are reported for it. Graphs are validated in batches, in
    worker processes when there are several batches (pySHACL is pure
    Python), and with a ``cache`` a graph whose content, context and shapes
    are unchanged reuses its earlier result.
    """
    ontology, entities = graph_iri("ontology"), graph_iri("entities")
    context = graph_ntriples(store, ontology) + b"".join(
        _triples_text(store.quads_for_pattern(None, ox.NamedNode(predicate), None, ox.NamedNode(entities)))
        for predicate in sorted(_CONTEXT_PREDICATES))
    context_key = content_key(_CODE, shapes_text, context)
    # Only the shapes that target what a graph itself holds: the claims typed
    # in the derived graph's context would otherwise each be validated (and
    # fail, their properties being elsewhere) only to be dropped: 36 s of
    # the 37 s the derived graph took at 10k claims.
    targets = _targets(rdflib.Graph().parse(data=shapes_text, format="turtle"))
    supers: dict[str, set[str]] = {}
    for row in store.query(internal_query("ontology-superclasses"),
                           substitutions={ox.Variable("ontology"): ox.NamedNode(ontology)}):
        supers.setdefault(row["c"].value, set()).add(row["super"].value)
    report = ShaclReport()
    names = sorted(name for name in graphs if name != ontology)
    report.graphs = len(names)

    def record(batch: list[_Job], future: Future) -> None:
        for job, rows in zip(batch, future.result(), strict=True):
            report.results += [ShaclResult(*row) for row in rows]
            if cache and job.cached is None:
                cache.put("shacl", job.key, [list(row) for row in rows])

    # At most two batches per worker are serialised and in flight at once, so
    # memory holds a few batches rather than every graph's N-Triples (about
    # 1 GB at 100k claims); results are taken in graph order.
    workers = max(1, min(workers or os.cpu_count() or 1, -(-len(names) // batch_size)))
    in_flight: deque[tuple[list[_Job], Future]] = deque()
    with ProcessPoolExecutor(max_workers=workers) if workers > 1 else nullcontext() as pool:
        for batch in _batches(_jobs(store, names, context_key, cache), batch_size):
            if batch[0].cached is not None:
                future = _done([batch[0].cached])
            else:
                use = None if targets is None else sorted(
                    {shape for job in batch for shape in _shapes_for(store, job.name, targets, supers)})
                args = (shapes_text, context, [(job.name, job.data, job.extra) for job in batch], use)
                future = pool.submit(_validate_batch, *args) if pool else _done(_validate_batch(*args))
            in_flight.append((batch, future))
            while len(in_flight) > 2 * workers or (in_flight and in_flight[0][1].done()):
                record(*in_flight.popleft())
        while in_flight:
            record(*in_flight.popleft())
    return report


@dataclass
class _Job:
    """One graph to validate, or its result from the cache."""

    name: str
    key: str
    data: bytes = b""
    extra: bytes = b""
    cached: list | None = None


def _jobs(store: ox.Store, names: list[str], context_key: str, cache: Cache | None) -> Iterator[_Job]:
    derived = graph_iri("derived")
    for name in names:
        data = graph_ntriples(store, name)
        # findings join claims, which are typed in their article graphs
        extra = (_triples_text(store.quads_for_pattern(None, ox.NamedNode(_RDF_TYPE), ox.NamedNode(CG_IRI + "Claim")))
                 if name == derived else b"")
        key = content_key(context_key, name, data, extra) if cache else ""
        hit = cache.get("shacl", key) if cache else None
        yield _Job(name, key, cached=hit) if isinstance(hit, list) else _Job(name, key, data, extra)


def _batches(jobs: Iterable[_Job], size: int) -> Iterator[list[_Job]]:
    """Cached graphs one by one, the others ``size`` at a time."""
    batch: list[_Job] = []
    for job in jobs:
        if job.cached is not None:
            yield [job]
            continue
        batch.append(job)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _done(value) -> Future:
    future: Future = Future()
    future.set_result(value)
    return future
