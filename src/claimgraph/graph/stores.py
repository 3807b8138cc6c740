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
  Protocol (``POST`` of a URL-encoded form) and come back as SPARQL JSON
  (N-Triples for CONSTRUCT).

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

from collections import defaultdict
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

import pyoxigraph as ox

from claimgraph.resources import internal_query
from claimgraph.graph.bindings import StoreError, Term, query_variables, sparql_term
from claimgraph.namespaces import ID_IRI

__all__ = ["RemoteError", "LoadError", "LoadReport", "GraphStore", "OxigraphStore", "group_by_graph", "CLAIMGRAPH_GRAPHS"]

#: Every named graph claimgraph writes starts with this IRI; ``clear`` and
#: pruning touch no other graph on a shared server.
CLAIMGRAPH_GRAPHS = f"{ID_IRI}graph/"

Progress = Callable[[str, int, int], None]


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


def as_triples(items: Iterable[ox.Quad | ox.Triple]) -> list[ox.Triple]:
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
        rows = self.query(internal_query("store-graphs"))
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
            triples = as_triples(graphs[name])
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
                                substitutions=query_variables(substitutions), prefixes=dict(prefixes or {}))

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
