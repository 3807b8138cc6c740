"""graph.html and timeline.html read as a reader reads them, in real headless Chromium.

The network opens on the claim-to-claim findings with readable labels, none
overlapping; a click shows the details inside the window at 1400 and 400
pixels; filters go into the address and come back from it. The timeline has
one time scale, its deadlines above the data, and proposed figures as their
own series. Screenshots at both widths go to ``$CLAIMGRAPH_SCREENSHOTS``
(see ``screenshots.py``). Skipped without Chromium, failed under ``CI=true``.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlparse

import pytest

from claimgraph.outputs.network import project
from claimgraph.outputs.timeline import is_prospective
from claimgraph.outputs.network import property_ids
import test_browser
from screenshots import save_screenshot

# The browser and the built site are test_browser's fixtures, shared here.
browser, site, Watch = test_browser.browser, test_browser.site, test_browser.Watch

pytestmark = pytest.mark.corpus

WIDE, NARROW = {"width": 1400, "height": 1000}, {"width": 400, "height": 800}


def _load(browser, url: str, viewport: dict):
    page = browser.new_page(viewport=viewport)
    watch = Watch(page)
    page.goto(url)
    page.wait_for_load_state("load")
    if page.evaluate("() => !!document.getElementById('network')"):
        page.wait_for_function("() => document.body.dataset.networkReady === 'true'", timeout=15000)
    return page, watch


def _shown(page) -> list[dict]:
    return page.evaluate("() => window.claimgraph.nodeView.get().map(n => ({id: n.id, label: n.label, ntype: n.ntype}))")


def _boxes(page) -> dict[str, tuple[float, float, float, float]]:
    """Every shown node's drawn box (canvas units), label included."""
    return {k: tuple(v) for k, v in page.evaluate("""() => {
        const net = window.claimgraph.network, out = {};
        window.claimgraph.nodeView.getIds().forEach(id => {
            const b = net.getBoundingBox(id); out[id] = [b.left, b.top, b.right, b.bottom]; });
        return out; }""").items()}


def _click_a_visible_node(page) -> str:
    """Click the shown node nearest the middle of the canvas; its id."""
    node, x, y = page.evaluate("""() => {
        const net = window.claimgraph.network, canvas = document.querySelector('#network canvas');
        const box = canvas.getBoundingClientRect();
        const cx = Math.min(box.right, window.innerWidth) / 2 + box.left / 2, cy = (box.top + Math.min(box.bottom, window.innerHeight)) / 2;
        let best = null;
        window.claimgraph.nodeView.getIds().forEach(id => {
            const p = net.canvasToDOM(net.getPositions([id])[id]);
            const x = box.left + p.x, y = box.top + p.y;
            if (x < box.left + 5 || y < box.top + 5 || x > Math.min(box.right, window.innerWidth) - 5
                || y > Math.min(box.bottom, window.innerHeight) - 5) return;
            const d = Math.hypot(x - cx, y - cy);
            if (!best || d < best[3]) best = [id, x, y, d];
        });
        return best.slice(0, 3); }""")
    page.mouse.click(x, y)
    page.wait_for_timeout(150)
    return node


def _details_in_view(page) -> dict:
    return page.evaluate("""() => {
        const d = document.getElementById('details'), r = d.getBoundingClientRect();
        return {hidden: d.hidden, top: r.top, left: r.left, bottom: r.bottom, right: r.right,
                width: window.innerWidth, height: window.innerHeight, text: d.innerText}; }""")


def test_graph_opens_on_labelled_claim_to_claim_findings(browser, site):
    result, folder = site
    findings = project(result, "findings")
    page, watch = _load(browser, (folder / "graph.html").as_uri(), WIDE)
    shown = _shown(page)
    assert {n["id"] for n in shown} == set(findings.nodes)
    assert all(n["ntype"] == "claim" for n in shown)
    types = page.evaluate("() => [...new Set(window.claimgraph.edgeView.get().map(e => e.etype))].sort()")
    assert types == ["contradicts", "corroborates"]
    # Each label is a short quote and its speaker.
    for node in shown:
        data = findings.nodes[node["id"]]
        assert node["label"].startswith("“") and "\n— " + data["speaker"][:10] in node["label"], node
        assert data["quote"].split()[0] in node["label"]
    # No two labelled boxes overlap.
    boxes = sorted(_boxes(page).items())
    for i, (a, (l1, t1, r1, b1)) in enumerate(boxes):
        for b, (l2, t2, r2, b2) in boxes[i + 1:]:
            assert r1 <= l2 or r2 <= l1 or b1 <= t2 or b2 <= t1, (a, b)
    # It opens zoomed in far enough to read (12 px labels at 80% or more).
    assert page.evaluate("() => window.claimgraph.network.getScale()") >= 0.79
    save_screenshot(page, "graph-1400")
    watch.check("graph.html")
    page.close()


