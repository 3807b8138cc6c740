"""The views in a real browser: headless Chromium from file://, no network.

Needs /usr/bin/chromium and the Python playwright package (no `playwright
install`: the system Chromium is driven through ``executable_path``). When
either is missing the tests are skipped, except under ``CI=true`` where that
is a failure.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimgraph.corpus.load import load_corpus
from claimgraph.outputs.network import project
from claimgraph.pipeline import build_graph, write_outputs
from claimgraph.resources import default_corpus_path, default_ontology_path, default_shapes_path
from claimgraph.outputs.network_page import network_html
from claimgraph.outputs.views import render_views

from browser_support import chromium

XSS = Path(__file__).parents[1] / "data" / "xss"


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


def _build(corpus: Path):
    return build_graph(load_corpus(corpus, default_ontology_path()),
                       default_shapes_path().read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    result = _build(default_corpus_path())
    folder = tmp_path_factory.mktemp("views")
    write_outputs(folder, render_views(result))
    return result, folder


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory):
    result = _build(XSS)
    folder = tmp_path_factory.mktemp("xss-views")
    write_outputs(folder, render_views(result))
    (folder / "speakers.html").write_text(network_html(project(result, "speakers"), title="Speakers <script>alert(1)</script>"),
                                          encoding="utf-8")
    return result, folder


class Watch:
    """Console errors, page errors, dialogs and every request of one page."""

    def __init__(self, page):
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("request", lambda request: self.requests.append(request.url))

        def dialog(d):
            self.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", dialog)
        # Anything that is not a local file is refused, so a slip cannot reach the network.
        page.route(re.compile(r"^(?!file:).*"), lambda route: route.abort())

    def check(self, name: str) -> None:
        assert not self.errors, (name, self.errors)
        assert not self.dialogs, (name, self.dialogs)
        outside = [url for url in self.requests if not url.startswith("file://")]
        assert not outside, (name, outside)


def _open(browser, path: Path, shots: Path, name: str):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    watch = Watch(page)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    if page.evaluate("() => !!document.getElementById('network')"):
        page.wait_for_function("() => window.claimgraph && document.body.dataset.networkReady === 'true'",
                               timeout=15000)
    page.screenshot(path=str(shots / f"{name}.png"))
    return page, watch


def _vis_counts(page) -> tuple[int, int]:
    return tuple(page.evaluate("() => [window.claimgraph.nodes.length, window.claimgraph.edges.length]"))


def _drawn(page) -> int:
    """Non-blank pixels on the network canvas: the graph was really drawn."""
    return page.evaluate("""() => {
        const c = document.querySelector('#network canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i]) n++; } return n; }""")


@pytest.mark.corpus
def test_every_page_loads_offline_without_errors(browser, site, tmp_path):
    result, folder = site
    pages = ["index.html", "graph.html", "contradictions.html", "timeline.html"]
    pages += [f"articles/{a.id}.html" for a in result.corpus.articles]
    for name in pages:
        page, watch = _open(browser, folder / name, tmp_path, name.replace("/", "_"))
        watch.check(name)
        assert any(url.startswith("file://") for url in watch.requests)
        page.close()
    assert len(list(tmp_path.glob("*.png"))) == len(pages)


@pytest.mark.corpus
def test_graph_page_holds_the_projection(browser, site, tmp_path):
    result, folder = site
    expected = project(result, "claims")
    page, watch = _open(browser, folder / "graph.html", tmp_path, "graph")
    findings = project(result, "findings")
    assert _vis_counts(page) == (findings.number_of_nodes(), findings.number_of_edges())
    page.check("input[name=view][value=full]")
    assert _vis_counts(page) == (expected.number_of_nodes(), expected.number_of_edges())
    assert _drawn(page) > 10_000
    red = page.evaluate("() => window.claimgraph.edges.get({filter: e => e.etype === 'contradicts'}).length")
    assert red == sum(d["type"] == "contradicts" for *_, d in expected.edges(data=True))
    # The article filter keeps that article's claims and their neighbours.
    article = result.corpus.articles[0].id
    page.select_option("#f-article", article)
    shown = page.evaluate("() => window.claimgraph.nodeView.get({filter: n => n.ntype === 'claim'}).map(n => n.id)")
    own = {f"claim:{r.ref}" for r in result.records.values() if r.article == article}
    assert own <= set(shown) and len(shown) < len(result.records)
    page.screenshot(path=str(tmp_path / "graph-filtered.png"))
    page.click("#f-reset")
    assert page.evaluate("() => window.claimgraph.nodeView.length") == expected.number_of_nodes()
    watch.check("graph.html")


@pytest.mark.corpus
def test_contradictions_page_network_and_table(browser, site, tmp_path):
    result, folder = site
    expected = project(result, "contradictions")
    page, watch = _open(browser, folder / "contradictions.html", tmp_path, "contradictions")
    assert _vis_counts(page) == (expected.number_of_nodes(), expected.number_of_edges())
    assert _drawn(page) > 5_000
    rows = page.locator("tbody.finding").count()
    assert rows == len(result.findings.contradictions) + len(result.findings.hand_made)
    page.locator("button.show").first.click()
    assert page.evaluate("() => window.claimgraph.network.getSelectedNodes().length") >= 2
    watch.check("contradictions.html")


@pytest.mark.corpus
def test_article_page_highlights_and_explains_spans(browser, site, tmp_path):
    result, folder = site
    article = max(result.corpus.articles, key=lambda a: sum(r.article == a.id for r in result.records.values()))
    mine = [r for r in result.records.values() if r.article == article.id]
    page, watch = _open(browser, folder / "articles" / f"{article.id}.html", tmp_path, "article")
    assert page.locator("a.tag").count() == len(mine)
    highlighted = page.evaluate(
        "() => new Set([...document.querySelectorAll('.seg')].flatMap(s => s.dataset.claims.split(' '))).size")
    assert highlighted == len(mine)
    assert page.locator(".card:visible").count() == len(mine)
    first = page.locator(".seg").first
    claims = first.get_attribute("data-claims").split()
    first.click()
    assert sorted(page.eval_on_selector_all(".card:not([hidden])", "cards => cards.map(c => c.dataset.claim)")) == sorted(claims)
    # A link to one claim span selects exactly that claim.
    target = mine[-1]
    page.goto((folder / "articles" / f"{article.id}.html").as_uri() + f"#claim-{target.claim_id}")
    page.wait_for_timeout(100)
    assert page.eval_on_selector_all(".card:not([hidden])", "cards => cards.map(c => c.dataset.claim)") == [target.claim_id]
    watch.check("article")


def test_payloads_show_as_text_and_never_run(browser, xss_site, tmp_path):
    result, folder = xss_site
    pages = ["index.html", "graph.html", "contradictions.html", "timeline.html", "articles/900_xss.html",
             "speakers.html"]
    for name in pages:
        page, watch = _open(browser, folder / name, tmp_path, "xss-" + name.replace("/", "_"))
        assert page.evaluate("() => document.querySelectorAll('img').length") == 0, name
        assert page.evaluate("() => document.querySelectorAll('script:not([src]):not([type])').length") == (
            2 if name == "speakers.html" else 0), name
        page.wait_for_timeout(150)
        watch.check(name)
        if name == "articles/900_xss.html":
            body = page.inner_text("body")
            assert "<script>alert(1)</script>" in body
            assert '"><img src=x onerror=alert(1)>' in body
            assert 'href="javascript:alert(1)"' in body
        if name == "graph.html":
            findings = project(result, "findings")
            assert _vis_counts(page) == (findings.number_of_nodes(), findings.number_of_edges())
            page.check("input[name=view][value=full]")
            expected = project(result, "claims")
            assert _vis_counts(page) == (expected.number_of_nodes(), expected.number_of_edges())
            # Hover a claim: the tooltip is text, with the payload visible and inert.
            point = page.evaluate("""() => {
                const net = window.claimgraph.network;
                const id = window.claimgraph.nodes.get({filter: n => n.ntype === 'claim' && n.title.includes('<img')})[0].id;
                const p = net.canvasToDOM(net.getPositions([id])[id]);
                const box = document.querySelector('#network canvas').getBoundingClientRect();
                return [box.left + p.x, box.top + p.y]; }""")
            page.mouse.move(point[0] - 30, point[1] - 30)
            page.mouse.move(*point)
            page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
            tip = page.locator("div.vis-tooltip")
            assert "<img src=x onerror=alert(1)>" in tip.inner_text()
            assert tip.evaluate("t => t.querySelectorAll(':not(br)').length") == 0  # innerText makes <br>s only
            page.screenshot(path=str(tmp_path / "xss-tooltip.png"))
            watch.check("graph.html tooltip")
        page.close()


def test_contradictions_filter_keeps_the_matching_rows_and_the_url(browser, site, tmp_path):
    result, folder = site
    page, watch = _open(browser, folder / "contradictions.html", tmp_path, "contradictions-unfiltered")
    everything = result.findings.contradictions + result.findings.hand_made
    page.select_option("#ff-kind", "numeric-conflict")
    page.select_option("#ff-where", "within")
    expected = {f.id for f in everything if f.kind == "numeric-conflict" and f.within_article}
    visible = set(page.evaluate("() => Array.from(document.querySelectorAll('tbody.finding'))"
                                ".filter(r => !r.hidden && r.offsetParent !== null).map(r => r.id)"))
    assert expected and visible == expected
    assert "kind=numeric-conflict" in page.url and "where=within" in page.url
    page.fill("#ff-q", "no such words anywhere")
    assert page.evaluate("() => document.body.dataset.filtered") == "0"
    page.click("#ff-reset")
    assert page.evaluate("() => document.body.dataset.filtered") == str(len(everything))
    page.screenshot(path=str(tmp_path / "contradictions-filtered.png"))
    watch.check("contradictions.html")
    page.close()


def test_a_shared_contradictions_url_restores_the_filter(browser, site, tmp_path):
    result, folder = site
    everything = result.findings.contradictions + result.findings.hand_made
    speaker = "tom-hayden"
    expected = {f.id for f in everything if f.severity == "tension"
                and any(result.records[c].speaker_id == speaker for c in f.claims)}
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    watch = Watch(page)
    page.goto((folder / "contradictions.html").as_uri() + f"?severity=tension&speaker={speaker}")
    page.wait_for_load_state("load")
    assert page.input_value("#ff-severity") == "tension" and page.input_value("#ff-speaker") == speaker
    visible = set(page.evaluate("() => Array.from(document.querySelectorAll('tbody.finding'))"
                                ".filter(r => !r.hidden).map(r => r.id)"))
    assert expected and visible == expected
    watch.check("contradictions.html (shared URL)")
    page.close()
