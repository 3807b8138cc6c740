"""Where the graph lives: store backends behind one small interface.

Three backends answer the same calls (:meth:`GraphStore.load_graphs`,
:meth:`~GraphStore.query`, :meth:`~GraphStore.extend`,
:meth:`~GraphStore.graph_names`, :meth:`~GraphStore.count`,
:meth:`~GraphStore.clear`):

* :class:`OxigraphStore` without a path: pyoxigraph in memory, the default
  for the build, the rules and the queries;
* :class:`OxigraphStore` with a path: pyoxigraph on disk (RocksDB), so a large
  corpus is built once and queried many times;
* :class:`RemoteStore`: any SPARQL 1.1 server. Each named graph is loaded with
  the Graph Store Protocol (``PUT ?graph=IRI``: replaces the graph, so it is
  idempotent, and atomic per graph on servers that apply a request in one
  transaction, as Oxigraph, Fuseki and GraphDB do); queries go over the SPARQL
  Protocol (``POST application/sparql-query``) and come back as SPARQL JSON.

:meth:`GraphStore.query` takes the arguments of :meth:`pyoxigraph.Store.query`
and returns pyoxigraph objects (``QuerySolutions``, ``QueryBoolean``, triples),
so the contradiction engine and :func:`claimgraph.graph.sparql.run_query` run
unchanged on any backend.

SPARQL 1.1 has no standard way to send variable bindings over HTTP, so a
:class:`RemoteStore` writes them into the query as a ``VALUES`` block at the
start of the WHERE group, built from escaped RDF terms, never from raw text
(see :func:`with_bindings`).

Only the standard library talks HTTP (``urllib``): no new dependency.
"""

from __future__ import annotations

import http.client
import ipaddress
import json
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

import pyoxigraph as ox

from claimgraph.namespaces import ID_IRI

__all__ = ["StoreError", "RemoteError", "LoadError", "LoadReport", "GraphStore", "OxigraphStore",
           "RemoteStore", "open_store", "group_by_graph", "with_bindings", "sparql_term", "CLAIMGRAPH_GRAPHS"]

#: Every named graph claimgraph writes starts with this IRI; ``clear`` and
#: pruning touch no other graph on a shared server.
CLAIMGRAPH_GRAPHS = f"{ID_IRI}graph/"

Progress = Callable[[str, int, int], None]
Term = ox.NamedNode | ox.Literal
_VARNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_IRI_SAFE = re.compile(r'^[^<>"{}|^`\\\x00-\x20]*$')


class StoreError(Exception):
    """A store that cannot be opened, loaded or queried."""


class RemoteError(StoreError, OSError):
    """The SPARQL server cannot be reached, went away, or refused a request."""


class RemoteSyntaxError(StoreError, SyntaxError):
    """The server rejected a query as malformed (HTTP 400)."""


class LoadError(StoreError):
    """A load stopped part-way: names the graphs that were and were not loaded.

    Each graph is written by one atomic request, so every graph is either in
    its new state (``loaded``) or its previous state (``failed`` and
    ``pending``); none is half-written.
    """

    def __init__(self, cause: str, loaded: Sequence[str], failed: str, pending: Sequence[str]):
        self.cause, self.loaded, self.failed, self.pending = cause, list(loaded), failed, list(pending)
        lines = [f"loading stopped at graph {failed}: {cause}",
                 f"loaded ({len(self.loaded)}): {', '.join(self.loaded) or 'none'}",
                 f"not loaded ({len(self.pending) + 1}): {', '.join([failed, *self.pending])}",
                 "each graph is replaced by one request, so no graph is half-written; "
                 "run the load again to finish it"]
        super().__init__("\n".join(lines))


class LoadReport:
    """What :meth:`GraphStore.load_graphs` wrote."""

    def __init__(self, graphs: list[str], triples: int, pruned: list[str]):
        self.graphs, self.triples, self.pruned = graphs, triples, pruned

    def __repr__(self) -> str:
        return f"LoadReport(graphs={len(self.graphs)}, triples={self.triples}, pruned={len(self.pruned)})"


