"""Where the project's own files live.

The package is installed in editable mode from the repository, so the
hand-edited sources (``ontology/``, ``corpus/``) are found next to ``src/``;
``CLAIMGRAPH_HOME`` points elsewhere. Shipped data (queries, rules,
templates) is found from ``Path(__file__)``, never from the working directory.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["project_root", "default_ontology_path", "default_shapes_path", "default_corpus_path",
           "default_output_path", "queries_dir", "rules_dir", "templates_dir"]

_PACKAGE = Path(__file__).resolve().parent


def project_root() -> Path:
    """The repository root (``CLAIMGRAPH_HOME`` overrides)."""
    home = os.environ.get("CLAIMGRAPH_HOME")
    return Path(home).resolve() if home else _PACKAGE.parents[1]


def default_ontology_path() -> Path:
    return project_root() / "ontology" / "claimgraph.ttl"


def default_shapes_path() -> Path:
    return project_root() / "ontology" / "shapes.ttl"


def default_corpus_path() -> Path:
    return project_root() / "corpus"


def default_output_path() -> Path:
    return project_root() / "output"


def queries_dir() -> Path:
    return _PACKAGE / "graph" / "queries"


def rules_dir() -> Path:
    return _PACKAGE / "rules"


def templates_dir() -> Path:
    return _PACKAGE / "outputs" / "templates"


def default_cache_path() -> Path:
    """Where ``claimgraph build`` keeps its content-hash cache:
    ``$XDG_CACHE_HOME/claimgraph`` (``~/.cache/claimgraph``). Outside the
    output folder, so a failed build leaves that folder untouched."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "claimgraph"
