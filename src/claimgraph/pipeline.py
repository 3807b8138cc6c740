"""The whole build as values: corpus → graph → rules → rendered files.

:func:`build_graph` does the work in memory; :func:`iter_outputs` turns a
result into file contents, one file at a time (:func:`render_outputs`: all at
once); :func:`write_outputs` publishes them atomically.
:func:`build` is the one assembly of a build from files (corpus folder,
ontology, shapes, rules), used by the command line and the notebook facade
alike; only it falls back on the default paths of :mod:`claimgraph.resources`.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence, TypeVar

import orjson
import pyoxigraph as ox

from claimgraph.cache import Cache
from claimgraph.corpus.load import Corpus, load_corpus
from claimgraph.corpus.models import ReviewFile
from claimgraph.graph.build import corpus_graphs, load_graphs
from claimgraph.graph.records import ClaimRecord, claim_records, corpus_records
from claimgraph.graph.validate import ShaclReport, validate_store
from claimgraph.memory import paused_gc
from claimgraph.outputs.publish import Content, publish
from claimgraph.outputs.exports import export_files
from claimgraph.outputs.report import contradictions_json, contradictions_markdown, coverage_markdown, summary_text
from claimgraph.outputs.views import iter_views
from claimgraph.resources import default_corpus_path, default_ontology_path, default_shapes_path, rules_dir
from claimgraph.result import DERIVED, BuildError, BuildResult
from claimgraph.rules.engine import find, run_rules, select_rules
from claimgraph.rules.findings import Findings
from claimgraph.rules.findings_rdf import findings_batches
from claimgraph.rules.loading import Rule, RuleError, derive, load_rules, violations

__all__ = ["BuildResult", "BuildError", "build", "build_graph", "analyse", "iter_outputs", "render_outputs",
           "write_outputs"]

Progress = Callable[[str], None]
T = TypeVar("T")


def build(corpus: str | Path | None = None, *, ontology: str | Path | None = None,
          shapes: str | Path | None = None, rules: Sequence[str | Path] | None = None,
          include_drafts: bool = False, validate: bool = True, cache: Cache | None = None,
          progress: Progress | None = None) -> BuildResult:
    """Load a corpus folder with its ontology, shapes and rules, and build it in memory.

    Parameters
    ----------
    corpus : str or Path, optional
        Corpus folder (default: :func:`claimgraph.resources.default_corpus_path`).
    ontology, shapes : str or Path, optional
        Ontology and SHACL shapes files (default: the shipped ones).
    rules : sequence of str or Path, optional
        Rules folders (default: the shipped rules).
    include_drafts : bool
        Let draft claims into the graph.
    validate : bool
        Run the SHACL validation.
    cache : Cache, optional
        Content-hash cache of parsed annotations.
    progress : callable, optional
        Called with a short message as each step starts.

    Raises
    ------
    claimgraph.corpus.problems.CorpusError, claimgraph.rules.loading.RuleError, BuildError
    """
    loaded = load_corpus(Path(corpus) if corpus is not None else default_corpus_path(),
                         Path(ontology) if ontology is not None else default_ontology_path(),
                         include_drafts=include_drafts, cache=cache)
    rule_list = load_rules(*(Path(folder) for folder in rules)) if rules else load_rules(rules_dir())
    shapes_text = (Path(shapes) if shapes is not None else default_shapes_path()).read_text(encoding="utf-8")
    return build_graph(loaded, shapes_text, rules=rule_list, validate=validate, progress=progress, cache=cache)


def build_graph(corpus: Corpus, shapes_text: str, *, rules: Sequence[Rule] | None = None,
                validate: bool = True, progress: Progress | None = None,
                cache: Cache | None = None) -> BuildResult:
    """Build the RDF dataset, run the rules and validate it.

    The ``cache`` holds parsed annotations; the shapes are checked in full
    on every build (:func:`claimgraph.graph.validate.validate_store`).

    Raises :class:`BuildError` when a ``*-violation`` rule returns a row or the
    graph does not conform to the shapes.
    """
    with paused_gc():
        return _build_graph(corpus, shapes_text, rules, validate, progress or (lambda message: None), cache)


def _build_graph(corpus: Corpus, shapes_text: str, rules: Sequence[Rule] | None, validate: bool,
                 step: Progress, cache: Cache | None) -> BuildResult:
    step("building RDF")
    store = ox.Store()
    graphs = load_graphs(store, corpus_graphs(corpus))
    rules = list(load_rules() if rules is None else rules)
    if not select_rules(rules):
        raise RuleError("no contradiction, corroboration or supersession rule to run: the rules are missing")
    step("deriving and running rules")
    records, findings = analyse(store, rules, corpus.reviews, corpus=corpus)
    graphs.append(DERIVED)
    shacl = ShaclReport()
    if validate:
        step("validating shapes")
        shacl = validate_store(store, graphs, shapes_text)
        if not shacl.conforms:
            raise BuildError(shacl.text())
    return BuildResult(corpus, store, graphs, records, findings, shacl, rules)


def analyse(store: ox.Store, rules: Sequence[Rule], reviews: ReviewFile | None = None, *,
            corpus: Corpus | None = None) -> tuple[dict[str, ClaimRecord], Findings]:
    """Derive, check and run the rules over a loaded store; the findings are
    added to its derived graph.

    The claim records come from the ``corpus`` the store was built from
    (:func:`~claimgraph.graph.records.corpus_records`) or, without it, from the
    store. They are made, and the violation checks run, while the rules run:
    Oxigraph evaluates without the GIL.

    Raises :class:`BuildError` when a ``*-violation`` rule returns a row.
    """
    with paused_gc():
        derive(store, rules)
        with ThreadPoolExecutor(max_workers=2) as side:
            checking = side.submit(violations, store, rules)
            reading = side.submit(claim_records, store) if corpus is None else side.submit(corpus_records, corpus)
            rows = run_rules(store, select_rules(rules))
            broken, records = checking.result(), reading.result()
        if broken:
            raise BuildError("\n".join(broken))
        findings = find(store, records, reviews, rules, rows=rows)
        del rows  # hundreds of MB at 100k claims: free them before the store grows
        load_graphs(store, findings_batches(findings, rules))
    return records, findings


def iter_outputs(result: BuildResult, *, views: bool = True, quantity: str = "troop-count",
                 progress: Progress | None = None) -> Iterator[tuple[str, Content]]:
    """The output files one at a time, as (path relative to the output folder,
    content) pairs: what :func:`write_outputs` streams to disk, so that at
    100k claims the gigabytes of N-Quads, Turtle, GraphML and pages are never
    all held at once. The RDF files come as chunks of bytes, one named graph
    each; every other file as bytes. Byte-stable; the order is the order of
    the work."""
    step = progress or (lambda message: None)
    step("serialising")
    for fmt, name in (("nquads", "claims.nq"), ("trig", "claims.trig"), ("turtle", "claims.ttl")):
        yield name, _paused(result.chunks(fmt))
    reports: list[tuple[str, Callable[[], bytes]]] = [
        ("shacl-report.txt", lambda: result.shacl.text().encode("utf-8")),
        ("contradictions.md", lambda: contradictions_markdown(result.findings, result.records,
                                                              result.near_misses).encode("utf-8")),
        # orjson writes the bytes json.dumps(..., ensure_ascii=False, indent=2)
        # does, twenty times faster: the standard library indents in Python.
        ("contradictions.json", lambda: orjson.dumps(contradictions_json(result.findings, result.records),
                                                     option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)),
        ("coverage.md", lambda: coverage_markdown(result.corpus).encode("utf-8")),
        ("summary.txt", lambda: summary_text(result).encode("utf-8")),
    ]
    yield from _paused((name, make()) for name, make in reports)
    with paused_gc():
        exports = export_files(result)
    yield from exports.items()
    if views:
        step("rendering views")
        yield from _paused(iter_views(result, quantity=quantity))


def _paused(items: Iterator[T]) -> Iterator[T]:
    """Each item made with the cyclic garbage collector paused: the outputs make
    millions of short-lived objects and no cycles worth collecting, and the
    collector's passes over the build's records cost more than the work."""
    while True:
        with paused_gc():
            item = next(items, _DONE)
        if item is _DONE:
            return
        yield item


_DONE: Any = object()


def render_outputs(result: BuildResult, *, views: bool = True, quantity: str = "troop-count",
                   progress: Progress | None = None) -> dict[str, bytes]:
    """File contents by path relative to the output folder, in path order; byte-stable
    (all of :func:`iter_outputs` at once)."""
    return {name: content if isinstance(content, bytes) else b"".join(content)
            for name, content in sorted(iter_outputs(result, views=views, quantity=quantity, progress=progress),
                                        key=lambda item: item[0])}


def write_outputs(folder: Path, files: Mapping[str, Content] | Iterable[tuple[str, Content]]) -> list[Path]:
    """Publish the files as one atomic step (:func:`claimgraph.outputs.publish.publish`):
    a failed or killed build leaves the whole previous output, never a mix."""
    return publish(Path(folder), files)
