"""Store backends without a server: binding by VALUES, escaping, on-disk and in-memory loads,
and the errors a client sees when a server refuses or drops a connection."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest

from claimgraph.namespaces import PREFIXES, graph_iri
from claimgraph.graph.sparql import run_query, shipped_queries
from claimgraph.graph.stores import LoadError, OxigraphStore, RemoteError
from claimgraph.graph.remote import RemoteStore, open_store
from claimgraph.graph.bindings import StoreError, sparql_term, with_bindings

EX = "http://example.org/"


def triple(s: str, o: str) -> ox.Triple:
    return ox.Triple(ox.NamedNode(EX + s), ox.NamedNode(EX + "p"), ox.Literal(o))


def test_binding_stays_one_literal_whatever_it_contains():
    store = OxigraphStore()
    store.load_graphs({graph_iri("t"): [triple("a", "x"), triple("b", 'x" } ; DROP ALL ; {')]})
    hostile = ox.Literal('x" } ; DROP ALL ; {')
    text = with_bindings("SELECT ?s WHERE { ?s ?p ?o }", {"o": hostile})
    rows = [row["s"].value for row in store.query(text, use_default_graph_as_union=True)]
    assert rows == [EX + "b"]
    assert store.count() == 2


@pytest.mark.parametrize("query, head", [
    ("SELECT ?s WHERE { ?s ?p ?o }", "SELECT ?s WHERE {"),
    ('# a { comment\nSELECT ?s WHERE { ?s ?p "}{" }', '# a { comment\nSELECT ?s WHERE {'),
    ("PREFIX x: <http://e/{>\nSELECT * { ?s ?p ?o }", "PREFIX x: <http://e/{>\nSELECT * {"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT { ?s ?p ?o } WHERE {"),
    ("SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } } }", "SELECT ?s WHERE {"),
])
def test_values_block_opens_the_where_group(query, head):
    text = with_bindings(query, {"o": ox.Literal("v")})
    assert text == f'{head} VALUES (?o) {{ ("v") }}{query[len(head):]}'


def test_construct_short_form_refuses_bindings():
    with pytest.raises(StoreError):
        with_bindings("CONSTRUCT WHERE { ?s ?p ?o }", {"o": ox.Literal("v")})


def test_terms_that_cannot_be_bound_are_refused():
    with pytest.raises(StoreError):
        sparql_term(ox.BlankNode())
    with pytest.raises(StoreError):
        with_bindings("SELECT * WHERE { ?s ?p ?o }", {"o x": ox.Literal("v")})
    assert sparql_term(ox.Literal("a\nb\\c\u0001")) == '"a\\nb\\\\c\\u0001"'


@pytest.mark.corpus
def test_values_binding_answers_like_oxigraph_substitutions():
    """Every shipped query, bound through VALUES text, answers as pyoxigraph's own substitutions."""
    from claimgraph.graph.build import corpus_quads, new_store
    from claimgraph.corpus.load import load_corpus
    from claimgraph.resources import default_corpus_path, default_ontology_path

    store = new_store(corpus_quads(load_corpus(default_corpus_path(), default_ontology_path())))
    speakers = sorted({row["s"].value for row in store.query(
        "SELECT ?s WHERE { ?c <https://w3id.org/claimgraph/ns#speaker> ?s }", use_default_graph_as_union=True)})
    assert speakers
    bound = {"speaker": ox.NamedNode(speakers[0])}
    compared = 0
    for name, path in shipped_queries().items():
        text = path.read_text(encoding="utf-8")
        select = text[text.upper().index("SELECT"):text.index("WHERE")]
        if "?speaker " not in select + " ":
            continue  # pyoxigraph binds projected variables only
        native = run_query(store, text, bound)
        rendered = store.query(with_bindings(text, bound), use_default_graph_as_union=True, prefixes=PREFIXES)
        via_values = [[row[c] for c in native.columns] for row in rendered]
        assert sorted(map(str, via_values)) == sorted(map(str, native.terms)), name
        assert native.rows and all(row[native.columns.index("speaker")] == speakers[0] for row in native.rows)
        compared += 1
    assert compared >= 1