@pytest.mark.parametrize("viewport,name", [(WIDE, "1400"), (NARROW, "400")])
def test_clicking_a_claim_shows_its_details_in_the_window(browser, site, viewport, name):
    result, folder = site
    page, watch = _load(browser, (folder / "graph.html").as_uri(), viewport)
    if name == "400":
        save_screenshot(page, "graph-400")
    node = _click_a_visible_node(page)
    box = _details_in_view(page)
    assert not box["hidden"], node
    assert 0 <= box["left"] and box["right"] <= box["width"] and 0 <= box["top"] and box["bottom"] <= box["height"], box
    data = project(result, "findings").nodes[node]
    assert data["quote"][:40] in box["text"] and data["speaker"] in box["text"]
    assert "Takes part in" in box["text"]
    save_screenshot(page, f"graph-details-{name}")
    page.click("#details-close")
    assert _details_in_view(page)["hidden"]
    watch.check(f"graph.html at {name}")
    page.close()


def test_graph_filters_go_into_the_address_and_come_back(browser, site):
    result, folder = site
    page, watch = _load(browser, (folder / "graph.html").as_uri(), WIDE)
    page.select_option("#f-severity", "hard")
    query = parse_qs(urlparse(page.url).query)
    assert query == {"severity": ["hard"]}
    edges = page.evaluate("() => window.claimgraph.edgeView.get().map(e => [e.etype, e.severity])")
    assert edges and all(e == ["contradicts", "hard"] for e in edges)
    hard = {c for f in result.findings.contradictions + result.findings.hand_made if f.severity == "hard"
            for c in f.claims}
    expected = {f"claim:{result.records[c].ref}" for c in hard}
    assert {n["id"] for n in _shown(page)} == expected
    page.check("input[name=view][value=full]")
    speaker = sorted(result.records[c].speaker_id for c in hard)[0]
    page.select_option("#f-speaker", f"speaker:{speaker}")
    query = parse_qs(urlparse(page.url).query)
    assert query == {"view": ["full"], "severity": ["hard"], "speaker": [f"speaker:{speaker}"]}
    before = sorted(n["id"] for n in _shown(page))
    assert f"speaker:{speaker}" in before and any(n.startswith("article:") for n in before)
    shared = page.url
    page.close()

    again, watch2 = _load(browser, shared, WIDE)
    assert again.is_checked("input[name=view][value=full]")
    assert again.input_value("#f-severity") == "hard"
    assert again.input_value("#f-speaker") == f"speaker:{speaker}"
    assert again.evaluate("() => window.claimgraph.view()") == "full"
    assert sorted(n["id"] for n in _shown(again)) == before
    save_screenshot(again, "graph-shared-filter-1400")
    again.click("#f-reset")
    assert parse_qs(urlparse(again.url).query) == {"view": ["full"]}
    watch.check("graph.html")
    watch2.check("graph.html (shared)")
    again.close()


def _markers(page) -> list[dict]:
    return page.evaluate("""() => [...document.querySelectorAll('a.point')].map(a => {
        const m = a.querySelector('.marker'), b = m.getBBox();
        return {series: a.dataset.series, day: a.dataset.day, fill: m.getAttribute('fill'),
                subject: a.closest('g.panel').dataset.subject,
                box: [b.x, b.y, b.x + b.width, b.y + b.height]}; })""")


