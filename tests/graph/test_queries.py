"""Every shipped query runs on the corpus and returns the rows expected."""

from __future__ import annotations

import pytest

from claimgraph.graph.sparql import QueryError, describe, resolve_query, run_query, shipped_queries, to_term


def run(result, name, **bindings):
    _, text = resolve_query(name)
    entities = result.corpus.entities
    return run_query(result.store, text, {k: to_term(v, entities) for k, v in bindings.items()}).records()


def test_at_least_ten_documented_queries_ship():
    queries = shipped_queries()
    assert len(queries) >= 10
    for name, path in queries.items():
        assert path.read_text(encoding="utf-8").startswith("#"), name
        assert len(describe(path)) > 20, name


@pytest.mark.corpus
@pytest.mark.parametrize("name", sorted(shipped_queries()))
def test_every_shipped_query_runs(result, name):
    rows = run(result, name)
    if name != "deprecated-claims":
        assert rows, name


@pytest.mark.corpus
def test_troop_levels_over_time_with_bounds_and_sources(result):
    rows = run(result, "troop-levels", subject="us-military-presence-in-iraq")
    figures = [(r["time"], r["amount"], r["lower"], r["upper"], r["speakerLabel"]) for r in rows if r["scope"] == "all troops"]
    assert figures[0] == ("2011-10", 48000, 47500, 48500, "Tom Hayden")
    assert figures[1] == ("2011-10-21", 39000, 38500, 39500, "Al Jazeera")
    assert ("2021-07", 2500, 2250, 2750, "The New York Times") in figures
    assert figures[-1] == ("2024-09", 2500, 2250, 2750, "ZeroHedge")
    embassy = next(r for r in rows if r["scope"] == "embassy detachment")
    assert (embassy["amount"], embassy["via"]) == (160, "Associated Press")
    assert [r["start"] for r in rows] == sorted(r["start"] for r in rows)


@pytest.mark.corpus
def test_claims_by_speaker_with_a_bound_speaker(result):
    rows = run(result, "claims-by-speaker", speaker="barack-obama")
    assert rows and {r["speakerLabel"] for r in rows} == {"Barack Obama"}
    assert any("39,000" in r["quote"] for r in rows)
    assert len(rows) == sum(r.speaker_id == "barack-obama" for r in result.records.values())


@pytest.mark.corpus
def test_withdrawal_claims_with_dates(result):
    rows = run(result, "withdrawal-claims")
    deadlines = {r["deadline"] for r in rows if r["value"] == "withdrawn"}
    assert {"2011-12-31", "2021-12-31", "2026-12-31"} <= deadlines
    assert any(r["value"] == "reclassified" and r["scope"] == "combat troops" for r in rows)


@pytest.mark.corpus
def test_attribution_chains(result):
    rows = run(result, "attribution-chains")
    chains = {r["chain"] for r in rows}
    assert "Tom Hayden → Associated Press → A White House official (AP, October 2011)" in chains
    assert any(r["via1"] == "Reuters" for r in rows)


@pytest.mark.corpus
def test_claims_per_article_and_per_institution(result):
    per_article = {r["article"][:3]: r["claims"] for r in run(result, "claims-per-article")}
    assert per_article == {a.id[:3]: len(a.annotation.claims) for a in result.corpus.articles}
    institutions = {r["institution"]: r["claims"] for r in run(result, "claims-per-institution")}
    assert institutions["United States Department of Defense"] >= 3  # Pentagon officials, Panetta and Esper
    assert institutions["Al Jazeera"] >= 20


@pytest.mark.corpus
def test_anonymous_sources_carry_their_affiliation(result):
    rows = run(result, "anonymous-sources")
    pairs = {(r["speakerLabel"], r["affiliation"]) for r in rows}
    assert ("Pentagon officials", "United States Department of Defense") in pairs
    assert all(r["affiliation"] for r in rows)


@pytest.mark.corpus
def test_quantities_by_unit(result):
    rows = {(r["unit"], r["property"]): r for r in run(result, "quantities-by-unit")}
    troops = rows[("persons", "troop count")]
    assert troops["quantities"] == 12 and troops["minLower"] == 155
    assert ("seats", "seat count") in rows and ("years", "duration") in rows


@pytest.mark.corpus
def test_articles_by_date_with_status(result):
    rows = run(result, "articles-by-date")
    assert [r["article"][:3] for r in rows] == ["000", "004", "003", "001", "002"]
    assert [r["status"] for r in rows].count("stated") == 1
    assert next(r for r in rows if r["article"].startswith("004"))["published"] == "2011-10-21"


@pytest.mark.corpus
def test_roles_held_at_the_time_of_a_claim(result):
    rows = run(result, "roles-at-claim-time")
    roles = {(r["speakerLabel"], r["role"]) for r in rows}
    assert ("Leon Panetta", "United States Secretary of Defense") in roles
    assert ("Mark Esper", "United States Secretary of Defense") in roles
    assert not any(r["speakerLabel"] == "Barack Obama" and r["madeOn"].startswith("2020") for r in rows)


