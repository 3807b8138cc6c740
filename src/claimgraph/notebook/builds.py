"""Builds kept per process for the notebook: asking again for an unchanged
corpus is instant, while any edited input file rebuilds."""

from __future__ import annotations

import dataclasses
import hashlib
from collections import OrderedDict
from pathlib import Path
from typing import Iterable

from claimgraph.graph.build import new_store
from claimgraph.pipeline import build
from claimgraph.resources import rules_dir
from claimgraph.result import BuildResult

__all__ = ["cached_build", "fingerprint"]

_CACHE_SIZE = 4
_builds: "OrderedDict[str, BuildResult]" = OrderedDict()


def fingerprint(paths: Iterable[Path], extra: str) -> str:
    """Hash of every input file's name and bytes: equal hashes mean an equal build."""
    digest = hashlib.sha256(extra.encode("utf-8"))
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            digest.update(str(file).encode("utf-8") + b"\0")
            digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def cached_build(corpus_path: Path, ontology_path: Path, shapes_path: Path, *, include_drafts: bool,
                 validate: bool, cache: bool) -> BuildResult:
    """:func:`claimgraph.pipeline.build`, reused while every input file's bytes
    are unchanged; each caller gets a private copy of the store."""
    key = fingerprint([corpus_path.resolve(), ontology_path.resolve(), shapes_path.resolve(), rules_dir()],
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
    return result
