"""The exports others publish: ClaimReview JSON-LD, schema.org types in the
data, claims.csv and contradictions.csv."""

from __future__ import annotations

import csv
import io
import json

import rdflib

from claimgraph.outputs.exports import (claimreview_jsonld, claims_csv, contradictions_csv, export_files,
                                        parse_claimreviews, reviewed)
from claimgraph.pipeline import render_outputs

SCHEMA = "https://schema.org/"


def test_claimreview_parses_back_to_the_same_number_of_reviews(result):
    text = claimreview_jsonld(result)
    document = json.loads(text)
    assert isinstance(document["@context"], dict), "an inline context: nothing is fetched"
    expected = reviewed(result)
    assert expected and any(f.hand_made for f in expected) and any(f.status == "confirmed" for f in expected)
    assert len(document["@graph"]) == len(expected)
    assert parse_claimreviews(text) == len(expected)


def test_each_claimreview_has_what_schema_org_asks(result):
    for review in json.loads(claimreview_jsonld(result))["@graph"]:
        assert review["@type"] == "ClaimReview" and review["claimReviewed"]
        item = review["itemReviewed"]
        assert item["@type"] == "Claim" and item["text"] and item["datePublished"]
        assert item["author"]["name"] and item["appearance"]["@type"] == "NewsArticle"
        assert item["appearance"]["headline"] and item["appearance"]["publisher"]["name"]
        rating = review["reviewRating"]
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"] and rating["alternateName"]
        assert review["author"]["name"]


def test_claimreview_merges_with_the_graph(result):
    graph = rdflib.Graph()
    graph.parse(data=claimreview_jsonld(result), format="json-ld")
    items = set(graph.objects(None, rdflib.URIRef(SCHEMA + "itemReviewed")))
    assert items and items <= {rdflib.URIRef(iri) for iri in result.records}


def test_schema_org_types_are_written_beside_cg(result):
    def count(query: str) -> int:
        return int(next(iter(result.store.query(query, use_default_graph_as_union=True)))[0].value)

    assert count("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a <https://schema.org/Claim> }") == len(result.records)
    assert count("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a <https://schema.org/NewsArticle> ; "
                 "<https://schema.org/publisher> ?p ; <https://schema.org/datePublished> ?d }") == len(result.corpus.articles)
    assert count("SELECT (COUNT(*) AS ?n) WHERE { ?c a <https://schema.org/Claim> ; <https://schema.org/author> ?s ; "
                 "<https://schema.org/appearance> ?a }") == len(result.records)
    assert count("SELECT (COUNT(*) AS ?n) WHERE { ?e a <https://schema.org/Person> ; "
                 "<https://schema.org/sameAs> ?wd }") > 0


def test_claims_and_contradictions_csv(result):
    claims = list(csv.DictReader(io.StringIO(claims_csv(result))))
    assert len(claims) == len(result.records)
    assert {row["ref"] for row in claims} == {r.ref for r in result.records.values()}
    contradicted = [row for row in claims if row["contradictions"]]
    assert contradicted
    findings = result.findings.triaged()
    rows = list(csv.DictReader(io.StringIO(contradictions_csv(findings, result.records))))
    assert [row["id"] for row in rows] == [f.id for f in findings]
    assert rows[0]["severity"] == "hard" and rows[0]["quote_a"]


def test_exports_are_written_and_deterministic(result):
    files = render_outputs(result, views=False)
    assert set(export_files(result)) <= set(files)
    assert files["claimreview.jsonld"] == render_outputs(result, views=False)["claimreview.jsonld"]


def test_contradictions_json_is_laid_out_as_the_standard_library_writes_it(result):
    raw = render_outputs(result, views=False)["contradictions.json"]
    document = json.loads(raw)
    assert len(document["contradictions"]) == len(result.findings.contradictions)
    assert len(document["hand_made"]) == len(result.findings.hand_made)
    assert "“" in raw.decode("utf-8"), "curly quotes written as themselves, not as \\u escapes"
    assert raw == (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
