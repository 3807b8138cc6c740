"""The whole build as values: corpus → graph → rules → rendered files.

:func:`build_graph` does the work in memory; :func:`render_outputs` turns a
result into file contents; :func:`write_outputs` publishes them atomically.
Nothing here knows the project's default paths.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import pyoxigraph as ox

from claimgraph.graph.build import corpus_graphs, dataset_nquads, graph_quads, load_graphs, serialize
from claimgraph.cache import Cache
from claimgraph.rules.engine import (Findings, Rule, derive, find, findings_batches, load_rules, run_rules, select_rules,
                             violations)
from claimgraph.corpus.load import Corpus
from claimgraph.memory import paused_gc
from claimgraph.corpus.models import ReviewFile
from claimgraph.namespaces import graph_iri
from claimgraph.graph.records import ClaimRecord, claim_records, corpus_records
from claimgraph.outputs.report import contradictions_json, contradictions_markdown, coverage_markdown, summary_text
from claimgraph.graph.validate import ShaclReport, validate_store

__all__ = ["BuildResult", "BuildError", "build_graph", "analyse", "render_outputs", "write_outputs"]

Progress = Callable[[str], None]


class BuildError(Exception):
    """The built graph violates the shapes or a rule failed; nothing is written."""


@dataclass
class BuildResult:
    """Everything one build produced, in memory: the dataset lives in ``store``."""

    corpus: Corpus
    store: ox.Store
    graphs: list[str]
    records: dict[str, ClaimRecord]
    findings: Findings
    shacl: ShaclReport
    rules: list[Rule]

    @property
    def quads(self) -> list[ox.Quad]:
        """The corpus graphs' quads, graph by graph, each graph sorted."""
        return [quad for graph in self.graphs if graph != DERIVED for quad in graph_quads(self.store, graph)]

    @property
    def derived(self) -> list[ox.Quad]:
        """The derived graph: construct rules and findings, sorted."""
        return graph_quads(self.store, DERIVED)

    @property
    def all_quads(self) -> list[ox.Quad]:
        """Corpus graphs then the derived graph, each in sorted order."""
        return self.quads + self.derived

    def nquads(self) -> bytes:
        """The whole dataset as N-Quads, graph by graph, each graph sorted."""
        return dataset_nquads(self.store, self.graphs)


DERIVED = graph_iri("derived")


def build_graph(corpus: Corpus, shapes_text: str, *, rules: Sequence[Rule] | None = None,
                validate: bool = True, progress: Progress | None = None,
                cache: Cache | None = None) -> BuildResult:
    """Build the RDF dataset, run the rules and validate it.

    With a ``cache``, SHACL results are reused for graphs whose content,
    shapes and context are unchanged.

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
    step("deriving and running rules")
    records, findings = analyse(store, rules, corpus.reviews, corpus=corpus)
    graphs.append(DERIVED)
    shacl = ShaclReport()
    if validate:
        step("validating shapes")
        shacl = validate_store(store, graphs, shapes_text, cache=cache)
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


def render_outputs(result: BuildResult, *, views: bool = True, quantity: str = "troop-count",
                   progress: Progress | None = None) -> dict[str, bytes]:
    """File contents by path relative to the output folder; byte-stable."""
    step = progress or (lambda message: None)
    step("serialising")
    everything = result.all_quads
    files = {
        "claims.trig": serialize(everything, "trig"),
        "claims.ttl": serialize(everything, "turtle"),
        "claims.nq": result.nquads(),
        "shacl-report.txt": result.shacl.text().encode("utf-8"),
        "contradictions.md": contradictions_markdown(result.findings, result.records).encode("utf-8"),
        "contradictions.json": (json.dumps(contradictions_json(result.findings, result.records),
                                           ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
        "coverage.md": coverage_markdown(result.corpus).encode("utf-8"),
        "summary.txt": summary_text(result).encode("utf-8"),
    }
    if views:
        step("rendering views")
        from claimgraph.outputs.views import render_views
        files.update(render_views(result, quantity=quantity))
    return files


def write_outputs(folder: Path, files: dict[str, bytes]) -> list[Path]:
    """Write every file atomically: all go to a staging folder first, then
    each is renamed into place, so a failure never leaves half a file and a
    failed build never touches the previous output."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=folder))
    written: list[Path] = []
    try:
        for relative, content in sorted(files.items()):
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        for relative in sorted(files):
            final = folder / relative
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / relative, final)
            written.append(final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written

