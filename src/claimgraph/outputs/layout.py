"""Node positions for the network views: a deterministic layout per view."""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Iterable

import networkx as nx

__all__ = ["layout"]


# ---------------------------------------------------------------- layouts

def _spring(part: list[str], edges: list[tuple[str, str, float]], **options: float) -> dict[str, tuple[float, float]]:
    """A seeded spring layout of the graph with nodes ``part`` (sorted) and
    ``edges`` (sorted): positions depend only on its shape, so components
    of one shape (thousands of two-claim findings) are laid out once."""
    index = {node: i for i, node in enumerate(part)}
    shape = tuple((index[a], index[b], w) for a, b, w in edges)
    return dict(zip(part, _spring_shape(len(part), shape, tuple(sorted(options.items())))))


#: Components larger than this get 20 spring iterations (each costs nodes²): networkx's layout
#: of one 3,000-node component (the contradictions of a 100k-claim corpus, joined
#: through their speakers) took 91 s with its default method for large graphs.
LARGE_COMPONENT = 500
LARGE_ITERATIONS = 20


@lru_cache(maxsize=4096)
def _spring_shape(size: int, shape: tuple[tuple[int, int, float], ...],
                  options: tuple[tuple[str, float], ...]) -> tuple[tuple[float, float], ...]:
    sub = nx.Graph()
    sub.add_nodes_from(range(size))
    sub.add_weighted_edges_from(shape)
    settings = dict(options)
    if size > LARGE_COMPONENT:
        settings["iterations"] = min(settings.get("iterations", 50), LARGE_ITERATIONS)
    # "force" is what networkx's "auto" picks below 500 nodes; above, "auto"
    # would switch to an energy minimisation that does not finish in time.
    raw = nx.spring_layout(sub, method="force", **settings)
    return tuple((float(raw[i][0]), float(raw[i][1])) for i in range(size))


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


# Geometry of the claims view (pixels, or radians where named so).
CLAIM_SPACING = 30.0          # arc length between neighbouring claims on a wheel
MIN_WHEEL_RADIUS = 150.0      # a wheel of few claims is still this wide
WHEEL_MARGIN = 230            # room round a wheel for its speakers, on each side of a grid cell
ROW_SQUEEZE = 0.9             # grid rows sit this much closer than columns
TURN_STEPS = 36               # orientations tried per wheel (every 10 degrees)
VALUE_OFFSET = 34             # a quantity sits this far outside its claim
DATE_RING = 0.55              # dates ring at this fraction of the wheel radius
DATE_GAP = 34                 # arc length kept between dates
SPEAKER_OFFSET = 110          # the speakers' ring is this far outside the claims
SPEAKER_GAP = 80              # arc length kept between speakers
SPEAKER_STAGGER = 60          # every other speaker one ring further out
SHARED_CLEARANCE = (90, 40)   # a shared speaker keeps this far (x, y) from another
SHARED_STEP = 45              # and moves down by this much until it does
LEFTOVER_STEP = 40.0          # nodes in no wheel are stacked this far apart


def _polar(centre: tuple[float, float], r: float, theta: float) -> tuple[float, float]:
    cx, cy = centre
    return (cx + r * math.cos(theta), cy + r * math.sin(theta))


def _wheels(graph: nx.Graph) -> tuple[list[str], dict[str, list[str]]]:
    """Articles in publication order, each with its claims grouped by speaker
    (speakers in order of first quote, claims in text order)."""
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
    return articles, claims_of


def _grid(articles: list[str], radius: dict[str, float]) -> tuple[dict[str, tuple[float, float]], float]:
    """Wheel centres on a square-ish grid, the last row centred; and the cell size."""
    cell = 2 * (max(radius.values(), default=MIN_WHEEL_RADIUS) + WHEEL_MARGIN)
    columns = max(1, math.ceil(math.sqrt(len(articles))))
    centre: dict[str, tuple[float, float]] = {}
    last_row = (len(articles) - 1) // columns
    in_last_row = len(articles) - last_row * columns
    for index, article in enumerate(articles):
        row, column = divmod(index, columns)
        shift = (columns - in_last_row) * cell / 2 if row == last_row else 0.0
        centre[article] = (column * cell + shift, row * cell * ROW_SQUEEZE)
    return centre, cell