def group_by_graph(quads: Iterable[ox.Quad]) -> dict[str, list[ox.Quad]]:
    """Quads by the IRI of their named graph (``""`` for the default graph).

    Examples
    --------
    >>> q = ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o"), ox.NamedNode("http://e/g"))
    >>> list(group_by_graph([q]))
    ['http://e/g']
    """
    graphs: dict[str, list[ox.Quad]] = defaultdict(list)
    for quad in quads:
        name = quad.graph_name
        graphs["" if isinstance(name, ox.DefaultGraph) else name.value].append(quad)
    return dict(graphs)


def _triples(items: Iterable[ox.Quad | ox.Triple]) -> list[ox.Triple]:
    return [ox.Triple(item.subject, item.predicate, item.object) for item in items]


class GraphStore:
    """The interface every backend implements."""

    def load_graphs(self, graphs: Mapping[str, Iterable[ox.Quad | ox.Triple]], *, prune: bool = False,
                    progress: Progress | None = None) -> LoadReport:
        """Replace each named graph with the given triples (quads' graph names are ignored).

        With ``prune``, claimgraph graphs in the store that are not in
        ``graphs`` are dropped afterwards (an article removed from the corpus).
        """
        raise NotImplementedError

    def query(self, text: str, *, use_default_graph_as_union: bool = False,
              substitutions: Mapping[Any, Term] | None = None,
              prefixes: Mapping[str, str] | None = None) -> Any:
        """Run SPARQL; the arguments and results are those of :meth:`pyoxigraph.Store.query`."""
        raise NotImplementedError

    def extend(self, quads: Iterable[ox.Quad]) -> None:
        """Add quads to their graphs (nothing is removed)."""
        raise NotImplementedError

    def graph_names(self) -> list[str]:
        """IRIs of the non-empty named graphs, sorted."""
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(row["g"].value for row in rows)

    def count(self, graph: str | None = None) -> int:
        """Triples in one named graph, or in all named graphs together."""
        if graph is None:
            text = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        else:
            text = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {sparql_term(ox.NamedNode(graph))} {{ ?s ?p ?o }} }}"
        return int(next(iter(self.query(text)))["n"].value)

    def drop_graphs(self, names: Iterable[str]) -> None:
        raise NotImplementedError

    def clear(self) -> list[str]:
        """Drop every claimgraph graph (and only those); return their IRIs."""
        names = [name for name in self.graph_names() if name.startswith(CLAIMGRAPH_GRAPHS)]
        self.drop_graphs(names)
        return names

    def close(self) -> None:
        """Release the store (files, connections)."""

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


