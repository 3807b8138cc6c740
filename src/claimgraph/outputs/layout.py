"""Node positions for the network views: a deterministic layout per view."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Iterable

import networkx as nx

if TYPE_CHECKING:
    pass

__all__ = ["layout"]


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
