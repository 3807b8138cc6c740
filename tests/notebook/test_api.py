"""The notebook API: tables, bound SPARQL, loading a built file, explanations,
the inline network view, and escaping of hostile corpus text."""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from claimgraph.notebook.facade import ClaimGraph, NetworkView
from claimgraph.graph.build import serialize
from claimgraph.graph.sparql import QueryError
from claimgraph.corpus.reviews import record_review

from conftest import DATA, IN_CI

HOSTILE = '<img src=x onerror="alert(1)">'


@pytest.fixture(scope="module")
def graph(result):
    return ClaimGraph(result, source="test")


@pytest.fixture(scope="module")
def loaded(result, tmp_path_factory):
    path = tmp_path_factory.mktemp("built") / "claims.trig"
    path.write_bytes(serialize(result.all_quads, "trig"))
    return ClaimGraph.load(path)


def _conflict_corpus(make_corpus, tmp_path, *, speaker_label="Minister A", quote="the remaining 48,000 troops"):
    registry = yaml.safe_load((DATA / "valid" / "entities.yaml").read_text(encoding="utf-8"))
    for entity in registry:
        if entity["id"] == "minister-a":
            entity["label"] = speaker_label
    entities = tmp_path / "entities.yaml"
    entities.write_text(yaml.safe_dump(registry, allow_unicode=True), encoding="utf-8")

    def troops(amount, time):
        return {"subject": "force-presence", "predicate": "troop-count", "scope": "all-troops", "time": time,
                "quantity": {"amount": amount, "qualifier": "exact", "unit": "persons"}}

    return make_corpus({
        "a1": [{"id": "c1", "quote": quote, "speaker": "minister-a", "modality": "asserted",
                "proposition": troops(48000, "2011-10")}],
        "a2": [{"id": "c1", "quote": "all 39,000 troops still there", "speaker": "analyst-c",
                "modality": "asserted", "via": ["wire-agency"], "proposition": troops(39000, "2011-10-21")}],
    }, entities=entities)


# ------------------------------------------------------------------ tables

@pytest.mark.corpus
def test_summary_counts_match_the_build(graph, result):
    summary = graph.summary()
    assert summary["claims"] == len(result.records)
    assert summary["contradictions"] == len(result.findings.contradictions) + len(result.findings.hand_made)
    assert summary["open"] + summary["confirmed"] + summary["dismissed"] == summary["contradictions"]
    assert summary["articles"] == len(result.corpus.articles)
    assert summary["triples"] == len(result.store)


@pytest.mark.corpus
def test_claims_table_filters_by_property_speaker_article_and_modality(graph, result):
    all_claims = graph.claims()
    assert len(all_claims) == sum(not r.deprecated for r in result.records.values())
    troops = graph.claims(kind="troop-count")
    assert len(troops) > 0 and set(troops["property"]) == {"troop count"}
    assert graph.claims(kind="troop count").equals(troops)  # the label works as well as the id
    assert (troops["lower"] <= troops["upper"]).all()

    speaker = all_claims["speaker_id"].value_counts().index[0]
    mine = graph.claims(speaker=speaker)
    assert len(mine) == (all_claims["speaker_id"] == speaker).sum() and set(mine["speaker_id"]) == {speaker}

    article = result.corpus.articles[0].id
    by_prefix = graph.claims(article=article.split("_")[0])
    assert len(by_prefix) > 0 and set(by_prefix["article"]) == {article}

    denied = graph.claims(modality="denied")
    assert set(denied["modality"]) <= {"denied"}
    assert len(denied) == sum(r.modality == "denied" and not r.deprecated for r in result.records.values())


@pytest.mark.corpus
def test_claims_rejects_unknown_vocabulary_instead_of_returning_nothing(graph):
    with pytest.raises(ValueError, match="unknown proposition property 'troop-counts'.*troop-count"):
        graph.claims(kind="troop-counts")
    with pytest.raises(ValueError, match="unknown modality"):
        graph.claims(modality="shouted")
    with pytest.raises(ValueError, match="unknown status"):
        graph.contradictions(status="closed")
    with pytest.raises(ValueError, match="unknown contradiction kind"):
        graph.contradictions(kind="numeric")


