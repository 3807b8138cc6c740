"""Colours and shapes of the views' nodes and edges, shared by the network pages and the timeline."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    pass

__all__ = ["NODE_STYLES", "CONTRADICTED", "CORROBORATED", "DISMISSED", "EDGE_STYLES", "PALETTE", "style_key"]


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
CORROBORATED = "#2ca02c"
#: A finding a reviewer dismissed: grey and finely dotted, whatever its kind.
DISMISSED = {"label": "dismissed by a reviewer", "color": "#9aa0a6", "width": 1.4, "dashes": [2, 5]}

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


def style_key(data: dict[str, Any]) -> str:
    return data.get("kind", "institution") if data["type"] == "speaker" else data["type"]
