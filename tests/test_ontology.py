"""The ontology: every term documented, the Python vocabulary in step with it."""

from __future__ import annotations

import rdflib
from rdflib.namespace import RDF, RDFS, SKOS

from claimgraph.namespaces import CG, CG_IRI
from claimgraph.resources import default_ontology_path, default_shapes_path


def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(default_ontology_path(), format="turtle")


def test_every_term_has_a_label_and_a_comment_or_definition():
    graph = ontology()
    terms = {s for s in graph.subjects(RDF.type, None) if str(s).startswith(CG_IRI)}
    assert len(terms) > 100
    missing = [str(t) for t in terms if graph.value(t, RDFS.label) is None
               or (graph.value(t, RDFS.comment) is None and graph.value(t, SKOS.definition) is None)]
    assert missing == []


def test_every_predicate_has_a_definition_and_an_object_kind():
    graph = ontology()
    predicates = set(graph.subjects(RDF.type, CG.Predicate))
    assert len(predicates) >= 25
    for predicate in predicates:
        assert graph.value(predicate, SKOS.definition) is not None, predicate
        assert str(graph.value(predicate, CG.expectsValue)) in ("quantity", "category", "object", "frame", "proposition"), predicate
    retired = {CG_IRI + name for name in ("position", "relation", "responsibility", "event", "capability")}
    assert not retired & {str(p) for p in predicates}


def test_the_defined_namespace_matches_the_ontology():
    graph = ontology()
    declared = {str(s)[len(CG_IRI):] for s in graph.subjects(RDF.type, None) if str(s).startswith(CG_IRI)}
    python = {name for name in CG.__annotations__} | set(CG._extras)
    assert python == declared, python ^ declared


def test_the_triple_writer_refuses_a_term_the_ontology_lacks():
    import pytest

    from claimgraph.graph.nquads import cg
    assert cg["Claim"] == f"<{CG_IRI}Claim>"
    with pytest.raises(KeyError, match="not a term of the ontology"):
        cg["Claimm"]


def test_vocabulary_lists_in_python_name_ontology_terms():
    from claimgraph.corpus.models import ENTITY_CLASSES, REVIEW_STATUSES
    from claimgraph.outputs.report import KIND_ORDER
    graph = ontology()

    def members(cls):
        return {str(s)[len(CG_IRI):] for s in graph.subjects(RDF.type, CG[cls])}

    assert set(REVIEW_STATUSES) == members("ReviewStatus")
    assert set(KIND_ORDER) <= members("ContradictionKind")
    assert {f"{CG_IRI}{name}" for name in ENTITY_CLASSES.values()} <= {str(s) for s in graph.subjects(RDF.type, None)}


def test_the_defined_namespace_catches_typos():
    import pytest
    with pytest.raises(AttributeError):
        CG.speakr  # noqa: B018


def test_standard_vocabularies_are_reused():
    graph = ontology()
    parents = {str(o) for o in graph.objects(None, RDFS.subClassOf)} | {str(o) for o in graph.objects(None, RDFS.subPropertyOf)}
    for iri in ("https://schema.org/NewsArticle", "https://schema.org/Claim", "http://www.w3.org/ns/prov#Attribution",
                "http://www.w3.org/ns/oa#Annotation", "http://www.w3.org/ns/org#Membership",
                "http://www.w3.org/2004/02/skos/core#Concept", "https://schema.org/Person"):
        assert iri in parents, iri


def test_shapes_parse_and_target_the_core_classes():
    shapes = rdflib.Graph().parse(default_shapes_path(), format="turtle")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    targets = {str(o)[len(CG_IRI):] for o in shapes.objects(None, sh.targetClass)}
    assert {"Article", "Claim", "Proposition", "Quantity", "TimeSpan", "Contradiction", "AnonymousSource"} <= targets
