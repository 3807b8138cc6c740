"""Where the user's files and the package's own files live.

Two kinds of files, found two ways:

* **The user's data** (``corpus/``, ``output/``) is found from where the user
  works, never from where the package is installed: ``CLAIMGRAPH_HOME`` if
  set; else the nearest of the working directory and its parents holding a
  project file ``claimgraph.toml``; else the working directory itself. The
  project file may name other folders (paths relative to it)::

      corpus = "corpus"
      output = "output"

* **Shipped data** (the ontology and its shapes, queries, rules, templates) is
  package data, found through :mod:`importlib.resources`, so a built wheel
  works as well as the editable install. The repository's top-level
  ``ontology/`` is the one hand-edited copy; ``src/claimgraph/ontology`` is a
  symlink to it, and the wheel carries the files themselves.
"""

from __future__ import annotations

import functools
import importlib.resources
import os
import tomllib
from pathlib import Path

__all__ = ["PROJECT_FILE", "project_root", "default_ontology_path", "default_shapes_path",
           "default_corpus_path", "default_output_path", "queries_dir", "rules_dir", "templates_dir",
           "ontology_dir", "internal_query", "default_cache_path"]

PROJECT_FILE = "claimgraph.toml"


def _project_file(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        candidate = folder / PROJECT_FILE
        if candidate.is_file():
            return candidate
    return None


def project_root() -> Path:
    """The folder the user works in: ``CLAIMGRAPH_HOME``, else the nearest
    folder upwards from the working directory holding ``claimgraph.toml``,
    else the working directory."""
    home = os.environ.get("CLAIMGRAPH_HOME")
    if home:
        return Path(home).resolve()
    cwd = Path.cwd().resolve()
    found = _project_file(cwd)
    return found.parent if found else cwd


def _project_setting(key: str, default: str) -> Path:
    root = project_root()
    config = root / PROJECT_FILE
    value = default
    if config.is_file():
        with config.open("rb") as handle:
            value = str(tomllib.load(handle).get(key, default))
    return (root / value).resolve() if not Path(value).is_absolute() else Path(value)


def default_corpus_path() -> Path:
    return _project_setting("corpus", "corpus")


def default_output_path() -> Path:
    return _project_setting("output", "output")


def _package_dir(*parts: str) -> Path:
    """A folder of package data as a real path (packages are installed
    unzipped: wheels, editable installs)."""
    resource = importlib.resources.files("claimgraph").joinpath(*parts)
    return Path(str(resource))


def ontology_dir() -> Path:
    return _package_dir("ontology")


def default_ontology_path() -> Path:
    return ontology_dir() / "claimgraph.ttl"


def default_shapes_path() -> Path:
    return ontology_dir() / "shapes.ttl"


def queries_dir() -> Path:
    return _package_dir("graph", "queries")


@functools.cache
def internal_query(name: str) -> str:
    """The text of an internal SPARQL query, ``graph/internal/<name>.rq``
    (each file's header says what it asks and who asks it)."""
    return importlib.resources.files("claimgraph").joinpath("graph", "internal", f"{name}.rq").read_text(
        encoding="utf-8")


def rules_dir() -> Path:
    return _package_dir("rules")


def templates_dir() -> Path:
    return _package_dir("outputs", "templates")


def default_cache_path() -> Path:
    """Where ``claimgraph build`` keeps its content-hash cache:
    ``$XDG_CACHE_HOME/claimgraph`` (``~/.cache/claimgraph``). Outside the
    output folder, so a failed build leaves that folder untouched."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "claimgraph"
