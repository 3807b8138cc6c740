"""Internal SPARQL lives in .rq files with a header, found as package data."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

import claimgraph

INTERNAL = Path(claimgraph.__file__).parent / "graph" / "internal"


def test_every_internal_query_has_a_header_and_parses():
    files = sorted(INTERNAL.glob("*.rq"))
    assert files
    store = ox.Store()
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# "), f"{path.name}: no header comment saying what it asks"
        list(store.query(text))  # a syntax error raises


def test_every_internal_query_is_used():
    source = "\n".join(p.read_text(encoding="utf-8") for p in Path(claimgraph.__file__).parent.rglob("*.py"))
    for path in INTERNAL.glob("*.rq"):
        assert f'internal_query("{path.stem}")' in source, f"{path.name} is not used"