@pytest.mark.corpus
def test_claim_rows_show_chain_outlet_and_wire(graph, result):
    table = graph.claims().set_index("ref")
    wires = graph.wire_agencies
    assert wires, "the corpus registry marks wire agencies"
    for record in result.records.values():
        if record.deprecated:
            continue
        row = table.loc[record.ref]
        assert row["quote"] == record.quote and row["outlet"] == record.publisher
        assert row["chain"].endswith(record.speaker)
        relayed = [s for s in [*record.via_ids, record.speaker_id] if s in wires]
        assert bool(row["wire"]) == bool(relayed)


@pytest.mark.corpus
def test_contradictions_table_has_both_sides(graph, result):
    table = graph.contradictions()
    assert len(table) == len(result.findings.contradictions) + len(result.findings.hand_made)
    quotes = {r.quote for r in result.records.values()}
    assert table["quote_a"].isin(quotes).all() and table["quote_b"].isin(quotes).all()
    for status in ("open", "confirmed", "dismissed"):
        part = graph.contradictions(status=status)
        assert set(part["status"]) <= {status}
    kind = table["kind"].iloc[0]
    assert set(graph.contradictions(kind=kind)["kind"]) == {kind}
    assert graph.contradictions(kind=kind).shape[1] == table.shape[1]


@pytest.mark.corpus
def test_corroborations_report_independence(graph, result):
    table = graph.corroborations()
    assert len(table) == len(result.findings.corroborations) > 0
    assert (table["independent"] == (table["sources"] > 1)).all()
    assert (table["n_claims"] >= 2).all()


@pytest.mark.corpus
def test_timeline_is_sorted_dated_and_one_property(graph, result):
    line = graph.timeline("troop-count")
    assert len(line) == sum(r.property == "troop count" and not r.deprecated and r.lower is not None and r.time != "future"
                            for r in result.records.values())
    assert pd.api.types.is_datetime64_any_dtype(line["start"])
    assert line["start"].is_monotonic_increasing
    assert (line["start"] <= line["end"]).all() and (line["lower"] <= line["upper"]).all()
    with pytest.raises(ValueError):
        graph.timeline("troops")


@pytest.mark.corpus
def test_empty_results_keep_their_columns(graph):
    assert list(graph.claims(speaker="nobody-at-all").columns) == list(graph.claims().columns)
    assert graph.claims(speaker="nobody-at-all").empty


# ------------------------------------------------------------------ SPARQL

@pytest.mark.corpus
def test_sparql_runs_shipped_queries_with_entity_bindings(graph, result):
    speaker = next(iter(result.records.values())).speaker_id
    table = graph.sparql("claims-by-speaker", speaker=speaker)
    assert len(table) > 0 and set(table["speaker"]) == {speaker}
    full = graph.sparql("claims-by-speaker", speaker=speaker, full_iris=True)
    assert full["speaker"].iloc[0].startswith("https://w3id.org/claimgraph/id/entity/")
    every = graph.sparql("claims-by-speaker")
    assert len(every) > len(table)


@pytest.mark.corpus
def test_sparql_binds_values_and_never_pastes_them(graph):
    before = len(graph.store)
    for hostile in ('x" } ; DROP ALL ; {', "?q", "} UNION { ?s ?p ?o }"):
        assert graph.sparql("SELECT ?c ?q WHERE { ?c rdfs:label ?q }", q=hostile).empty
    assert len(graph.store) == before
    quote = next(iter(graph.records.values())).quote
    assert len(graph.sparql("SELECT ?c ?q WHERE { ?c a cg:Claim ; rdfs:label ?q }", q=quote)) >= 1
    # A variable literally named like a keyword argument goes through the mapping.
    assert len(graph.sparql("SELECT ?bindings WHERE { ?c a cg:Claim ; rdfs:label ?bindings }",
                            {"bindings": quote})) >= 1


