"""Exports that fact-checkers and spreadsheets read: schema.org ClaimReview
as JSON-LD, and the claims and contradictions as CSV.

``claimreview.jsonld``
    One schema.org ``ClaimReview`` for each reviewed contradiction (confirmed
    or dismissed by an analyst, or recorded by hand). The claim it reviews
    (``itemReviewed``) is the finding's first claim, a ``Claim`` with its
    ``author`` (the speaker), ``datePublished`` (when it was said) and
    ``appearance`` (the ``NewsArticle`` it appears in); the claims it is set
    against are listed under ``isBasedOn``. ``reviewRating`` reads:

    ====  =========================================================
    1     contradicted: a hard contradiction an analyst confirmed
    2     in tension: a tension an analyst confirmed
    3     not contradicted: the finding was dismissed on review
    ====  =========================================================

    ``author`` is the reviewer. The ``@context`` is inline, never fetched, so
    the file parses offline (:func:`parse_claimreviews` reads it back with
    rdflib). Claim, article and entity ``@id`` are the IRIs of ``claims.trig``,
    so the two merge.
``claims.csv`` / ``contradictions.csv``
    One row per claim, and one per contradiction (triage order), for a
    spreadsheet.

Deterministic: sorted keys, no timestamps.
"""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

from claimgraph.graph.records import ClaimRecord, outlet_name
from claimgraph.namespaces import CG_IRI, ID_IRI, PREFIXES, article_iri, entity_iri
from claimgraph.outputs.report import finding_sides
from claimgraph.rules.findings import Finding

if TYPE_CHECKING:
    from claimgraph.result import BuildResult

__all__ = ["claimreview_jsonld", "reviewed", "parse_claimreviews", "claims_csv", "contradictions_csv",
           "RATINGS", "SCHEMA_TYPES"]

SCHEMA = "https://schema.org/"
CONTEXT = {"@vocab": SCHEMA, "cg": CG_IRI, "sameAs": {"@type": "@id"}, "url": {"@type": "@id"}}

#: reviewRating by (status, severity): value and the words a reader sees.
RATINGS = {
    ("confirmed", "hard"): (1, "Contradicted"),
    ("confirmed", "tension"): (2, "In tension with another claim"),
    ("dismissed", "hard"): (3, "Not contradicted (dismissed on review)"),
    ("dismissed", "tension"): (3, "Not contradicted (dismissed on review)"),
}

#: schema.org types of the registry's entity types (others are a plain Thing).
SCHEMA_TYPES = {"person": "Person", "organization": "Organization", "government-body": "GovernmentOrganization",
                "armed-group": "Organization", "media-outlet": "NewsMediaOrganization", "place": "Place"}


def reviewed(result: "BuildResult") -> list[Finding]:
    """The contradictions an analyst decided or recorded: confirmed, dismissed or hand-made; triage order."""
    return [f for f in result.findings.triaged() if f.hand_made or f.status in ("confirmed", "dismissed")]


def _agent(result: "BuildResult", entity_id: str, label: str, kind: str | None = None) -> dict[str, Any]:
    entity = result.corpus.entities.get(entity_id)
    kind = kind or (entity.type if entity else None)
    node: dict[str, Any] = {"@id": entity_iri(entity_id), "@type": SCHEMA_TYPES.get(kind or "", "Thing"),
                            "name": label}
    if entity is not None and entity.wikidata:
        node["sameAs"] = PREFIXES["wd"] + entity.wikidata
    return node


def _claim(result: "BuildResult", record: ClaimRecord) -> dict[str, Any]:
    article = result.corpus.article(record.article)
    ann = article.annotation
    publisher = result.corpus.entities.get(ann.publisher)
    return {
        "@id": record.iri, "@type": "Claim", "identifier": record.ref, "text": record.quote,
        "author": _agent(result, record.speaker_id, record.speaker, record.speaker_type),
        "datePublished": record.said_start if record.said == record.said_start else record.said,
        "appearance": {
            "@id": article_iri(record.article), "@type": "NewsArticle", "headline": ann.title,
            "identifier": record.article, "datePublished": ann.published.date,
            "publisher": _agent(result, ann.publisher, outlet_name(publisher.label) if publisher else record.publisher),
        },
    }


