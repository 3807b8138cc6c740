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

import dataclasses
import hashlib
import html
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping

import pyoxigraph as ox

from claimgraph.corpus.timespan import OPEN_FUTURE
from claimgraph.graph.build import new_store
from claimgraph.rules.engine import Finding, Findings, Rule, load_rules
from claimgraph.namespaces import CG_IRI, graph_iri, local_name
from claimgraph.graph.sparql import QueryResult, compact, describe, resolve_query, run_query, shipped_queries, to_term
from claimgraph.graph.records import ClaimRecord, claim_records
from claimgraph.outputs.report import explain_text, finding_sides
from claimgraph.resources import default_corpus_path, default_ontology_path, default_shapes_path, rules_dir

if TYPE_CHECKING:  # pragma: no cover - typing only
    import networkx
    import pandas

    from claimgraph.corpus.load import Corpus
    from claimgraph.result import BuildResult

__all__ = ["ClaimGraph", "Explanation", "NetworkView"]

STATUSES = ("open", "confirmed", "dismissed")
VIEWS = ("claims", "speakers", "contradictions")

_DERIVED = graph_iri("derived")
_CACHE_SIZE = 4
_builds: "OrderedDict[str, BuildResult]" = OrderedDict()


def _pandas():
    """Import pandas on first use, with an install hint instead of a bare ImportError."""
    try:
        import pandas
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "ClaimGraph tables need pandas, which comes with the notebook extra: "
            "pip install -e '.[notebook]' (or pip install pandas)") from exc
    return pandas


def _frame(rows: list[dict[str, Any]], columns: list[str]) -> "pandas.DataFrame":
    # Columns are fixed so an empty result still has the documented shape.
    return _pandas().DataFrame(rows, columns=columns)


def _fingerprint(paths: Iterable[Path], extra: str) -> str:
    """Hash of every input file's name and bytes: equal hashes mean an equal build."""
    digest = hashlib.sha256(extra.encode("utf-8"))
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            digest.update(str(file).encode("utf-8") + b"\0")
            digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def _terms(store: ox.Store, cls: str) -> dict[str, str]:
    """Vocabulary terms of an ontology class: local name -> label."""
    query = f"""
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?term ?label WHERE {{
            ?term a/rdfs:subClassOf* <{CG_IRI}{cls}> .
            OPTIONAL {{ ?term rdfs:label ?label }}
        }}"""
    terms = {}
    for row in store.query(query, use_default_graph_as_union=True):
        iri = row["term"].value
        if iri.startswith(CG_IRI):
            name = iri[len(CG_IRI):]
            terms[name] = row["label"].value if row["label"] is not None else name
    return dict(sorted(terms.items()))


def _pick(value: str, terms: Mapping[str, str], what: str) -> str:
    """Accept a vocabulary id or its label; return the label the records carry."""
    if value in terms:
        return terms[value]
    if value in terms.values():
        return value
    raise ValueError(f"unknown {what} {value!r}; known: {', '.join(terms)}")


# ------------------------------------------------------------------ findings read back from a TriG file

_FINDINGS = f"""
PREFIX cg: <{CG_IRI}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?node ?class ?id ?explanation ?within ?kind ?severity ?status ?reason ?by ?handMade ?independent ?count
WHERE {{ GRAPH <{_DERIVED}> {{
  ?node a ?class ; <https://schema.org/identifier> ?id ; cg:explanation ?explanation ; cg:withinArticle ?within .
  VALUES ?class {{ cg:Contradiction cg:Corroboration cg:Supersession }}
  OPTIONAL {{ ?node cg:kind ?kind }}
  OPTIONAL {{ ?node cg:severity ?severity }}
  OPTIONAL {{ ?node cg:reviewStatus ?status }}
  OPTIONAL {{ ?node cg:reviewReason ?reason }}
  OPTIONAL {{ ?node cg:reviewedBy ?by }}
  OPTIONAL {{ ?node cg:handMade ?handMade }}
  OPTIONAL {{ ?node cg:independent ?independent }}
  OPTIONAL {{ ?node cg:sourceCount ?count }}
}} }}
"""

_LINKS = f"""
PREFIX cg: <{CG_IRI}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?node ?claim ?rule WHERE {{ GRAPH <{_DERIVED}> {{
  {{ ?node cg:joins ?claim }} UNION {{ ?node cg:foundBy/rdfs:label ?rule }}
}} }}
"""

