"""The HTML views: pages, escaping, offline references, determinism, timeline, CLI."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph.cli.app import app
from claimgraph.outputs.network import project, property_ids
from claimgraph.resources import default_corpus_path
from conftest import build_findings
from claimgraph.outputs.embed import ViewError
from claimgraph.outputs.network_page import network_html
from claimgraph.outputs.views import render_views

XSS = Path(__file__).parents[1] / "data" / "xss"
PAYLOADS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>']
# An attribute that loads or links something outside the folder.
EXTERNAL = re.compile(r"""\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", re.I)
SCRIPT_DATA = re.compile(r'<script type="application/json" id="cg-data">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def files(result):
    return render_views(result)


@pytest.fixture(scope="module")
def xss_files(xss_result):
    return render_views(xss_result)


def _pages(files: dict[str, bytes]) -> dict[str, str]:
    return {name: content.decode("utf-8") for name, content in files.items() if name.endswith(".html")}


@pytest.mark.corpus
def test_every_page_is_written(result, files):
    expected = {"index.html", "graph.html", "contradictions.html", "timeline.html", "claims.graphml",
                "lib/vis-network.min.js", "lib/claimgraph.js"}
    expected |= {f"articles/{a.id}.html" for a in result.corpus.articles}
    assert set(files) == expected
    index = files["index.html"].decode("utf-8")
    for target in ("graph.html", "contradictions.html", "timeline.html", "claims.graphml"):
        assert f'href="{target}"' in index
    for article in result.corpus.articles:
        assert f'href="articles/{article.id}.html"' in index
    counts = {name: int(re.search(rf'id="count-{name}">(\d+)<', index).group(1))
              for name in ("articles", "claims", "speakers", "contradictions")}
    assert counts == {"articles": len(result.corpus.articles), "claims": len(result.records),
                      "speakers": len({r.speaker_id for r in result.records.values()}),
                      "contradictions": len(result.findings.contradictions) + len(result.findings.hand_made)}


@pytest.mark.corpus
def test_no_external_urls_or_fonts(files, xss_files):
    for name, text in {**_pages(files), **_pages(xss_files)}.items():
        # The one kind of outside address allowed: a link (never a resource) to an entity's Wikidata page.
        text = re.sub(r'<a class="wikidata" href="https://www\.wikidata\.org/wiki/Q[0-9]+"', "<a", text)
        assert not EXTERNAL.search(text), name
        assert "@import" not in text and "@font-face" not in text, name
        assert "<link" not in text, name
        for src in re.findall(r'<script[^>]*\bsrc="([^"]+)"', text):
            assert not src.startswith(("/", "http")) and "lib/" in src, (name, src)
        assert "default-src 'none'" in text, name


def test_payloads_are_escaped_in_raw_html(xss_files):
    pages = _pages(xss_files)
    for name, text in pages.items():
        for payload in PAYLOADS:
            assert payload not in text, (name, payload)
        assert "<img" not in text, name
        # Only our own script elements: the JSON data block and the two local files.
        tags = re.findall(r"<script\b[^>]*>", text)
        assert all(t in ('<script type="application/json" id="cg-data">', '<script type="application/json" id="cg-full">',
                         '<script src="lib/vis-network.min.js">',
                         '<script src="lib/claimgraph.js">', '<script src="../lib/claimgraph.js">') for t in tags), name
    article = pages["articles/900_xss.html"]
    assert html.escape("<script>alert(1)</script>", quote=False) in article
    assert "&lt;img src=x onerror=alert(1)&gt;" in article
    assert "href=&#34;javascript:alert(1)&#34;" in article
    contradictions = pages["contradictions.html"]
    assert "Hand-made &lt;img src=x onerror=alert(1)&gt;" in contradictions


def test_embedded_json_cannot_close_its_script(xss_result, xss_files):
    for name in ("graph.html", "contradictions.html"):
        text = xss_files[name].decode("utf-8")
        block = SCRIPT_DATA.search(text).group(1)
        assert "<" not in block and ">" not in block and "&" not in block
        data = json.loads(block)
        titles = " ".join(node.get("title", "") for node in data["nodes"])
        assert "<script>alert(1)</script>" in titles  # text survives, as data
        assert all(isinstance(node.get("title", ""), str) for node in data["nodes"])
    graph = json.loads(SCRIPT_DATA.search(xss_files["graph.html"].decode("utf-8")).group(1))
    expected = project(xss_result, "findings")
    assert len(graph["nodes"]) == expected.number_of_nodes()
    assert len(graph["edges"]) == expected.number_of_edges()
    full = json.loads(re.search(r'<script type="application/json" id="cg-full">(.*?)</script>',
                                xss_files["graph.html"].decode("utf-8"), re.S).group(1))
    expected = project(xss_result, "claims")
    assert (len(full["nodes"]), len(full["edges"])) == (expected.number_of_nodes(), expected.number_of_edges())


@pytest.mark.corpus
def test_render_is_byte_identical(result, files):
    again = render_views(result)
    assert again == files
    rebuilt = render_views(build_findings(default_corpus_path()))
    assert rebuilt == files


@pytest.mark.corpus
def test_render_does_not_depend_on_hash_order(tmp_path):
    """Two processes with different string hashing write the same bytes."""
    runs = []
    for seed in ("1", "2"):
        out = tmp_path / f"seed-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        command = [sys.executable, "-c", "from claimgraph.cli.app import app; app()", "views", "--out", str(out)]
        runs.append((out, subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)))
    for out, process in runs:
        _, error = process.communicate(timeout=120)
        assert process.returncode == 0, error.decode()
    (first, _), (second, _) = runs
    names = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


