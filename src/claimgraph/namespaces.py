"""IRIs of the claimgraph vocabulary and of generated resources.

``CG`` is an rdflib :class:`~rdflib.namespace.DefinedNamespace` generated
from the ontology (the one source of the vocabulary): a typo such as
``CG.speakr`` raises ``AttributeError`` instead of minting a new term, and
``CG["numeric-conflict"]`` reaches the terms whose names are not identifiers.
"""

from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = ["CG", "ontology_terms", "CG_IRI", "ID_IRI", "OA_IRI", "PREFIXES", "entity_iri", "article_iri",
           "claim_iri", "graph_iri", "local_name"]

CG_IRI = "https://w3id.org/claimgraph/ns#"
ID_IRI = "https://w3id.org/claimgraph/id/"
OA_IRI = "http://www.w3.org/ns/oa#"


def ontology_terms(ontology_text: str | None = None) -> frozenset[str]:
    """Local names of every term the ontology declares (any subject with an
    ``rdf:type`` in the ``cg:`` namespace): classes, properties and the
    individuals of its schemes.

    Examples
    --------
    >>> {"Claim", "speaker", "numeric-conflict"} <= ontology_terms()
    True
    """
    import pyoxigraph as ox

    from claimgraph.resources import default_ontology_path

    if ontology_text is None:
        ontology_text = default_ontology_path().read_text(encoding="utf-8")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    return frozenset(quad.subject.value[len(CG_IRI):]
                     for quad in ox.parse(ontology_text, format=ox.RdfFormat.TURTLE)
                     if quad.predicate == rdf_type and isinstance(quad.subject, ox.NamedNode)
                     and quad.subject.value.startswith(CG_IRI))


def _defined_namespace(terms: frozenset[str]) -> type[DefinedNamespace]:
    """The ``CG`` class, generated from the ontology as rdflib's
    ``DefinedNamespace`` classes are: one annotated attribute per term."""
    return type("CG", (DefinedNamespace,), {
        "__doc__": "The claimgraph ontology (``ontology/claimgraph.ttl``), generated from it at import.",
        "__module__": __name__,
        "__annotations__": {name: URIRef for name in sorted(terms) if name.isidentifier()},
        "_extras": sorted(name for name in terms if not name.isidentifier()),
        "_fail": True,
        "_NS": Namespace(CG_IRI),
    })


CG = _defined_namespace(ontology_terms())


PREFIXES = {
    "cg": CG_IRI,
    "ent": ID_IRI + "entity/",
    "art": ID_IRI + "article/",
    "claim": ID_IRI + "claim/",
    "graph": ID_IRI + "graph/",
    "finding": ID_IRI + "finding/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": OA_IRI,
    "schema": "https://schema.org/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "org": "http://www.w3.org/ns/org#",
    "dcterms": "http://purl.org/dc/terms/",
    "wd": "http://www.wikidata.org/entity/",
    "sh": "http://www.w3.org/ns/shacl#",
    "void": "http://rdfs.org/ns/void#",
}


def entity_iri(entity_id: str) -> str:
    """IRI of a registry entity.

    Examples
    --------
    >>> entity_iri("barack-obama")
    'https://w3id.org/claimgraph/id/entity/barack-obama'
    """
    return f"{ID_IRI}entity/{entity_id}"


def article_iri(article_id: str) -> str:
    """IRI of an article."""
    return f"{ID_IRI}article/{article_id}"


def claim_iri(article_id: str, claim_id: str) -> str:
    """IRI of a claim: stable, derived from the article and claim ids.

    Examples
    --------
    >>> claim_iri("004_1c36b5173ebfdfa8", "c01")
    'https://w3id.org/claimgraph/id/claim/004_1c36b5173ebfdfa8.c01'
    """
    return f"{ID_IRI}claim/{article_id}.{claim_id}"


def graph_iri(name: str) -> str:
    """IRI of a named graph: an article id, ``entities``, ``ontology`` or ``derived``."""
    return f"{ID_IRI}graph/{name}"


def local_name(iri: str) -> str:
    """The part after the vocabulary or id prefix.

    Examples
    --------
    >>> local_name("https://w3id.org/claimgraph/ns#withdrawn")
    'withdrawn'
    >>> local_name("https://w3id.org/claimgraph/id/claim/004_x.c01")
    '004_x.c01'
    """
    for prefix in (CG_IRI, f"{ID_IRI}entity/", f"{ID_IRI}claim/", f"{ID_IRI}article/",
                   f"{ID_IRI}finding/", f"{ID_IRI}graph/", ID_IRI):
        if iri.startswith(prefix):
            return iri[len(prefix):]
    return iri