def _pulls(graph: nx.Graph, home: dict[str, str],
           centre: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float, int]]:
    """For each claim, where the other wheels it is joined to pull it: the
    mean centre of those wheels and how many joins pull (by a finding, or
    through a shared speaker or intermediary). A speaker's wheels are summed
    once, so a speaker quoted in thousands of articles costs one pass, not
    one per pair of their claims."""
    # per speaker or intermediary: the summed centres of its claims' wheels, and per wheel
    spoken: dict[str, tuple[float, float, int, dict[str, int]]] = {}
    for node in {other for claim in home for _, other, edge in graph.edges(claim, data=True)
                 if edge["type"] in ("said-by", "via") and other not in home}:
        per_wheel: dict[str, int] = {}
        for claim in graph.neighbors(node):
            if claim in home:
                per_wheel[home[claim]] = per_wheel.get(home[claim], 0) + 1
        sx = sum(centre[a][0] * n for a, n in per_wheel.items())
        sy = sum(centre[a][1] * n for a, n in per_wheel.items())
        spoken[node] = (sx, sy, sum(per_wheel.values()), per_wheel)
    pulls: dict[str, tuple[float, float, int]] = {}
    for claim, article in home.items():
        sx = sy = 0.0
        weight = 0
        for _, other, edge in graph.edges(claim, data=True):
            if other in home and home[other] != article:
                sx, sy, weight = sx + centre[home[other]][0], sy + centre[home[other]][1], weight + 1
            elif other in spoken:
                ox_, oy_, count, per_wheel = spoken[other]
                own = per_wheel.get(article, 0)
                sx += ox_ - centre[article][0] * own
                sy += oy_ - centre[article][1] * own
                weight += count - own
        if weight:
            pulls[claim] = (sx / weight, sy / weight, weight)
    return pulls


def _best_turn(claims: list[str], centre: tuple[float, float], r: float,
               pulls: dict[str, tuple[float, float, int]]) -> float:
    """The wheel orientation (radians) with the shortest lines to the other
    wheels, each claim drawn towards the mean of the wheels pulling it."""
    cx, cy = centre
    count = max(1, len(claims))
    best = None
    for step in range(TURN_STEPS):
        offset = 2 * math.pi * step / TURN_STEPS
        cost = 0.0
        for index, claim in enumerate(claims):
            if claim not in pulls:
                continue
            tx, ty, weight = pulls[claim]
            theta = -math.pi / 2 + offset + 2 * math.pi * index / count
            cost += weight * math.hypot(cx + r * math.cos(theta) - tx, cy + r * math.sin(theta) - ty)
        if best is None or cost < best[0] - 1e-6:
            best = (cost, offset)
    return best[1] if best else 0.0


def _place_dates(graph: nx.Graph, articles: list[str], home: dict[str, str], angle: dict[str, float],
                 centre: dict[str, tuple[float, float]], radius: dict[str, float],
                 pos: dict[str, tuple[float, float]]) -> None:
    """Dates: in the wheel of the article that refers to them most, on an inner ring."""
    date_claims: dict[str, list[str]] = {}
    for node, data in graph.nodes(data=True):
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
        r = radius[article] * DATE_RING
        for date, theta in _spread(items, DATE_GAP / r).items():
            pos[date] = _polar(centre[article], r, theta)


def _place_speakers(graph: nx.Graph, home: dict[str, str], angle: dict[str, float],
                    centre: dict[str, tuple[float, float]], radius: dict[str, float],
                    pos: dict[str, tuple[float, float]]) -> None:
    """Speakers beside the arc of their claims; one quoted in several
    articles between those wheels."""
    ring: dict[str, list[tuple[str, float]]] = {}
    shared: list[str] = []
    for node, data in sorted(graph.nodes(data=True)):
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
        r = radius[article] + SPEAKER_OFFSET
        spread = _spread(items, SPEAKER_GAP / r)
        # Alternate two rings so neighbouring labels do not overprint.
        for index, speaker in enumerate(sorted(spread, key=lambda k: (spread[k] % (2 * math.pi), k))):
            pos[speaker] = _polar(centre[article], r + (SPEAKER_STAGGER if index % 2 else 0), spread[speaker])
    taken: list[tuple[float, float]] = []
    clear_x, clear_y = SHARED_CLEARANCE
    for speaker in shared:
        claims = [c for c in graph.neighbors(speaker) if c in home]
        x = sum(pos[c][0] for c in claims) / len(claims)
        y = sum(pos[c][1] for c in claims) / len(claims)
        while any(abs(x - tx) < clear_x and abs(y - ty) < clear_y for tx, ty in taken):
            y += SHARED_STEP
        taken.append((x, y))
        pos[speaker] = (x, y)


