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

import base64
import datetime as dt
import hashlib
import importlib.resources
import json
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable
from urllib.parse import quote

import jinja2
import networkx as nx
from markupsafe import Markup, escape

from claimgraph.outputs.network import centrality, communities, project, property_ids, speaker_kind, to_graphml
from claimgraph.graph.records import ClaimRecord, format_number
from claimgraph.outputs.report import finding_sides
from claimgraph.resources import templates_dir

if TYPE_CHECKING:
    from claimgraph.rules.engine import Finding
    from claimgraph.result import BuildResult

__all__ = ["ViewError", "render_views", "network_html", "json_for_script", "vis_network_js",
           "NODE_STYLES", "EDGE_STYLES"]

VIS_PATH = "lib/vis-network.min.js"
APP_PATH = "lib/claimgraph.js"


class ViewError(ValueError):
    """A view cannot be drawn as asked (for example an unknown ``--quantity``)."""


# ----------------------------------------------------------------- styling

#: Colour and shape of each node type; speakers by kind. Shapes are vis-network's.
NODE_STYLES: dict[str, dict[str, Any]] = {
    "article": {"label": "article", "shape": "box", "color": "#1f4e79", "font": "#ffffff", "size": 18},
    "person": {"label": "person", "shape": "dot", "color": "#e07b00", "font": "#5a3200", "size": 15},
    "institution": {"label": "institution", "shape": "diamond", "color": "#7b3fa0", "font": "#3b1050", "size": 15},
    "anonymous": {"label": "anonymous source", "shape": "triangle", "color": "#6f7780", "font": "#2f3438", "size": 14},
    "claim": {"label": "claim", "shape": "dot", "color": "#f4d35e", "font": "#4a3f00", "size": 7},
    "quantity": {"label": "quantity", "shape": "square", "color": "#2a9d8f", "font": "#0f4a43", "size": 5},
    "date": {"label": "date", "shape": "hexagon", "color": "#a0785a", "font": "#4a3322", "size": 7},
}
CONTRADICTED = "#d62728"

#: Colour, width and dash of each edge type.
EDGE_STYLES: dict[str, dict[str, Any]] = {
    "contradicts": {"label": "contradicts", "color": "#d62728", "width": 2.6, "dashes": False},
    "corroborates": {"label": "corroborates", "color": "#2ca02c", "width": 2.2, "dashes": False},
    "supersedes": {"label": "supersedes (later figure)", "color": "#8c8c8c", "width": 1.4, "dashes": True},
    "said-by": {"label": "said by", "color": "#a9bcd6", "width": 0.9, "dashes": False},
    "via": {"label": "relayed via", "color": "#a9bcd6", "width": 0.9, "dashes": True},
    "in-article": {"label": "in article", "color": "#dfe5ee", "width": 0.6, "dashes": False},
    "value": {"label": "has value", "color": "#a6dcd4", "width": 0.8, "dashes": False},
    "reference-time": {"label": "holds at", "color": "#e6d8ca", "width": 0.6, "dashes": False},
    "deadline": {"label": "due by", "color": "#d9bfa6", "width": 0.8, "dashes": True},
}

# Tableau 10: distinct, readable on white, and colour-blind tolerable.
PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf"]


def _style_key(data: dict[str, Any]) -> str:
    return data.get("kind", "institution") if data["type"] == "speaker" else data["type"]


# ------------------------------------------------------------ safe embedding

_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                   0x2028: "\\u2028", 0x2029: "\\u2029"}


