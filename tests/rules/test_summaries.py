"""Build-time statistics: every summary the ``construct-summary-*`` rules
derive equals the live aggregate over the claims, and the shipped aggregate
queries, which read the summaries, give the rows the live aggregates give."""

from __future__ import annotations

from collections import defaultdict

import pytest

from claimgraph.graph.sparql import resolve_query, run_query
from claimgraph.namespaces import ID_IRI

from test_rules import claim, troops

# The aggregates as the shipped queries computed them over every claim
# before they read the summaries: the reference the summaries must match.
# (claims-per-institution filtered a role's dates inside the UNION, where the
# claim's date is not yet bound, so a person with a dated role never counted;
# the filter is outside it here and in the rule.)
LIVE = {
    "claims-per-article": """
SELECT ?article ?title ?publisher ?published ((COALESCE(?made, 0) - COALESCE(?deprecated, 0)) AS ?claims) WHERE {
  ?a a cg:Article ; schema:identifier ?article ; rdfs:label ?title ;
     cg:publisher/rdfs:label ?publisher ; cg:published/cg:expression ?published .
  OPTIONAL { SELECT ?a (COUNT(?claim) AS ?made) { ?claim cg:inArticle ?a } GROUP BY ?a }
  OPTIONAL { SELECT ?a (COUNT(?claim) AS ?deprecated) { ?claim cg:deprecated true ; cg:inArticle ?a } GROUP BY ?a }
}
ORDER BY ?article""",
    "claims-per-institution": """
SELECT ?institution (COUNT(DISTINCT ?claim) AS ?claims) (COUNT(DISTINCT ?speaker) AS ?speakers) WHERE {
  ?claim a cg:Claim ; cg:deprecated false ; cg:speaker ?speaker ; cg:madeOn ?said .
  ?said cg:start ?saidStart .
  { ?speaker a/rdfs:subClassOf* cg:Organization . BIND(?speaker AS ?org) }
  UNION { ?speaker a cg:AnonymousSource ; cg:affiliation ?org . }
  UNION {
    ?speaker a cg:Person ; cg:holdsRole ?role . ?role cg:roleIn ?org .
    OPTIONAL { ?role cg:roleStart ?from } OPTIONAL { ?role cg:roleEnd ?until }
  }
  FILTER((!BOUND(?from) || ?from <= ?saidStart) && (!BOUND(?until) || ?saidStart <= ?until))
  ?org rdfs:label ?institution .
}
GROUP BY ?institution
ORDER BY DESC(?claims) ?institution""",
    "quantities-by-unit": """
SELECT ?unit ?property (COUNT(?q) AS ?quantities) (MIN(?lower) AS ?minLower) (MAX(?upper) AS ?maxUpper) WHERE {
  ?claim a cg:Claim ; cg:deprecated false ; cg:proposition ?p .
  ?p cg:quantity ?q ; cg:predicate/rdfs:label ?property .
  ?q cg:unit ?unit ; cg:lowerBound ?lower ; cg:upperBound ?upper .
}
GROUP BY ?unit ?property
ORDER BY ?unit ?property""",
}

# Per institution, by its IRI (the summaries are keyed by institution, not label).
LIVE_INSTITUTIONS = LIVE["claims-per-institution"].replace(
    "SELECT ?institution", "SELECT ?org").replace("GROUP BY ?institution", "GROUP BY ?org").replace(
    "ORDER BY DESC(?claims) ?institution", "").replace("?org rdfs:label ?institution .", "").replace(
    "(COUNT(DISTINCT ?speaker) AS ?speakers)",
    "(COUNT(DISTINCT ?speaker) AS ?speakers) (MIN(?saidStart) AS ?first) (MAX(?saidStart) AS ?last)")

SUMMARIES = """
SELECT ?kind ?of ?unit ?entities ?speakers ?articles ?first ?last ?minLower ?maxUpper WHERE {
  ?s a ?kind ; cg:summaryOf ?of ; void:entities ?entities .
  FILTER(?kind IN (cg:ArticleSummary, cg:SpeakerSummary, cg:InstitutionSummary, cg:QuantitySummary))
  OPTIONAL { ?s cg:summaryUnit ?unit } OPTIONAL { ?s cg:speakerCount ?speakers }
  OPTIONAL { ?s cg:articleCount ?articles } OPTIONAL { ?s cg:firstMade ?first } OPTIONAL { ?s cg:lastMade ?last }
  OPTIONAL { ?s cg:minLowerBound ?minLower } OPTIONAL { ?s cg:maxUpperBound ?maxUpper }
}"""