@pytest.mark.corpus
def test_contradictions_query_filters_by_bound_kind(result):
    rows = run(result, "contradictions", kind="cg:numeric-conflict")
    assert {"hand-made", "rule numeric-conflict"} <= {r["source"] for r in rows}
    assert all(r["source"] in ("hand-made", "rule numeric-conflict", "rule proposal-conflict") for r in rows)
    rows = [r for r in rows if r["source"] == "rule numeric-conflict"]
    assert {rows[0]["quoteA"], rows[0]["quoteB"]} == {"the remaining 48,000 US troops",
                                                      "all\u00a039,000 US troops still stationed in Iraq"}


@pytest.mark.corpus
def test_bound_values_cannot_change_the_query(result):
    rows = run(result, "claims-by-speaker", speaker='x" } ; ?claim ?p ?o . { "')
    assert rows == []


@pytest.mark.corpus
def test_a_syntax_error_is_a_clear_message(result, tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?x WHERE { ?x ", encoding="utf-8")
    _, text = resolve_query(str(bad))
    with pytest.raises(QueryError, match="SPARQL syntax error"):
        run_query(result.store, text)


def test_unknown_query_name_lists_the_shipped_ones():
    with pytest.raises(QueryError, match="troop-levels"):
        resolve_query("no-such-query")


@pytest.mark.corpus
def test_a_variable_the_query_does_not_use_cannot_be_bound(result):
    with pytest.raises(QueryError, match=r"no variable \?speakr"):
        run_query(result.store, shipped_queries()["claims-by-speaker"].read_text(encoding="utf-8"),
                  {"speakr": "barack-obama"})


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["anonymous-sources", "attribution-chains", "withdrawal-claims"])
def test_documented_article_parameter_narrows_to_that_article(result, name):
    text = shipped_queries()[name].read_text(encoding="utf-8")
    assert "# Bind ?article" in text
    everything = run_query(result.store, text).records()
    article = everything[0]["article"]
    narrowed = run_query(result.store, text, {"article": article}).records()
    assert narrowed and all(row["article"] == article for row in narrowed)
    assert len(narrowed) == sum(row["article"] == article for row in everything) < len(everything)


@pytest.mark.corpus
def test_a_bound_variable_need_not_be_projected(result):
    rows = run_query(result.store, "PREFIX cg: <https://w3id.org/claimgraph/ns#> "
                     "SELECT ?claim WHERE { ?claim cg:speaker ?who }", {"who": "<https://w3id.org/claimgraph/id/entity/barack-obama>"}).rows
    assert rows and len(rows) < len(result.records)


@pytest.mark.corpus
def test_one_corroboration_by_its_id(result):
    text = shipped_queries()["corroborations"].read_text(encoding="utf-8")
    finding = result.findings.corroborations[0]
    rows = run_query(result.store, text, {"id": finding.id}).records()
    assert rows and {row["id"] for row in rows} == {finding.id}


def test_aggregates_leave_deprecated_claims_out(make_corpus):
    from conftest import build_findings
    from test_rules import claim, troops

    retired = {**claim("c2", "some 9,000 troops", speaker="analyst-c", **troops(9000)),
               "deprecated": {"reason": "misread figure"}}
    root = make_corpus({
        "a1": [claim("c1", "the remaining 48,000 troops", **troops(48000)), retired],
        "a2": [claim("c1", "all 39,000 troops still there", **troops(39000, time="2011-10-21"))],
    })
    result = build_findings(root)
    per_article = {r["article"]: r["claims"] for r in run(result, "claims-per-article")}
    assert per_article == {"a1": 1, "a2": 1}
    (persons,) = run(result, "quantities-by-unit")
    assert (persons["quantities"], persons["minLower"]) == (2, 38500)  # 9,000 would bring it to 8,500


def test_machine_formats_are_written_as_the_rows_come():
    import io
    import json

    from claimgraph.graph.sparql import write_result

    produced = []

    def rows():
        for n in range(2500):
            produced.append(n)
            yield [f"row {n}", n, None]

    class Watching(io.StringIO):
        def write(self, text):
            lines = self.getvalue().count("\n")
            assert len(produced) <= lines + 1  # never more than the row being written is held
            return super().write(text)

    for fmt in ("csv", "tsv", "json"):
        produced.clear()
        out = Watching()
        assert write_result(["a", "n", "none"], rows(), fmt, out) == 2500
        if fmt == "json":
            records = [{"a": f"row {n}", "n": n, "none": None} for n in range(2500)]
            assert out.getvalue() == json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    empty = io.StringIO()
    write_result(["a"], iter([]), "json", empty)
    assert empty.getvalue() == "[]\n"


def test_a_streamed_query_skips_rows_without_reading_them_all():
    import pyoxigraph as ox

    from claimgraph.graph.sparql import stream_query

    store = ox.Store()
    store.extend([ox.Quad(ox.NamedNode(f"http://e/{n:04}"), ox.NamedNode("http://e/p"), ox.Literal(n))
                  for n in range(1200)])
    rows = stream_query(store, "SELECT ?s ?o WHERE { ?s <http://e/p> ?o } ORDER BY ?s")
    assert rows.columns == ["s", "o"]
    assert rows.skip(1000) == 1000
    assert next(iter(rows)) == ["http://e/1000", 1000]
    assert rows.skip() == 199
    with pytest.raises(QueryError, match="SPARQL syntax error"):
        stream_query(store, "SELECT ?s WHERE {")
