"""Against a real Oxigraph server: the corpus loaded through the remote backend answers every
shipped query and finds every contradiction exactly as the embedded store does; loads are
idempotent; a server that dies mid-load leaves whole graphs only; `claimgraph serve` and
`claimgraph load` work end to end."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from claimgraph.graph.build import serialize
from claimgraph.rules.engine import find
from claimgraph.rules.findings_rdf import findings_quads
from claimgraph.rules.loading import derive
from claimgraph.corpus.load import load_corpus
from claimgraph.pipeline import build_graph
from claimgraph.graph.sparql import run_query, shipped_queries
from claimgraph.graph.records import claim_records
from claimgraph.resources import default_corpus_path, default_ontology_path, default_shapes_path
from claimgraph.graph.server import OxigraphServer, ServerError, free_port, oxigraph_binary
from claimgraph.graph.stores import LoadError, group_by_graph
from claimgraph.graph.remote import RemoteStore

CLAIMGRAPH = Path(sys.executable).parent / "claimgraph"


def _binary() -> Path:
    try:
        return oxigraph_binary()
    except ServerError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs the Oxigraph server: {exc}")
        pytest.skip(str(exc))


@pytest.fixture(scope="module")
def embedded():
    corpus = load_corpus(default_corpus_path(), default_ontology_path())
    return build_graph(corpus, default_shapes_path().read_text(encoding="utf-8"), validate=False)


@pytest.fixture
def server():
    _binary()
    with OxigraphServer(writable=True, port=0) as running:
        yield running


def _graphs(quads) -> dict:
    return group_by_graph(quads)


def _finding_view(findings) -> list:
    return [(f.id, f.relation, f.kind, f.severity, f.claims, f.pairs, f.explanation, f.within_article, f.status,
             f.independent, f.source_count) for f in findings.all()]


def test_remote_rules_and_queries_match_the_embedded_run(server, embedded):
    remote = RemoteStore.oxigraph(server.url)
    report = remote.load_graphs(_graphs(embedded.quads))
    assert report.triples == len(embedded.quads)
    rules = embedded.rules
    derived = derive(remote, rules)
    assert sorted(map(str, derived)) == sorted(map(str, [q for q in embedded.derived
                                                         if "/finding/" not in q.subject.value
                                                         and "/rule/" not in q.subject.value]))
    records = claim_records(remote)
    assert records == embedded.records
    findings = find(remote, records, embedded.corpus.reviews, rules)
    assert findings.contradictions, "the corpus has contradictions; the remote run must find them"
    assert _finding_view(findings) == _finding_view(embedded.findings)
    remote.extend(findings_quads(findings, rules))
    assert remote.count() == len(embedded.all_quads)

    compared = 0
    for name, path in shipped_queries().items():
        text = path.read_text(encoding="utf-8")
        here, there = run_query(embedded.store, text), run_query(remote, text)
        assert there.columns == here.columns, name
        assert sorted(map(repr, there.rows)) == sorted(map(repr, here.rows)), name
        compared += bool(here.rows)
    assert compared >= len(shipped_queries()) - 2

    # Bound parameters travel as a VALUES block and answer as pyoxigraph's substitutions.
    first = embedded.findings.contradictions[0]
    speaker = embedded.records[first.claims[0]].speaker_id
    bound = [("claims-by-speaker", {"speaker": ox.NamedNode(f"https://w3id.org/claimgraph/id/entity/{speaker}")}),
             ("contradictions", {"kind": ox.NamedNode(f"https://w3id.org/claimgraph/ns#{first.kind}")})]
    for name, bindings in bound:
        text = shipped_queries()[name].read_text(encoding="utf-8")
        here, there = run_query(embedded.store, text, bindings), run_query(remote, text, bindings)
        assert here.rows and sorted(map(repr, there.rows)) == sorted(map(repr, here.rows)), name


def test_union_by_naming_every_graph_answers_the_same(server, embedded):
    RemoteStore.oxigraph(server.url).load_graphs(_graphs(embedded.all_quads))
    portable = RemoteStore(server.query_url, server.store_url, union="graphs")
    text = shipped_queries()["claims-per-article"].read_text(encoding="utf-8")
    assert sorted(map(repr, run_query(portable, text).rows)) == sorted(map(repr, run_query(embedded.store, text).rows))


def test_reloading_duplicates_nothing_and_prunes_only_stale_claimgraph_graphs(server, embedded):
    remote = RemoteStore.oxigraph(server.url)
    graphs = _graphs(embedded.all_quads)
    remote.load_graphs(graphs)
    first = {name: remote.count(name) for name in graphs}
    assert first == {name: len(quads) for name, quads in graphs.items()}
    remote.load_graphs(graphs)
    assert {name: remote.count(name) for name in graphs} == first
    assert remote.count() == len(embedded.all_quads)

    foreign = "http://example.org/not-ours"
    stale = "https://w3id.org/claimgraph/id/graph/removed-article"
    remote.extend([ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"),
                           ox.Literal("o"), ox.NamedNode(name)) for name in (foreign, stale)])
    report = remote.load_graphs(graphs, prune=True)
    assert report.pruned == [stale]
    assert remote.graph_names() == sorted([*graphs, foreign])


def test_a_server_that_dies_mid_load_leaves_only_whole_graphs(embedded, tmp_path):
    binary = _binary()
    location = tmp_path / "db"
    graphs = _graphs(embedded.all_quads)
    names = sorted(graphs)
    with OxigraphServer(location=location, writable=True, port=0, binary=binary) as crashing:
        remote = RemoteStore.oxigraph(crashing.url, timeout=10)

        def crash_after_three(name, done, total):
            if done == 3:
                crashing.kill()

        with pytest.raises(LoadError) as caught:
            remote.load_graphs(graphs, progress=crash_after_three)
    error = caught.value
    assert error.loaded == names[:3] and error.failed == names[3] and error.pending == names[4:]
    message = str(error)
    assert "connection refused" in message or "went away" in message
    assert all(name in message for name in names)

    with OxigraphServer(location=location, port=0, binary=binary) as restarted:
        after = RemoteStore.oxigraph(restarted.url)
        assert after.graph_names() == names[:3]
        assert {name: after.count(name) for name in names[:3]} == {name: len(graphs[name]) for name in names[:3]}


def _wait_for_line(process: subprocess.Popen, needle: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    seen = ""
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            if process.poll() is not None:
                break
            continue
        seen += line
        if needle in line:
            return seen
    raise AssertionError(f"no {needle!r} from the command; it printed:\n{seen}")


def test_serve_command_is_read_only_and_stops_cleanly_on_ctrl_c(embedded, tmp_path):
    _binary()
    data = tmp_path / "claims.trig"
    data.write_bytes(serialize(embedded.all_quads, "trig"))
    port = free_port()
    before = set(Path(tempfile.gettempdir()).glob("claimgraph-oxigraph-*"))
    process = subprocess.Popen([str(CLAIMGRAPH), "serve", "--data", str(data), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        printed = _wait_for_line(process, "SPARQL endpoint")
        assert f"http://127.0.0.1:{port}/" in printed
        page = urllib.request.build_opener(urllib.request.ProxyHandler({})).open(f"http://127.0.0.1:{port}/", timeout=10)
        assert page.status == 200 and b"<html" in page.read().lower()
        remote = RemoteStore.oxigraph(f"http://127.0.0.1:{port}")
        assert remote.count() == len(embedded.all_quads)
        text = shipped_queries()["claims-per-article"].read_text(encoding="utf-8")
        assert len(run_query(remote, text).rows) == len(embedded.corpus.articles)
        with pytest.raises(Exception) as refused:
            remote.load_graphs({"https://w3id.org/claimgraph/id/graph/x": []})
        assert "403" in str(refused.value)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=20) == 0
        assert "server stopped" in process.stdout.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    with pytest.raises(urllib.error.URLError):
        urllib.request.build_opener(urllib.request.ProxyHandler({})).open(f"http://127.0.0.1:{port}/", timeout=2)
    assert set(Path(tempfile.gettempdir()).glob("claimgraph-oxigraph-*")) <= before


def test_load_command_is_idempotent_and_reports_a_dead_server(server, embedded, tmp_path):
    data = tmp_path / "claims.trig"
    data.write_bytes(serialize(embedded.all_quads, "trig"))
    for _ in range(2):
        done = subprocess.run([str(CLAIMGRAPH), "load", "--endpoint", server.url, "--data", str(data)],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert f"({len(embedded.all_quads)} triples)" in done.stdout
    assert RemoteStore.oxigraph(server.url).count() == len(embedded.all_quads)
    dead = subprocess.run([str(CLAIMGRAPH), "load", "--endpoint", f"http://127.0.0.1:{free_port()}", "--data", str(data)],
                          capture_output=True, text=True, timeout=120)
    assert dead.returncode == 1
    assert "connection refused" in dead.stderr and "not loaded" in dead.stderr
    assert "Traceback" not in dead.stderr
