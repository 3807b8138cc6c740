"""What one build produced: :class:`BuildResult`, read by every stage after the rules.

It sits below its readers (the reports, the network, the views, the
notebook) and above the stages that fill it, so data flows one way.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Iterator

import pyoxigraph as ox

from claimgraph.corpus.load import Corpus
from claimgraph.graph.build import dataset_chunks, dataset_nquads, graph_quads
from claimgraph.graph.records import ClaimRecord
from claimgraph.graph.validate import ShaclReport
from claimgraph.namespaces import graph_iri
from claimgraph.rules.findings import Findings
from claimgraph.rules.loading import Rule

__all__ = ["BuildError", "BuildResult", "DERIVED"]


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

    def chunks(self, fmt: str = "nquads") -> Iterator[bytes]:
        """The whole dataset as N-Quads, TriG or the union as Turtle, one graph
        per chunk (:func:`claimgraph.graph.build.dataset_chunks`)."""
        return dataset_chunks(self.store, self.graphs, fmt)

    @functools.cached_property
    def near_misses(self) -> list:
        """Claims of different articles that look related but that no finding joins
        (:mod:`claimgraph.rules.near_misses`)."""
        from claimgraph.rules.near_misses import near_misses, read_unrelated
        return near_misses(self.records, self.findings, self.corpus.entities,
                           unrelated=read_unrelated(self.corpus.root))


DERIVED = graph_iri("derived")