def test_timeline_has_one_time_scale_and_proposed_figures_apart(browser, site):
    result, folder = site
    page, watch = _load(browser, (folder / "timeline.html").as_uri(), WIDE)
    save_screenshot(page, "timeline-1400")
    # One scale: every segment of the axis has the same pixels per day.
    segments = page.evaluate("""() => [...document.querySelectorAll('g.panel')[0].querySelectorAll('line.segment')]
        .map(l => [+l.getAttribute('x1'), +l.getAttribute('x2'), l.dataset.first, l.dataset.last])""")
    assert len(segments) >= 2
    rates = [(x2 - x1) / (dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days for x1, x2, a, b in segments]
    assert max(rates) - min(rates) < 0.01 * max(rates), rates
    # Two known dates: the deadline markers sit where the scale puts their days.
    marks = page.evaluate("""() => [...document.querySelectorAll('g.deadline-mark')].map(g => {
        const b = g.querySelector('.deadline-marker').getBBox();
        const top = +g.closest('g.panel').querySelector('line.axis:not(.segment)').getAttribute('y1');
        return [g.dataset.day, b.x + b.width / 2, top - (b.y + b.height)]; })""")
    assert len({day for day, *_ in marks}) >= 2

    def expected_x(day: str) -> float:
        when = dt.date.fromisoformat(day)
        for x1, x2, a, b in segments:
            if dt.date.fromisoformat(a) <= when <= dt.date.fromisoformat(b):
                return x1 + (when - dt.date.fromisoformat(a)).days * rates[0]
        raise AssertionError(day)

    for day, x, _ in marks:
        assert abs(x - expected_x(day)) < 1.0, (day, x, expected_x(day))
    first, last = min(marks), max(marks)
    if first[0][:4] != last[0][:4]:
        assert last[1] > first[1]
    # Deadlines are drawn off the data: each marker ends above its panel's plot area,
    # and no deadline line crosses the plot.
    assert all(clearance > 0 for *_, clearance in marks), marks
    assert page.locator("g.deadline-mark line.deadline").count() == 0
    # Proposed, planned and predicted figures are their own series, hollow.
    terms = property_ids(result)
    plotted = [r for iri, r in result.records.items()
               if terms.get(iri) == "troop-count" and r.lower is not None and r.time != "future"]
    markers = _markers(page)
    assert len(markers) == len(plotted)
    proposed = [m for m in markers if m["series"] == "proposed"]
    assert len(proposed) == sum(is_prospective(r) for r in plotted) > 0
    assert all(m["fill"] == "#ffffff" for m in proposed)
    assert all(m["fill"] != "#ffffff" for m in markers if m["series"] == "present")
    assert page.locator("#series-legend [data-series=proposed]").count() == 1
    # Each chart holds one subject only, and says what it counts.
    for subject in {m["subject"] for m in markers}:
        assert sum(m["subject"] == subject for m in markers) == sum(r.subject_id == subject for r in plotted)
    counts = page.evaluate("() => [...document.querySelectorAll('.panel-counts')].map(t => t.textContent)")
    assert counts and all(c.startswith("Counts: ") for c in counts)
    # Markers at the same figure and time are spread: none hides another.
    for subject in {m["subject"] for m in markers}:
        mine = [m["box"] for m in markers if m["subject"] == subject]
        for i, (l1, t1, r1, b1) in enumerate(mine):
            for l2, t2, r2, b2 in mine[i + 1:]:
                overlap = min(r1, r2) - max(l1, l2), min(b1, b2) - max(t1, t2)
                assert overlap[0] <= 0.5 or overlap[1] <= 0.5, (subject, mine[i])
    watch.check("timeline.html")
    page.close()
    narrow, watch = _load(browser, (folder / "timeline.html").as_uri(), NARROW)
    save_screenshot(narrow, "timeline-400", full_page=True)
    watch.check("timeline.html at 400")
    narrow.close()


def test_a_notebook_network_fits_its_frame(browser, site, tmp_path):
    from claimgraph.outputs.network_page import network_html

    result, _ = site
    page_file = tmp_path / "speakers.html"
    page_file.write_text(network_html(project(result, "speakers"), title="Who contradicts whom"), encoding="utf-8")
    page, watch = _load(browser, page_file.as_uri(), {"width": 900, "height": 620})  # a notebook frame
    canvas = page.evaluate("() => { const r = document.querySelector('#network canvas').getBoundingClientRect();"
                           " return [r.left, r.top, r.right, r.bottom]; }")
    assert canvas[3] <= 620
    outside = page.evaluate("""([l, t, r, b]) => {
        const net = window.claimgraph.network, bad = [];
        window.claimgraph.nodeView.getIds().forEach(id => {
            const box = net.getBoundingBox(id);
            const a = net.canvasToDOM({x: box.left, y: box.top}), z = net.canvasToDOM({x: box.right, y: box.bottom});
            if (l + a.x < l - 0.5 || t + a.y < t - 0.5 || l + z.x > r + 0.5 || t + z.y > b + 0.5) bad.push(id); });
        return bad; }""", canvas)
    assert outside == []
    dashed = page.evaluate("() => window.claimgraph.edges.get({filter: e => e.etype === 'contradicts'})"
                           ".map(e => [e.severity, !!e.dashes])")
    assert dashed and all(is_dashed == (severity != "hard") for severity, is_dashed in dashed)
    save_screenshot(page, "notebook-network-900")
    watch.check("speakers.html")
    page.close()
