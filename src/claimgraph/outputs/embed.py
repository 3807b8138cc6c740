"""Safe embedding for the HTML views: JSON inside <script>, the shipped scripts, the Jinja templates and links to article pages."""

from __future__ import annotations

import base64
import hashlib
import importlib.resources
import json
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from claimgraph.graph.records import ClaimRecord, format_number
from claimgraph.resources import templates_dir

if TYPE_CHECKING:
    pass
from claimgraph.outputs.styles import CONTRADICTED, EDGE_STYLES, NODE_STYLES
from claimgraph.textsafe import xml_safe

__all__ = ["VIS_PATH", "APP_PATH", "ViewError", "json_for_script", "vis_network_js", "render_template", "article_href", "app_js", "csp_hash", "interval_text"]

VIS_PATH = "lib/vis-network.min.js"
APP_PATH = "lib/claimgraph.js"


class ViewError(ValueError):
    """A view cannot be drawn as asked (for example an unknown ``--quantity``)."""


# ------------------------------------------------------------ safe embedding

# str.replace runs in C over the whole text; str.translate with a mapping
# looks up every character, which took seconds on a 10k-claim graph.
_SCRIPT_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                   ("\u2029", "\\u2029"))


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
    for char, escaped in _SCRIPT_ESCAPES:
        text = text.replace(char, escaped)
    return Markup(text)


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


def render_template(template: str, **context: Any) -> bytes:
    global _ENV
    if _ENV is None:
        _ENV = _environment()
    # Characters XML forbids (NUL, form feed …) become U+FFFD: the page stays well-formed.
    return xml_safe(_ENV.get_template(template).render(**context)).encode("utf-8")


def article_href(article: str, claim_id: str | None = None, root: str = "") -> str:
    """Relative link to an article page, or to one claim span in it.

    Examples
    --------
    >>> article_href("004_x", "c01")
    'articles/004_x.html#claim-c01'
    """
    href = f"{root}articles/{quote(article, safe='')}.html"
    return href + (f"#claim-{quote(claim_id, safe='')}" if claim_id else "")


def app_js() -> bytes:
    """The pages' own script (filters, details, article spans)."""
    return render_template("claimgraph.js.j2")


def csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def interval_text(record: ClaimRecord) -> str:
    if record.lower is None:
        return ""
    low, high = format_number(record.lower), format_number(record.upper)
    return f"[{low}, {high}] {record.unit}" if low != high else f"{low} {record.unit}"
