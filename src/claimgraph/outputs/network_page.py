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
from claimgraph.outputs.styles import CONTRADICTED, EDGE_STYLES, NODE_STYLES, style_key

__all__ = ["network_data", "legend_items", "network_html"]


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
        if data.get("contradictions"):
            item["color"]["border"] = CONTRADICTED
            item["borderWidth"] = 3
    if kind == "speaker":
        item["search"] = label.lower()
        if data.get("wikidata"):
            item["wikidata"] = wikidata_href(str(data["wikidata"]))
    return item


def _vis_edge(index: int, a: str, b: str, key: Any, data: dict[str, Any]) -> dict[str, Any]:
    style = EDGE_STYLES[data["type"]]
    item: dict[str, Any] = {"id": f"e{index}", "from": a, "to": b, "etype": data["type"],
                            "color": {"color": style["color"], "highlight": style["color"], "hover": style["color"],
                                      "inherit": False, "opacity": 1.0}, "width": style["width"],
                            "dashes": style["dashes"]}
    if data["type"] in ("contradicts", "corroborates", "supersedes"):
        item["title"] = f"{data['type']}: {data.get('kind', '')} ({data.get('severity', '')}, {data.get('status', '')})\n" \
                        f"{data.get('explanation', '')}\n[{data.get('finding', '')}]"
        item["finding"] = data.get("finding", "")
    if data["type"] == "contradicts" and data.get("severity") != "hard":
        item["dashes"] = [8, 4]
    if data["type"] == "weighted" or "weight" in data:
        item["value"] = data.get("weight", 1)
    return item


def network_data(graph: nx.Graph, *, root: str = "", labels: bool = True) -> dict[str, Any]:
    """Nodes and edges for vis-network, with positions: what the pages embed."""
    pos = layout(graph)
    nodes = [_vis_node(node, data, pos[node], root=root, labels=labels) for node, data in sorted(graph.nodes(data=True))]
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
    edge_items = [{"key": k, **v} for k, v in EDGE_STYLES.items() if k in present_edges]
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
