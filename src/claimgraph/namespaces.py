"""IRIs of the claimgraph vocabulary and of generated resources.

``CG`` is an rdflib :class:`~rdflib.namespace.DefinedNamespace`: a typo such
as ``CG.speakr`` raises ``AttributeError`` instead of minting a new term.
"""

from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = ["CG", "CG_IRI", "ID_IRI", "OA_IRI", "PREFIXES", "entity_iri", "article_iri",
           "claim_iri", "graph_iri", "local_name"]

CG_IRI = "https://w3id.org/claimgraph/ns#"
ID_IRI = "https://w3id.org/claimgraph/id/"
OA_IRI = "http://www.w3.org/ns/oa#"


class CG(DefinedNamespace):
    """The claimgraph ontology (``ontology/claimgraph.ttl``)."""

    _fail = True
    _NS = Namespace(CG_IRI)

    Article: URIRef; Claim: URIRef; Proposition: URIRef; Quantity: URIRef; TimeSpan: URIRef
    Mention: URIRef; Attribution: URIRef; Role: URIRef; Agent: URIRef; Person: URIRef
    Organization: URIRef; GovernmentBody: URIRef; ArmedGroup: URIRef; MediaOutlet: URIRef
    AnonymousSource: URIRef; Place: URIRef; Topic: URIRef; Modality: URIRef; Hedge: URIRef
    TotalityHedge: URIRef; Scope: URIRef; Category: URIRef; Predicate: URIRef; Frame: URIRef
    Incompatibility: URIRef; ContradictionKind: URIRef; Severity: URIRef; ReviewStatus: URIRef
    Contradiction: URIRef; Corroboration: URIRef; Supersession: URIRef; Rule: URIRef
    text: URIRef; sha256: URIRef; publisher: URIRef; author: URIRef; published: URIRef
    dateStatus: URIRef; dateEvidence: URIRef; expression: URIRef; precision: URIRef
    start: URIRef; end: URIRef; inArticle: URIRef; claimId: URIRef; speaker: URIRef
    attribution: URIRef; via: URIRef; chainPosition: URIRef; madeOn: URIRef; modality: URIRef
    hedge: URIRef; proposition: URIRef; mention: URIRef; reviewState: URIRef; checkedBy: URIRef
    checkedOn: URIRef; deprecated: URIRef; deprecationReason: URIRef; note: URIRef
    subject: URIRef; predicate: URIRef; scope: URIRef; categoryValue: URIRef; entityValue: URIRef; frameValue: URIRef
    quantity: URIRef; polarity: URIRef; visibility: URIRef; time: URIRef; isDeadline: URIRef
    amount: URIRef; qualifier: URIRef; lowerBound: URIRef; upperBound: URIRef; unit: URIRef
    agentType: URIRef; affiliation: URIRef; wikidata: URIRef; holdsRole: URIRef; roleLabel: URIRef
    roleIn: URIRef; roleStart: URIRef; roleEnd: URIRef; expectsValue: URIRef; between: URIRef
    yieldsKind: URIRef; yieldsSeverity: URIRef; relatedScope: URIRef; overlapsScope: URIRef
    kind: URIRef; severity: URIRef; joins: URIRef; foundBy: URIRef; handMade: URIRef
    explanation: URIRef; reviewStatus: URIRef; reviewReason: URIRef; reviewedBy: URIRef
    withinArticle: URIRef; independent: URIRef; wire: URIRef; sourceCount: URIRef
    holdsFrom: URIRef; holdsUntil: URIRef; actsFor: URIRef; demandStance: URIRef


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