def _review(result: "BuildResult", finding: Finding) -> dict[str, Any]:
    side_a, side_b = finding_sides(finding, result.records)
    first, others = side_a[0], side_a[1:] + side_b
    against = side_b[0] if side_b else None
    value, words = RATINGS.get((finding.status, finding.severity), RATINGS[("confirmed", "tension")])
    summary = f"“{first.quote}” ({first.speaker}, {first.said})"
    if against is not None:
        summary += f", set against “{against.quote}” ({against.speaker}, {against.said})"
    body = finding.explanation + (f" Review: {finding.reason}" if finding.reason else "")
    review: dict[str, Any] = {
        "@id": f"{ID_IRI}finding/{finding.id}#review", "@type": "ClaimReview", "identifier": finding.id,
        "name": f"{finding.kind} ({finding.severity}): {finding.status}",
        "claimReviewed": summary, "reviewBody": body,
        "itemReviewed": _claim(result, first),
        "isBasedOn": [_claim(result, record) for record in others],
        "reviewRating": {"@type": "Rating", "ratingValue": value, "bestRating": 3, "worstRating": 1,
                         "alternateName": words},
        "author": {"@type": "Person", "name": finding.reviewed_by} if finding.reviewed_by
        else {"@type": "Organization", "name": "claimgraph"},
        "url": f"contradictions.html#{finding.id}",
    }
    if finding.reviewed_on:
        review["datePublished"] = finding.reviewed_on
    return review


def claimreview_jsonld(result: "BuildResult") -> str:
    """``claimreview.jsonld``: a ClaimReview for every reviewed contradiction (see the module notes)."""
    document = {"@context": CONTEXT, "@graph": [_review(result, f) for f in reviewed(result)]}
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def parse_claimreviews(text: str) -> int:
    """Parse ``claimreview.jsonld`` as JSON-LD with rdflib (offline: the
    context is inline) and return how many ``schema:ClaimReview`` it holds."""
    import rdflib

    graph = rdflib.Graph()
    graph.parse(data=text, format="json-ld")
    return len(set(graph.subjects(rdflib.RDF.type, rdflib.URIRef(SCHEMA + "ClaimReview"))))


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


CLAIM_HEADER = ["ref", "article", "outlet", "title", "said", "speaker_id", "speaker", "speaker_type", "via",
                "modality", "hedge", "subject", "property", "scope", "value", "lower", "upper", "unit",
                "polarity", "visibility", "time", "deadline", "deprecated", "quote", "start", "end",
                "contradictions", "corroborations"]


def claims_csv(result: "BuildResult") -> str:
    """``claims.csv``: one row per claim, with the ids of its contradictions and corroborations."""
    joined: dict[str, dict[str, list[str]]] = {}
    for relation, pool in (("contradictions", result.findings.triaged()),
                           ("corroborations", result.findings.corroborations)):
        for finding in pool:
            for claim in finding.claims:
                joined.setdefault(claim, {}).setdefault(relation, []).append(finding.id)
    rows = []
    for r in sorted(result.records.values(), key=lambda r: r.ref):
        mine = joined.get(r.iri, {})
        rows.append([r.ref, r.article, r.publisher, r.article_title, r.said, r.speaker_id, r.speaker,
                     r.speaker_type, "; ".join(r.via), r.modality, r.hedge or "", r.subject, r.property,
                     r.scope or "", r.value, _number(r.lower), _number(r.upper), r.unit or "", r.polarity,
                     r.visibility, r.time, r.is_deadline, r.deprecated, r.quote, r.start, r.end,
                     " ".join(mine.get("contradictions", [])), " ".join(mine.get("corroborations", []))])
    return _csv(CLAIM_HEADER, rows)


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


CONTRADICTION_HEADER = ["id", "kind", "severity", "status", "reason", "reviewed_by", "hand_made",
                        "within_article", "rules", "speaker_a", "outlet_a", "date_a", "quote_a",
                        "speaker_b", "outlet_b", "date_b", "quote_b", "claims", "explanation"]


def contradictions_csv(findings: list[Finding], records: dict[str, ClaimRecord]) -> str:
    """``contradictions.csv`` (and ``claimgraph contradictions --format csv``): one row per finding."""
    rows = []
    for f in findings:
        side_a, side_b = finding_sides(f, records)
        a, b = side_a[0], (side_b[0] if side_b else side_a[0])
        rows.append([f.id, f.kind, f.severity, f.status, f.reason or "", f.reviewed_by or "", f.hand_made,
                     f.within_article, " ".join(f.rules), a.speaker, a.publisher, a.said, a.quote,
                     b.speaker, b.publisher, b.said, b.quote, " ".join(f.refs), f.explanation])
    return _csv(CONTRADICTION_HEADER, rows)


def export_files(result: "BuildResult") -> dict[str, bytes]:
    """The export files of a build, by path relative to output/."""
    return {"claimreview.jsonld": claimreview_jsonld(result).encode("utf-8"),
            "claims.csv": claims_csv(result).encode("utf-8"),
            "contradictions.csv": contradictions_csv(result.findings.triaged(), result.records).encode("utf-8")}


__all__ += ["export_files"]
