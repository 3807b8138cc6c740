"""The HTML views: offline pages a reader opens by double-click.

:func:`render_views` turns a :class:`~claimgraph.pipeline.BuildResult` into
file contents (relative path → bytes):

``index.html``
    What is in the graph, with links to every view.
``graph.html``
    The whole claim network (:func:`claimgraph.outputs.network.project`, view
    ``claims``) drawn with vis-network at fixed, computed positions, with a
    legend and a filter by article, speaker and kind.
``contradictions.html``
    The contradiction network and a table of every contradiction, both
    quotes side by side; hand-made ones in a table of their own.
``articles/<id>.html``
    An article's text with every claim span highlighted (spans may nest or
    overlap); clicking a span shows its claims.
``timeline.html``
    Every figure claimed for one quantity property against its reference
    time, as an inline SVG drawn here.
``claims.graphml``
    The ``claims`` projection for Gephi.
``lib/vis-network.min.js``
    The vis-network build that ships inside pyvis, referenced relatively so
    the pages work from ``file://`` with no network.

Safety: every page is rendered by our own Jinja2 templates with autoescape
on; node and edge data go into the page as JSON inside a
``<script type="application/json">`` element with ``<``, ``>`` and ``&``
written as ``\\u003c`` … so a quote cannot close the script; tooltips are
plain strings, which vis-network 9 shows as text. pyvis's own template is not
used: it loads Bootstrap from a CDN and, when any title contains ``href``,
writes titles into the page with ``innerHTML``.

Output is byte-identical across runs: no timestamps, sorted iteration and
positions computed here rather than by a physics simulation in the browser.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator

import networkx as nx
from markupsafe import Markup, escape

from claimgraph.graph.records import ClaimRecord, outlet_name
from claimgraph.outputs.network import centrality, communities, project, property_ids, speaker_kind, to_graphml
from claimgraph.outputs.report import finding_sides
from claimgraph.rules.findings import triage_key, triaged

if TYPE_CHECKING:
    from claimgraph.result import BuildResult
    from claimgraph.rules.findings import Finding
from claimgraph.outputs.embed import (
    APP_PATH,
    VIS_PATH,
    ViewError,
    app_js,
    article_href,
    interval_text,
    json_for_script,
    render_template,
    vis_network_js,
)
from claimgraph.outputs.layout import layout
from claimgraph.outputs.network_page import legend_items, network_data, wikidata_href
from claimgraph.outputs.timeline import timeline_page

__all__ = ["iter_views", "render_views"]


# ----------------------------------------------------------- article pages

#: What a claim span is, worst first: the colour of a piece of text covered by
#: several claims is that of the worst of them. Dismissed findings colour nothing.
TONES = ("hard", "tension", "corroborated", "plain")
TONE_WORDS = {"hard": "in a hard contradiction", "tension": "in a tension", "corroborated": "corroborated",
              "plain": "no finding"}


@dataclass
class _Span:
    claim_id: str
    start: int
    end: int
    title: str
    tone: str = "plain"


def article_body(text: str, spans: list[_Span]) -> Markup:
    """The article text with claim spans highlighted, escaped piece by piece.

    The text is cut at every span boundary; each piece is one ``<span>``
    listing every claim that covers it (``data-claims``), so nested and
    overlapping quotes both work. A piece is coloured by the worst of its
    claims (:data:`TONES`), reachable by keyboard (``tabindex``) and described
    by its claims' cards (``aria-describedby``). A small tag marks where each
    claim starts.

    Examples
    --------
    >>> spans = [_Span("c1", 0, 5, "one", "hard"), _Span("c2", 3, 9, "two")]
    >>> print(article_body("<b>&c d e", spans))
    <a class="tag hard" id="claim-c1" href="#claim-c1" data-claim="c1">c1</a><span class="seg d1 hard" tabindex="0" role="button" data-claims="c1" aria-describedby="card-c1" title="one">&lt;b&gt;</span><a class="tag plain" id="claim-c2" href="#claim-c2" data-claim="c2">c2</a><span class="seg d2 hard" tabindex="0" role="button" data-claims="c1 c2" aria-describedby="card-c1 card-c2" title="one
    two">&amp;c</span><span class="seg d1 plain" tabindex="0" role="button" data-claims="c2" aria-describedby="card-c2" title="two"> d e</span>
    """
    cuts = sorted({0, len(text)} | {s.start for s in spans} | {s.end for s in spans})
    starts: dict[int, list[_Span]] = {}
    for span in sorted(spans, key=lambda s: (s.start, -s.end, s.claim_id)):
        starts.setdefault(span.start, []).append(span)
    pieces: list[str] = []
    for left, right in zip(cuts, cuts[1:]):
        for span in starts.get(left, []):
            cid = escape(span.claim_id)
            pieces.append(f'<a class="tag {span.tone}" id="claim-{cid}" href="#claim-{cid}" data-claim="{cid}">{cid}</a>')
        covering = [s for s in spans if s.start <= left and right <= s.end]
        chunk = escape(text[left:right])
        if covering:
            ids = escape(" ".join(s.claim_id for s in covering))
            cards = escape(" ".join(f"card-{s.claim_id}" for s in covering))
            title = escape("\n".join(s.title for s in covering))  # a newline is legal in an attribute
            depth = min(len(covering), 3)
            tone = min((s.tone for s in covering), key=TONES.index)
            pieces.append(f'<span class="seg d{depth} {tone}" tabindex="0" role="button" data-claims="{ids}" '
                          f'aria-describedby="{cards}" title="{title}">{chunk}</span>')
        else:
            pieces.append(str(chunk))
    return Markup("".join(pieces))


def claim_tone(related: list[tuple[str, "Finding"]]) -> str:
    """The worst thing a claim takes part in: a hard or tension contradiction
    (open or confirmed), a corroboration, or nothing.

    >>> from types import SimpleNamespace as F
    >>> claim_tone([("corroboration", F(severity="", status="open")),
    ...             ("contradiction", F(severity="hard", status="dismissed"))])
    'corroborated'
    """
    tones = {"plain"}
    for relation, finding in related:
        if relation == "contradiction" and finding.status != "dismissed":
            tones.add("hard" if finding.severity == "hard" else "tension")
        elif relation == "corroboration" and finding.status != "dismissed":
            tones.add("corroborated")
    return min(tones, key=TONES.index)


# ---------------------------------------------------------------- helpers

def _quantity_property(result: "BuildResult", quantity: str, properties: dict[str, str]) -> tuple[str, str]:
    """The ontology term and label of ``quantity`` (a term or a label)."""
    vocabulary = result.corpus.vocabulary.predicates
    known = sorted(name for name, kind in vocabulary.items() if kind == "quantity")
    labels = {record.property: properties.get(iri, "") for iri, record in result.records.items()}
    term = quantity if quantity in vocabulary else labels.get(quantity)
    if term is None or term not in known:
        raise ViewError(f"--quantity: {quantity!r} is not a quantity property; choose one of {', '.join(known)}")
    label = next((lab for lab, t in sorted(labels.items()) if t == term), term.replace("-", " "))
    return term, label


def _side(records: list[ClaimRecord], root: str) -> list[dict[str, Any]]:
    return [{"ref": r.ref, "quote": r.quote, "speaker": r.speaker, "via": r.via, "outlet": r.publisher,
             "said": r.said, "modality": r.modality, "summary": r.summary(), "article": r.article,
             "href": article_href(r.article, r.claim_id, root=root)} for r in records]


def _wikidata(result: "BuildResult", entity_id: str) -> str | None:
    entity = result.corpus.entities.get(entity_id)
    return wikidata_href(entity.wikidata) if entity is not None and entity.wikidata else None


def _finding_row(finding: "Finding", records: dict[str, ClaimRecord], root: str = "") -> dict[str, Any]:
    side_a, side_b = finding_sides(finding, records)
    return {"id": finding.id, "kind": finding.kind, "severity": finding.severity, "status": finding.status,
            "reason": finding.reason, "reviewed_by": finding.reviewed_by, "reviewed_on": finding.reviewed_on,
            "hand_made": finding.hand_made, "rules": list(finding.rules), "within_article": finding.within_article,
            "explanation": finding.explanation, "a": _side(side_a, root), "b": _side(side_b, root),
            "articles": sorted({records[c].article for c in finding.claims if c in records}),
            "speakers": sorted({records[c].speaker_id for c in finding.claims if c in records}),
            "nodes": [f"claim:{records[c].ref}" for c in finding.claims if c in records]}


def _counts(result: "BuildResult") -> dict[str, int]:
    records = result.records.values()
    return {"articles": len(result.corpus.articles), "claims": len(result.records),
            "speakers": len({r.speaker_id for r in records}),
            "contradictions": len(result.findings.contradictions) + len(result.findings.hand_made),
            "rule_contradictions": len(result.findings.contradictions),
            "hand_made": len(result.findings.hand_made),
            "hard": sum(f.severity == "hard" for f in result.findings.contradictions + result.findings.hand_made),
            "corroborations": len(result.findings.corroborations),
            "supersessions": len(result.findings.supersessions),
            "entities": len(result.corpus.entities)}


def _articles(result: "BuildResult") -> list[dict[str, Any]]:
    involved: dict[str, set[str]] = {}
    for finding in result.findings.contradictions + result.findings.hand_made:
        for claim in finding.claims:
            if claim in result.records:
                involved.setdefault(result.records[claim].article, set()).add(finding.id)
    claims = Counter(r.article for r in result.records.values())
    rows = []
    for article in sorted(result.corpus.articles, key=lambda a: (a.annotation.published.span.start, a.id)):
        ann = article.annotation
        publisher = result.corpus.entities.get(ann.publisher)
        authors = [result.corpus.entities[a].label if a in result.corpus.entities else a for a in ann.authors]
        rows.append({"id": article.id, "title": ann.title,
                     "publisher": outlet_name(publisher.label) if publisher else ann.publisher,
                     "publisher_wikidata": _wikidata(result, ann.publisher),
                     "authors": authors, "date": ann.published.date, "date_status": ann.published.status,
                     "date_evidence": ann.published.evidence,
                     "claims": claims[article.id],
                     "contradictions": len(involved.get(article.id, ())), "href": article_href(article.id)})
    return rows


# ------------------------------------------------------------------ pages

def _index_page(result: "BuildResult", articles: list[dict[str, Any]], speakers: nx.MultiGraph,
                quantity_label: str) -> bytes:
    ranks = centrality(speakers)
    top = sorted((node for node in ranks if ranks[node]["strength"] > 0),
                 key=lambda n: (-ranks[n]["strength"], -ranks[n]["betweenness"], n))[:10]
    rows = []
    for node in top:
        data = speakers.nodes[node]
        against = sum(d["weight"] for *_, d in speakers.edges(node, data=True) if d["type"] == "contradicts")
        beside = sum(d["weight"] for *_, d in speakers.edges(node, data=True) if d["type"] == "corroborates")
        rows.append({"label": data["label"], "kind": data["kind"], "claims": data.get("claims", 0),
                     "contradicts": against, "corroborates": beside, **ranks[node]})
    return render_template("index.html.j2", root="", page="index", counts=_counts(result), articles=articles,
                   kinds=result.findings.counts(), speakers=rows, quantity_label=quantity_label,
                   title="claimgraph: what is in the graph")


#: Nodes of the whole claims graph that graph.html still embeds. vis-network
#: draws a few thousand nodes at interactive speed; at 10k claims the whole
#: graph is 80 MB of page and the tab stalls, so above this the page says so
#: and points to claims.graphml and the article pages instead.
FULL_GRAPH_LIMIT = 5000


def _graph_page(result: "BuildResult", articles: list[dict[str, Any]], graph: nx.Graph) -> bytes:
    """The claim network: claim-to-claim findings first, the whole graph one
    toggle away (up to :data:`FULL_GRAPH_LIMIT` nodes). When the findings
    alone pass that limit, the contradictions are drawn and the
    corroborations left to contradictions.md and the command line."""
    findings = project(result, "findings", claims=graph)
    left_out = 0
    if findings.number_of_nodes() > FULL_GRAPH_LIMIT:
        corroborations = [(a, b, key) for a, b, key, data in findings.edges(keys=True, data=True)
                          if data["type"] == "corroborates"]
        findings.remove_edges_from(corroborations)
        findings.remove_nodes_from([node for node in list(findings.nodes) if findings.degree(node) == 0])
        left_out = len(corroborations)
    node_items, edge_items = legend_items(graph)
    finding_nodes, finding_edges = legend_items(findings)
    records = result.records
    speakers = sorted({(r.speaker, r.speaker_id) for r in records.values()}
                      | {(label, vid) for r in records.values() for label, vid in zip(r.via, r.via_ids)})
    kinds = sorted({f.kind for f in result.findings.all()})
    properties = sorted({r.property for r in records.values()})
    return render_template("graph.html.j2", root="", page="graph", title="Claim network",
                   data=json_for_script(network_data(findings)),
                   full=json_for_script(network_data(graph)) if graph.number_of_nodes() <= FULL_GRAPH_LIMIT else None,
                   full_limit=FULL_GRAPH_LIMIT, corroborations_left_out=left_out,
                   node_legend=node_items, edge_legend=edge_items,
                   finding_node_legend=finding_nodes, finding_edge_legend=finding_edges, articles=articles,
                   speakers=[{"id": f"speaker:{sid}", "label": label} for label, sid in speakers],
                   kinds=kinds, properties=properties,
                   counts={"nodes": findings.number_of_nodes(), "edges": findings.number_of_edges()},
                   full_counts={"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()})


def _contradictions_page(result: "BuildResult", articles: list[dict[str, Any]], claims: nx.MultiGraph,
                         speakers: nx.MultiGraph) -> bytes:
    graph = project(result, "contradictions", claims=claims)
    node_items, edge_items = legend_items(graph)
    records = result.records
    kind_of = {f.id: f.kind for f in result.findings.contradictions + result.findings.hand_made}
    pairs = []
    for a, b, data in speakers.edges(data=True):
        if data["type"] == "contradicts":
            one, two = sorted((speakers.nodes[a]["label"], speakers.nodes[b]["label"]))
            ids = data["findings"].split()
            pairs.append({"a": one, "b": two, "weight": data["weight"],
                          "findings": [(fid, kind_of.get(fid, "")) for fid in ids]})
    pairs.sort(key=lambda p: (-p["weight"], p["a"], p["b"]))
    groups = []
    for group in communities(speakers):
        if len(group) > 1:
            groups.append(sorted(speakers.nodes[n]["label"] for n in group))
    rules = [_finding_row(f, records) for f in triaged(result.findings.contradictions)]
    everything = result.findings.contradictions + result.findings.hand_made
    titles = {a["id"]: a["title"] for a in articles}
    involved = [records[c] for c in sorted({c for f in everything for c in f.claims if c in records})]
    speakers = {r.speaker_id: r.speaker for r in involved}
    filters = {"kinds": sorted({f.kind for f in everything}),
               "articles": [{"id": a, "title": titles.get(a, a)} for a in sorted({r.article for r in involved})],
               "speakers": sorted(({"id": sid, "label": label} for sid, label in speakers.items()),
                                  key=lambda s: (s["label"].lower(), s["id"]))}
    return render_template("contradictions.html.j2", root="", page="contradictions", title="Contradictions",
                   data=json_for_script(network_data(graph, labels=False)), node_legend=node_items,
                   edge_legend=edge_items, findings=rules, filters=filters,
                   hand_made=[_finding_row(f, records) for f in triaged(result.findings.hand_made)],
                   near_misses=result.near_misses,
                   kinds=result.findings.counts(), pairs=pairs, groups=groups, counts=_counts(result),
                   network_counts={"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()},
                   review_problems=result.findings.review_problems)


#: How many of the other claims of a finding an article page's claim card lists.
CARD_OTHERS = 4


def _article_pages(result: "BuildResult", articles: list[dict[str, Any]]) -> Iterator[tuple[str, bytes]]:
    records = result.records
    by_claim: dict[str, list[tuple[str, Finding]]] = {}
    for relation, pool in (("contradiction", result.findings.contradictions + result.findings.hand_made),
                           ("corroboration", result.findings.corroborations),
                           ("supersession", result.findings.supersessions)):
        for finding in pool:
            for claim in finding.claims:
                by_claim.setdefault(claim, []).append((relation, finding))
    of_article: dict[str, list[ClaimRecord]] = {}
    for record in records.values():
        of_article.setdefault(record.article, []).append(record)
    by_id = {article.id: article for article in result.corpus.articles}
    for index, meta in enumerate(articles):
        article = by_id[meta["id"]]
        mine = of_article.get(article.id, [])
        spans = [_Span(r.claim_id, r.start, r.end, f"{r.claim_id} {r.speaker}: {r.summary()}",
                       claim_tone(by_claim.get(r.iri, []))) for r in mine]
        cards = []
        for record in mine:
            related = []
            for relation, finding in sorted(by_claim.get(record.iri, []), key=lambda item: (
                    item[0] != "contradiction", triage_key(item[1]))):
                others = [c for c in finding.claims if c != record.iri and c in records]
                # a card shows the first few; a corroboration of hundreds of
                # claims is otherwise described in full on every one of them
                related.append({"relation": relation, "id": finding.id, "kind": finding.kind,
                                "severity": finding.severity, "status": finding.status,
                                "explanation": finding.explanation,
                                "others": _side([records[c] for c in others[:CARD_OTHERS]], "../"),
                                "more": max(len(others) - CARD_OTHERS, 0)})
            cards.append({"id": record.claim_id, "ref": record.ref, "quote": record.quote,
                          "speaker": record.speaker, "speaker_kind": speaker_kind(record.speaker_type),
                          "wikidata": _wikidata(result, record.speaker_id),
                          "chain": record.chain, "via": record.via, "modality": record.modality,
                          "hedge": record.hedge, "said": record.said, "subject": record.subject,
                          "property": record.property, "scope": record.scope, "value": record.value,
                          "polarity": record.polarity, "visibility": record.visibility, "when": record.when,
                          "interval": interval_text(record), "summary": record.summary(),
                          "deprecated": record.deprecated, "start": record.start, "end": record.end,
                          "related": related, "tone": claim_tone(by_claim.get(record.iri, [])),
                          "contradictions": sum(r["relation"] == "contradiction" for r in related)})
        previous = articles[index - 1] if index > 0 else None
        following = articles[index + 1] if index + 1 < len(articles) else None
        yield f"articles/{article.id}.html", render_template(
            "article.html.j2", root="../", page="article", title=meta["title"], article=meta,
            body=article_body(article.text, spans), cards=cards, span_count=len(spans),
            tones=[{"tone": tone, "words": TONE_WORDS[tone], "claims": sum(s.tone == tone for s in spans)}
                   for tone in TONES],
            previous=previous, following=following)


# ------------------------------------------------------------------ entry

def iter_views(result: "BuildResult", quantity: str = "troop-count") -> Iterator[tuple[str, bytes]]:
    """Every HTML view (and the GraphML export), one file at a time, as (path
    relative to output/, content) pairs. See :func:`render_views`.

    Raises
    ------
    ViewError
        When ``quantity`` is not a quantity property of the ontology (before
        any file is made).
    """
    term, label = _quantity_property(result, quantity, property_ids(result))
    yield VIS_PATH, vis_network_js()
    yield APP_PATH, app_js()
    articles = _articles(result)
    speakers = project(result, "speakers")
    yield "index.html", _index_page(result, articles, speakers, label)
    yield "timeline.html", timeline_page(result, term, label)
    claims_graph = project(result, "claims")
    yield "contradictions.html", _contradictions_page(result, articles, claims_graph, speakers)
    yield "graph.html", _graph_page(result, articles, claims_graph)
    yield "claims.graphml", to_graphml(claims_graph)
    del claims_graph
    yield from _article_pages(result, articles)


def render_views(result: "BuildResult", quantity: str = "troop-count") -> dict[str, bytes]:
    """Every HTML view (and the GraphML export), by path relative to output/.

    Parameters
    ----------
    result : BuildResult
        A built graph.
    quantity : str
        The quantity property the timeline plots: an ontology term such as
        ``troop-count`` or ``casualties`` (or its label).

    Raises
    ------
    ViewError
        When ``quantity`` is not a quantity property of the ontology.
    """
    return dict(sorted(iter_views(result, quantity)))


__all__ += ["article_body", "article_href", "layout", "network_data"]