@pytest.mark.corpus
def test_article_pages_highlight_every_claim(result, files):
    for article in result.corpus.articles:
        text = files[f"articles/{article.id}.html"].decode("utf-8")
        mine = [r for r in result.records.values() if r.article == article.id]
        tags = re.findall(r'<a class="tag [a-z]+" id="claim-([^"]+)"', text)
        assert sorted(tags) == sorted(r.claim_id for r in mine)
        covered = {cid for ids in re.findall(r'data-claims="([^"]+)"', text) for cid in ids.split()}
        assert covered == {r.claim_id for r in mine}
        # The text itself is intact: strip the markup and the tags, unescape, compare.
        body = re.search(r'<article class="article-text" id="article-text" lang="en">(.*?)</article>', text, re.S).group(1)
        body = re.sub(r'<a class="tag[^"]*"[^>]*>[^<]*</a>', "", body)
        assert html.unescape(re.sub(r"<[^>]+>", "", body)) == article.text


@pytest.mark.corpus
def test_article_spans_are_coloured_by_their_worst_finding(result, files):
    tone = {}
    pools = (("hard", lambda f: f.severity == "hard", result.findings.contradictions + result.findings.hand_made),
             ("tension", lambda f: f.severity != "hard", result.findings.contradictions + result.findings.hand_made),
             ("corroborated", lambda f: True, result.findings.corroborations))
    for name, wanted, pool in reversed(pools):  # the worst last, so it wins
        for finding in pool:
            if finding.status != "dismissed" and wanted(finding):
                tone.update({claim: name for claim in finding.claims})
    seen = set()
    for article in result.corpus.articles:
        text = files[f"articles/{article.id}.html"].decode("utf-8")
        tags = {cid: cls for cls, cid in re.findall(r'<a class="tag ([a-z]+)" id="claim-([^"]+)"', text)}
        for record in (r for r in result.records.values() if r.article == article.id):
            assert tags[record.claim_id] == tone.get(record.iri, "plain"), record.ref
            seen.add(tags[record.claim_id])
        # Every passage can be reached by keyboard and is described by its claims' cards.
        for ids, described in re.findall(r'<span class="seg [^"]*" tabindex="0" role="button" data-claims="([^"]+)" '
                                         r'aria-describedby="([^"]+)"', text):
            assert described.split() == [f"card-{cid}" for cid in ids.split()]
        assert text.count('class="seg d') == text.count('tabindex="0" role="button"')
        assert 'id="tone-legend"' in text
    assert seen == {"hard", "tension", "corroborated", "plain"}


