"""`claimgraph serve`'s query page in real headless Chromium against a real
Oxigraph server: every shipped query listed by name, picking one fills the
editor with it and runs it, the editor opens with the project's prefixes, and
nothing is fetched from anywhere but the server."""

from __future__ import annotations


import pytest

from claimgraph.graph.build import serialize
from claimgraph.graph.query_page import prefix_block, query_page
from claimgraph.graph.server import OxigraphServer, ServerError, oxigraph_binary
from claimgraph.graph.sparql import describe, run_query, shipped_queries
from claimgraph.pipeline import build_graph
from claimgraph.corpus.load import load_corpus
from claimgraph.resources import default_corpus_path, default_ontology_path, default_shapes_path

from browser_support import chromium, unavailable

@pytest.fixture(scope="module")
def served(tmp_path_factory):
    try:
        oxigraph_binary()
    except ServerError as exc:
        unavailable(str(exc))
    result = build_graph(load_corpus(default_corpus_path(), default_ontology_path()),
                         default_shapes_path().read_text(encoding="utf-8"), validate=False)
    data = tmp_path_factory.mktemp("served") / "claims.trig"
    data.write_bytes(serialize(result.all_quads, "trig"))
    with OxigraphServer([data], port=0, pages=query_page()) as server:
        yield result, server


@pytest.fixture(scope="module")
def page(served):
    _, server = served
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.problems = []
        page.on("console", lambda msg: page.problems.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: page.problems.append(str(exc)))
        page.requests = []
        page.on("request", lambda request: page.requests.append(request.url))
        page.goto(server.url)
        page.wait_for_load_state("load")
        page.wait_for_function("() => window.claimgraphQuery !== undefined", timeout=10000)
        yield page


def _editor(page) -> str:
    return page.evaluate("() => window.claimgraphQuery.yasgui.getTab().getYasqe().getValue()")


def test_the_page_lists_every_shipped_query_and_opens_with_the_prefixes(page):
    listed = page.eval_on_selector_all("button.query", "buttons => buttons.map(b => b.textContent.trim())")
    assert listed == sorted(shipped_queries()) and len(listed) >= 13
    descriptions = page.eval_on_selector_all("button.query + .desc", "spans => spans.map(s => s.textContent.trim())")
    assert descriptions == [describe(path) for path in shipped_queries().values()]
    assert _editor(page).startswith(prefix_block())
    assert "PREFIX cg: <https://w3id.org/claimgraph/ns#>" in _editor(page)


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["claims-per-article", "troop-levels"])
def test_picking_a_query_fills_the_editor_and_runs_it(page, served, name):
    result, server = served
    page.click(f"button.query[data-query='{name}']")
    page.wait_for_function("(name) => document.body.dataset.ran === name", arg=name, timeout=20000)
    assert _editor(page) == shipped_queries()[name].read_text(encoding="utf-8")
    assert page.get_attribute(f"button.query[data-query='{name}']", "aria-pressed") == "true"
    expected = len(run_query(result.store, shipped_queries()[name].read_text(encoding="utf-8")).rows)
    shown = page.evaluate("() => window.claimgraphQuery.yasgui.getTab().getYasr().results.getBindings().length")
    assert expected > 0 and shown == expected
    assert page.locator(".yasr table tbody tr").count() == min(expected, 50)  # the table's first page


def test_nothing_is_fetched_from_outside_the_server(page, served):
    _, server = served
    assert not page.problems, page.problems
    assert page.requests and all(url.startswith(server.url) for url in page.requests), page.requests


def test_the_page_fits_a_phone(page):
    page.set_viewport_size({"width": 400, "height": 900})
    page.wait_for_timeout(200)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 400