def _claims_layout(graph: nx.Graph) -> dict[str, tuple[int, int]]:
    """Fixed positions for the ``claims`` projection.

    One wheel per article, in publication order on a grid: the article in
    the middle, its claims on a ring grouped by speaker, each claim's
    quantity just outside it, the dates it refers to on an inner ring, and
    each speaker just outside the arc of its claims. A speaker quoted in
    several articles sits between their wheels.
    """
    articles, claims_of = _wheels(graph)
    radius = {a: max(MIN_WHEEL_RADIUS, len(claims_of[a]) * CLAIM_SPACING / (2 * math.pi)) for a in articles}
    centre, cell = _grid(articles, radius)
    home: dict[str, str] = {claim: article for article in articles for claim in claims_of[article]}
    # Turn each wheel so that claims joined to other articles face those
    # articles: shorter lines, fewer of them crossing a wheel.
    pulls = _pulls(graph, home, centre)
    turn = {article: _best_turn(claims_of[article], centre[article], radius[article], pulls) for article in articles}
    pos: dict[str, tuple[float, float]] = {}
    angle: dict[str, float] = {}
    for article in articles:
        pos[article] = centre[article]
        count = max(1, len(claims_of[article]))
        r = radius[article]
        for index, claim in enumerate(claims_of[article]):
            theta = -math.pi / 2 + turn[article] + 2 * math.pi * index / count
            angle[claim] = theta
            pos[claim] = _polar(centre[article], r, theta)
            for _, other, edge in graph.edges(claim, data=True):
                if edge["type"] == "value":
                    pos[other] = _polar(centre[article], r + VALUE_OFFSET, theta)
    _place_dates(graph, articles, home, angle, centre, radius, pos)
    _place_speakers(graph, home, angle, centre, radius, pos)
    for index, node in enumerate(sorted(n for n in graph.nodes if n not in pos)):
        pos[node] = (-cell / 2, index * LEFTOVER_STEP)
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
            # Sorted nodes and edges: a subgraph view iterates its node set in
            # hash order, which would move nodes between runs.
            edges = sorted((min(a, b), max(a, b), d["weight"]) for a, b, d in simple.subgraph(part).edges(data=True))
            local = _spring(part, edges, seed=seed, iterations=300, scale=70 * math.sqrt(len(part)),
                            k=2.2 / math.sqrt(len(part)))
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


# Geometry of the findings view: labelled boxes snapped to a grid of cells.
CELL_GAP = (56, 28)           # free pixels (x, y) between two neighbouring boxes
COMPONENT_GAP = 60            # between two packed components
MIN_ROW_WIDTH = 1100.0        # components are packed in rows at least this wide


def _snap(local: dict[str, tuple[float, float]], cell: tuple[float, float]) -> dict[str, tuple[int, int]]:
    """Each node to the free grid cell nearest its spring position, nearest
    the centre first: boxes no larger than a cell can never overlap."""
    cx = sum(p[0] for p in local.values()) / len(local)
    cy = sum(p[1] for p in local.values()) / len(local)
    order = sorted(local, key=lambda n: (math.hypot(local[n][0] - cx, local[n][1] - cy), n))
    taken: dict[tuple[int, int], str] = {}
    for node in order:
        want = ((local[node][0] - cx) / cell[0], (local[node][1] - cy) / cell[1])
        base = (round(want[0]), round(want[1]))
        radius = 0
        while True:
            ring = [(base[0] + dx, base[1] + dy) for dx in range(-radius, radius + 1) for dy in range(-radius, radius + 1)
                    if max(abs(dx), abs(dy)) == radius and (base[0] + dx, base[1] + dy) not in taken]
            if ring:
                best = min(ring, key=lambda c: ((c[0] - want[0]) ** 2 + (c[1] - want[1]) ** 2, c))
                taken[best] = node
                break
            radius += 1
    return {node: c for c, node in taken.items()}


