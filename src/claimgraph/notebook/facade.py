"""A small Python API for exploring the claim graph in Jupyter.

:class:`ClaimGraph` wraps one built graph and answers the questions a
journalist or researcher asks in a notebook, as pandas DataFrames: which
claims, which contradictions, which corroborations, which troop figures over
time, and SPARQL with bound parameters. It also gives the networkx
projections, an offline interactive network view and a readable explanation
of any finding.

pandas (and, for charts, matplotlib) come with the optional ``notebook``
extra: ``pip install -e '.[notebook]'``. Nothing else here needs them.

Examples
--------
>>> graph = ClaimGraph.from_corpus()
>>> summary = graph.summary()
>>> summary["articles"] >= 1 and summary["claims"] >= summary["articles"]
True
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

import pyoxigraph as ox

from claimgraph.graph.records import ClaimRecord
from claimgraph.graph.sparql import QueryResult, compact, describe, resolve_query, run_query, shipped_queries, to_term
from claimgraph.namespaces import CG_IRI, local_name
from claimgraph.notebook.builds import cached_build
from claimgraph.notebook.display import STYLE, Explanation, NetworkView
from claimgraph.notebook.tables import ClaimTables, frame, pandas_module, quote_context, vocabulary_terms
from claimgraph.outputs.report import explain_text, finding_sides
from claimgraph.resources import default_corpus_path, default_ontology_path, default_shapes_path, internal_query
from claimgraph.rules.findings import Finding, Findings

if TYPE_CHECKING:  # pragma: no cover - typing only
    import networkx
    import pandas

    from claimgraph.result import BuildResult

__all__ = ["ClaimGraph", "Explanation", "NetworkView"]

VIEWS = ("claims", "speakers", "contradictions")

_ENTITIES = internal_query("entity-labels")


class ClaimGraph(ClaimTables):
    """One built claim graph, for exploring in a notebook.

    Make one with :meth:`from_corpus` (build a corpus folder in memory) or
    :meth:`load` (read a TriG file written by ``claimgraph build``). Tables
    come back as pandas DataFrames with readable columns; ``.store`` is the
    pyoxigraph store for anything else.

    Parameters
    ----------
    result : BuildResult
        What :func:`claimgraph.pipeline.build_graph` returned (or, for a
        loaded file, the same shape rebuilt from the file).
    source : str
        Where the graph came from, for display.

    Examples
    --------
    >>> graph = ClaimGraph.from_corpus()
    >>> graph  # doctest: +ELLIPSIS
    <ClaimGraph ... articles, ... claims, ... contradictions>
    >>> df = graph.claims(kind="troop-count")
    >>> set(df["property"]) == {"troop count"}
    True
    """

    def __init__(self, result: "BuildResult", *, source: str = ""):
        self.result = result
        self.source = source
        store = result.store
        self._properties = vocabulary_terms(store, "Predicate")
        self._modalities = vocabulary_terms(store, "Modality")
        self._kinds = vocabulary_terms(store, "ContradictionKind")
        self._entities = {local_name(row["e"].value): row["label"].value if row["label"] is not None else None
                          for row in store.query(_ENTITIES)}
        self._wires = {local_name(row["e"].value) for row in store.query(
            internal_query("wire-agencies"), use_default_graph_as_union=True)}
        self._texts: dict[str, str] | None = None

    # ---- construction

    @classmethod
    def from_corpus(cls, path: str | Path | None = None, *, include_drafts: bool = False,
                    ontology: str | Path | None = None, shapes: str | Path | None = None,
                    validate: bool = True, cache: bool = True) -> "ClaimGraph":
        """Build a corpus folder in memory (default: the project's ``corpus/``).

        The build is the one ``claimgraph build`` runs, with the shipped rules:
        quotes checked at their offsets, SHACL shapes validated, contradictions
        found and the reviews in ``reviews.yaml`` applied. Nothing is written.

        Builds are cached per process by a hash of every input file (corpus,
        ontology, shapes, rules), so asking again for an unchanged corpus is
        instant while any edit, such as a new review decision, rebuilds. Each
        call gets its own copy of the store. ``cache=False`` always rebuilds.

        Parameters
        ----------
        path : str or Path, optional
            Corpus folder with ``articles/``, ``annotations/``, ``entities/``.
        include_drafts : bool
            Let draft claims into the graph (as ``claimgraph build --include-drafts``).
        ontology, shapes : str or Path, optional
            Ontology and SHACL shapes files (default: the project's).
        validate : bool
            Run the SHACL validation; a non-conforming graph raises
            :class:`claimgraph.pipeline.BuildError`.
        cache : bool
            Reuse an identical earlier build in this process.

        Raises
        ------
        claimgraph.corpus.problems.CorpusError
            An annotation problem; ``str(error)`` lists ``file:line: field: message`` lines.

        Examples
        --------
        >>> graph = ClaimGraph.from_corpus()
        >>> graph.summary()["contradictions"] > 0
        True
        """
        corpus_path = Path(path) if path is not None else default_corpus_path()
        result = cached_build(corpus_path, Path(ontology) if ontology is not None else default_ontology_path(),
                              Path(shapes) if shapes is not None else default_shapes_path(),
                              include_drafts=include_drafts, validate=validate, cache=cache)
        return cls(result, source=str(corpus_path))

    @classmethod
    def load(cls, path: str | Path) -> "ClaimGraph":
        """Read a built graph from a TriG file (``output/claims.trig``).

        Claims are read with :func:`claimgraph.graph.records.claim_records`. The
        findings are read back from the derived graph exactly as that build
        recorded them (kind, severity, review status and reason, rules,
        explanation, the claims joined, independence), not recomputed: the
        file carries no ``reviews.yaml``, and the point of loading a file is
        to see what was published. Which claim pairs each rule matched is not
        in the file; it is recovered by running the shipped rules over the
        loaded graph (finding ids are stable, so they line up). What the
        file does not hold stays empty: the review date, and in
        ``result.corpus`` the annotations' claims
        (it holds the registry without roles and aliases, and each
        article's metadata and text).

        Examples
        --------
        >>> import tempfile, pathlib
        >>> from claimgraph.graph.build import serialize
        >>> built = ClaimGraph.from_corpus()
        >>> trig = pathlib.Path(tempfile.mkdtemp()) / "claims.trig"
        >>> _ = trig.write_bytes(serialize(built.result.all_quads, "trig"))
        >>> loaded = ClaimGraph.load(trig)
        >>> loaded.summary() == built.summary()
        True
        """
        from claimgraph.notebook.readback import read_trig

        path = Path(path)
        result = read_trig(path)
        return cls(result, source=str(path))

    # ---- plain attributes

    @property
    def store(self) -> ox.Store:
        """The pyoxigraph store: every named graph (ontology, entities, one per article, derived)."""
        return self.result.store

    @property
    def records(self) -> dict[str, ClaimRecord]:
        """Claim IRI -> :class:`claimgraph.graph.records.ClaimRecord`."""
        return self.result.records

    @property
    def findings(self) -> Findings:
        return self.result.findings

    @property
    def entities(self) -> dict[str, str | None]:
        """Registry entity id -> label."""
        return dict(self._entities)

    @property
    def wire_agencies(self) -> set[str]:
        """Entity ids of the wire agencies (``wire: true`` in the registry)."""
        return set(self._wires)

    def claim(self, ref: str) -> ClaimRecord:
        """One claim by its reference ``<article>.<claim>`` (or its IRI)."""
        for iri, record in self.records.items():
            if ref in (iri, record.ref):
                return record
        raise KeyError(f"no claim {ref!r}")

    def finding(self, finding_id: str) -> Finding:
        """One contradiction, corroboration or supersession by id."""
        try:
            return self.findings.by_id(finding_id)
        except KeyError:
            raise KeyError(f"no finding {finding_id!r}; list them with .contradictions(), "
                           ".corroborations() or .supersessions()") from None

    def summary(self) -> dict[str, int]:
        """Counts of what the graph holds.

        Examples
        --------
        >>> counts = ClaimGraph.from_corpus().summary()
        >>> sorted(counts)[:4]
        ['articles', 'claims', 'confirmed', 'contradictions']
        """
        records = list(self.records.values())
        articles = sum(1 for _ in self.store.quads_for_pattern(
            None, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            ox.NamedNode(CG_IRI + "Article")))
        findings = self.findings
        contradictions = findings.contradictions + findings.hand_made
        return {
            "articles": articles,
            "claims": len(records),
            "deprecated": sum(r.deprecated for r in records),
            "speakers": len({r.speaker_id for r in records}),
            "entities": len(self._entities),
            "triples": len(self.store),
            "contradictions": len(contradictions),
            "hand_made": len(findings.hand_made),
            "open": sum(f.status == "open" for f in contradictions),
            "confirmed": sum(f.status == "confirmed" for f in contradictions),
            "dismissed": sum(f.status == "dismissed" for f in contradictions),
            "corroborations": len(findings.corroborations),
            "supersessions": len(findings.supersessions),
        }

    def __repr__(self) -> str:
        s = self.summary()
        return f"<ClaimGraph {s['articles']} articles, {s['claims']} claims, {s['contradictions']} contradictions>"

    def _repr_html_(self) -> str:
        e = html.escape
        s = self.summary()
        kinds = {}
        for finding in self.findings.contradictions + self.findings.hand_made:
            kinds[finding.kind] = kinds.get(finding.kind, 0) + 1
        rows = "".join(f"<tr><td>{e(name.replace('_', ' '))}</td><td style='text-align:right'>{value:,}</td></tr>"
                       for name, value in s.items())
        rows += "".join(f"<tr><td>&nbsp;&nbsp;{e(kind)}</td><td style='text-align:right'>{count}</td></tr>"
                        for kind, count in sorted(kinds.items()))
        return (f'<div style="{STYLE}"><b>ClaimGraph</b> <small>{e(self.source)}</small>'
                f"<table>{rows}</table></div>")

    # ---- SPARQL

    def queries(self) -> "pandas.DataFrame":
        """The shipped SPARQL queries: name and what each asks.

        Examples
        --------
        >>> "troop-levels" in set(ClaimGraph.from_corpus().queries()["name"])
        True
        """
        return frame([{"name": name, "asks": describe(path)} for name, path in shipped_queries().items()],
                      ["name", "asks"])

    def sparql(self, query: str, /, bindings: Mapping[str, Any] | None = None, *, full_iris: bool = False,
               **more: Any) -> "pandas.DataFrame":
        """Run a SELECT or ASK over the union of all graphs; return a DataFrame.

        Parameters
        ----------
        query : str
            SPARQL text, a shipped query name (see :meth:`queries`) or a ``.rq`` file.
        bindings : mapping, optional
            Variable name -> value; needed only for a variable called
            ``bindings`` or ``full_iris``. Merged with ``**more``.
        full_iris : bool
            Keep IRIs whole. By default vocabulary and id IRIs are shortened
            to their local name (``numeric-conflict``, ``barack-obama``).
        **more
            Bound variables, as RDF terms in a ``VALUES`` block, never raw
            query text (:func:`claimgraph.graph.sparql.run_query`). A registry
            entity id becomes the entity's IRI; ``cg:term``, ``<iri>``, ISO
            dates and integers become the matching RDF terms
            (:func:`claimgraph.graph.sparql.to_term`). Any variable the query
            uses can be bound.

        Raises
        ------
        claimgraph.graph.sparql.QueryError
            Unknown query name, syntax error, or a bad variable name.

        Examples
        --------
        >>> graph = ClaimGraph.from_corpus()
        >>> speaker = graph.claims().iloc[0]["speaker_id"]
        >>> df = graph.sparql("claims-by-speaker", speaker=speaker)
        >>> len(df) > 0 and set(df["speaker"]) == {speaker}
        True
        >>> graph.sparql("SELECT ?q WHERE { ?c rdfs:label ?q }", q='x" } ; DROP ALL ; {').empty
        True
        """
        # A single word is a query name or file (so a typo gets "unknown query"); SPARQL has spaces.
        if query in shipped_queries() or not any(c.isspace() or c == "{" for c in query.strip()):
            _, text = resolve_query(query.strip())
        else:
            text = query
        values = {**(bindings or {}), **more}
        terms = {name: to_term(value, self._entities) for name, value in values.items()}
        result: QueryResult = run_query(self.store, text, terms)
        rows = result.rows if full_iris else [[compact(v) if isinstance(v, str) else v for v in row]
                                              for row in result.rows]
        return pandas_module().DataFrame(rows, columns=result.columns)

    # ---- networks

    def to_networkx(self, view: str = "claims") -> "networkx.Graph":
        """A networkx projection of the graph (:func:`claimgraph.outputs.network.project`).

        ``claims``: claims and speakers; ``speakers``: who agrees or
        disagrees with whom; ``contradictions``: claims joined by findings.

        Examples
        --------
        >>> g = ClaimGraph.from_corpus().to_networkx("speakers")
        >>> g.number_of_nodes() > 0
        True
        """
        if view not in VIEWS:
            raise ValueError(f"unknown view {view!r}; use one of {', '.join(VIEWS)}")
        from claimgraph.outputs.network import project
        return project(self.result, view=view)

    def show(self, view: str = "speakers", *, title: str | None = None, height: int = 800) -> NetworkView:
        """The interactive network of a view, shown inline in Jupyter, offline.

        Returns a :class:`NetworkView`; the notebook displays it as a
        sandboxed iframe holding the standalone page of
        :func:`claimgraph.outputs.views.network_html` (vis-network inlined, no CDN).
        ``.save(path)`` writes the page.

        Examples
        --------
        >>> view = ClaimGraph.from_corpus().show("contradictions")
        >>> "<script" in view.page and "srcdoc=" in view._repr_html_()
        True
        """
        from claimgraph.outputs.network_page import network_html
        graph = self.to_networkx(view)
        title = title or f"claimgraph: {view}"
        return NetworkView(network_html(graph, title=title), title=title, height=height)

    # ---- explanations

    def _article_text(self, article: str) -> str:
        if self._texts is None:
            self._texts = {row["id"].value: row["text"].value for row in self.store.query(
                internal_query("article-texts"), use_default_graph_as_union=True)}
        return self._texts.get(article, "")

    def context(self, ref: str, width: int = 80) -> tuple[str, str, str]:
        """A claim's quote with up to ``width`` characters of the article on
        each side, read at the quote's offsets in the stored text.

        Returns ``(before, quote, after)``; whitespace is collapsed, words the
        window cuts through are dropped, and ``…`` marks where the article
        goes on.

        Examples
        --------
        >>> graph = ClaimGraph.from_corpus()
        >>> record = next(iter(graph.records.values()))
        >>> graph.context(record.ref)[1] == record.quote
        True
        """
        record = self.claim(ref)
        return quote_context(self._article_text(record.article), record.start, record.end, width)

    def explain(self, finding_id: str | Finding) -> Explanation:
        """Both sides of a finding: quotes in context, speakers, chains, the
        rule and its reasoning. Jupyter shows it as HTML; ``print()`` as text.

        Examples
        --------
        >>> graph = ClaimGraph.from_corpus()
        >>> first = graph.contradictions().iloc[0]
        >>> explanation = graph.explain(first["id"])
        >>> first["quote_a"] in str(explanation) and first["quote_b"] in str(explanation)
        True
        """
        finding = finding_id if isinstance(finding_id, Finding) else self.finding(finding_id)
        side_a, side_b = finding_sides(finding, self.records)
        descriptions = {rule.name: rule.description for rule in self.result.rules}
        rules = [(name, descriptions.get(name, "")) for name in finding.rules]
        contexts = {record.ref: self.context(record.ref) for record in side_a + side_b}
        return Explanation(finding, side_a, side_b, rules, contexts, explain_text(finding, self.result))