def summaries(result) -> dict[tuple, dict]:
    """Every summary in the derived graph, by (kind, what it summarises[, unit])."""
    found = {}
    for row in run_query(result.store, SUMMARIES).records():
        kind = row.pop("kind").rsplit("#", 1)[1]
        key = (kind, row.pop("of")) + ((row.pop("unit"),) if kind == "QuantitySummary" else ())
        row.pop("unit", None)
        assert key not in found, f"two summaries of {key}"
        found[key] = {name: value for name, value in row.items() if value is not None}
    return found


def live_from_claims(result) -> dict[tuple, dict]:
    """The same figures counted in Python over the claim records (institutions: a SPARQL aggregate)."""
    articles = {article.id: [] for article in result.corpus.articles}
    speakers, quantities = defaultdict(list), defaultdict(list)
    for record in result.records.values():
        if record.deprecated:
            continue
        articles[record.article].append(record)
        speakers[record.speaker_id].append(record)
        if record.unit:
            quantities[(record.property, record.unit)].append(record)
    live: dict[tuple, dict] = {}
    for article, records in articles.items():
        figures = {"entities": len(records), "speakers": len({r.speaker_id for r in records})}
        if records:
            figures.update(first=min(r.said_start for r in records), last=max(r.said_start for r in records))
        live[("ArticleSummary", f"{ID_IRI}article/{article}")] = figures
    for speaker, records in speakers.items():
        live[("SpeakerSummary", f"{ID_IRI}entity/{speaker}")] = {
            "entities": len(records), "articles": len({r.article for r in records}),
            "first": min(r.said_start for r in records), "last": max(r.said_start for r in records)}
    predicates = {row["label"]: row["p"] for row in run_query(
        result.store, "SELECT ?p ?label { ?p a cg:Predicate ; rdfs:label ?label }").records()}
    for (label, unit), records in quantities.items():
        live[("QuantitySummary", predicates[label], unit)] = {
            "entities": len(records), "minLower": min(r.lower for r in records),
            "maxUpper": max(r.upper for r in records)}
    for row in run_query(result.store, LIVE_INSTITUTIONS).records():
        live[("InstitutionSummary", row["org"])] = {"entities": row["claims"], "speakers": row["speakers"],
                                                   "first": row["first"], "last": row["last"]}
    return live


def check_summaries(result) -> None:
    derived, live = summaries(result), live_from_claims(result)
    assert set(derived) == set(live), set(derived) ^ set(live)
    for key, figures in live.items():
        assert derived[key] == figures, key
    for name, text in LIVE.items():
        shipped = run_query(result.store, resolve_query(name)[1]).rows
        assert shipped == run_query(result.store, text).rows, name


@pytest.mark.corpus
def test_every_summary_equals_the_live_aggregate_on_the_corpus(result):
    kinds = {key[0] for key in summaries(result)}
    assert kinds == {"ArticleSummary", "SpeakerSummary", "InstitutionSummary", "QuantitySummary"}
    check_summaries(result)


def test_summaries_leave_deprecated_claims_out_and_count_empty_articles(make_corpus):
    from conftest import build_findings

    retired = {**claim("c2", "some 9,000 troops", speaker="analyst-c", **troops(9000)),
               "deprecated": {"reason": "misread figure"}}
    root = make_corpus({
        "a1": [claim("c1", "the remaining 48,000 troops", **troops(48000)), retired],
        "a2": [claim("c1", "all 39,000 troops still there", speaker="unnamed-officials",
                     said_on="2011-10-25", **troops(39000, time="2011-10-21"))],
        "a3": [{**claim("c1", "a figure later withdrawn", speaker="general-b", **troops(100)),
                "deprecated": {"reason": "retracted"}}],
    })
    result = build_findings(root)
    check_summaries(result)
    found = summaries(result)
    assert found[("ArticleSummary", f"{ID_IRI}article/a3")] == {"entities": 0, "speakers": 0}
    assert found[("QuantitySummary", "https://w3id.org/claimgraph/ns#troop-count", "persons")]["minLower"] == 38500
    # the minister (a role in Country X) and the officials (its affiliation) both count for Country X
    assert found[("InstitutionSummary", f"{ID_IRI}entity/country-x")]["speakers"] == 2
    assert ("SpeakerSummary", f"{ID_IRI}entity/general-b") not in found


def test_the_aggregate_queries_read_the_summaries():
    for name in LIVE:
        text = resolve_query(name)[1]
        assert "Summary" in text and "COUNT(" not in text, name
