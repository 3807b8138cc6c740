"""The query page of ``claimgraph serve``: YASGUI with the project's prefixes
and every shipped query, by name.

Oxigraph ships YASGUI (``/yasgui.min.js``, ``/yasgui.min.css``) inside its
binary, so the page needs nothing from the network. :func:`query_page`
returns the pages :class:`~claimgraph.graph.guard.ServerFront` answers in
place of Oxigraph's own: ``/`` lists the shipped queries
(``graph/queries/*.rq``) with what each asks; picking one fills the editor
with it and runs it. The editor opens with every prefix of
:data:`claimgraph.namespaces.PREFIXES` declared. The autocompleters that ask
web services (prefix.cc, LOV) are off, and the page's Content Security Policy
allows requests to this server only.
"""

from __future__ import annotations

import importlib.resources
import json
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from claimgraph.graph.guard import Page
from claimgraph.graph.sparql import describe, shipped_queries
from claimgraph.namespaces import PREFIXES

__all__ = ["query_page", "prefix_block", "PAGE_PATHS"]

#: The paths the front answers itself.
PAGE_PATHS = ("/", "/claimgraph/query.js", "/claimgraph/query.css")

_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
           "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'")


def prefix_block(prefixes: dict[str, str] | None = None) -> str:
    """``PREFIX`` lines for every project prefix, in name order.

    >>> print(prefix_block({"cg": "https://w3id.org/claimgraph/ns#", "xsd": "http://www.w3.org/2001/XMLSchema#"}))
    PREFIX cg: <https://w3id.org/claimgraph/ns#>
    PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
    """
    return "\n".join(f"PREFIX {name}: <{iri}>" for name, iri in sorted((prefixes or PREFIXES).items()))


def _asset(name: str) -> str:
    return importlib.resources.files("claimgraph").joinpath("graph", "page", name).read_text(encoding="utf-8")


def _json_for_script(value: object) -> str:
    """JSON that cannot close the ``<script>`` element holding it."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def query_page(folder: Path | None = None) -> dict[str, Page]:
    """The query page and its script and style, by path (see :data:`PAGE_PATHS`).

    Examples
    --------
    >>> pages = query_page()
    >>> content_type, headers, html = pages["/"]
    >>> b'data-query="troop-levels"' in html and "connect-src 'self'" in headers["Content-Security-Policy"]
    True
    """
    queries = shipped_queries(folder)
    start = (prefix_block() + "\n\n# Pick a shipped query on the left, or write your own.\n"
             "SELECT ?claim ?speaker ?quote WHERE {\n  ?claim a cg:Claim ; cg:speaker/rdfs:label ?speaker ;"
             " rdfs:label ?quote .\n}\nLIMIT 20\n")
    data = {"start": start, "queries": {name: path.read_text(encoding="utf-8") for name, path in queries.items()}}
    template = Environment(autoescape=True).from_string(_asset("query.html.j2"))
    html = template.render(queries=[{"name": name, "description": describe(path)} for name, path in queries.items()],
                           prefixes=prefix_block(), data=Markup(_json_for_script(data)))
    headers = {"Content-Security-Policy": _POLICY, "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store",
               "Referrer-Policy": "no-referrer"}
    return {"/": ("text/html; charset=utf-8", headers, html.encode("utf-8")),
            "/claimgraph/query.js": ("text/javascript; charset=utf-8", headers, _asset("query.js").encode("utf-8")),
            "/claimgraph/query.css": ("text/css; charset=utf-8", headers, _asset("query.css").encode("utf-8"))}
