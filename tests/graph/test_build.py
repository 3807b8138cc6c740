"""The RDF build: named graphs, grounding, SHACL, determinism."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib

from claimgraph.graph.build import serialize
from claimgraph.corpus.load import load_corpus
from claimgraph.namespaces import graph_iri
from claimgraph.pipeline import build_graph, render_outputs
from claimgraph.resources import default_corpus_path, default_ontology_path, default_shapes_path
from claimgraph.graph.validate import validate_graph


@pytest.mark.corpus
def test_one_named_graph_per_article_plus_entities_ontology_and_derived(result):
    graphs = {q.graph_name.value for q in result.all_quads}
    articles = {graph_iri(a.id) for a in result.corpus.articles}
    assert graphs == articles | {graph_iri("entities"), graph_iri("ontology"), graph_iri("derived")}


@pytest.mark.corpus
def test_trig_parses_back_into_rdflib_with_the_same_quads(result):
    data = serialize(result.all_quads, "trig").decode("utf-8")
    dataset = rdflib.Dataset()
    dataset.parse(data=data, format="trig")
    assert len(list(dataset.quads((None, None, None, None)))) == len(result.all_quads)


@pytest.mark.corpus
def test_mentions_ground_every_claim_at_its_offsets(result):
    rows = result.store.query("""
        PREFIX oa: <http://www.w3.org/ns/oa#>
        PREFIX cg: <https://w3id.org/claimgraph/ns#>
        SELECT ?text ?exact ?start ?end WHERE {
          ?claim cg:mention/oa:hasTarget ?t . ?t oa:hasSource ?a ; oa:hasSelector ?q , ?p .
          ?a cg:text ?text . ?q oa:exact ?exact . ?p oa:start ?start ; oa:end ?end }""",
        use_default_graph_as_union=True)
    count = 0
    for row in rows:
        text, start, end = row["text"].value, int(row["start"].value), int(row["end"].value)
        assert text[start:end] == row["exact"].value
        count += 1
    assert count == len(result.records)


@pytest.mark.corpus
def test_shapes_pass_on_the_corpus(result):
    assert result.shacl.conforms
    assert result.shacl.graphs == len(result.corpus.articles) + 2


def _graph(quads):
    graph = rdflib.Graph()
    graph.parse(data=serialize(quads, "ntriples").decode("utf-8"), format="nt")
    return graph


@pytest.mark.corpus
def test_shapes_fail_on_a_broken_graph_with_a_readable_report(result):
    shapes = default_shapes_path().read_text(encoding="utf-8")
    graph = _graph(result.quads)
    claim = rdflib.URIRef(next(iter(result.records)))
    cg = rdflib.Namespace("https://w3id.org/claimgraph/ns#")
    graph.remove((claim, cg.speaker, None))
    quantity = next(graph.subjects(rdflib.RDF.type, cg.Quantity))
    graph.set((quantity, cg.lowerBound, rdflib.Literal("99999999", datatype=rdflib.XSD.decimal)))
    messages = {r.message for r in validate_graph(graph, shapes)}
    assert "A claim has exactly one speaker, who is an agent." in messages
    assert "A quantity's lower bound must not be above its upper bound." in messages


@pytest.mark.corpus
def test_build_is_byte_identical_across_runs(result):
    again = build_graph(load_corpus(default_corpus_path(), default_ontology_path()),
                        default_shapes_path().read_text(encoding="utf-8"))
    first = render_outputs(result, views=False)
    second = render_outputs(again, views=False)
    assert first.keys() == second.keys()
    for name in first:
        assert first[name] == second[name], name


@pytest.mark.corpus
def test_quantities_carry_bounds_units_and_scopes(result):
    rows = {r.ref: r for r in result.records.values()}
    figure = next(r for r in rows.values() if r.amount == 39000)
    assert (figure.lower, figure.upper, figure.unit, figure.scope) == (38500, 39500, "persons", "all troops")


@pytest.mark.corpus
def test_anonymous_speakers_have_an_affiliation(result):
    anonymous = [r for r in result.records.values() if r.speaker_type == "anonymous"]
    assert anonymous
    rows = list(result.store.query(
        "PREFIX cg: <https://w3id.org/claimgraph/ns#> SELECT ?s WHERE { ?s a cg:AnonymousSource "
        "FILTER NOT EXISTS { ?s cg:affiliation ?org } }", use_default_graph_as_union=True))
    assert rows == []


def test_the_nquads_we_write_are_what_oxigraph_writes(xss_result):
    """The build writes N-Quads text itself; parsed and re-serialised by
    Oxigraph, every graph (quotes full of markup and quotes) is unchanged."""
    from claimgraph.graph.build import corpus_graphs

    graphs = list(corpus_graphs(xss_result.corpus))
    assert len(graphs) == 2 + len(xss_result.corpus.articles)
    for name, data in graphs:
        quads = list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
        assert {q.graph_name.value for q in quads} == {name}
        assert ox.serialize(quads, format=ox.RdfFormat.N_QUADS) == data
        assert len(set(map(str, quads))) == len(quads)  # written once each


def test_string_escapes_match_oxigraph():
    from claimgraph.graph.nquads import text

    awkward = "".join(chr(code) for code in range(0x21)) + '\x7f"\\é\u2028😀 <b>'
    assert text(awkward) == str(ox.Literal(awkward))


@pytest.mark.corpus
def test_the_nquads_file_is_the_store_graph_by_graph(result):
    data = result.nquads()
    assert data == serialize(result.all_quads, "nquads")
    assert data.count(b"\n") == len(result.store)


@pytest.mark.corpus
@pytest.mark.parametrize("which", ["result", "xss_result"])
def test_records_from_the_corpus_equal_records_read_from_the_store(which, request):
    from claimgraph.graph.records import claim_records, corpus_records

    built = request.getfixturevalue(which)
    from_store = claim_records(built.store)
    from_corpus = corpus_records(built.corpus)
    assert list(from_corpus) == list(from_store)
    for iri, record in from_store.items():
        assert from_corpus[iri] == record, iri


def test_a_batch_the_store_rejects_stops_the_load_with_its_error():
    from claimgraph.graph.build import load_graphs

    store = ox.Store()
    good = b'<http://e/a> <http://e/p> "x" <http://e/g1> .\n'
    with pytest.raises(SyntaxError):
        load_graphs(store, [("http://e/g1", good), ("http://e/g2", b"<http://e/a> <http://e/p> .\n")])


@pytest.mark.corpus
@pytest.mark.parametrize("which", ["result", "xss_result"])
def test_findings_written_in_batches_are_the_findings_in_one_piece(which, request):
    """The build loads the findings batch by batch; split one finding a batch, they
    hold every finding line exactly once and are what Oxigraph would write."""
    from claimgraph.rules.findings_rdf import findings_batches, findings_nquads
    from claimgraph.rules.loading import load_rules
    from claimgraph.resources import rules_dir

    built = request.getfixturevalue(which)
    rules = load_rules(rules_dir())
    whole = findings_nquads(built.findings, rules)
    batches = list(findings_batches(built.findings, rules, size=1))
    assert len(batches) > 1 and {name for name, _ in batches} == {graph_iri("derived")}
    lines = [line for _, data in batches for line in data.decode("utf-8").splitlines()]
    assert len(lines) == len(set(lines)) and sorted(lines) == sorted(whole.decode("utf-8").splitlines())
    for _, data in batches:
        assert ox.serialize(list(ox.parse(data, format=ox.RdfFormat.N_QUADS)), format=ox.RdfFormat.N_QUADS) == data
    derived = {q for q in built.store.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri("derived")))}
    assert set(ox.parse(whole, format=ox.RdfFormat.N_QUADS)) <= derived