_ENTITIES = f"""
SELECT DISTINCT ?e ?label WHERE {{ GRAPH <{graph_iri("entities")}> {{
  ?e <{CG_IRI}agentType> ?type . OPTIONAL {{ ?e <http://www.w3.org/2000/01/rdf-schema#label> ?label }}
}} }}
"""

_RULES = f"""
PREFIX cg: <{CG_IRI}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?name ?description WHERE {{ GRAPH <{_DERIVED}> {{
  ?rule a cg:Rule ; rdfs:label ?name . OPTIONAL {{ ?rule rdfs:comment ?description }}
}} }} ORDER BY ?name
"""


def _findings_from_store(store: ox.Store, records: Mapping[str, ClaimRecord]) -> Findings:
    """Rebuild the findings a build recorded in its derived graph.

    Only what the graph states comes back: the claim pairs a rule matched are
    not stored, so every finding's ``pairs`` is empty and its sides are split
    by proposition (as :func:`claimgraph.outputs.report.finding_sides` does).
    """
    joins: dict[str, set[str]] = {}
    found_by: dict[str, set[str]] = {}
    for row in store.query(_LINKS):
        node = row["node"].value
        if row["claim"] is not None:
            joins.setdefault(node, set()).add(row["claim"].value)
        if row["rule"] is not None:
            found_by.setdefault(node, set()).add(row["rule"].value)

    def value(term):
        return None if term is None else term.value

    findings = Findings()
    for row in store.query(_FINDINGS):
        node = row["node"].value
        relation = local_name(row["class"].value).lower()
        claims = tuple(sorted(c for c in joins.get(node, ()) if c in records))
        kind = local_name(value(row["kind"])) if row["kind"] is not None else relation
        finding = Finding(
            id=row["id"].value, relation=relation, kind=kind,
            severity=local_name(row["severity"].value) if row["severity"] is not None else "tension",
            claims=claims, explanation=row["explanation"].value, rules=tuple(sorted(found_by.get(node, ()))),
            within_article=value(row["within"]) == "true",
            status=local_name(row["status"].value) if row["status"] is not None else "open",
            reason=value(row["reason"]), reviewed_by=value(row["by"]),
            hand_made=value(row["handMade"]) == "true",
            independent=None if row["independent"] is None else row["independent"].value == "true",
            source_count=None if row["count"] is None else int(row["count"].value))
        if finding.hand_made:
            findings.hand_made.append(finding)
        else:
            getattr(findings, {"contradiction": "contradictions", "corroboration": "corroborations",
                               "supersession": "supersessions"}[relation]).append(finding)
    for name in ("contradictions", "hand_made", "corroborations", "supersessions"):
        getattr(findings, name).sort(key=lambda f: (f.kind, f.claims, f.id))
    return findings


def _recover_pairs(store: ox.Store, records: Mapping[str, ClaimRecord], findings: Findings) -> None:
    """Fill in which claim pairs each finding's rules matched, which a TriG
    file does not hold, by running the shipped rules over the loaded graph.
    Finding ids come from the propositions, so they match; a finding the
    current rules no longer produce keeps no pairs."""
    from claimgraph.rules.engine import find

    fresh = {finding.id: finding.pairs for finding in find(store, dict(records), None, load_rules()).all()}
    for finding in findings.all():
        finding.pairs = tuple(pair for pair in fresh.get(finding.id, ())
                              if pair[0] in finding.claims and pair[1] in finding.claims)


def _rules_from_store(store: ox.Store) -> list[Rule]:
    """The rules a loaded graph names (descriptions as recorded; no query text)."""
    return [Rule(row["name"].value, Path(row["name"].value + ".rq"), "",
                 row["description"].value if row["description"] is not None else "")
            for row in store.query(_RULES)]


_ARTICLES = f"""
PREFIX cg: <{CG_IRI}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?id ?title ?publisher ?date ?status ?evidence ?sha ?text WHERE {{
  ?a a cg:Article ; <https://schema.org/identifier> ?id ; rdfs:label ?title ; cg:publisher ?publisher ;
     cg:published/cg:expression ?date ; cg:dateStatus ?status ; cg:dateEvidence ?evidence ;
     cg:sha256 ?sha ; cg:text ?text .
}} ORDER BY ?id
"""