@pytest.mark.corpus
def test_sparql_errors_are_query_errors(graph):
    with pytest.raises(QueryError, match="unknown query"):
        graph.sparql("no-such-query")
    with pytest.raises(QueryError, match="syntax"):
        graph.sparql("SELECT WHERE {")
    with pytest.raises(QueryError, match="not a variable name"):
        graph.sparql("SELECT * WHERE { ?s ?p ?o }", {"bad name": 1})


@pytest.mark.corpus
def test_every_shipped_query_returns_a_table(graph):
    names = list(graph.queries()["name"])
    assert "troop-levels" in names
    for name in names:
        table = graph.sparql(name)
        assert isinstance(table, pd.DataFrame) and len(table.columns) > 0


# ------------------------------------------------------------------ loading a built file

@pytest.mark.corpus
def test_loaded_file_gives_the_same_answers(graph, loaded):
    assert loaded.summary() == graph.summary()
    pd.testing.assert_frame_equal(loaded.claims(), graph.claims())
    pd.testing.assert_frame_equal(loaded.contradictions(), graph.contradictions())
    pd.testing.assert_frame_equal(loaded.corroborations(), graph.corroborations())
    pd.testing.assert_frame_equal(loaded.timeline(), graph.timeline())
    for view in ("claims", "speakers", "contradictions"):
        a, b = graph.to_networkx(view), loaded.to_networkx(view)
        assert sorted(a.nodes) == sorted(b.nodes)
        assert sorted(a.edges(keys=True)) == sorted(b.edges(keys=True))


@pytest.mark.corpus
def test_loaded_findings_keep_review_decisions(result, loaded):
    built = {f.id: (f.status, f.reason, f.kind, f.claims) for f in result.findings.all()}
    again = {f.id: (f.status, f.reason, f.kind, f.claims) for f in loaded.findings.all()}
    assert again == built


def test_load_reports_a_broken_file(tmp_path):
    bad = tmp_path / "claims.trig"
    bad.write_text("<a> <b> ", encoding="utf-8")
    with pytest.raises(ValueError, match="not valid TriG"):
        ClaimGraph.load(bad)


# ------------------------------------------------------------------ from_corpus and its cache

def test_from_corpus_reuses_an_unchanged_build_but_not_its_store(make_corpus, tmp_path):
    root = _conflict_corpus(make_corpus, tmp_path)
    first = ClaimGraph.from_corpus(root)
    second = ClaimGraph.from_corpus(root)
    assert first.result.findings is second.result.findings  # one build
    assert first.store is not second.store
    size = len(second.store)
    import pyoxigraph as ox
    first.store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("x")))
    assert len(second.store) == size


def test_a_recorded_review_rebuilds_and_shows_the_new_status(make_corpus, tmp_path):
    root = _conflict_corpus(make_corpus, tmp_path)
    before = ClaimGraph.from_corpus(root)
    conflict = before.contradictions(kind="numeric-conflict")
    assert list(conflict["status"]) == ["open"]
    finding = before.finding(conflict["id"].iloc[0])
    record_review(root / "reviews.yaml", finding.id, "dismissed", finding.refs, "different sources", "tester",
                  "2026-11-25")
    after = ClaimGraph.from_corpus(root)
    row = after.contradictions(status="dismissed")
    assert list(row["id"]) == [finding.id] and row["reason"].iloc[0] == "different sources"
    assert after.summary()["dismissed"] == 1 and before.summary()["dismissed"] == 0


# ------------------------------------------------------------------ explanations and display

@pytest.mark.corpus
def test_explain_shows_both_quotes_rule_and_context(graph, result):
    finding = result.findings.contradictions[0]
    explanation = graph.explain(finding.id)
    text = str(explanation)
    for iri in finding.claims:
        assert result.records[iri].quote in text
    assert finding.rules[0] in text
    page = explanation._repr_html_()
    assert html.escape(finding.explanation) in page
    for record in explanation.claims:
        before, quote, after = explanation.contexts[record.ref]
        assert quote == record.quote
        article = result.corpus.article(record.article).text
        assert " ".join(article[:record.start].split()).endswith(before.strip(" …"))
        assert " ".join(article[record.end:].split()).startswith(after.strip(" …"))
        assert before.startswith("…") == (record.start > 80)


