"""Promise 14: a user's query with ``SERVICE <…>`` sends no request unless
``--allow-service`` is given, and a remote page never fills the error."""

from __future__ import annotations

import http.server
import threading

import pytest

from claimgraph.graph.sparql import QueryError, run_query, uses_service

from reliability_support import VALID, run_cli


@pytest.fixture
def remote():
    """A web server that counts the requests it gets and answers with an HTML page."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self):
            hits.append(self.path)
            body = b"<html>\n<body>\nSECRET-REMOTE-PAGE line two\n</body>\n</html>\n"
            self.send_response(500)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _answer

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql", hits
    server.shutdown()
    server.server_close()


def _query_file(tmp_path, endpoint):
    path = tmp_path / "federated.rq"
    path.write_text(f"SELECT * WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}\n")
    return path


def test_service_is_refused_and_sends_nothing(tmp_path, remote):
    endpoint, hits = remote
    finished = run_cli("query", str(_query_file(tmp_path, endpoint)), "--corpus", str(VALID))
    assert finished.returncode == 2
    assert "--allow-service" in finished.stderr
    assert hits == []


def test_allow_service_sends_and_the_error_is_one_line(tmp_path, remote):
    endpoint, hits = remote
    finished = run_cli("query", str(_query_file(tmp_path, endpoint)), "--allow-service", "--corpus", str(VALID))
    assert hits, "the federated query was let through"
    assert finished.returncode == 2
    assert "line two" not in finished.stderr and len(finished.stderr.strip().splitlines()) == 1


def test_the_library_refuses_service_too():
    import pyoxigraph as ox

    with pytest.raises(QueryError, match="federated queries are off"):
        run_query(ox.Store(), "select * { service <http://127.0.0.1:9/x> { ?s ?p ?o } }")
    assert not uses_service('SELECT ?service WHERE { ?s ?p "SERVICE <http://x/>" }')
