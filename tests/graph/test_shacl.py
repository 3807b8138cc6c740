"""The shapes compiled to SPARQL against pySHACL, the reference, on broken graphs
that break every constraint of the shipped shapes; unsupported SHACL fails loudly."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pyshacl  # the reference engine, a test extra: never skipped
import pytest
import rdflib

from claimgraph.graph.shacl import ShapesError, compile_shapes
from claimgraph.graph.validate import validate_store
from claimgraph.namespaces import graph_iri
from claimgraph.resources import default_ontology_path, default_shapes_path

BROKEN = Path(__file__).parent.parent / "data" / "shacl" / "broken.ttl"
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
FIXTURE = graph_iri("fixture")
CG = "https://w3id.org/claimgraph/ns#"


def _path_text(path) -> str:
    if path is None:
        return ""
    return str(path).rsplit("#", 1)[-1] if isinstance(path, rdflib.URIRef) else "(path)"


def _pyshacl(shapes_text: str) -> set[tuple[str, str, str]]:
    data = rdflib.Graph().parse(BROKEN).parse(default_ontology_path())
    shapes = rdflib.Graph().parse(data=shapes_text, format="turtle")
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    return {(str(report.value(r, SH.focusNode)), _path_text(report.value(r, SH.resultPath)),
             str(report.value(r, SH.sourceConstraintComponent)).rsplit("#", 1)[-1])
            for r in report.objects(None, SH.result)}  # not the nested sh:detail results


def _store() -> ox.Store:
    store = ox.Store()
    store.load(path=str(BROKEN), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(FIXTURE))
    store.load(path=str(default_ontology_path()), format=ox.RdfFormat.TURTLE,
               to_graph=ox.NamedNode(graph_iri("ontology")))
    return store


def _compiled(shapes_text: str) -> set[tuple[str, str, str]]:
    store, found = _store(), set()
    for check in compile_shapes(shapes_text):
        for row in store.query(check.query, use_default_graph_as_union=True):
            found.add((row["focus"].value, check.path, check.component))
    return found


def test_compiled_shapes_find_exactly_what_pyshacl_finds():
    shapes = default_shapes_path().read_text(encoding="utf-8")
    reference, compiled = _pyshacl(shapes), _compiled(shapes)
    assert reference, "the broken fixture must break something"
    assert compiled == reference, (sorted(compiled - reference), sorted(reference - compiled))
    assert not {focus for focus, _, _ in compiled if "/ok-" in focus}


def test_the_fixture_breaks_every_constraint_of_the_shipped_shapes():
    store = _store()
    unbroken = [(check.shape, check.component, check.path) for check in
                compile_shapes(default_shapes_path().read_text(encoding="utf-8"))
                if not list(store.query(check.query, use_default_graph_as_union=True))]
    assert not unbroken


def test_the_report_names_the_graph_focus_and_message():
    store = _store()
    report = validate_store(store, [FIXTURE, graph_iri("ontology")], default_shapes_path().read_text(encoding="utf-8"))
    assert report.graphs == 1 and not report.conforms
    lines = report.text().splitlines()
    assert "fixture: http://example.org/fixture/quantity-inverted lowerBound: " \
           "A quantity's lower bound must not be above its upper bound." in [line[2:] for line in lines]
    assert report.text() == validate_store(store, [FIXTURE], default_shapes_path().read_text(encoding="utf-8"),
                                           workers=1).text()


@pytest.mark.parametrize("addition", [
    "sh:equals cg:end",                 # a core component the compiler does not know
    "sh:sparql [ sh:select \"SELECT $this WHERE {}\" ]",  # SHACL-SPARQL
    "sh:deactivated true",
])
def test_an_unsupported_shacl_feature_in_the_shapes_fails_loudly(addition):
    shapes = default_shapes_path().read_text(encoding="utf-8").replace(
        "sh:lessThanOrEquals cg:end ;", f"sh:lessThanOrEquals cg:end ; {addition} ;", 1)
    assert addition in shapes
    with pytest.raises(ShapesError, match="not supported"):
        compile_shapes(shapes)
    with pytest.raises(ShapesError):
        validate_store(_store(), [FIXTURE], shapes)


def test_an_unsupported_target_fails_loudly():
    shapes = default_shapes_path().read_text(encoding="utf-8") + "\ncg:Extra a sh:NodeShape ; sh:targetNode cg:x ; " \
                                                                 "sh:property [ sh:path cg:p ; sh:minCount 1 ] .\n"
    with pytest.raises(ShapesError, match="targetNode"):
        compile_shapes(shapes)


def _broken_copy(result, subject: ox.NamedNode, predicate: str, keep: int = 0) -> ox.Store:
    store = ox.Store()
    store.extend(result.all_quads)
    for quad in list(store.quads_for_pattern(subject, ox.NamedNode(CG + predicate), None))[keep:]:
        store.remove(quad)
    return store


@pytest.mark.corpus
def test_a_broken_claim_is_reported_against_its_article_graph(result):
    shapes = default_shapes_path().read_text(encoding="utf-8")
    claim = next(iter(result.records))
    store = _broken_copy(result, ox.NamedNode(claim), "speaker")
    report = validate_store(store, result.graphs, shapes)
    assert [(r.graph.rsplit("/", 1)[-1], r.focus, r.message) for r in report.results] == [
        (result.records[claim].article, claim, "A claim has exactly one speaker, who is an agent.")]
    assert report.graphs == len(result.graphs) - 1  # all but the ontology
    assert validate_store(store, result.graphs, shapes, workers=1).text() == report.text()


@pytest.mark.corpus
def test_the_derived_graph_is_checked_against_the_shapes(result):
    """A contradiction joining a single claim is caught in the derived graph."""
    finding = ox.NamedNode(f"https://w3id.org/claimgraph/id/finding/{result.findings.contradictions[0].id}")
    store = _broken_copy(result, finding, "joins", keep=1)
    report = validate_store(store, result.graphs, default_shapes_path().read_text(encoding="utf-8"))
    assert [(r.graph.rsplit("/", 1)[-1], r.message) for r in report.results] == [
        ("derived", "A contradiction joins at least two claims.")]