class OxigraphStore(GraphStore):
    """pyoxigraph in memory (no ``path``) or on disk (``path``).

    Examples
    --------
    >>> store = OxigraphStore()
    >>> g = "https://w3id.org/claimgraph/id/graph/x"
    >>> t = ox.Triple(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o"))
    >>> store.load_graphs({g: [t]}).triples, store.load_graphs({g: [t]}).triples, store.count()
    (1, 1, 1)
    >>> [row["o"].value for row in store.query("SELECT ?o WHERE { ?s ?p ?o }", use_default_graph_as_union=True)]
    ['o']
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False):
        self.path = Path(path) if path is not None else None
        try:
            if self.path is None:
                self.store = ox.Store()
            elif read_only:
                self.store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self.store = ox.Store(str(self.path))
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot open the Oxigraph store: {exc}") from None

    def load_graphs(self, graphs, *, prune=False, progress=None):
        names = sorted(graphs)
        total = 0
        for index, name in enumerate(names):
            graph = ox.NamedNode(name)
            triples = _triples(graphs[name])
            # Dropping then adding is two transactions; a crash between them
            # leaves this one graph empty, and the next load refills it.
            self.store.remove_graph(graph)
            self.store.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
            total += len(triples)
            if progress:
                progress(name, index + 1, len(names))
        pruned = self._prune(set(names)) if prune else []
        if self.path is not None:
            self.store.flush()
        return LoadReport(names, total, pruned)

    def _prune(self, keep: set[str]) -> list[str]:
        stale = [name for name in self.graph_names() if name.startswith(CLAIMGRAPH_GRAPHS) and name not in keep]
        self.drop_graphs(stale)
        return stale

    def query(self, text, *, use_default_graph_as_union=False, substitutions=None, prefixes=None):
        return self.store.query(text, use_default_graph_as_union=use_default_graph_as_union,
                                substitutions=_variables(substitutions), prefixes=dict(prefixes or {}))

    def extend(self, quads):
        self.store.extend(quads)

    def graph_names(self):
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode)
                      and next(iter(self.store.quads_for_pattern(None, None, None, g)), None) is not None)

    def drop_graphs(self, names):
        for name in names:
            self.store.remove_graph(ox.NamedNode(name))

    def close(self):
        if self.path is not None:
            try:
                self.store.flush()
            except OSError:  # a read-only store has nothing to flush
                pass
        del self.store

    def __repr__(self) -> str:
        return f"OxigraphStore({str(self.path) if self.path else 'memory'})"


def _variables(substitutions: Mapping[Any, Term] | None) -> dict[ox.Variable, Term]:
    out: dict[ox.Variable, Term] = {}
    for name, term in (substitutions or {}).items():
        text = name.value if isinstance(name, ox.Variable) else str(name).lstrip("?$")
        if not _VARNAME.match(text):
            raise StoreError(f"not a variable name: {text!r}")
        variable = ox.Variable(text)
        out[variable] = term
    return out


# ------------------------------------------------------------- SPARQL text

def _escape_string(value: str) -> str:
    out = []
    for char in value:
        code = ord(char)
        if char == "\\":
            out.append("\\\\")
        elif char == '"':
            out.append('\\"')
        elif char == "\n":
            out.append("\\n")
        elif char == "\r":
            out.append("\\r")
        elif char == "\t":
            out.append("\\t")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def sparql_term(term: Term) -> str:
    """An RDF term written as SPARQL, escaped so it can only ever be one term.

    Examples
    --------
    >>> sparql_term(ox.Literal('x" } ; DROP ALL ; {'))
    '"x\\\\" } ; DROP ALL ; {"'
    >>> sparql_term(ox.Literal("5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    '"5"^^<http://www.w3.org/2001/XMLSchema#integer>'
    >>> sparql_term(ox.Literal("Irak", language="de"))
    '"Irak"@de'
    """
    if isinstance(term, ox.NamedNode):
        if not _IRI_SAFE.match(term.value):
            raise StoreError(f"cannot bind an IRI with characters SPARQL does not allow: {term.value!r}")
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        text = _escape_string(term.value)
        if term.language:
            if not re.fullmatch(r"[A-Za-z]+(-[A-Za-z0-9]+)*", term.language):
                raise StoreError(f"not a language tag: {term.language!r}")
            return f"{text}@{term.language}"
        if term.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
            return text
        return f"{text}^^{sparql_term(term.datatype)}"
    raise StoreError(f"only IRIs and literals can be bound over HTTP, not {term!r}")


_TOKENS = re.compile(r'''
    (?P<comment>\#[^\n\r]*)
  | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
              |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<word>[A-Za-z_][A-Za-z0-9_-]*:?)
  | (?P<punct>[{}()])
  | (?P<space>\s+)
  | (?P<other>.)
''', re.X | re.S)
_FORMS = {"select", "construct", "ask", "describe"}


def _tokens(text: str) -> Iterator[tuple[str, str, int]]:
    for match in _TOKENS.finditer(text):
        kind = match.lastgroup
        if kind not in ("space", "comment"):
            yield kind, match.group(), match.end()


def _where_brace(text: str) -> int:
    """Offset just after the ``{`` that opens the query's WHERE group."""
    form = None
    depth = parens = 0
    previous = ""
    skip_template = False
    for kind, value, end in _tokens(text):
        if form is None:
            if kind == "word" and value.lower() in _FORMS:
                form = value.lower()
                skip_template = form == "construct"
            continue
        if kind == "punct":
            if value == "(":
                parens += 1
            elif value == ")":
                parens -= 1
            elif value == "{":
                if depth == 0 and parens == 0:
                    if skip_template and previous.lower() != "where":
                        skip_template = False
                        depth += 1
                        previous = value
                        continue
                    if form == "construct" and previous.lower() == "where" and _short_construct(text, end):
                        raise StoreError("bindings need a CONSTRUCT with a template (not CONSTRUCT WHERE)")
                    return end
                depth += 1
            elif value == "}":
                depth -= 1
        previous = value
    raise StoreError("cannot bind variables: the query has no WHERE group")


def _short_construct(text: str, brace_end: int) -> bool:
    # CONSTRUCT WHERE { ... } has no template before WHERE; reached only when
    # the template was not skipped, i.e. the first group follows WHERE.
    head = text[:brace_end]
    return re.search(r"construct\s+where\s*\{$", re.sub(r"#[^\n]*", "", head), re.I) is not None


def with_bindings(text: str, bindings: Mapping[Any, Term]) -> str:
    """The query with its variables bound by a ``VALUES`` block at the start of the WHERE group.

    Values are RDF terms written by :func:`sparql_term`; nothing the user
    typed becomes query syntax.

    Examples
    --------
    >>> print(with_bindings("SELECT ?s WHERE { ?s ?p ?o }", {"o": ox.Literal('a"} DROP ALL')}))
    SELECT ?s WHERE { VALUES (?o) { ("a\\"} DROP ALL") } ?s ?p ?o }
    """
    variables = _variables(bindings)
    if not variables:
        return text
    names = " ".join(f"?{variable.value}" for variable in variables)
    values = " ".join(sparql_term(term) for term in variables.values())
    at = _where_brace(text)
    return f"{text[:at]} VALUES ({names}) {{ ({values}) }}{text[at:]}"


def _with_prefixes(text: str, prefixes: Mapping[str, str] | None) -> str:
    if not prefixes:
        return text
    declared = {m.group(1).lower() for m in re.finditer(r"(?im)^\s*prefix\s+([A-Za-z0-9_.-]*)\s*:", text)}
    lines = [f"PREFIX {name}: {sparql_term(ox.NamedNode(iri))}" for name, iri in sorted(prefixes.items())
             if name.lower() not in declared]
    return "\n".join(lines + [text])


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
    def from_url(cls, url: str, store_url: str | None = None, **options) -> RemoteStore:
        """A bare server URL or an Oxigraph ``…/query`` URL means the Oxigraph layout;
        any other query URL is taken as is."""
        parts = urllib.parse.urlsplit(url)
        if parts.path in ("", "/"):
            remote = cls.oxigraph(url, **options)
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
            triples = _triples(graphs[name])
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
            body = ox.serialize(_triples(items), format=ox.RdfFormat.N_TRIPLES) or b""
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
        text = _with_prefixes(with_bindings(text, substitutions or {}), prefixes)
        parameters: list[tuple[str, str]] = []
        if use_default_graph_as_union:
            if self.union == "oxigraph":
                parameters.append(("union-default-graph", ""))
            elif self.union == "graphs":
                parameters += [("default-graph-uri", name) for name in self._all_graphs()]
        accept = ("application/sparql-results+json, application/n-triples;q=0.9, "
                  "text/turtle;q=0.8, application/sparql-results+xml;q=0.5")
        if self.union == "graphs" and use_default_graph_as_union:
            # Thousands of graph IRIs do not fit in a URL: send a form instead.
            body = urllib.parse.urlencode([("query", text), *parameters]).encode("utf-8")
            status, media, data = self._request("POST", self.query_url, body, {
                "Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
        else:
            url = self.query_url
            if parameters:
                url += ("&" if "?" in url else "?") + urllib.parse.urlencode(parameters)
            status, media, data = self._request("POST", url, text.encode("utf-8"), {
                "Content-Type": "application/sparql-query; charset=utf-8", "Accept": accept})
        return _parse_answer(media, data, self.query_url)

    def _all_graphs(self) -> list[str]:
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        return sorted(row["g"].value for row in rows)

    def __repr__(self) -> str:
        return f"RemoteStore({self.query_url!r}, {self.store_url!r}, union={self.union!r})"


def _parse_answer(media: str, data: bytes, url: str):
    media_type = media.split(";")[0].strip().lower()
    results_format = ox.QueryResultsFormat.from_media_type(media_type) if media_type else None
    if results_format is not None:
        try:
            return ox.parse_query_results(data, format=results_format)
        except SyntaxError as exc:
            raise RemoteError(f"{url}: unreadable {results_format} answer: {exc}") from None
    rdf_format = ox.RdfFormat.from_media_type(media_type) if media_type else None
    if rdf_format is not None:
        try:
            return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(data, format=rdf_format)]
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
