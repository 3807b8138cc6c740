"""The network as vis-network data and as a standalone HTML page: node and edge styles, tooltips, legend."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import networkx as nx
from markupsafe import Markup

if TYPE_CHECKING:
    pass
from claimgraph.outputs.embed import (
    ViewError,
    app_js,
    article_href,
    csp_hash,
    json_for_script,
    render_template,
    vis_network_js,
)
from claimgraph.outputs.layout import layout
from claimgraph.outputs.styles import CONTRADICTED, CORROBORATED, DISMISSED, EDGE_STYLES, NODE_STYLES, style_key

__all__ = ["network_data", "legend_items", "network_html", "quote_label", "label_size", "FINDING_TYPES"]

#: Edges that join two claims by a finding.
FINDING_TYPES = ("contradicts", "corroborates", "supersedes")

# Labelled claim boxes of the findings view (pixels; characters).
LABEL_FONT = 12
LABEL_LINE = 24               # characters per line of a label
LABEL_QUOTE_LINES = 3         # a quote is cut to this many lines
LABEL_CHAR_PX = 6.6           # a generous average glyph width at LABEL_FONT
LABEL_LINE_PX = 15            # line height at LABEL_FONT
LABEL_MARGIN = 6              # vis-network's padding inside a box
LABEL_SLACK = 30              # room a box may grow by before vis-network wraps a line again


# ------------------------------------------------------------ network data

def _tooltip(data: dict[str, Any]) -> str:
    kind = data["type"]
    if kind == "claim":
        via = f" (via {data['via']})" if data.get("via") else ""
        lines = [f"“{data.get('quote', '')}”", f"— {data.get('speaker', '')}{via}",
                 f"{data.get('outlet', '')}, {data.get('said', '')}  [{data.get('ref', '')}]",
                 f"Says: {data.get('summary', '')}"]
        if data.get("contradictions"):
            lines.append(f"In {data['contradictions']} contradiction(s): {data.get('contradiction_kinds', '')}")
        return "\n".join(lines)
    if kind == "speaker":
        claims = f"\n{data['claims']} claim(s)" if data.get("claims") else ""
        return f"{data['label']} ({data.get('agent_type', data.get('kind', ''))}){claims}"
    if kind == "article":
        return f"{data.get('title', '')}\n{data.get('publisher', '')}, {data.get('date', '')} ({data.get('date_status', '')})"
    if kind == "quantity":
        return f"{data.get('value', '')}\nscope: {data.get('scope', 'any')}"
    if kind == "date":
        return f"{data.get('expression', '')}: {data.get('first_day', '')} to {data.get('last_day', '')}"
    return str(data.get("label", ""))


def wikidata_href(qid: str) -> str:
    """The Wikidata page of an item id such as ``Q76``."""
    return f"https://www.wikidata.org/wiki/{qid}"


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        while len(word) > width:  # a very long word is cut, never left to overflow
            if lines and not lines[-1]:
                lines.pop()
            lines.append(word[:width])
            word = word[width:]
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def quote_label(quote: str, speaker: str, *, width: int = LABEL_LINE, lines: int = LABEL_QUOTE_LINES) -> str:
    """A short label for a claim: its quote cut to a few lines, and its speaker.

    Examples
    --------
    >>> print(quote_label("the remaining 48,000 US troops will leave by the end of the year", "Barack Obama"))
    “the remaining 48,000 US
    troops will leave by
    the end of the year”
    — Barack Obama
    >>> print(quote_label("a b", "A speaker with a very long name indeed"))
    “a b”
    — A speaker with a ve…
    """
    wrapped = _wrap(" ".join(quote.split()), width - 1)
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 3].rstrip() + "…"
    wrapped[0] = "“" + wrapped[0]
    wrapped[-1] = wrapped[-1] + "”"
    return "\n".join(wrapped + ["— " + _short(speaker, width - 4)])


def label_size(label: str, font: int = LABEL_FONT) -> tuple[float, float]:
    """Width and height in pixels of a box holding ``label`` (an upper bound).

    Examples
    --------
    >>> label_size("ab\\nabcd")
    (38.4, 42.0)
    """
    lines = label.split("\n")
    scale = font / LABEL_FONT
    width = max(len(line) for line in lines) * LABEL_CHAR_PX * scale + 2 * LABEL_MARGIN
    return (round(width, 1), round(len(lines) * LABEL_LINE_PX * scale + 2 * LABEL_MARGIN, 1))


def _finding_box(node: str, data: dict[str, Any], item: dict[str, Any], box: tuple[float, float],
                 relations: set[str]) -> None:
    """A claim of the findings view drawn as a box holding its label."""
    item["label"] = quote_label(str(data.get("quote", "")), str(data.get("speaker", "")))
    border = CONTRADICTED if "contradicts" in relations else CORROBORATED
    item.update({"shape": "box", "borderWidth": 2, "margin": LABEL_MARGIN,
                 "widthConstraint": {"minimum": box[0], "maximum": box[0] + LABEL_SLACK},
                 "heightConstraint": {"minimum": box[1], "valign": "middle"},
                 "font": {"color": "#1d2430", "size": LABEL_FONT, "align": "left", "multi": False},
                 "color": {"background": "#fffdf2", "border": border,
                           "highlight": {"background": "#eef5ff", "border": "#1f4e79"},
                           "hover": {"background": "#fff7d1", "border": border}}})


def _vis_node(node: str, data: dict[str, Any], xy: tuple[int, int], *, root: str,
              labels: bool = True) -> dict[str, Any]:
    style = NODE_STYLES[style_key(data)]
    kind = data["type"]
    label = str(data.get("label", ""))
    if kind == "article":
        label = _short(label, 48)
    elif kind == "claim" and not labels:
        label = ""
    item: dict[str, Any] = {
        "id": node, "label": label, "title": _tooltip(data), "x": xy[0], "y": xy[1],
        "shape": style["shape"], "size": style["size"], "group": style_key(data), "ntype": kind,
        "color": {"background": style["color"], "border": style["color"],
                  "highlight": {"background": style["color"], "border": "#000000"}},
        "font": {"color": style["font"], "size": {"article": 17, "speaker": 17, "claim": 9}.get(kind, 9)},
    }
    if kind == "article":
        item["widthConstraint"] = {"maximum": 170}
        item["href"] = article_href(data["article"], root=root)
    if kind == "claim":
        item["article"] = data["article"]
        item["property"] = data.get("property", "")
        item["kinds"] = sorted(set(str(data.get("contradiction_kinds", "")).split()))
        item["search"] = " ".join(str(data.get(k, "")) for k in ("quote", "speaker", "via", "summary", "ref")).lower()
        item["href"] = article_href(data["article"], data["claim_id"], root=root)
        item["speakers"] = [f"speaker:{sid}" for sid in [data.get("speaker_id", ""), *str(data.get("via_ids", "")).split()]
                            if sid]
        if data.get("contradictions"):
            item["color"]["border"] = CONTRADICTED
            item["borderWidth"] = 3
    if kind == "speaker":
        item["search"] = label.lower()
        if data.get("wikidata"):
            item["wikidata"] = wikidata_href(str(data["wikidata"]))
    return item


def _vis_edge(index: int, a: str, b: str, key: Any, data: dict[str, Any]) -> dict[str, Any]:
    dismissed = data["type"] in FINDING_TYPES and data.get("status") == "dismissed"
    style = DISMISSED if dismissed else EDGE_STYLES[data["type"]]
    item: dict[str, Any] = {"id": f"e{index}", "from": a, "to": b, "etype": data["type"],
                            "color": {"color": style["color"], "highlight": style["color"], "hover": style["color"],
                                      "inherit": False, "opacity": 1.0}, "width": style["width"],
                            "dashes": style["dashes"]}
    if data["type"] in FINDING_TYPES and "finding" in data:
        item["title"] = f"{data['type']}: {data.get('kind', '')} ({data.get('severity', '')}, {data.get('status', '')})\n" \
                        f"{data.get('explanation', '')}\n[{data.get('finding', '')}]"
        item.update({"finding": data.get("finding", ""), "kind": data.get("kind", ""),
                     "severity": data.get("severity", ""), "status": data.get("status", "")})
    if data.get("severity"):
        item["severity"] = data["severity"]
    if data["type"] == "contradicts" and data.get("severity") != "hard" and not dismissed:
        item["dashes"] = [8, 4]
    if data["type"] == "weighted" or "weight" in data:
        item["value"] = data.get("weight", 1)
    return item


def network_data(graph: nx.Graph, *, root: str = "", labels: bool = True) -> dict[str, Any]:
    """Nodes and edges for vis-network, with positions: what the pages embed."""
    boxes: dict[str, tuple[float, float]] = {}
    relations: dict[str, set[str]] = {}
    if graph.graph.get("view") == "findings":
        for a, b, data in graph.edges(data=True):
            relations.setdefault(a, set()).add(data["type"])
            relations.setdefault(b, set()).add(data["type"])
        labels_of = {n: quote_label(str(d.get("quote", "")), str(d.get("speaker", ""))) for n, d in graph.nodes(data=True)}
        widest = max((label_size(text)[0] for text in labels_of.values()), default=0.0)
        boxes = {n: (widest, label_size(text)[1]) for n, text in labels_of.items()}
    pos = layout(graph, boxes)
    nodes = []
    for node, data in sorted(graph.nodes(data=True)):
        item = _vis_node(node, data, pos[node], root=root, labels=labels)
        if node in boxes:
            _finding_box(node, data, item, boxes[node], relations.get(node, set()))
        nodes.append(item)
    if graph.is_multigraph():
        raw = sorted(graph.edges(keys=True, data=True), key=lambda e: (min(e[0], e[1]), max(e[0], e[1]), str(e[2])))
    else:
        raw = sorted(((a, b, None, d) for a, b, d in graph.edges(data=True)), key=lambda e: (min(e[0], e[1]), max(e[0], e[1])))
    # Relations last, so red and green lines are drawn above the grey ones.
    order = {t: i for i, t in enumerate(reversed(list(EDGE_STYLES)))}
    raw = sorted(raw, key=lambda e: order.get(e[3]["type"], 0))
    edges = [_vis_edge(i, min(a, b), max(a, b), key, data) for i, (a, b, key, data) in enumerate(raw)]
    return {"nodes": nodes, "edges": edges}


def legend_items(graph: nx.Graph) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    present_nodes = {style_key(d) for _, d in graph.nodes(data=True)}
    present_edges = {d["type"] for *_, d in graph.edges(data=True)}
    node_items = [{"key": k, **v} for k, v in NODE_STYLES.items() if k in present_nodes]
    if graph.graph.get("view") == "findings":
        node_items = [{"key": "claim", **NODE_STYLES["claim"], "shape": "box", "label": "claim: “quote” — speaker"}]
    edge_items = [{"key": k, **v} for k, v in EDGE_STYLES.items() if k in present_edges]
    if any(d["type"] in FINDING_TYPES and d.get("status") == "dismissed" for *_, d in graph.edges(data=True)):
        edge_items.append({"key": "dismissed", **DISMISSED})
    return node_items, edge_items


def network_html(graph: nx.Graph, title: str = "claimgraph network", *, script_src: str | None = None) -> str:
    """A self-contained HTML page drawing any projection with vis-network.

    For notebooks: ``views.network_html(network.project(result, "speakers"), title="Who contradicts whom")``.
    The vis-network script is inlined unless ``script_src`` (a relative path)
    is given; the page makes no network request, and its Content Security
    Policy lets only these exact scripts run.
    """
    node_items, edge_items = legend_items(graph)
    data = network_data(graph)
    app = app_js().decode("utf-8")
    hashes = [csp_hash(app)]
    script = None
    if script_src:
        hashes.append("'self'")
    else:
        # The HTML parser turns CR LF into LF before CSP hashes a script, so
        # hash (and embed) the text as the browser will see it.
        script = vis_network_js().decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
        if "</script" in script.lower() or "<!--" in script:  # pragma: no cover - the shipped build has neither
            raise ViewError("vis-network.min.js contains '</script' or '<!--' and cannot be inlined")
        hashes.append(csp_hash(script))
        script = Markup(script)
    return render_template("network.html.j2", title=title, data=json_for_script(data), script=script,
                   script_src=script_src, app_script=Markup(app), script_policy=Markup(" ".join(sorted(hashes))),
                   node_legend=node_items, edge_legend=edge_items, root="",
                   counts={"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}).decode("utf-8")
