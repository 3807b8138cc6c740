"""Promise 13: ``serve --writable`` refuses cross-origin requests (a form on
another web site cannot ``DROP ALL``), binds only to loopback, and says in
``--help`` what it exposes."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request

import pytest

from claimgraph.graph.server import OxigraphServer

from reliability_support import run_cli

OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _post(url: str, data: bytes, headers: dict) -> int:
    request = urllib.request.Request(url, data=data, headers=headers, method="POST")
    try:
        with OPENER.open(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _count(server: OxigraphServer) -> int:
    query = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    request = urllib.request.Request(f"{server.query_url}?query={query}",
                                     headers={"Accept": "text/csv"})
    with OPENER.open(request, timeout=10) as response:
        return int(response.read().decode().splitlines()[1])


@pytest.fixture
def server():
    with OxigraphServer(writable=True, port=0) as running:
        update = running.url + "update"
        assert _post(update, b"INSERT DATA { GRAPH <http://g> { <http://a> <http://b> <http://c> } }",
                     {"Content-Type": "application/sparql-update"}) == 204
        yield running


FORM = {"Content-Type": "application/x-www-form-urlencoded"}
DROP = urllib.parse.urlencode({"update": "DROP ALL"}).encode()


@pytest.mark.parametrize("headers", [
    {**FORM, "Origin": "https://evil.example"},
    {**FORM, "Origin": "null"},
    {**FORM, "Sec-Fetch-Site": "cross-site"},
    {**FORM, "Host": "evil.example"},
    {"Content-Type": "text/plain", "Origin": "http://127.0.0.1:1"},
], ids=["other-site", "file-page", "sec-fetch", "rebinding", "other-port"])
def test_a_cross_origin_drop_all_is_refused(server, headers):
    assert _post(server.url + "update", DROP, headers) == 403
    assert _count(server) == 1


def test_the_page_itself_and_plain_clients_can_still_write(server):
    assert _post(server.url + "update", DROP, {**FORM, "Origin": server.url.rstrip("/")}) == 204
    assert _count(server) == 0
    assert _post(server.url + "update", b"INSERT DATA { GRAPH <http://g> { <http://a> <http://b> <http://d> } }",
                 {"Content-Type": "application/sparql-update"}) == 204
    assert _count(server) == 1


def test_writable_is_loopback_only_and_says_what_it_exposes():
    finished = run_cli("serve", "--writable", "--bind", "0.0.0.0", "--port", "0", "--data", "never.trig")
    assert finished.returncode == 2
    assert "--writable serves on loopback only" in finished.stderr
    help_text = " ".join(run_cli("serve", "--help").stdout.split())
    assert "DROP ALL" in help_text and "cross-origin requests are refused" in help_text