_REGISTRY = f"""
PREFIX cg: <{CG_IRI}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?e ?type ?label ?affiliation ?wire ?wikidata ?comment WHERE {{ GRAPH <{graph_iri("entities")}> {{
  ?e cg:agentType ?type ; rdfs:label ?label .
  OPTIONAL {{ ?e cg:affiliation ?affiliation }}
  OPTIONAL {{ ?e cg:wire ?wire }}
  OPTIONAL {{ ?e cg:wikidata ?wikidata }}
  OPTIONAL {{ ?e rdfs:comment ?comment }}
}} }}
"""


def _corpus_from_store(store: ox.Store, path: Path) -> "Corpus":
    """The parts of a corpus a TriG file holds: ontology, registry (without
    roles and aliases) and articles with their metadata and text. Their
    annotations carry no claims; the claims are in the graph's records."""
    from claimgraph.graph.build import serialize
    from claimgraph.corpus.load import Article, Corpus, load_vocabulary
    from claimgraph.corpus.models import Annotation, Entity, Published

    ontology = [q for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri("ontology")))]
    ontology_text = serialize(ontology, "turtle").decode("utf-8")
    entities: dict[str, Entity] = {}
    for row in store.query(_REGISTRY):
        entity_id = local_name(row["e"].value)
        entities.setdefault(entity_id, Entity(
            id=entity_id, type=row["type"].value, label=row["label"].value,
            affiliation=local_name(row["affiliation"].value) if row["affiliation"] is not None else None,
            wire=row["wire"] is not None and row["wire"].value == "true",
            wikidata=row["wikidata"].value.rsplit("/", 1)[-1] if row["wikidata"] is not None else None,
            comment=row["comment"].value if row["comment"] is not None else None))
    authors: dict[str, list[str]] = {}
    for row in store.query(f"SELECT ?id ?author WHERE {{ ?a <https://schema.org/identifier> ?id ; "
                           f"<{CG_IRI}author> ?author }}", use_default_graph_as_union=True):
        authors.setdefault(row["id"].value, []).append(local_name(row["author"].value))
    articles = []
    for row in store.query(_ARTICLES, use_default_graph_as_union=True):
        article_id = row["id"].value
        annotation = Annotation(
            article=article_id, sha256=row["sha"].value, title=row["title"].value,
            publisher=local_name(row["publisher"].value), authors=sorted(authors.get(article_id, [])),
            published=Published(date=row["date"].value, status=row["status"].value,
                                evidence=row["evidence"].value))
        articles.append(Article(article_id, row["text"].value, row["sha"].value, annotation, path))
    return Corpus(path, ontology_text, load_vocabulary(ontology_text), dict(sorted(entities.items())), articles)


# ------------------------------------------------------------------ display objects

_STYLE = ("font-family:system-ui,sans-serif;font-size:13px;line-height:1.4;max-width:60em")


class NetworkView:
    """An interactive network page that Jupyter shows inline, offline.

    The page (``views.network_html``: vis-network inlined, every label
    escaped) is put into the ``srcdoc`` of a sandboxed ``<iframe>``, escaped
    once more as an attribute value. The sandbox allows scripts but not the
    notebook's origin, so nothing in the page can reach the notebook.

    Examples
    --------
    >>> view = NetworkView("<p>a & b</p>", title="<demo>")
    >>> print(view._repr_html_())  # doctest: +NORMALIZE_WHITESPACE
    <iframe srcdoc="&lt;p&gt;a &amp; b&lt;/p&gt;" sandbox="allow-scripts" title="&lt;demo&gt;"
    style="width:100%;height:800px;border:1px solid #ddd"></iframe>
    """

    def __init__(self, page: str, *, title: str = "claimgraph network", height: int = 800):
        self.page = page
        self.title = title
        self.height = int(height)

    def _repr_html_(self) -> str:
        return (f'<iframe srcdoc="{html.escape(self.page, quote=True)}" sandbox="allow-scripts" '
                f'title="{html.escape(self.title, quote=True)}" '
                f'style="width:100%;height:{self.height}px;border:1px solid #ddd"></iframe>')

    def save(self, path: str | Path) -> Path:
        """Write the standalone page (atomically) and return its path."""
        from claimgraph.corpus.reviews import atomic_write_text
        atomic_write_text(Path(path), self.page)
        return Path(path)

    def __repr__(self) -> str:
        return f"<NetworkView {self.title!r}: {len(self.page):,} characters of offline HTML>"


