"""claimgraph: a hand-checked claim graph of news articles, and the
contradictions between the claims.

The public API is small; see ``ClaimGraph`` for notebook use.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("claimgraph")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"

from claimgraph.graph.build import corpus_quads, serialize
from claimgraph.rules.engine import Finding, Findings, Rule, find, load_rules
from claimgraph.corpus.load import Corpus, CorpusError, Problem, load_corpus
from claimgraph.pipeline import BuildError, BuildResult, build_graph, render_outputs, write_outputs
from claimgraph.graph.sparql import run_query, shipped_queries
from claimgraph.notebook.facade import ClaimGraph

__all__ = [
    "__version__", "Corpus", "CorpusError", "Problem", "load_corpus", "corpus_quads", "serialize",
    "Rule", "Finding", "Findings", "load_rules", "find", "BuildError", "BuildResult", "build_graph",
    "render_outputs", "write_outputs", "run_query", "shipped_queries",
    "ClaimGraph",
]
