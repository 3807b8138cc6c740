"""SHACL validation of built graphs, on the store that holds them.

The shapes are compiled to SPARQL (:mod:`claimgraph.graph.shacl`) and every
check runs over the union of the store's graphs, so the whole graph is
validated by Oxigraph at its own speed, on every build: there is nothing to
cache and nothing skipped. Each violation is reported against the named
graph that types its focus node (the article's graph for a claim, the derived
graph for a finding). pySHACL stays the reference: a test runs both on broken
graphs covering every constraint of the shipped shapes.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Iterable

import pyoxigraph as ox
import rdflib

from claimgraph.graph.shacl import Check, compile_shapes
from claimgraph.namespaces import graph_iri, local_name

__all__ = ["ShaclResult", "ShaclReport", "validate_store", "validate_graph"]


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


def _run(store, check: Check) -> list[tuple[str, str]]:
    rows = store.query(check.query, use_default_graph_as_union=True)
    return [(row["graph"].value, row["focus"].value) for row in rows]


def validate_store(store, graphs: Iterable[str], shapes_text: str, *, workers: int = 2) -> ShaclReport:
    """Validate the store against the shapes; report the violations in ``graphs``.

    Every constraint is one SPARQL query over the union of the store's
    graphs (``workers`` run at once: Oxigraph evaluates without the GIL).
    A violation is reported once per graph that types its focus node among
    ``graphs`` (the ontology is never validated); a focus node typed only in
    other graphs is not reported.

    Raises :class:`claimgraph.graph.shacl.ShapesError` when the shapes use a
    feature the compiler does not support.
    """
    checks = compile_shapes(shapes_text)
    names = {name for name in graphs if name != graph_iri("ontology")}
    found: set[ShaclResult] = set()
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for check, rows in zip(checks, pool.map(lambda check: _run(store, check), checks), strict=True):
            found |= {ShaclResult(graph, focus, check.path, check.message) for graph, focus in rows if graph in names}
    return ShaclReport(graphs=len(names), results=sorted(found))


def validate_graph(data: rdflib.Graph, shapes_text: str, label: str = "graph") -> list[ShaclResult]:
    """Validate one rdflib graph; return its violations (empty when it conforms).

    Examples
    --------
    >>> shapes = '''
    ...   @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
    ...   ex:S a sh:NodeShape ; sh:targetClass ex:C ;
    ...        sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:message "p is required" ] .'''
    >>> data = rdflib.Graph().parse(data="<http://example.org/x> a <http://example.org/C> .", format="turtle")
    >>> [r.message for r in validate_graph(data, shapes)]
    ['p is required']
    """
    store = ox.Store()
    store.load(data.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES,
               to_graph=ox.NamedNode(label if ":" in label else f"urn:claimgraph:{label}"))
    report = validate_store(store, [name.value for name in store.named_graphs()], shapes_text, workers=1)
    return [ShaclResult(label, r.focus, r.path, r.message) for r in report.results]