def test_overlapping_and_nested_spans(xss_files):
    text = xss_files["articles/900_xss.html"].decode("utf-8")
    claims_sets = [set(ids.split()) for ids in re.findall(r'data-claims="([^"]+)"', text)]
    assert {"c1", "c2"} in claims_sets  # c2 nested inside c1
    assert {"c3", "c4"} in claims_sets  # c4 overlaps the end of c3
    assert {"c4"} in claims_sets and {"c3"} in claims_sets


def _deadline_days(result, term):
    terms = property_ids(result)
    plotted = [r for iri, r in result.records.items() if terms.get(iri) == term and r.lower is not None]
    subjects = {r.subject_id for r in plotted}
    return {(r.subject_id, r.time_end) for r in result.records.values()
            if r.is_deadline and r.subject_id in subjects and r not in plotted}


@pytest.mark.corpus
def test_timeline_marks_deadlines_and_links_contradictions(result, files):
    text = files["timeline.html"].decode("utf-8")
    expected = _deadline_days(result, "troop-count")
    assert expected, "the corpus announces withdrawals with deadlines"
    marks = re.findall(r'<g class="deadline-mark" data-day="([^"]+)">', text)
    assert len(marks) == len(expected)
    assert sorted(set(marks)) == sorted({day for _, day in expected})
    assert "withdrawal due" in text
    terms = property_ids(result)
    plotted = [r for iri, r in result.records.items()
               if terms[iri] == "troop-count" and r.lower is not None and r.time != "future"]
    assert text.count('<a href="articles/') >= len(plotted)
    assert len(re.findall(r'<a href="[^"]+" class="point"', text)) == len(plotted)
    assert 'class="contradiction-link"' in text
    assert "<svg" in text and "matplotlib" not in text


@pytest.mark.corpus
def test_timeline_for_another_quantity(result):
    casualties = render_views(result, quantity="casualties")
    text = casualties["timeline.html"].decode("utf-8")
    terms = property_ids(result)
    plotted = [r for iri, r in result.records.items() if terms[iri] == "casualties" and r.lower is not None]
    assert plotted
    assert len(re.findall(r'<a href="[^"]+" class="point"', text)) == len(plotted)
    assert "Timeline: casualties" in text
    assert len(re.findall(r'<g class="deadline-mark" data-day="', text)) == len(_deadline_days(result, "casualties"))
    by_label = render_views(result, quantity="casualties")["timeline.html"]
    assert by_label == casualties["timeline.html"]
    with pytest.raises(ViewError, match="not a quantity property"):
        render_views(result, quantity="presence")


def test_xss_timeline_marks_the_announced_withdrawal(xss_files):
    text = xss_files["timeline.html"].decode("utf-8")
    assert 'data-day="2015-12-31"' in text and "withdrawal due 2015-12-31" in text
    assert "<script>alert" not in text


def test_network_html_is_standalone_and_safe(xss_result):
    page = network_html(project(xss_result, "speakers"), title='Speakers <img src=x onerror=alert(1)>')
    assert "<img" not in page and "Speakers &lt;img src=x onerror=alert(1)&gt;" in page
    assert not EXTERNAL.search(page)
    assert "script-src 'sha256-" in page and "vis.Network" in page
    assert len(page) > 400_000  # vis-network is inlined


def test_views_command_writes_only_views(tmp_path):
    runner = CliRunner()
    out = tmp_path / "views"
    outcome = runner.invoke(app, ["views", "--corpus", str(XSS), "--out", str(out), "--quantity", "troop-count"])
    assert outcome.exit_code == 0, outcome.output
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert written == ["articles/900_xss.html", "claims.graphml", "contradictions.html", "graph.html",
                       "index.html", "lib/claimgraph.js", "lib/vis-network.min.js", "timeline.html"]
    bad = runner.invoke(app, ["views", "--corpus", str(XSS), "--out", str(tmp_path / "bad"), "--quantity", "bogus"])
    assert bad.exit_code == 2
    assert "not a quantity property" in bad.output and "Traceback" not in bad.output
    assert not (tmp_path / "bad").exists()