def test_disk_store_is_idempotent_prunes_and_survives_reopening(tmp_path: Path):
    first, second, foreign = graph_iri("a1"), graph_iri("a2"), EX + "someone-elses-graph"
    with OxigraphStore(tmp_path / "db") as store:
        store.load_graphs({first: [triple("a", "1"), triple("b", "2")], second: [triple("c", "3")]})
        store.extend([ox.Quad(ox.NamedNode(EX + "z"), ox.NamedNode(EX + "p"), ox.Literal("z"), ox.NamedNode(foreign))])
        report = store.load_graphs({first: [triple("a", "1"), triple("b", "2")]}, prune=True)
        assert report.pruned == [second]
        assert store.graph_names() == sorted([first, foreign])
    reopened = open_store(tmp_path / "db", read_only=True)
    assert reopened.count(first) == 2 and reopened.count(second) == 0 and reopened.count(foreign) == 1


def test_clear_touches_only_claimgraph_graphs():
    store = OxigraphStore()
    foreign = EX + "graph"
    store.load_graphs({graph_iri("x"): [triple("a", "1")], foreign: [triple("b", "2")]})
    assert store.clear() == [graph_iri("x")]
    assert store.graph_names() == [foreign]


def _dead_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_server_that_is_not_running_gives_a_clear_error():
    remote = RemoteStore.oxigraph(f"http://127.0.0.1:{_dead_port()}", timeout=5)
    with pytest.raises(RemoteError, match="connection refused"):
        remote.query("ASK {}")
    with pytest.raises(LoadError) as caught:
        remote.load_graphs({graph_iri("a"): [triple("a", "1")], graph_iri("b"): [triple("b", "1")]})
    assert caught.value.loaded == [] and caught.value.failed == graph_iri("a")
    assert caught.value.pending == [graph_iri("b")]
    assert "connection refused" in str(caught.value)


class _FlakyServer:
    """Answers ``good`` PUT requests with 204, then drops every connection mid-request."""

    def __init__(self, good: int):
        self.good = good
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        served = 0
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(5)
                data = b""
                while b"\r\n\r\n" not in data:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    data += chunk
                if served < self.good:
                    head, _, body = data.partition(b"\r\n\r\n")
                    length = int(next((line.split(b":")[1] for line in head.split(b"\r\n")
                                       if line.lower().startswith(b"content-length")), b"0"))
                    while len(body) < length:
                        body += conn.recv(65536)
                    conn.sendall(b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n")
                    served += 1
                # otherwise: close without answering, as a crashing server does

    def close(self) -> None:
        self.sock.close()


def test_a_server_that_drops_the_connection_mid_load_names_what_was_loaded():
    server = _FlakyServer(good=2)
    try:
        remote = RemoteStore.oxigraph(f"http://127.0.0.1:{server.port}", timeout=5)
        graphs = {graph_iri(f"a{i}"): [triple(f"s{i}", str(i))] for i in range(5)}
        with pytest.raises(LoadError) as caught:
            remote.load_graphs(graphs)
    finally:
        server.close()
    error = caught.value
    names = sorted(graphs)
    assert error.loaded == names[:2] and error.failed == names[2] and error.pending == names[3:]
    text = str(error)
    assert "went away" in text and names[2] in text and "loaded (2)" in text and "not loaded (3)" in text


def test_open_store_picks_the_backend(tmp_path: Path):
    assert isinstance(open_store(), OxigraphStore)
    assert isinstance(open_store(tmp_path / "db"), OxigraphStore)
    remote = open_store("http://127.0.0.1:1/query")
    assert isinstance(remote, RemoteStore) and remote.store_url == "http://127.0.0.1:1/store"
    with pytest.raises(StoreError):
        RemoteStore("file:///etc/passwd")
