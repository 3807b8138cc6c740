"""A SPARQL server as a graph store (SPARQL 1.1 Protocol and Graph Store Protocol), and :func:`open_store`."""

from __future__ import annotations

import http.client
import ipaddress
import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Mapping

import pyoxigraph as ox

from claimgraph.resources import internal_query
from claimgraph.graph.bindings import StoreError, query_form, with_bindings, with_prefixes
from claimgraph.graph.stores import CLAIMGRAPH_GRAPHS, GraphStore, LoadError, LoadReport, OxigraphStore, RemoteError, RemoteSyntaxError, group_by_graph, as_triples

__all__ = ["RemoteStore", "open_store"]


# ------------------------------------------------------------------- remote

class RemoteStore(GraphStore):
    """A SPARQL 1.1 server: Graph Store Protocol to load, SPARQL Protocol to query.

    Parameters
    ----------
    query_url
        The SPARQL query endpoint (Oxigraph ``/query``, Fuseki ``/ds/sparql``,
        GraphDB ``/repositories/ID``, Virtuoso ``/sparql``).
    store_url
        The Graph Store Protocol endpoint (Oxigraph ``/store``, Fuseki
        ``/ds/data``, GraphDB ``/repositories/ID/rdf-graphs/service``,
        Virtuoso ``/sparql-graph-crud``); without it the store is read-only.
    union
        How a query sees the union of the named graphs when asked to:
        ``"oxigraph"`` adds Oxigraph's ``union-default-graph`` parameter;
        ``"server"`` trusts the server's own setting (Fuseki
        ``tdb2:unionDefaultGraph``, GraphDB and Virtuoso do it by default);
        ``"graphs"`` names every graph as a ``default-graph-uri`` (plain
        SPARQL 1.1 Protocol, works anywhere, slower on many graphs).
    timeout
        Seconds to wait on one network operation.
    """

    def __init__(self, query_url: str, store_url: str | None = None, *, union: str = "oxigraph",
                 timeout: float = 300.0):
        if union not in ("oxigraph", "server", "graphs"):
            raise StoreError(f"union must be oxigraph, server or graphs, not {union!r}")
        for url in (query_url, store_url):
            if url is not None and urllib.parse.urlsplit(url).scheme not in ("http", "https"):
                raise StoreError(f"not an http(s) URL: {url!r}")
        self.query_url, self.store_url, self.union, self.timeout = query_url, store_url, union, timeout
        host = urllib.parse.urlsplit(query_url).hostname or ""
        # A proxy from the environment must never see traffic to this machine.
        handlers = [urllib.request.ProxyHandler({})] if _is_loopback(host) else []
        self._opener = urllib.request.build_opener(*handlers)

    @classmethod
    def oxigraph(cls, base_url: str, **options) -> RemoteStore:
        """The endpoints of an Oxigraph server at ``base_url`` (``/query`` and ``/store``)."""
        base = base_url.rstrip("/")
        return cls(f"{base}/query", f"{base}/store", **options)

    @classmethod
    def virtuoso(cls, base_url: str, **options) -> RemoteStore:
        """The endpoints of a Virtuoso server at ``base_url`` (``/sparql`` and
        ``/sparql-graph-crud``); its default graph is already the union of all graphs."""
        base = base_url.rstrip("/")
        return cls(f"{base}/sparql", f"{base}/sparql-graph-crud", **{"union": "server", **options})

    @classmethod
    def from_url(cls, url: str, store_url: str | None = None, **options) -> RemoteStore:
        """A bare server URL or an Oxigraph ``…/query`` URL means the Oxigraph layout,
        a Virtuoso ``…/sparql`` URL at the server's root the Virtuoso layout;
        any other query URL is taken as is."""
        parts = urllib.parse.urlsplit(url)
        if parts.path in ("", "/"):
            remote = cls.oxigraph(url, **options)
        elif parts.path == "/sparql" and store_url is None:
            remote = cls.virtuoso(url[: -len("/sparql")], **options)
        elif parts.path.endswith("/query") and store_url is None:
            remote = cls(url, url[: -len("query")] + "store", **options)
        else:
            remote = cls(url, store_url, **options)
        if store_url is not None:
            remote.store_url = store_url
        return remote

    # -- HTTP
    def _request(self, method: str, url: str, body: bytes | None = None,
                 headers: Mapping[str, str] | None = None) -> tuple[int, str, bytes]:
        request = urllib.request.Request(url, data=body, method=method, headers=dict(headers or {}))
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return response.status, response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip()
            if exc.code == 400 and method == "POST" and url.startswith(self.query_url):
                raise RemoteSyntaxError(f"{self.query_url} rejected the query: {detail[:800]}") from None
            raise RemoteError(f"{method} {_short(url)}: HTTP {exc.code} {exc.reason}: {detail[:800]}") from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, ConnectionRefusedError):
                raise RemoteError(f"cannot reach the SPARQL server at {_origin(url)}: connection refused "
                                  "(is it running?)") from None
            if isinstance(reason, (socket.timeout, TimeoutError)):
                raise RemoteError(f"{method} {_short(url)}: no answer within {self.timeout:g} s") from None
            raise RemoteError(f"cannot reach the SPARQL server at {_origin(url)}: {reason}") from None
        except (http.client.HTTPException, ConnectionError) as exc:
            raise RemoteError(f"{method} {_short(url)}: the server went away mid-request "
                              f"({type(exc).__name__}: {exc or 'no answer'})") from None
        except (socket.timeout, TimeoutError):
            raise RemoteError(f"{method} {_short(url)}: no answer within {self.timeout:g} s") from None

    def _graph_url(self, name: str) -> str:
        if self.store_url is None:
            raise StoreError(f"{self.query_url}: no Graph Store Protocol URL given, so this store is read-only")
        parameter = "default" if name == "" else "graph=" + urllib.parse.quote(name, safe="")
        return f"{self.store_url}{'&' if '?' in self.store_url else '?'}{parameter}"

    # -- interface
    def load_graphs(self, graphs, *, prune=False, progress=None):
        names = sorted(graphs)
        loaded: list[str] = []
        total = 0
        for index, name in enumerate(names):
            triples = as_triples(graphs[name])
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
            try:
                self._request("PUT", self._graph_url(name), body,
                              {"Content-Type": "application/n-triples; charset=utf-8"})
            except RemoteError as exc:
                raise LoadError(str(exc), loaded, name, names[index + 1:]) from None
            loaded.append(name)
            total += len(triples)
            if progress:
                progress(name, index + 1, len(names))
        pruned: list[str] = []
        if prune:
            keep = set(names)
            pruned = [name for name in self.graph_names() if name.startswith(CLAIMGRAPH_GRAPHS) and name not in keep]
            self.drop_graphs(pruned)
        return LoadReport(names, total, pruned)

    def extend(self, quads):
        for name, items in sorted(group_by_graph(quads).items()):
            body = ox.serialize(as_triples(items), format=ox.RdfFormat.N_TRIPLES) or b""
            # POST merges into the graph (RDF is a set: re-adding is harmless).
            self._request("POST", self._graph_url(name), body, {"Content-Type": "application/n-triples; charset=utf-8"})

    def drop_graphs(self, names):
        for name in names:
            try:
                self._request("DELETE", self._graph_url(name))
            except RemoteError as exc:
                if "HTTP 404" not in str(exc):
                    raise

    def query(self, text, *, use_default_graph_as_union=False, substitutions=None, prefixes=None):
        text = with_prefixes(with_bindings(text, substitutions or {}), prefixes)
        parameters: list[tuple[str, str]] = []
        if use_default_graph_as_union:
            if self.union == "oxigraph":
                parameters.append(("union-default-graph", ""))
            elif self.union == "graphs":
                parameters += [("default-graph-uri", name) for name in self._all_graphs()]
        # Ask for the one kind of answer the query form gives: a server that
        # may pick (Virtuoso) sends a CONSTRUCT as result rows when rows are
        # acceptable.
        if query_form(text) in ("construct", "describe"):
            accept = "application/n-triples, text/turtle;q=0.8"
        else:
            accept = "application/sparql-results+json, application/sparql-results+xml;q=0.5"
        # A URL-encoded form is the one POST every SPARQL 1.1 server takes
        # (Virtuoso 7.2 never answers a bare application/sparql-query body),
        # and thousands of graph IRIs would not fit in a URL.
        body = urllib.parse.urlencode([("query", text), *parameters]).encode("utf-8")
        status, media, data = self._request("POST", self.query_url, body, {
            "Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
        return _parse_answer(media, data, self.query_url)

    def _all_graphs(self) -> list[str]:
        rows = self.query(internal_query("remote-graphs"))
        return sorted(row["g"].value for row in rows)

    def __repr__(self) -> str:
        return f"RemoteStore({self.query_url!r}, {self.store_url!r}, union={self.union!r})"


_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
_CANONICAL_BOOLEAN = {"1": "true", "0": "false"}


def _canonical_term(term):
    """``"1"^^xsd:boolean`` as ``"true"^^xsd:boolean``: the same value in its canonical
    form. Virtuoso stores booleans as numbers and answers ``1`` and ``0``.

    >>> _canonical_term(ox.Literal("1", datatype=ox.NamedNode(_BOOLEAN))).value
    'true'
    """
    if isinstance(term, ox.Literal) and term.datatype.value == _BOOLEAN and term.value in _CANONICAL_BOOLEAN:
        return ox.Literal(_CANONICAL_BOOLEAN[term.value], datatype=term.datatype)
    return term


def _canonical_json_booleans(data: bytes) -> bytes:
    if _BOOLEAN.encode() not in data:
        return data
    answer = json.loads(data)
    for row in answer.get("results", {}).get("bindings", []):
        for cell in row.values():
            if cell.get("datatype") == _BOOLEAN and cell.get("value") in _CANONICAL_BOOLEAN:
                cell["value"] = _CANONICAL_BOOLEAN[cell["value"]]
    return json.dumps(answer).encode("utf-8")


def _parse_answer(media: str, data: bytes, url: str):
    media_type = media.split(";")[0].strip().lower()
    results_format = ox.QueryResultsFormat.from_media_type(media_type) if media_type else None
    if results_format == ox.QueryResultsFormat.JSON:
        try:
            data = _canonical_json_booleans(data)
        except (ValueError, AttributeError):
            pass  # the parser below names what is wrong with it
    if results_format is not None:
        try:
            return ox.parse_query_results(data, format=results_format)
        except SyntaxError as exc:
            raise RemoteError(f"{url}: unreadable {results_format} answer: {exc}") from None
    rdf_format = ox.RdfFormat.from_media_type(media_type) if media_type else None
    if rdf_format is not None:
        try:
            return [ox.Triple(q.subject, q.predicate, _canonical_term(q.object))
                    for q in ox.parse(data, format=rdf_format)]
        except SyntaxError as exc:
            raise RemoteError(f"{url}: unreadable {rdf_format} answer: {exc}") from None
    if not media_type and data.lstrip().startswith(b"{"):
        try:
            json.loads(data)
            return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
        except (ValueError, SyntaxError):
            pass
    raise RemoteError(f"{url}: answered with {media or 'no content type'}, not SPARQL results or RDF")


def _origin(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _short(url: str) -> str:
    return urllib.parse.unquote(url)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def open_store(where: str | Path | None = None, *, read_only: bool = False, **options) -> GraphStore:
    """A store from a command-line value: nothing (memory), an ``http(s)://`` URL, or a folder.

    Examples
    --------
    >>> open_store()
    OxigraphStore(memory)
    >>> open_store("http://127.0.0.1:7878")
    RemoteStore('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/store', union='oxigraph')
    """
    if where is None:
        return OxigraphStore()
    text = str(where)
    if text.startswith(("http://", "https://")):
        return RemoteStore.from_url(text, **options)
    return OxigraphStore(Path(text), read_only=read_only)