@dataclasses.dataclass
class Explanation:
    """One finding with everything needed to judge it: both sides' quotes in
    their article context, the speakers and their attribution chains, the
    rule that found it and its reasoning.

    ``str()`` gives the plain-text form (:func:`claimgraph.outputs.report.explain_text`);
    Jupyter shows the HTML form, where every piece of corpus text is escaped.
    """

    finding: Finding
    side_a: list[ClaimRecord]
    side_b: list[ClaimRecord]
    rules: list[tuple[str, str]]
    contexts: dict[str, tuple[str, str, str]]
    text: str

    @property
    def claims(self) -> list[ClaimRecord]:
        return self.side_a + self.side_b

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"<Explanation {self.finding.id}: {self.finding.kind}, {self.finding.status}>"

    def _repr_html_(self) -> str:
        e = html.escape
        f = self.finding
        status = f.status + (f" — {f.reason}" if f.reason else "")
        if f.reviewed_by and not f.hand_made:
            status += f" (reviewed by {f.reviewed_by}" + (f" on {f.reviewed_on})" if f.reviewed_on else ")")
        found = (f"recorded by hand by {f.reviewed_by or 'an analyst'}" if f.hand_made
                 else "; ".join(f"rule <code>{e(name)}</code>: {e(text)}" for name, text in self.rules))
        parts = [f'<div style="{_STYLE}">',
                 f"<h4 style='margin:0.2em 0'><code>{e(f.id)}</code> · {e(f.kind)} ({e(f.severity)})</h4>",
                 f"<p><b>status:</b> {e(status)}<br><b>found by:</b> {found}</p>",
                 f"<p>{e(f.explanation)}</p>",
                 "<table style='border-collapse:collapse;width:100%'><tr>"]
        for label, side in (("A", self.side_a), ("B", self.side_b)):
            cells = []
            for record in side:
                before, quote, after = self.contexts.get(record.ref, ("", record.quote, ""))
                cells.append(
                    f"<div style='margin-bottom:0.8em'><b>{e(record.speaker)}</b> ({e(record.modality)}, "
                    f"{e(record.said)})<br><small>{e(record.chain)} · {e(record.article_title)} · "
                    f"<code>{e(record.ref)}</code> chars {record.start}–{record.end}</small><br>"
                    f"<i>{e(before)}</i><mark>{e(quote)}</mark><i>{e(after)}</i><br>"
                    f"<small>says: {e(record.summary())}</small></div>")
            parts.append(f"<td style='vertical-align:top;padding:0.4em;border:1px solid #ddd;width:50%'>"
                         f"<b>side {label}</b><br>{''.join(cells)}</td>")
        parts.append("</tr></table></div>")
        return "".join(parts)


# ------------------------------------------------------------------ the graph

