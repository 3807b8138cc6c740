"""Promise 7: control characters in an article never make an output invalid
and never reach the terminal raw; ``check`` warns about them."""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET

import pytest

from claimgraph.corpus.load import load_corpus
from claimgraph.outputs.views import render_views
from claimgraph.pipeline import build_graph
from claimgraph.resources import default_ontology_path, default_shapes_path

from reliability_support import DATA, run_cli

sys.path.insert(0, str(DATA.parent))
from conftest import write_corpus  # noqa: E402  (tests/conftest.py)

NASTY = "\x0c\x07\x00\x0b\ufffe"
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _claim(cid: str, quote: str, amount: int) -> dict:
    return {"id": cid, "quote": quote, "speaker": "minister-a", "modality": "asserted", "via": [],
            "proposition": {"subject": "force-presence", "predicate": "troop-count", "scope": "all-troops",
                            "time": "2011-10", "quantity": {"amount": amount, "qualifier": "exact", "unit": "persons"}}}


@pytest.fixture(scope="module")
def nasty_corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("nasty")
    return write_corpus(root / "corpus", {"a1": [
        _claim("c1", f"there are 2,000 troops{NASTY} here", 2000),
        _claim("c2", "there are 5,000 troops \x1b[31mred\x1b[0m now", 5000),
    ]})


def test_graphml_and_html_stay_well_formed(nasty_corpus):
    corpus = load_corpus(nasty_corpus, default_ontology_path())
    result = build_graph(corpus, default_shapes_path().read_text(encoding="utf-8"))
    files = render_views(result)
    ET.fromstring(files["claims.graphml"])  # raises on a character XML forbids
    for name, content in files.items():
        if name.endswith((".html", ".graphml")):
            assert not NOT_XML.search(content.decode("utf-8")), name


def test_a_build_writes_valid_graphml(nasty_corpus, tmp_path):
    finished = run_cli("build", "--corpus", str(nasty_corpus), "--out", str(tmp_path / "out"), "--no-cache")
    assert finished.returncode == 0, finished.stderr
    ET.parse(tmp_path / "out" / "claims.graphml")
    assert "\x1b" not in finished.stdout + finished.stderr


def test_no_escape_sequence_from_the_corpus_reaches_the_terminal(nasty_corpus):
    listed = run_cli("contradictions", "--corpus", str(nasty_corpus), "--format", "json")
    assert listed.returncode == 0, listed.stderr
    assert "\x1b" not in listed.stdout  # JSON escapes it
    finding = json.loads(listed.stdout)[0]["id"]
    for args in (["contradictions"], ["explain", finding]):
        finished = run_cli(*args, "--corpus", str(nasty_corpus))
        assert finished.returncode == 0, finished.stderr
        assert "\x1b" not in finished.stdout, args
        assert "␛[31m" in finished.stdout


def test_check_warns_about_control_characters(nasty_corpus):
    finished = run_cli("check", "--corpus", str(nasty_corpus))
    warnings = [line for line in finished.stdout.splitlines() if "control character" in line]
    assert any("U+000C" in line for line in warnings), finished.stdout
    assert any("U+001B" in line for line in warnings)
    assert all(re.search(r"articles/a1.txt:[12]: text: warning: control character U\+", line) for line in warnings)