def test_entity_views_link_to_wikidata(result, files):
    with_qid = {e.id: e.wikidata for e in result.corpus.entities.values() if e.wikidata}
    speakers = {r.speaker_id for r in result.records.values()} & set(with_qid)
    assert speakers
    pages = _pages(files)
    articles = "".join(text for path, text in pages.items() if path.startswith("articles/"))
    for entity_id in sorted(speakers)[:5]:
        assert f'href="https://www.wikidata.org/wiki/{with_qid[entity_id]}"' in articles, entity_id
    graph = json.loads(re.search(r'<script type="application/json" id="cg-full">(.*?)</script>',
                                 pages["graph.html"], re.S).group(1))
    linked = {n["id"] for n in graph["nodes"] if n.get("wikidata")}
    assert {f"speaker:{s}" for s in speakers} <= linked


def test_dismissed_findings_are_greyed_and_last(result, files):
    page = _pages(files)["contradictions.html"]
    by_rules = page.split('<h2 id="hand-made">')[0]   # hand-made findings are reported apart, after
    statuses = re.findall(r'<tbody id="[^"]+" class="finding status-(\w+)"', by_rules)
    assert statuses and "dismissed" in statuses
    assert statuses[:len(statuses)] == sorted(statuses, key=lambda s: s == "dismissed")
    first = re.search(r'<tbody id="[^"]+" class="finding status-\w+" data-kind="[^"]+" data-severity="(\w+)"', page)
    assert first.group(1) == "hard"


def test_names_people_understand(files):
    pages = _pages(files)
    assert "betweenness" not in pages["index.html"].lower() and "Links debates" in pages["index.html"]
    for name, text in pages.items():
        assert "Unidentified outlet" not in text, name
    assert "unknown outlet" in pages["index.html"]


def test_full_graph_above_the_limit_is_left_to_graphml(xss_result, xss_files, monkeypatch):
    from claimgraph.outputs import views
    nodes = project(xss_result, "claims").number_of_nodes()
    assert 'id="cg-full"' in xss_files["graph.html"].decode("utf-8")
    monkeypatch.setattr(views, "FULL_GRAPH_LIMIT", nodes - 1)
    page = render_views(xss_result)["graph.html"].decode("utf-8")
    assert 'id="cg-full"' not in page and 'value="full"' not in page
    note = re.search(r'<p class="small" id="full-too-large">(.*?)</p>', page, re.S).group(1)
    assert f"{nodes:,} nodes" in note and f"{nodes - 1:,} nodes at most" in note
    assert '<a href="claims.graphml">' in note
    assert SCRIPT_DATA.search(page), "the findings view is still drawn"



def test_corroborations_past_the_limit_are_left_to_the_report(xss_result, monkeypatch):
    from claimgraph.outputs import views
    findings = project(xss_result, "findings")
    kinds = {data["type"] for *_, data in findings.edges(data=True)}
    assert kinds == {"contradicts", "corroborates"}
    corroborations = sum(data["type"] == "corroborates" for *_, data in findings.edges(data=True))
    monkeypatch.setattr(views, "FULL_GRAPH_LIMIT", findings.number_of_nodes() - 1)
    page = render_views(xss_result)["graph.html"].decode("utf-8")
    drawn = json.loads(SCRIPT_DATA.search(page).group(1))
    assert drawn["edges"] and all("corroborat" not in json.dumps(edge) for edge in drawn["edges"])
    note = re.search(r'<p class="small" id="corroborations-left-out">(.*?)</p>', page, re.S).group(1)
    assert note.startswith(f"{corroborations:,} corroborations are not drawn") and "contradictions.md" in note
    assert "checked> contradictions between claims</label>" in page