class ClaimGraph:
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
        self._properties = _terms(store, "Predicate")
        self._modalities = _terms(store, "Modality")
        self._kinds = _terms(store, "ContradictionKind")
        self._entities = {local_name(row["e"].value): row["label"].value if row["label"] is not None else None
                          for row in store.query(_ENTITIES)}
        self._wires = {local_name(row["e"].value) for row in store.query(
            f"SELECT ?e WHERE {{ ?e <{CG_IRI}wire> true }}", use_default_graph_as_union=True)}
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
        claimgraph.corpus.load.CorpusError
            An annotation problem; ``str(error)`` lists ``file:line: field: message`` lines.

        Examples
        --------
        >>> graph = ClaimGraph.from_corpus()
        >>> graph.summary()["contradictions"] > 0
        True
        """
        from claimgraph.pipeline import build

        corpus_path = Path(path) if path is not None else default_corpus_path()
        ontology_path = Path(ontology) if ontology is not None else default_ontology_path()
        shapes_path = Path(shapes) if shapes is not None else default_shapes_path()
        key = _fingerprint([corpus_path.resolve(), ontology_path.resolve(), shapes_path.resolve(), rules_dir()],
                           f"drafts={include_drafts};validate={validate}")
        result = _builds.get(key) if cache else None
        if result is None:
            result = build(corpus_path, ontology=ontology_path, shapes=shapes_path, include_drafts=include_drafts,
                           validate=validate)
            if cache:
                _builds[key] = result
                while len(_builds) > _CACHE_SIZE:
                    _builds.popitem(last=False)
        else:
            _builds.move_to_end(key)
        if cache:
            # A private store per graph: one notebook's store.add() must not leak into another's.
            result = dataclasses.replace(result, store=new_store(result.all_quads))
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
        from claimgraph.result import BuildResult
        from claimgraph.graph.validate import ShaclReport

        path = Path(path)
        store = ox.Store()
        try:
            store.load(path=str(path), format=ox.RdfFormat.TRIG)
        except SyntaxError as exc:
            raise ValueError(f"{path}: not valid TriG: {exc}") from None
        records = claim_records(store)
        findings = _findings_from_store(store, records)
        _recover_pairs(store, records, findings)
        names = {graph.value for graph in store.named_graphs()}
        first = [graph_iri("ontology"), graph_iri("entities")]
        graphs = ([name for name in first if name in names] + sorted(names - {*first, _DERIVED})
                  + [name for name in (_DERIVED,) if name in names])
        result = BuildResult(_corpus_from_store(store, path), store, graphs, records, findings, ShaclReport(),
                             _rules_from_store(store) or load_rules())
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
        return (f'<div style="{_STYLE}"><b>ClaimGraph</b> <small>{e(self.source)}</small>'
                f"<table>{rows}</table></div>")

    # ---- SPARQL

    def queries(self) -> "pandas.DataFrame":
        """The shipped SPARQL queries: name and what each asks.

        Examples
        --------
        >>> "troop-levels" in set(ClaimGraph.from_corpus().queries()["name"])
        True
        """
        return _frame([{"name": name, "asks": describe(path)} for name, path in shipped_queries().items()],
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
        return _pandas().DataFrame(rows, columns=result.columns)

    # ---- tables

    _CLAIM_COLUMNS = ["ref", "speaker", "speaker_id", "speaker_type", "via", "chain", "outlet", "said", "said_date",
                      "modality", "hedge", "subject", "property", "scope", "value", "polarity", "visibility",
                      "time", "deadline", "lower", "upper", "unit", "wire", "article", "title", "quote", "start",
                      "end", "deprecated"]

    def _claim_row(self, r: ClaimRecord) -> dict[str, Any]:
        return {
            "ref": r.ref, "speaker": r.speaker, "speaker_id": r.speaker_id, "speaker_type": r.speaker_type,
            "via": ", ".join(r.via), "chain": r.chain, "outlet": r.publisher, "said": r.said,
            "said_date": r.said_start, "modality": r.modality, "hedge": r.hedge, "subject": r.subject,
            "property": r.property, "scope": r.scope, "value": r.value, "polarity": r.polarity,
            "visibility": r.visibility, "time": r.time, "deadline": r.is_deadline, "lower": r.lower,
            "upper": r.upper, "unit": r.unit,
            "wire": ", ".join(self._entities.get(s) or s for s in [*r.via_ids, r.speaker_id] if s in self._wires),
            "article": r.article, "title": r.article_title, "quote": r.quote, "start": r.start, "end": r.end,
            "deprecated": r.deprecated,
        }

    def _match_speaker(self, record: ClaimRecord, speaker: str) -> bool:
        return speaker in (record.speaker_id, record.speaker)

    def claims(self, speaker: str | None = None, article: str | None = None, kind: str | None = None, *,
               modality: str | None = None, include_deprecated: bool = False) -> "pandas.DataFrame":
        """Claims as a table, one row per claim, in article and claim order.

        Parameters
        ----------
        speaker : str, optional
            Entity id (``barack-obama``) or label of the speaker.
        article : str, optional
            Article id, or its number prefix (``004``).
        kind : str, optional
            The **proposition property** (``troop-count``, ``presence``,
            ``status``, ``position``, ...; id or label) — what the claim is
            about. The manner of saying it is ``modality``.
        modality : str, optional
            ``asserted``, ``denied``, ``predicted``, ``planned``, ``promised``,
            ``demanded``, ``reported`` or ``doubted``.
        include_deprecated : bool
            Also list claims kept with a deprecated rank.

        Returns
        -------
        pandas.DataFrame
            Columns: ref, speaker, speaker_id, speaker_type, via
            (intermediaries), chain (author → intermediaries → speaker),
            outlet, said (as precise as known), said_date, modality, hedge,
            subject, property, scope, value (with its interval for
            quantities), polarity, visibility, time, deadline (time is a
            "by" date), lower, upper, unit, wire (wire agencies in the
            chain), article, title, quote, start, end, deprecated.

        Raises
        ------
        ValueError
            A kind or modality the ontology does not define.

        Examples
        --------
        >>> graph = ClaimGraph.from_corpus()
        >>> troops = graph.claims(kind="troop-count")
        >>> len(troops) > 0 and bool((troops["lower"] <= troops["upper"]).all())
        True
        >>> graph.claims(kind="troop-counts")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ValueError: unknown proposition property 'troop-counts'; known: ...
        """
        property_label = _pick(kind, self._properties, "proposition property") if kind else None
        modality_label = _pick(modality, self._modalities, "modality") if modality else None
        rows = [self._claim_row(r) for r in self.records.values()
                if (include_deprecated or not r.deprecated)
                and (speaker is None or self._match_speaker(r, speaker))
                and (article is None or r.article == article or r.article.startswith(f"{article}_"))
                and (property_label is None or r.property == property_label)
                and (modality_label is None or r.modality == modality_label)]
        return _frame(rows, self._CLAIM_COLUMNS)

    _FINDING_COLUMNS = ["id", "kind", "severity", "status", "reason", "found_by", "within_article", "n_claims",
                        "speaker_a", "outlet_a", "said_a", "quote_a", "ref_a",
                        "speaker_b", "outlet_b", "said_b", "quote_b", "ref_b", "explanation"]

    def _finding_row(self, finding: Finding) -> dict[str, Any]:
        side_a, side_b = finding_sides(finding, self.records)
        row = {"id": finding.id, "kind": finding.kind, "severity": finding.severity, "status": finding.status,
               "reason": finding.reason,
               "found_by": "hand-made" if finding.hand_made else ", ".join(finding.rules),
               "within_article": finding.within_article, "n_claims": len(finding.claims)}
        for suffix, side in (("a", side_a), ("b", side_b)):
            first = side[0] if side else None
            row |= {f"speaker_{suffix}": first.speaker if first else None,
                    f"outlet_{suffix}": first.publisher if first else None,
                    f"said_{suffix}": first.said if first else None,
                    f"quote_{suffix}": first.quote if first else None,
                    f"ref_{suffix}": ", ".join(r.ref for r in side)}
        row["explanation"] = finding.explanation
        return row

    def contradictions(self, kind: str | None = None, status: str | None = None) -> "pandas.DataFrame":
        """Contradictions found by the rules and recorded by hand, one row each.

        Parameters
        ----------
        kind : str, optional
            A contradiction kind (``numeric-conflict``, ``withdrawal-vs-presence``, ...).
        status : str, optional
            ``open``, ``confirmed`` or ``dismissed``.

        Returns
        -------
        pandas.DataFrame
            Columns: id, kind, severity, status, reason (of the review),
            found_by (rules, or ``hand-made``), within_article, n_claims, then
            for each side (``_a``, ``_b``) the first claim's speaker, outlet,
            said (date), quote and the refs of every claim on that side, and
            the explanation.

        Examples
        --------
        >>> graph = ClaimGraph.from_corpus()
        >>> df = graph.contradictions()
        >>> len(df) == graph.summary()["contradictions"]
        True
        >>> set(graph.contradictions(status="open")["status"]) <= {"open"}
        True
        """
        if status is not None and status not in STATUSES:
            raise ValueError(f"unknown status {status!r}; use one of {', '.join(STATUSES)}")
        if kind is not None and kind not in self._kinds:
            raise ValueError(f"unknown contradiction kind {kind!r}; known: {', '.join(self._kinds)}")
        rows = [self._finding_row(f) for f in self.findings.contradictions + self.findings.hand_made
                if (kind is None or f.kind == kind) and (status is None or f.status == status)]
        return _frame(rows, self._FINDING_COLUMNS)

    def supersessions(self) -> "pandas.DataFrame":
        """Later values for the same quantity at a time that does not overlap:
        a trend, not a contradiction. Same columns as :meth:`contradictions`."""
        return _frame([self._finding_row(f) for f in self.findings.supersessions], self._FINDING_COLUMNS)

    def corroborations(self) -> "pandas.DataFrame":
        """Propositions stated by more than one claim, and whether the sources
        are independent.

        Returns
        -------
        pandas.DataFrame
            Columns: id, n_claims, sources (independent sources once claims
            sharing a speaker or an intermediary are merged), independent,
            speakers, chains, outlets, wire (wire agencies in any chain),
            refs, quotes (joined with `` | ``), explanation.

        Examples
        --------
        >>> df = ClaimGraph.from_corpus().corroborations()
        >>> bool((df["independent"] == (df["sources"] > 1)).all())
        True
        """
        rows = []
        for finding in self.findings.corroborations:
            records = [self.records[iri] for iri in finding.claims]
            wires = sorted({self._entities.get(s) or s for r in records for s in [*r.via_ids, r.speaker_id]
                            if s in self._wires})
            rows.append({
                "id": finding.id, "n_claims": len(records), "sources": finding.source_count,
                "independent": bool(finding.independent),
                "speakers": "; ".join(dict.fromkeys(r.speaker for r in records)),
                "chains": "; ".join(dict.fromkeys(r.chain for r in records)),
                "outlets": "; ".join(dict.fromkeys(r.publisher for r in records)),
                "wire": ", ".join(wires), "refs": ", ".join(r.ref for r in records),
                "quotes": " | ".join(r.quote for r in records), "explanation": finding.explanation,
            })
        return _frame(rows, ["id", "n_claims", "sources", "independent", "speakers", "chains", "outlets", "wire",
                             "refs", "quotes", "explanation"])

    def timeline(self, quantity: str = "troop-count", *, subject: str | None = None) -> "pandas.DataFrame":
        """Every reported value of one quantity over time, ready to plot.

        Parameters
        ----------
        quantity : str
            A quantity property of the ontology (id or label), e.g.
            ``troop-count``, ``casualties``, ``cost``.
        subject : str, optional
            Only this subject (entity id or label).

        Returns
        -------
        pandas.DataFrame
            One row per live claim, ordered by reference time then lower
            bound. Columns: start and end (the reference period, as
            timestamps), time (as written), deadline, lower and upper (the
            interval from the qualifier policy), amount as printed via value,
            qualifier, unit, scope, subject, speaker, chain, wire, outlet,
            said, modality, ref, quote.

        Examples
        --------
        >>> df = ClaimGraph.from_corpus().timeline("troop-count")
        >>> len(df) > 0 and df["start"].is_monotonic_increasing
        True
        """
        pandas = _pandas()
        label = _pick(quantity, self._properties, "proposition property")
        rows = []
        for r in self.records.values():
            if r.deprecated or r.property != label or r.lower is None or r.time == OPEN_FUTURE:
                continue
            if subject is not None and subject not in (r.subject_id, r.subject):
                continue
            rows.append({
                "start": r.time_start, "end": r.time_end, "time": r.time, "deadline": r.is_deadline,
                "lower": r.lower, "upper": r.upper, "amount": r.amount, "value": r.value, "qualifier": r.qualifier,
                "unit": r.unit, "scope": r.scope, "subject": r.subject, "speaker": r.speaker, "chain": r.chain,
                "wire": ", ".join(self._entities.get(s) or s for s in [*r.via_ids, r.speaker_id]
                                  if s in self._wires),
                "outlet": r.publisher, "said": r.said, "modality": r.modality, "ref": r.ref, "quote": r.quote,
            })
        rows.sort(key=lambda row: (row["start"], row["lower"], row["ref"]))
        frame = _frame(rows, ["start", "end", "time", "deadline", "lower", "upper", "amount", "value", "qualifier",
                              "unit", "scope", "subject", "speaker", "chain", "wire", "outlet", "said", "modality",
                              "ref", "quote"])
        for column in ("start", "end"):
            frame[column] = pandas.to_datetime(frame[column])
        return frame

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
                f"SELECT ?id ?text WHERE {{ ?a a <{CG_IRI}Article> ; <https://schema.org/identifier> ?id ; "
                f"<{CG_IRI}text> ?text }}", use_default_graph_as_union=True)}
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
        text = self._article_text(record.article)
        before = text[max(0, record.start - width):record.start].split()
        after = text[record.end:record.end + width].split()
        # Cut at word boundaries: drop a word the window sliced through.
        if record.start > width and before:
            before = before[1:]
        if record.end + width < len(text) and after:
            after = after[:-1]
        # Keep one space where the article has whitespace next to the quote.
        lead = " " if before and text[record.start - 1].isspace() else ""
        tail = " " if after and text[record.end:record.end + 1].isspace() else ""
        # An ellipsis wherever the article goes on beyond the window.
        more_before = "…" if record.start > width else ""
        more_after = "…" if record.end + width < len(text) else ""
        return (more_before + " ".join(before) + lead, text[record.start:record.end],
                tail + " ".join(after) + more_after)

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