def json_for_script(value: Any) -> Markup:
    """JSON that is safe inside a ``<script>`` element, sorted for stable bytes.

    Examples
    --------
    >>> str(json_for_script({"quote": "</script><img src=x>"}))
    '{"quote":"\\\\u003c/script\\\\u003e\\\\u003cimg src=x\\\\u003e"}'
    >>> json.loads(str(json_for_script({"a": "<&>"})))
    {'a': '<&>'}
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return Markup(text.translate(_SCRIPT_ESCAPES))


def vis_network_js() -> bytes:
    """The vis-network 9.1.2 build that pyvis ships (no download)."""
    try:
        resource = importlib.resources.files("pyvis").joinpath("templates/lib/vis-9.1.2/vis-network.min.js")
        return resource.read_bytes()
    except (ModuleNotFoundError, FileNotFoundError) as exc:  # pragma: no cover - broken install
        raise ViewError(f"vis-network.min.js not found inside the pyvis package: {exc}") from None


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates_dir())), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True)
    env.filters["number"] = format_number
    env.filters["url"] = lambda value: quote(str(value), safe="")
    env.globals.update(node_styles=NODE_STYLES, edge_styles=EDGE_STYLES, contradicted=CONTRADICTED)
    return env


_ENV: jinja2.Environment | None = None


def _render(template: str, **context: Any) -> bytes:
    global _ENV
    if _ENV is None:
        _ENV = _environment()
    return _ENV.get_template(template).render(**context).encode("utf-8")


def article_href(article: str, claim_id: str | None = None, root: str = "") -> str:
    """Relative link to an article page, or to one claim span in it.

    Examples
    --------
    >>> article_href("004_x", "c01")
    'articles/004_x.html#claim-c01'
    """
    href = f"{root}articles/{quote(article, safe='')}.html"
    return href + (f"#claim-{quote(claim_id, safe='')}" if claim_id else "")


# ---------------------------------------------------------------- layouts

def _circular_mean(angles: Iterable[float]) -> float:
    angles = list(angles)
    return math.atan2(sum(math.sin(a) for a in angles), sum(math.cos(a) for a in angles))


def _spread(items: list[tuple[str, float]], gap: float) -> dict[str, float]:
    """Push angles apart until neighbours are at least ``gap`` radians apart
    (a few deterministic sweeps around the circle)."""
    if not items:
        return {}
    gap = min(gap, 2 * math.pi / len(items))
    ordered = sorted(((angle % (2 * math.pi), key) for key, angle in items))
    angles = [angle for angle, _ in ordered]
    for _ in range(50):
        moved = False
        for i in range(len(angles)):
            j = (i + 1) % len(angles)
            if len(angles) < 2:
                break
            diff = (angles[j] - angles[i]) % (2 * math.pi)
            if diff < gap - 1e-9:
                push = (gap - diff) / 2
                angles[i] -= push
                angles[j] += push
                moved = True
        if not moved:
            break
    return {key: angle for (_, key), angle in zip(ordered, angles)}


def _claims_layout(graph: nx.Graph) -> dict[str, tuple[int, int]]:
    """Fixed positions for the ``claims`` projection.

    One wheel per article, in publication order on a grid: the article in
    the middle, its claims on a ring grouped by speaker, each claim's
    quantity just outside it, the dates it refers to on an inner ring, and
    each speaker just outside the arc of its claims. A speaker quoted in
    several articles sits between their wheels.
    """
    nodes = graph.nodes
    articles = sorted((n for n, d in nodes(data=True) if d["type"] == "article"),
                      key=lambda n: (str(nodes[n].get("date", "")), n))
    claims_of: dict[str, list[str]] = {a: [] for a in articles}
    speaker_of: dict[str, str] = {}
    for node, data in nodes(data=True):
        if data["type"] != "claim":
            continue
        for _, other, edge in graph.edges(node, data=True):
            if edge["type"] == "in-article":
                claims_of.setdefault(other, []).append(node)
            elif edge["type"] == "said-by":
                speaker_of[node] = other
    first_seen: dict[str, int] = {}
    for article in articles:
        ordered = sorted(claims_of[article], key=lambda c: (nodes[c].get("start", 0), c))
        for index, claim in enumerate(ordered):
            first_seen.setdefault(speaker_of.get(claim, ""), index)
        claims_of[article] = sorted(ordered, key=lambda c: (first_seen.get(speaker_of.get(c, ""), 0),
                                                            speaker_of.get(c, ""), nodes[c].get("start", 0), c))
    spacing = 30.0
    radius = {a: max(150.0, len(claims_of[a]) * spacing / (2 * math.pi)) for a in articles}
    cell = 2 * (max(radius.values(), default=150.0) + 230)
    columns = max(1, math.ceil(math.sqrt(len(articles))))
    centre: dict[str, tuple[float, float]] = {}
    last_row = (len(articles) - 1) // columns
    in_last_row = len(articles) - last_row * columns
    for index, article in enumerate(articles):
        row, column = divmod(index, columns)
        shift = (columns - in_last_row) * cell / 2 if row == last_row else 0.0
        centre[article] = (column * cell + shift, row * cell * 0.9)
    pos: dict[str, tuple[float, float]] = {}
    angle: dict[str, float] = {}
    home: dict[str, str] = {claim: article for article in articles for claim in claims_of[article]}
    # Turn each wheel so that claims joined to other articles (by a finding
    # or a shared speaker) face those articles: shorter lines, fewer of them
    # crossing a wheel.
    pulls: dict[str, list[tuple[float, float]]] = {}
    for claim, article in home.items():
        for _, other, edge in graph.edges(claim, data=True):
            targets = [other] if other in home else [c for c in graph.neighbors(other) if c in home] \
                if edge["type"] in ("said-by", "via") else []
            for target in targets:
                if home.get(target) not in (None, article):
                    pulls.setdefault(claim, []).append(centre[home[target]])
    turn: dict[str, float] = {}
    for article in articles:
        cx, cy = centre[article]
        count = max(1, len(claims_of[article]))
        best = None
        for step in range(36):
            offset = 2 * math.pi * step / 36
            cost = 0.0
            for index, claim in enumerate(claims_of[article]):
                theta = -math.pi / 2 + offset + 2 * math.pi * index / count
                x, y = cx + radius[article] * math.cos(theta), cy + radius[article] * math.sin(theta)
                cost += sum(math.hypot(x - tx, y - ty) for tx, ty in pulls.get(claim, ()))
            if best is None or cost < best[0] - 1e-6:
                best = (cost, offset)
        turn[article] = best[1] if best else 0.0
    for article in articles:
        cx, cy = centre[article]
        pos[article] = (cx, cy)
        count = max(1, len(claims_of[article]))
        for index, claim in enumerate(claims_of[article]):
            theta = -math.pi / 2 + turn[article] + 2 * math.pi * index / count
            angle[claim] = theta
            r = radius[article]
            pos[claim] = (cx + r * math.cos(theta), cy + r * math.sin(theta))
            for _, other, edge in graph.edges(claim, data=True):
                if edge["type"] == "value":
                    pos[other] = (cx + (r + 34) * math.cos(theta), cy + (r + 34) * math.sin(theta))
    # Dates: in the wheel of the article that refers to them most, on an inner ring.
    date_claims: dict[str, list[str]] = {}
    for node, data in nodes(data=True):
        if data["type"] == "date":
            date_claims[node] = sorted(c for c in graph.neighbors(node) if c in home)
    by_article: dict[str, list[tuple[str, float]]] = {}
    for date, claims in sorted(date_claims.items()):
        if not claims:
            continue
        counts: dict[str, int] = {}
        for claim in claims:
            counts[home[claim]] = counts.get(home[claim], 0) + 1
        article = min(counts, key=lambda a: (-counts[a], articles.index(a)))
        by_article.setdefault(article, []).append(
            (date, _circular_mean(angle[c] for c in claims if home[c] == article)))
    for article, items in by_article.items():
        cx, cy = centre[article]
        r = radius[article] * 0.55
        for date, theta in _spread(items, 34 / r).items():
            pos[date] = (cx + r * math.cos(theta), cy + r * math.sin(theta))
    # Speakers: beside their claims.
    ring: dict[str, list[tuple[str, float]]] = {}
    shared: list[str] = []
    for node, data in sorted(nodes(data=True)):
        if data["type"] != "speaker":
            continue
        claims = sorted(c for c in graph.neighbors(node) if c in home)
        wheels = {home[c] for c in claims}
        if len(wheels) == 1:
            (article,) = wheels
            ring.setdefault(article, []).append((node, _circular_mean(angle[c] for c in claims)))
        elif claims:
            shared.append(node)
    for article, items in ring.items():
        cx, cy = centre[article]
        r = radius[article] + 110
        spread = _spread(items, 80 / r)
        # Alternate two rings so neighbouring labels do not overprint.
        for index, speaker in enumerate(sorted(spread, key=lambda k: (spread[k] % (2 * math.pi), k))):
            ring_r = r + (60 if index % 2 else 0)
            theta = spread[speaker]
            pos[speaker] = (cx + ring_r * math.cos(theta), cy + ring_r * math.sin(theta))
    taken: list[tuple[float, float]] = []
    for speaker in shared:
        claims = [c for c in graph.neighbors(speaker) if c in home]
        x = sum(pos[c][0] for c in claims) / len(claims)
        y = sum(pos[c][1] for c in claims) / len(claims)
        while any(abs(x - tx) < 90 and abs(y - ty) < 40 for tx, ty in taken):
            y += 45
        taken.append((x, y))
        pos[speaker] = (x, y)
    leftover = sorted(n for n in nodes if n not in pos)
    for index, node in enumerate(leftover):
        pos[node] = (-cell / 2, index * 40.0)
    return {node: (round(x), round(y)) for node, (x, y) in pos.items()}


def _component_layout(graph: nx.Graph, seed: int = 7) -> dict[str, tuple[int, int]]:
    """Spring layout per connected component (fixed seed), components packed
    in rows, largest first: deterministic and free of flying isolates."""
    # Attribution edges pull a claim to its speaker; relation edges pull
    # weakly, so claims gather round who said them and the red lines run
    # between those groups instead of knotting them together.
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    for a, b, data in sorted(graph.edges(data=True), key=lambda e: (min(e[0], e[1]), max(e[0], e[1]), e[2]["type"])):
        if a == b:
            continue
        weight = 1.0 if data.get("type") in ("said-by", "via", "in-article") else 0.2
        if simple.has_edge(a, b):
            simple[a][b]["weight"] = max(simple[a][b]["weight"], weight)
        else:
            simple.add_edge(min(a, b), max(a, b), weight=weight)
    parts = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0]))
    boxes = []
    for part in parts:
        if len(part) == 1:
            local = {part[0]: (0.0, 0.0)}
        else:
            # A fresh graph in sorted order: a subgraph view iterates its node
            # set in hash order, which would move nodes between runs.
            sub = nx.Graph()
            sub.add_nodes_from(part)
            sub.add_weighted_edges_from(sorted((min(a, b), max(a, b), d["weight"])
                                               for a, b, d in simple.subgraph(part).edges(data=True)))
            scale = 70 * math.sqrt(len(part))
            raw = nx.spring_layout(sub, seed=seed, iterations=300, scale=scale, k=2.2 / math.sqrt(len(part)))
            local = {n: (float(p[0]), float(p[1])) for n, p in raw.items()}
        xs = [p[0] for p in local.values()]
        ys = [p[1] for p in local.values()]
        boxes.append((part, local, min(xs), min(ys), max(xs) - min(xs) + 140, max(ys) - min(ys) + 110))
    total = sum(w * h for *_, w, h in boxes)
    row_width = max(900.0, math.sqrt(total) * 1.6)
    pos: dict[str, tuple[int, int]] = {}
    x = y = row_height = 0.0
    for part, local, min_x, min_y, width, height in boxes:
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (px, py) in local.items():
            pos[node] = (round(x + px - min_x), round(y + py - min_y))
        x += width
        row_height = max(row_height, height)
    return pos


def layout(graph: nx.Graph) -> dict[str, tuple[int, int]]:
    """Deterministic drawing positions for a projection (by its ``view``)."""
    if graph.graph.get("view") == "claims":
        return _claims_layout(graph)
    return _component_layout(graph)


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


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _vis_node(node: str, data: dict[str, Any], xy: tuple[int, int], *, root: str,
              labels: bool = True) -> dict[str, Any]:
    style = NODE_STYLES[_style_key(data)]
    kind = data["type"]
    label = str(data.get("label", ""))
    if kind == "article":
        label = _short(label, 48)
    elif kind == "claim" and not labels:
        label = ""
    item: dict[str, Any] = {
        "id": node, "label": label, "title": _tooltip(data), "x": xy[0], "y": xy[1],
        "shape": style["shape"], "size": style["size"], "group": _style_key(data), "ntype": kind,
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


def _legend(graph: nx.Graph) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    present_nodes = {_style_key(d) for _, d in graph.nodes(data=True)}
    present_edges = {d["type"] for *_, d in graph.edges(data=True)}
    node_items = [{"key": k, **v} for k, v in NODE_STYLES.items() if k in present_nodes]
    edge_items = [{"key": k, **v} for k, v in EDGE_STYLES.items() if k in present_edges]
    return node_items, edge_items


def app_js() -> bytes:
    """The pages' own script (filters, details, article spans)."""
    return _render("claimgraph.js.j2")


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def network_html(graph: nx.Graph, title: str = "claimgraph network", *, script_src: str | None = None) -> str:
    """A self-contained HTML page drawing any projection with vis-network.

    For notebooks: ``views.network_html(network.project(result, "speakers"), title="Who contradicts whom")``.
    The vis-network script is inlined unless ``script_src`` (a relative path)
    is given; the page makes no network request, and its Content Security
    Policy lets only these exact scripts run.
    """
    node_items, edge_items = _legend(graph)
    data = network_data(graph)
    app = app_js().decode("utf-8")
    hashes = [_csp_hash(app)]
    script = None
    if script_src:
        hashes.append("'self'")
    else:
        # The HTML parser turns CR LF into LF before CSP hashes a script, so
        # hash (and embed) the text as the browser will see it.
        script = vis_network_js().decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
        if "</script" in script.lower() or "<!--" in script:  # pragma: no cover - the shipped build has neither
            raise ViewError("vis-network.min.js contains '</script' or '<!--' and cannot be inlined")
        hashes.append(_csp_hash(script))
        script = Markup(script)
    return _render("network.html.j2", title=title, data=json_for_script(data), script=script,
                   script_src=script_src, app_script=Markup(app), script_policy=Markup(" ".join(sorted(hashes))),
                   node_legend=node_items, edge_legend=edge_items, root="",
                   counts={"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}).decode("utf-8")


# ----------------------------------------------------------- article pages

@dataclass
class _Span:
    claim_id: str
    start: int
    end: int
    title: str


def article_body(text: str, spans: list[_Span]) -> Markup:
    """The article text with claim spans highlighted, escaped piece by piece.

    The text is cut at every span boundary; each piece is one ``<span>``
    listing every claim that covers it (``data-claims``), so nested and
    overlapping quotes both work. A small tag marks where each claim starts.

    Examples
    --------
    >>> spans = [_Span("c1", 0, 5, "one"), _Span("c2", 3, 9, "two")]
    >>> print(article_body("<b>&c d e", spans))
    <a class="tag" id="claim-c1" href="#claim-c1" data-claim="c1">c1</a><span class="seg d1" data-claims="c1" title="one">&lt;b&gt;</span><a class="tag" id="claim-c2" href="#claim-c2" data-claim="c2">c2</a><span class="seg d2" data-claims="c1 c2" title="one
    two">&amp;c</span><span class="seg d1" data-claims="c2" title="two"> d e</span>
    """
    cuts = sorted({0, len(text)} | {s.start for s in spans} | {s.end for s in spans})
    starts: dict[int, list[_Span]] = {}
    for span in sorted(spans, key=lambda s: (s.start, -s.end, s.claim_id)):
        starts.setdefault(span.start, []).append(span)
    pieces: list[str] = []
    for left, right in zip(cuts, cuts[1:]):
        for span in starts.get(left, []):
            cid = escape(span.claim_id)
            pieces.append(f'<a class="tag" id="claim-{cid}" href="#claim-{cid}" data-claim="{cid}">{cid}</a>')
        covering = [s for s in spans if s.start <= left and right <= s.end]
        chunk = escape(text[left:right])
        if covering:
            ids = escape(" ".join(s.claim_id for s in covering))
            title = escape("\n".join(s.title for s in covering))  # a newline is legal in an attribute
            depth = min(len(covering), 3)
            pieces.append(f'<span class="seg d{depth}" data-claims="{ids}" title="{title}">{chunk}</span>')
        else:
            pieces.append(str(chunk))
    return Markup("".join(pieces))


# ---------------------------------------------------------------- helpers

def _quantity_property(result: "BuildResult", quantity: str, properties: dict[str, str]) -> tuple[str, str]:
    """The ontology term and label of ``quantity`` (a term or a label)."""
    vocabulary = result.corpus.vocabulary.properties
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


def _finding_row(finding: "Finding", records: dict[str, ClaimRecord], root: str = "") -> dict[str, Any]:
    side_a, side_b = finding_sides(finding, records)
    return {"id": finding.id, "kind": finding.kind, "severity": finding.severity, "status": finding.status,
            "reason": finding.reason, "reviewed_by": finding.reviewed_by, "reviewed_on": finding.reviewed_on,
            "hand_made": finding.hand_made, "rules": list(finding.rules), "within_article": finding.within_article,
            "explanation": finding.explanation, "a": _side(side_a, root), "b": _side(side_b, root),
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
    rows = []
    for article in sorted(result.corpus.articles, key=lambda a: (a.annotation.published.span.start, a.id)):
        ann = article.annotation
        publisher = result.corpus.entities.get(ann.publisher)
        authors = [result.corpus.entities[a].label if a in result.corpus.entities else a for a in ann.authors]
        rows.append({"id": article.id, "title": ann.title, "publisher": publisher.label if publisher else ann.publisher,
                     "authors": authors, "date": ann.published.date, "date_status": ann.published.status,
                     "date_evidence": ann.published.evidence,
                     "claims": sum(r.article == article.id for r in result.records.values()),
                     "contradictions": len(involved.get(article.id, ())), "href": article_href(article.id)})
    return rows


# ------------------------------------------------------------------ pages

def _index_page(result: "BuildResult", quantity_label: str) -> bytes:
    speakers = project(result, "speakers")
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
    return _render("index.html.j2", root="", page="index", counts=_counts(result), articles=_articles(result),
                   kinds=result.findings.counts(), speakers=rows, quantity_label=quantity_label,
                   title="claimgraph: what is in the graph")


def _graph_page(result: "BuildResult", graph: nx.Graph) -> bytes:
    node_items, edge_items = _legend(graph)
    records = result.records
    speakers = sorted({(r.speaker, r.speaker_id) for r in records.values()}
                      | {(label, vid) for r in records.values() for label, vid in zip(r.via, r.via_ids)})
    kinds = sorted({f.kind for f in result.findings.contradictions + result.findings.hand_made})
    properties = sorted({r.property for r in records.values()})
    return _render("graph.html.j2", root="", page="graph", title="Claim network", data=json_for_script(network_data(graph)),
                   node_legend=node_items, edge_legend=edge_items, articles=_articles(result),
                   speakers=[{"id": f"speaker:{sid}", "label": label} for label, sid in speakers],
                   kinds=kinds, properties=properties,
                   counts={"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()})


def _contradictions_page(result: "BuildResult") -> bytes:
    graph = project(result, "contradictions")
    node_items, edge_items = _legend(graph)
    records = result.records
    speakers = project(result, "speakers")
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
    rules = [_finding_row(f, records) for f in result.findings.contradictions]
    rules.sort(key=lambda row: (row["severity"] != "hard", row["kind"], row["id"]))
    return _render("contradictions.html.j2", root="", page="contradictions", title="Contradictions",
                   data=json_for_script(network_data(graph, labels=False)), node_legend=node_items,
                   edge_legend=edge_items, findings=rules,
                   hand_made=[_finding_row(f, records) for f in result.findings.hand_made],
                   kinds=result.findings.counts(), pairs=pairs, groups=groups, counts=_counts(result),
                   network_counts={"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()},
                   review_problems=result.findings.review_problems)


def _article_pages(result: "BuildResult") -> dict[str, bytes]:
    records = result.records
    by_claim: dict[str, list[tuple[str, Finding]]] = {}
    for relation, pool in (("contradiction", result.findings.contradictions + result.findings.hand_made),
                           ("corroboration", result.findings.corroborations),
                           ("supersession", result.findings.supersessions)):
        for finding in pool:
            for claim in finding.claims:
                by_claim.setdefault(claim, []).append((relation, finding))
    articles = _articles(result)
    pages: dict[str, bytes] = {}
    for index, meta in enumerate(articles):
        article = result.corpus.article(meta["id"])
        mine = [r for r in records.values() if r.article == article.id]
        spans = [_Span(r.claim_id, r.start, r.end, f"{r.claim_id} {r.speaker}: {r.summary()}") for r in mine]
        cards = []
        for record in mine:
            related = []
            for relation, finding in by_claim.get(record.iri, []):
                others = [records[c] for c in finding.claims if c != record.iri and c in records]
                related.append({"relation": relation, "id": finding.id, "kind": finding.kind,
                                "severity": finding.severity, "status": finding.status,
                                "explanation": finding.explanation,
                                "others": _side(others, "../")})
            cards.append({"id": record.claim_id, "ref": record.ref, "quote": record.quote,
                          "speaker": record.speaker, "speaker_kind": speaker_kind(record.speaker_type),
                          "chain": record.chain, "via": record.via, "modality": record.modality,
                          "hedge": record.hedge, "said": record.said, "subject": record.subject,
                          "property": record.property, "scope": record.scope, "value": record.value,
                          "polarity": record.polarity, "visibility": record.visibility, "when": record.when,
                          "interval": _interval_text(record), "summary": record.summary(),
                          "deprecated": record.deprecated, "start": record.start, "end": record.end,
                          "related": related,
                          "contradictions": sum(r["relation"] == "contradiction" for r in related)})
        previous = articles[index - 1] if index > 0 else None
        following = articles[index + 1] if index + 1 < len(articles) else None
        pages[f"articles/{article.id}.html"] = _render(
            "article.html.j2", root="../", page="article", title=meta["title"], article=meta,
            body=article_body(article.text, spans), cards=cards, span_count=len(spans),
            previous=previous, following=following)
    return pages


def _interval_text(record: ClaimRecord) -> str:
    if record.lower is None:
        return ""
    low, high = format_number(record.lower), format_number(record.upper)
    return f"[{low}, {high}] {record.unit}" if low != high else f"{low} {record.unit}"


# --------------------------------------------------------------- timeline

@dataclass
class _Segment:
    first: int  # ordinal days, padded
    last: int
    x0: float = 0.0
    x1: float = 0.0
    content: tuple[int, int] = (0, 0)  # the days something happens in

    def x(self, day: float) -> float:
        if self.last == self.first:
            return (self.x0 + self.x1) / 2
        return self.x0 + (day - self.first) / (self.last - self.first) * (self.x1 - self.x0)


@dataclass
class _TimeAxis:
    segments: list[_Segment] = field(default_factory=list)

    def x(self, day: float) -> float:
        for segment in self.segments:
            if segment.first <= day <= segment.last:
                return segment.x(day)
        nearest = min(self.segments, key=lambda s: min(abs(day - s.first), abs(day - s.last)))
        return nearest.x(min(max(day, nearest.first), nearest.last))


def _ordinal(iso: str) -> int:
    return dt.date.fromisoformat(iso).toordinal()


def _time_axis(spans: list[tuple[int, int]], left: float, right: float, gap_days: int = 365,
               break_px: float = 26) -> _TimeAxis:
    """A time axis cut into segments where nothing happens for over a year,
    so 2011 and 2021 both get room; widths grow with the square root of a
    segment's length."""
    merged: list[list[int]] = []
    for first, last in sorted(spans):
        if merged and first - merged[-1][1] <= gap_days:
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    padded = []
    for first, last in merged:
        pad = max(10, (last - first) // 12)
        padded.append(_Segment(first - pad, last + pad, content=(first, last)))
    weights = [math.sqrt(max(s.last - s.first, 45)) for s in padded]
    usable = right - left - break_px * (len(padded) - 1)
    x = left
    for segment, weight in zip(padded, weights):
        segment.x0, segment.x1 = x, x + usable * weight / sum(weights)
        x = segment.x1 + break_px
    return _TimeAxis(padded)


def _time_ticks(segment: _Segment) -> list[tuple[float, str]]:
    """Tick positions and labels inside one segment of the time axis."""
    first, last = dt.date.fromordinal(segment.first), dt.date.fromordinal(segment.last)
    width = segment.x1 - segment.x0
    days = segment.last - segment.first
    candidates: list[tuple[dt.date, str]] = []
    if days > 3 * 365:
        years = range(first.year + 1, last.year + 1)
        step = next((s for s in (1, 2, 5, 10, 20, 50) if len(years) / s * 48 <= width), 100)
        candidates = [(dt.date(year, 1, 1), str(year)) for year in years if year % step == 0]
    elif days > 75:
        months = []
        year, month = first.year, first.month
        while (year, month) <= (last.year, last.month):
            months.append(dt.date(year, month, 1))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        step = next((s for s in (1, 2, 3, 6, 12) if len(months) / s * 62 <= width), 12)
        candidates = [(d, d.strftime("%Y-%m")) for d in months if (d.month - 1) % step == 0]
    else:
        step = next((s for s in (1, 2, 7, 14) if days / s * 76 <= width), 30)
        candidates = [(dt.date.fromordinal(o), dt.date.fromordinal(o).isoformat())
                      for o in range(segment.first + 1, segment.last) if (o - segment.first) % step == 0]
    # Label where the segment's events start, so each piece of a broken axis
    # says where it is; regular ticks too close to that label are dropped.
    start = dt.date.fromordinal(segment.content[0])
    start_label = str(start.year) if days > 3 * 365 else start.strftime("%Y-%m") if days > 75 else start.isoformat()
    if days > 75 and start.day != 1 and days <= 3 * 365:
        start = start.replace(day=1)
    anchor = segment.x(max(start.toordinal(), segment.first))
    ticks = [(anchor, start_label)]
    ticks += [(segment.x(d.toordinal()), label) for d, label in candidates
              if first < d < last and abs(segment.x(d.toordinal()) - anchor) >= 56 and label != start_label]
    return sorted(ticks)


def _spaced(ticks: list[tuple[float, str]], gap: float = 50) -> list[tuple[float, str]]:
    """Drop tick labels that would overprint the previous one."""
    kept: list[tuple[float, str]] = []
    for x, label in sorted(ticks):
        if not kept or x - kept[-1][0] >= max(gap, 7.0 * (len(label) + len(kept[-1][1])) / 2 + 6):
            kept.append((x, label))
    return kept


@dataclass
class _ValueAxis:
    low: float
    high: float
    log: bool
    top: float
    bottom: float

    def y(self, value: float) -> float:
        if self.log:
            value = max(value, self.low)
            share = (math.log10(value) - math.log10(self.low)) / (math.log10(self.high) - math.log10(self.low))
        else:
            share = (value - self.low) / (self.high - self.low)
        return self.bottom - share * (self.bottom - self.top)

    def ticks(self) -> list[tuple[float, str]]:
        if self.log:
            values = []
            exponent = math.floor(math.log10(self.low))
            while 10 ** exponent <= self.high:
                for factor in (1, 2, 5):
                    value = factor * 10 ** exponent
                    if self.low <= value <= self.high:
                        values.append(value)
                exponent += 1
            if len(values) > 9:
                values = [v for v in values if str(int(v)).startswith("1")]
        else:
            raw = (self.high - self.low) / 5
            magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
            step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
            values = []
            value = math.ceil(self.low / step) * step
            while value <= self.high + 1e-9:
                values.append(value)
                value += step
        return [(self.y(v), _compact_number(v)) for v in values]


def _compact_number(value: float) -> str:
    """Axis labels: 2,500 / 40k / 1.5M / 2T.

    Examples
    --------
    >>> _compact_number(2500), _compact_number(10000), _compact_number(40000), _compact_number(1_500_000)
    ('2,500', '10k', '40k', '1.5M')
    """
    for size, suffix, floor in ((1e12, "T", 1e12), (1e9, "B", 1e9), (1e6, "M", 1e6), (1e3, "k", 1e4)):
        if abs(value) >= floor:
            return f"{value / size:.1f}".rstrip("0").rstrip(".") + suffix
    return format_number(value)


SHAPES = ("circle", "square", "diamond", "triangle", "triangle-down", "cross")


def _marker_path(shape: str, x: float, y: float, r: float) -> str:
    """SVG path data for a point marker (so every shape is one element)."""
    if shape == "square":
        return f"M{x - r:.1f},{y - r:.1f}h{2 * r:.1f}v{2 * r:.1f}h{-2 * r:.1f}z"
    if shape == "diamond":
        d = r * 1.3
        return f"M{x:.1f},{y - d:.1f}L{x + d:.1f},{y:.1f}L{x:.1f},{y + d:.1f}L{x - d:.1f},{y:.1f}z"
    if shape == "triangle":
        d = r * 1.3
        return f"M{x:.1f},{y - d:.1f}L{x + d:.1f},{y + d * 0.8:.1f}L{x - d:.1f},{y + d * 0.8:.1f}z"
    if shape == "triangle-down":
        d = r * 1.3
        return f"M{x:.1f},{y + d:.1f}L{x + d:.1f},{y - d * 0.8:.1f}L{x - d:.1f},{y - d * 0.8:.1f}z"
    if shape == "cross":
        d = r * 0.45
        return (f"M{x - d:.1f},{y - r:.1f}h{2 * d:.1f}v{r - d:.1f}h{r - d:.1f}v{2 * d:.1f}h{d - r:.1f}"
                f"v{r - d:.1f}h{-2 * d:.1f}v{d - r:.1f}h{d - r:.1f}v{-2 * d:.1f}h{r - d:.1f}z")
    return (f"M{x - r:.1f},{y:.1f}a{r:.1f},{r:.1f} 0 1,0 {2 * r:.1f},0"
            f"a{r:.1f},{r:.1f} 0 1,0 {-2 * r:.1f},0z")


def _timeline(result: "BuildResult", term: str, label: str) -> dict[str, Any]:
    """Everything the timeline template draws, as numbers and strings."""
    records = result.records
    properties = property_ids(result)
    plotted = [r for iri, r in records.items() if properties.get(iri) == term and r.lower is not None]
    subjects = {r.subject_id for r in plotted}
    deadline_claims = [r for r in records.values()
                       if r.is_deadline and r.subject_id in subjects and r not in plotted]
    width, left, right = 1180, 96, 1160
    spans = [(_ordinal(r.time_start), _ordinal(r.time_end)) for r in plotted]
    spans += [(_ordinal(r.time_end), _ordinal(r.time_end)) for r in deadline_claims]
    spans += [(_ordinal(r.said_start), _ordinal(r.said_start)) for r in deadline_claims
              if r.category == "withdrawn"]
    if not plotted:
        return {"term": term, "label": label, "empty": True, "width": width, "height": 120, "panels": [],
                "legend_speakers": [], "legend_scopes": [], "rows": [], "deadlines": [], "links": [],
                "breaks": [], "ticks": [], "axis_y": 0}
    axis = _time_axis(spans, left, right)
    speakers = sorted({r.speaker for r in plotted})
    colour = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(speakers)}
    scopes = sorted({r.scope or "unscoped" for r in plotted})
    shape = {s: SHAPES[i % len(SHAPES)] for i, s in enumerate(scopes)}
    groups: dict[tuple[str, str], list[ClaimRecord]] = {}
    for record in plotted:
        groups.setdefault((record.subject_id, record.unit or ""), []).append(record)
    order = sorted(groups, key=lambda k: (-len(groups[k]), k))
    top = 40
    panels = []
    points: dict[str, tuple[float, float]] = {}
    deadline_anchor: dict[str, tuple[float, float]] = {}
    deadline_rows: list[dict[str, Any]] = []
    for key in order:
        members = sorted(groups[key], key=lambda r: (r.time_start, r.lower, r.ref))
        height = 300 if len(members) > 3 else 210
        panel_top, panel_bottom = top + 52, top + 52 + height
        low = min(r.lower for r in members)
        high = max(r.upper for r in members)
        positive = [v for r in members for v in (r.lower, r.upper) if v and v > 0]
        log = bool(positive) and max(positive) / min(positive) >= 20
        if log:
            low = 10 ** math.floor(math.log10(min(positive)))
            high = 10 ** math.ceil(math.log10(max(positive)) * 1.0 + 1e-9)
            if high / max(positive) > 4:
                high = 10 ** math.log10(max(positive) * 1.6)
        else:
            low, high = (0.0, high * 1.15 or 1.0) if low >= 0 else (low * 1.15, high * 1.15)
        values = _ValueAxis(low, high, log, panel_top + 8, panel_bottom)
        subject, unit = members[0].subject, key[1]
        items = []
        taken: dict[int, int] = {}
        for record in members:
            first, last = _ordinal(record.time_start), _ordinal(record.time_end)
            x = axis.x((first + last) / 2)
            slot = round(x / 7)
            shift = taken.get(slot, 0)
            taken[slot] = shift + 1
            x += ((shift + 1) // 2) * 9 * (1 if shift % 2 else -1)
            centre_value = record.amount if record.amount is not None and record.lower <= record.amount <= record.upper \
                else (math.sqrt(max(record.lower, low) * record.upper) if log else (record.lower + record.upper) / 2)
            y = values.y(centre_value)
            points[record.iri] = (x, y)
            items.append({
                "x": round(x, 1), "y": round(y, 1), "y_low": round(values.y(record.lower), 1),
                "y_high": round(values.y(record.upper), 1),
                "x_first": round(axis.x(first), 1), "x_last": round(axis.x(last), 1),
                "wide": last - first > 1, "colour": colour[record.speaker],
                "path": _marker_path(shape[record.scope or "unscoped"], x, y, 5.5),
                "hollow": record.is_deadline, "href": article_href(record.article, record.claim_id),
                "title": f"{record.value} ({record.scope or 'no scope'}), {record.when}\n"
                         f"“{record.quote}”\n— {record.speaker}{' via ' + ', '.join(record.via) if record.via else ''}, "
                         f"{record.publisher}, {record.said}  [{record.ref}]",
            })
        marks = []
        for day_iso, due in sorted(_group_deadlines([r for r in deadline_claims if r.subject_id == key[0]]).items()):
            x = axis.x(_ordinal(day_iso))
            withdrawn = any(r.category == "withdrawn" for r in due)
            announced = min(_ordinal(r.said_start) for r in due)
            what = sorted({f"{r.property} {r.value}" + (f" ({r.scope})" if r.scope else "") for r in due})
            text = "\n".join(f"{r.speaker} ({r.modality}, {r.said}): {r.summary()}  [{r.ref}]" for r in due)
            mark = {"x": round(x, 1), "day": day_iso, "withdrawn": withdrawn,
                    "label": ("withdrawal due " if withdrawn else "due ") + day_iso,
                    "x_announced": round(axis.x(announced), 1), "announced": dt.date.fromordinal(announced).isoformat(),
                    "title": f"Deadline {day_iso}: " + "; ".join(what) + "\n" + text,
                    "claims": len(due)}
            marks.append(mark)
            for record in due:
                deadline_anchor[record.iri] = (x, panel_top + 2)
            deadline_rows.append({"day": day_iso, "subject": subject, "withdrawn": withdrawn, "what": what,
                                  "claims": [{"speaker": r.speaker, "said": r.said, "modality": r.modality,
                                              "quote": r.quote, "href": article_href(r.article, r.claim_id),
                                              "ref": r.ref} for r in due]})
        # Stagger labels of deadlines that would overprint one another.
        rows_end: list[float] = []
        for mark in sorted(marks, key=lambda m: m["x"]):
            text_width = 6.6 * (len(mark["label"]) + (11 if mark["claims"] > 1 else 0))
            mark["anchor_end"] = mark["x"] + 4 + text_width > right
            extent = (mark["x"] - 4 - text_width, mark["x"]) if mark["anchor_end"] else (mark["x"], mark["x"] + 4 + text_width)
            row = next((i for i, end in enumerate(rows_end) if extent[0] > end + 8), len(rows_end))
            if row == len(rows_end):
                rows_end.append(extent[1])
            rows_end[row] = extent[1]
            mark["label_y"] = panel_top - 5 - 13 * min(row, 2)
            mark["announce_y"] = panel_top + 3 + 5 * min(row, 2)
        panels.append({"subject": subject, "unit": unit, "top": panel_top, "bottom": panel_bottom,
                       "title_y": top + 12, "log": log, "points": items, "marks": marks,
                       "yticks": [(round(y, 1), text) for y, text in values.ticks()]})
        top = panel_bottom + 56
    links = []
    seen = set()
    for finding in result.findings.contradictions + result.findings.hand_made:
        for a, b in (finding.pairs or tuple((x, y) for i, x in enumerate(finding.claims) for y in finding.claims[i + 1:])):
            ends = []
            for claim in (a, b):
                if claim in points:
                    ends.append(("point", points[claim]))
                elif claim in deadline_anchor:
                    ends.append(("deadline", deadline_anchor[claim]))
            if len(ends) != 2 or ends[0][0] == ends[1][0] == "deadline":
                continue
            (_, (x1, y1)), (_, (x2, y2)) = ends
            key = (round(x1), round(y1), round(x2), round(y2), finding.id)
            if key in seen:
                continue
            seen.add(key)
            links.append({"x1": round(x1, 1), "y1": round(y1, 1), "x2": round(x2, 1), "y2": round(y2, 1),
                          "id": finding.id, "to_deadline": "deadline" in (ends[0][0], ends[1][0]),
                          "title": f"{finding.kind} ({finding.severity}, {finding.status}): {finding.explanation}"})
    links.sort(key=lambda link: (link["id"], link["x1"], link["y1"], link["x2"], link["y2"]))
    axis_y = top - 56 + 22
    ticks = [(round(x, 1), text) for x, text in _spaced([t for segment in axis.segments for t in _time_ticks(segment)])]
    breaks = [round((a.x1 + b.x0) / 2, 1) for a, b in zip(axis.segments, axis.segments[1:])]
    rows = [{"time": r.when, "value": r.value, "interval": _interval_text(r), "scope": r.scope or "",
             "subject": r.subject, "speaker": r.speaker, "via": r.via, "outlet": r.publisher, "said": r.said,
             "quote": r.quote, "href": article_href(r.article, r.claim_id), "ref": r.ref,
             "colour": colour[r.speaker],
             "contradictions": sorted({f.id for f in result.findings.contradictions + result.findings.hand_made
                                       if r.iri in f.claims})}
            for r in sorted(plotted, key=lambda r: (r.subject, r.time_start, r.lower, r.ref))]
    return {"term": term, "label": label, "empty": False, "width": width, "height": axis_y + 40,
            "left": left, "right": right, "panels": panels, "links": links, "ticks": ticks, "breaks": breaks,
            "axis_y": axis_y, "segments": [(round(s.x0, 1), round(s.x1, 1)) for s in axis.segments],
            "legend_speakers": [{"label": s, "colour": colour[s]} for s in speakers],
            "legend_scopes": [{"label": s, "path": _marker_path(shape[s], 8, 8, 5.5)} for s in scopes],
            "rows": rows, "deadlines": sorted(deadline_rows, key=lambda d: (d["day"], d["subject"]))}


def _group_deadlines(claims: list[ClaimRecord]) -> dict[str, list[ClaimRecord]]:
    grouped: dict[str, list[ClaimRecord]] = {}
    for record in sorted(claims, key=lambda r: (r.time_end, r.ref)):
        grouped.setdefault(record.time_end, []).append(record)
    return grouped


def _timeline_page(result: "BuildResult", term: str, label: str) -> bytes:
    return _render("timeline.html.j2", root="", page="timeline", title=f"Timeline: {label}",
                   chart=_timeline(result, term, label))


# ------------------------------------------------------------------ entry

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
    term, label = _quantity_property(result, quantity, property_ids(result))
    claims_graph = project(result, "claims")
    files = {
        VIS_PATH: vis_network_js(),
        APP_PATH: app_js(),
        "index.html": _index_page(result, label),
        "graph.html": _graph_page(result, claims_graph),
        "contradictions.html": _contradictions_page(result),
        "timeline.html": _timeline_page(result, term, label),
        "claims.graphml": to_graphml(claims_graph),
    }
    files.update(_article_pages(result))
    return dict(sorted(files.items()))


__all__ += ["article_body", "article_href", "layout", "network_data"]