def _findings_layout(graph: nx.Graph, sizes: dict[str, tuple[float, float]]) -> dict[str, tuple[int, int]]:
    """Fixed positions for the ``findings`` projection: labelled boxes.

    Each connected group of findings is laid out by a seeded spring layout,
    then every box is moved to the nearest free cell of a grid whose cells
    are larger than the largest box, so no two labels overlap; groups are
    packed in rows, largest first.
    """
    width = max((w for w, _ in sizes.values()), default=120.0)
    height = max((h for _, h in sizes.values()), default=40.0)
    cell = (width + CELL_GAP[0], height + CELL_GAP[1])
    simple = _simple_graph(graph)
    rank: dict[str, int] = {}
    for a, b, data in graph.edges(data=True):
        for node in (a, b):
            rank[node] = min(rank.get(node, len(TRIAGE)), _triage(data))
    # The most serious findings first (top left, where a reader starts), then larger groups.
    parts = sorted((sorted(c) for c in nx.connected_components(simple)),
                   key=lambda c: (min(rank.get(n, len(TRIAGE)) for n in c), -len(c), c[0]))
    boxes = []
    for part in parts:
        if len(part) == 1:
            grid = {part[0]: (0, 0)}
        else:
            edges = sorted((min(a, b), max(a, b), 1.0) for a, b in simple.subgraph(part).edges)
            grid = _snap(_spring(part, edges, seed=7, iterations=200, scale=0.75 * math.sqrt(len(part))), (1.0, 1.0))
        xs = [c[0] for c in grid.values()]
        ys = [c[1] for c in grid.values()]
        boxes.append((grid, min(xs), min(ys), (max(xs) - min(xs) + 1) * cell[0], (max(ys) - min(ys) + 1) * cell[1]))
    total = sum(w * h for *_, w, h in boxes)
    row_width = max(MIN_ROW_WIDTH, math.sqrt(total) * 1.4)
    pos: dict[str, tuple[int, int]] = {}
    x = y = row_height = 0.0
    for grid, min_x, min_y, box_w, box_h in boxes:
        if x > 0 and x + box_w > row_width:
            x, y, row_height = 0.0, y + row_height + COMPONENT_GAP, 0.0
        for node, (gx, gy) in grid.items():
            pos[node] = (round(x + (gx - min_x + 0.5) * cell[0]), round(y + (gy - min_y + 0.5) * cell[1]))
        x += box_w + COMPONENT_GAP
        row_height = max(row_height, box_h)
    return dict(sorted(pos.items()))


#: Order in which groups of findings are laid out, from the first read.
TRIAGE = ("hard-confirmed", "hard", "confirmed", "contradiction", "corroboration", "dismissed")


def _triage(edge: dict) -> int:
    """Where a finding edge comes in :data:`TRIAGE`."""
    if edge.get("status") == "dismissed":
        key = "dismissed"
    elif edge.get("type") != "contradicts":
        key = "corroboration"
    elif edge.get("severity") == "hard":
        key = "hard-confirmed" if edge.get("status") == "confirmed" else "hard"
    else:
        key = "confirmed" if edge.get("status") == "confirmed" else "contradiction"
    return TRIAGE.index(key)


def _simple_graph(graph: nx.Graph) -> nx.Graph:
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    simple.add_edges_from(sorted((min(a, b), max(a, b)) for a, b in graph.edges() if a != b))
    return simple


def layout(graph: nx.Graph, sizes: dict[str, tuple[float, float]] | None = None) -> dict[str, tuple[int, int]]:
    """Deterministic drawing positions for a projection (by its ``view``).

    ``sizes`` (width and height in pixels of each node's drawn box) is used
    by the ``findings`` view, whose labels sit inside their nodes.
    """
    view = graph.graph.get("view")
    if view == "claims":
        return _claims_layout(graph)
    if view == "findings":
        return _findings_layout(graph, sizes or {})
    return _component_layout(graph)
