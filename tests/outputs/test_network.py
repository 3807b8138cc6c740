"""networkx projections: what each view holds, centrality, communities, GraphML."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
import pytest

from claimgraph.outputs.network import (EDGE_TYPES, NODE_TYPES, centrality, communities, node_id, project,
                                property_ids, to_graphml)

XSS = Path(__file__).parents[1] / "data" / "xss"


def _types(graph, kind):
    return {n for n, d in graph.nodes(data=True) if d["type"] == kind}


@pytest.mark.corpus
def test_claims_view_holds_every_claim_article_speaker(result):
    graph = project(result, "claims")
    records = result.records
    assert _types(graph, "claim") == {node_id("claim", r.ref) for r in records.values()}
    assert _types(graph, "article") == {node_id("article", a.id) for a in result.corpus.articles}
    speakers = {r.speaker_id for r in records.values()} | {v for r in records.values() for v in r.via_ids}
    assert _types(graph, "speaker") == {node_id("speaker", s) for s in speakers}
    assert _types(graph, "quantity") == {node_id("quantity", r.ref) for r in records.values() if r.lower is not None}
    assert _types(graph, "date") == {node_id("date", r.time) for r in records.values()}
    assert {d["type"] for _, d in graph.nodes(data=True)} <= set(NODE_TYPES)
    assert {d["type"] for *_, d in graph.edges(data=True)} <= set(EDGE_TYPES)


@pytest.mark.corpus
def test_claim_nodes_are_typed_and_linked(result):
    graph = project(result, "claims")
    for record in result.records.values():
        node = node_id("claim", record.ref)
        data = graph.nodes[node]
        assert data["quote"] == record.quote and data["speaker"] == record.speaker
        assert data["outlet"] == record.publisher and data["said"] == record.said
        edges = {(other, d["type"]) for _, other, d in graph.edges(node, data=True)}
        assert (node_id("article", record.article), "in-article") in edges
        assert (node_id("speaker", record.speaker_id), "said-by") in edges
        time_edge = "deadline" if record.is_deadline else "reference-time"
        assert (node_id("date", record.time), time_edge) in edges
    kinds = {graph.nodes[n]["kind"] for n in _types(graph, "speaker")}
    assert kinds <= {"person", "institution", "anonymous"} and len(kinds) == 3


@pytest.mark.corpus
def test_every_finding_pair_is_a_typed_edge(result):
    graph = project(result, "claims")
    records = result.records
    for edge_type, pool in (("contradicts", result.findings.contradictions + result.findings.hand_made),
                            ("corroborates", result.findings.corroborations),
                            ("supersedes", result.findings.supersessions)):
        assert pool, edge_type
        for finding in pool:
            pairs = finding.pairs or [(a, b) for i, a in enumerate(finding.claims) for b in finding.claims[i + 1:]]
            for a, b in pairs:
                key = f"{edge_type}:{finding.id}"
                data = graph.get_edge_data(node_id("claim", records[a].ref), node_id("claim", records[b].ref), key)
                assert data is not None, (finding.id, a, b)
                assert data["type"] == edge_type and data["kind"] == finding.kind
    contradicts = [d for *_, d in graph.edges(data=True) if d["type"] == "contradicts"]
    assert {d["severity"] for d in contradicts} <= {"hard", "tension"}


@pytest.mark.corpus
def test_speakers_view_weights_count_findings(result):
    graph = project(result, "speakers")
    records = result.records
    assert _types(graph, "speaker") == {node_id("speaker", r.speaker_id) for r in records.values()}
    assert any(d["type"] == "contradicts" for *_, d in graph.edges(data=True))
    assert any(d["type"] == "corroborates" for *_, d in graph.edges(data=True))
    for a, b, data in graph.edges(data=True):
        ids = data["findings"].split()
        assert data["weight"] == len(ids) > 0
        for fid in ids:
            finding = result.findings.by_id(fid)
            speakers = {node_id("speaker", records[c].speaker_id) for c in finding.claims}
            assert {a, b} <= speakers


@pytest.mark.corpus
def test_contradictions_view_only_contradicted_claims(result):
    graph = project(result, "contradictions")
    involved = {node_id("claim", result.records[c].ref)
                for f in result.findings.contradictions + result.findings.hand_made for c in f.claims}
    assert _types(graph, "claim") == involved
    speakers = {node_id("speaker", graph.nodes[c]["speaker_id"]) for c in involved}
    assert _types(graph, "speaker") == speakers
    assert {d["type"] for *_, d in graph.edges(data=True)} == {"contradicts", "said-by"}


@pytest.mark.corpus
def test_centrality_and_communities_are_deterministic(result):
    graph = project(result, "speakers")
    first, second = centrality(graph), centrality(project(result, "speakers"))
    assert first == second
    assert list(first) == sorted(graph.nodes)
    strength = {n: sum(d["weight"] for *_, d in graph.edges(n, data=True)) + sum(
        d["weight"] for a, b, d in graph.edges(n, data=True) if a == b) for n in graph.nodes}
    for node, values in first.items():
        assert 0.0 <= values["degree"] <= 1.0 and 0.0 <= values["betweenness"] <= 1.0
        assert values["strength"] == pytest.approx(strength[node])
    groups = communities(graph)
    assert groups == communities(project(result, "speakers"))
    assert sorted(n for group in groups for n in group) == sorted(graph.nodes)
    assert [len(g) for g in groups] == sorted((len(g) for g in groups), reverse=True)
    # A graph built in another order gives the same communities.
    shuffled = nx.MultiGraph()
    shuffled.add_nodes_from(sorted(graph.nodes, reverse=True))
    shuffled.add_edges_from(sorted(graph.edges(keys=True, data=True), reverse=True))
    assert communities(shuffled) == groups


@pytest.mark.corpus
def test_graphml_round_trips_and_is_stable(result):
    graph = project(result, "claims")
    data = to_graphml(graph)
    assert data == to_graphml(project(result, "claims"))
    back = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    record = next(iter(result.records.values()))
    assert back.nodes[node_id("claim", record.ref)]["quote"] == record.quote
    for view in ("speakers", "contradictions"):
        other = project(result, view)
        parsed = nx.read_graphml(io.BytesIO(to_graphml(other)), force_multigraph=True)
        assert (parsed.number_of_nodes(), parsed.number_of_edges()) == (other.number_of_nodes(), other.number_of_edges())


@pytest.mark.corpus
def test_property_ids_name_ontology_terms(result):
    terms = property_ids(result)
    assert set(terms) == set(result.records)
    troop = [iri for iri, term in terms.items() if term == "troop-count"]
    assert troop and all(result.records[iri].property == "troop count" for iri in troop)


@pytest.mark.corpus
def test_unknown_view_is_an_error(result):
    with pytest.raises(ValueError, match="unknown view"):
        project(result, "everything")


def test_payload_labels_survive_graphml(xss_result):
    graph = project(xss_result, "claims")
    back = nx.read_graphml(io.BytesIO(to_graphml(graph)), force_multigraph=True)
    labels = {d["label"] for _, d in back.nodes(data=True) if d["type"] == "speaker"}
    assert "Outlet <script>alert(1)</script>" in labels
    assert any(d["type"] == "contradicts" and d.get("hand_made") for *_, d in back.edges(data=True))


def test_graphml_is_directed_with_unique_key_ids(result):
    import xml.etree.ElementTree as ET

    graph = project(result, "claims")
    data = to_graphml(graph)
    root = ET.fromstring(data)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    ids = [key.get("id") for key in root.findall("g:key", ns)]
    assert len(ids) == len(set(ids)), "GraphML key ids must be unique"
    names = {(key.get("for"), key.get("attr.name")) for key in root.findall("g:key", ns)}
    assert ("node", "kind") in names and ("edge", "kind") in names
    assert root.find("g:graph", ns).get("edgedefault") == "directed"
    back = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    assert back.is_directed()
    assert back.number_of_edges() == graph.number_of_edges()
    said_by = [(a, b) for a, b, d in back.edges(data=True) if d["type"] == "said-by"]
    assert said_by and all(a.startswith("claim:") and b.startswith("speaker:") for a, b in said_by)


@pytest.mark.corpus
def test_findings_view_is_claims_joined_by_contradictions_and_corroborations(result):
    graph = project(result, "findings")
    joined = {c for f in result.findings.contradictions + result.findings.hand_made + result.findings.corroborations
              for c in f.claims if c in result.records}
    assert set(graph.nodes) == {node_id("claim", result.records[c].ref) for c in joined}
    assert {d["type"] for *_, d in graph.edges(data=True)} == {"contradicts", "corroborates"}
    assert all(d["speaker"] and d["quote"] for _, d in graph.nodes(data=True))


@pytest.mark.corpus
def test_findings_view_labels_never_overlap_and_dismissed_findings_are_drawn_apart(result):
    from claimgraph.outputs.network_page import label_size, legend_items, network_data
    from claimgraph.outputs.styles import DISMISSED

    graph = project(result, "findings")
    a, b, key = sorted(graph.edges(keys=True))[0]
    graph.edges[a, b, key]["status"] = "dismissed"
    data = network_data(graph)
    assert data == network_data(graph)  # deterministic
    boxes = []
    for node in data["nodes"]:
        assert node["shape"] == "box" and "\n— " in node["label"]
        width = node["widthConstraint"]["maximum"]
        height = max(node["heightConstraint"]["minimum"], label_size(node["label"])[1])
        boxes.append((node["x"] - width / 2, node["y"] - height / 2, node["x"] + width / 2, node["y"] + height / 2))
    for i, (l1, t1, r1, b1) in enumerate(boxes):
        for l2, t2, r2, b2 in boxes[i + 1:]:
            assert r1 <= l2 or r2 <= l1 or b1 <= t2 or b2 <= t1
    dismissed = [e for e in data["edges"] if e.get("status") == "dismissed"]
    assert dismissed and all(e["color"]["color"] == DISMISSED["color"] and e["dashes"] == DISMISSED["dashes"]
                             for e in dismissed)
    assert all(e["color"]["color"] != DISMISSED["color"] for e in data["edges"] if e.get("status") != "dismissed")
    assert "dismissed" in {item["key"] for item in legend_items(graph)[1]}


@pytest.mark.corpus
def test_speaker_pairs_with_only_tensions_are_dashed(result):
    from claimgraph.outputs.network_page import network_data

    graph = project(result, "speakers")
    edges = [e for e in network_data(graph)["edges"] if e["etype"] == "contradicts"]
    severities = {d["severity"] for *_, d in graph.edges(data=True) if d["type"] == "contradicts"}
    assert severities == {"hard", "tension"}
    hard_pairs = {(min(a, b), max(a, b)) for a, b, d in graph.edges(data=True)
                  if d["type"] == "contradicts" and d["severity"] == "hard"}
    for edge in edges:
        assert bool(edge["dashes"]) == ((edge["from"], edge["to"]) not in hard_pairs)


def test_betweenness_past_the_sample_size_is_estimated_the_same_way_every_run(monkeypatch):
    from claimgraph.outputs import network
    graph = nx.MultiGraph(nx.path_graph([f"speaker:s{i:02d}" for i in range(40)]))
    for a, b in graph.edges():
        graph[a][b][0]["weight"] = 1
    exact = centrality(graph)
    monkeypatch.setattr(network, "BETWEENNESS_SAMPLE", 10)
    estimated = centrality(graph)
    assert estimated == centrality(graph)
    assert estimated != exact and all(0.0 <= v["betweenness"] <= 1.0 for v in estimated.values())
    assert {n: v["degree"] for n, v in estimated.items()} == {n: v["degree"] for n, v in exact.items()}


@pytest.mark.corpus
def test_graphml_is_laid_out_as_networkx_writes_it(result):
    # networkx's lxml writer is the reference for the layout (ours skips its
    # per-attribute bookkeeping): read back and written by networkx, the file
    # is the same bytes.
    for view in ("claims", "speakers", "contradictions"):
        data = to_graphml(project(result, view))
        back = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
        reference = io.BytesIO()
        nx.write_graphml_lxml(back, reference, encoding="utf-8", prettyprint=True, named_key_ids=False)
        assert data == reference.getvalue(), view
