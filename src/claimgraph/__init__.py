"""claimgraph: a hand-checked claim graph of news articles, and the
contradictions between the claims.

The public API is small; see ``ClaimGraph`` for notebook use.
"""

from claimgraph.version import __version__

from claimgraph.graph.build import corpus_quads, serialize
from claimgraph.rules.engine import find
from claimgraph.rules.findings import Finding, Findings
from claimgraph.rules.loading import Rule, load_rules
from claimgraph.corpus.load import Corpus, load_corpus
from claimgraph.corpus.problems import CorpusError, Problem
from claimgraph.pipeline import build, build_graph, iter_outputs, render_outputs, write_outputs
from claimgraph.result import BuildError, BuildResult
from claimgraph.graph.sparql import run_query, shipped_queries
from claimgraph.notebook.facade import ClaimGraph

__all__ = [
    "__version__", "Corpus", "CorpusError", "Problem", "load_corpus", "corpus_quads", "serialize",
    "Rule", "Finding", "Findings", "load_rules", "find", "BuildError", "BuildResult", "build", "build_graph",
    "iter_outputs", "render_outputs", "write_outputs", "run_query", "shipped_queries",
    "ClaimGraph",
]