@pytest.mark.corpus
def test_explain_unknown_id_says_where_to_look(graph):
    with pytest.raises(KeyError, match="contradictions"):
        graph.explain("no-such-finding")


def test_hostile_text_is_escaped_everywhere(make_corpus, tmp_path):
    root = _conflict_corpus(make_corpus, tmp_path, speaker_label=HOSTILE, quote=f"the remaining 48,000 troops {HOSTILE}")
    hostile = ClaimGraph.from_corpus(root)
    finding_id = hostile.contradictions()["id"].iloc[0]
    explanation = hostile.explain(finding_id)
    assert HOSTILE in str(explanation)  # plain text keeps the words
    for page in (explanation._repr_html_(), hostile._repr_html_()):
        assert "<img" not in page
    assert html.escape(HOSTILE) in explanation._repr_html_()
    view = hostile.show("contradictions")
    frame = view._repr_html_()
    assert frame.startswith("<iframe srcdoc=") and 'sandbox="allow-scripts"' in frame
    assert "<img" not in frame and "<script" not in frame  # all of the page sits inside the attribute
    srcdoc = html.unescape(re.search(r'srcdoc="([^"]*)"', frame).group(1))
    assert srcdoc == view.page
    assert "<img" not in view.page  # the page escapes the corpus text itself


@pytest.mark.corpus
def test_network_view_is_offline_and_savable(graph, tmp_path):
    view = graph.show("speakers", title='Who "argues" <with> whom')
    assert isinstance(view, NetworkView)
    assert "vis.Network" in view.page or "vis-network" in view.page
    external = re.findall(r'(?:src|href)\s*=\s*["\'](?:https?:)?//', view.page)
    assert external == []
    assert 'title="Who &quot;argues&quot; &lt;with&gt; whom"' in view._repr_html_()
    saved = view.save(tmp_path / "speakers.html")
    assert saved.read_bytes().decode("utf-8") == view.page


@pytest.mark.corpus
def test_to_networkx_views(graph):
    speakers = graph.to_networkx("speakers")
    assert speakers.number_of_nodes() == graph.summary()["speakers"]
    contradictions = graph.to_networkx("contradictions")
    assert any(d["type"] == "contradicts" for _, _, d in contradictions.edges(data=True))
    with pytest.raises(ValueError, match="unknown view"):
        graph.to_networkx("everything")


@pytest.mark.corpus
def test_graph_reprs(graph):
    assert repr(graph).startswith("<ClaimGraph ") and "claims" in repr(graph)
    page = graph._repr_html_()
    for kind in {f.kind for f in graph.findings.contradictions}:
        assert kind in page


@pytest.mark.corpus
def test_tables_say_how_to_get_pandas(graph, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"\[notebook\]"):
        graph.claims()


@pytest.mark.corpus
def test_inline_view_draws_in_a_browser_offline(graph, tmp_path):
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        if IN_CI:
            pytest.fail("Chromium is needed for the browser tests (make browser)")
        pytest.skip("Chromium not installed; `make browser` installs it")
    from playwright.sync_api import sync_playwright

    notebook_page = tmp_path / "notebook.html"
    notebook_page.write_text(f"<!doctype html><html><body>{graph.show('speakers')._repr_html_()}</body></html>",
                             encoding="utf-8")
    problems, requests = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        try:
            page = browser.new_page()
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(notebook_page.as_uri(), wait_until="load")
            # A locator finds the iframe's document whenever it is ready; a Frame
            # taken from page.frames right after goto could be the one being replaced.
            canvas = page.frame_locator("iframe").locator("canvas").first
            canvas.wait_for(state="attached", timeout=30000)
            drawn = canvas.evaluate("c => c.width > 0 && c.height > 0")
        finally:
            browser.close()
    assert drawn
    assert problems == []
    assert [u for u in requests if u.startswith(("http:", "https:"))] == []
