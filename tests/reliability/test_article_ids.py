"""Promise 9: every command that takes an article id rejects a path, so no
command reads or writes a file outside the corpus."""

from __future__ import annotations

import shutil

import pytest

from reliability_support import VALID, run_cli


@pytest.fixture
def corpus_and_outside(tmp_path):
    corpus = tmp_path / "work" / "corpus"
    shutil.copytree(VALID, corpus)
    outside = tmp_path / "x"
    shutil.copytree(VALID, outside)  # a corpus-shaped folder the user never meant to touch
    (outside / "articles" / "demo-1.txt").rename(outside / "articles" / "y.txt")
    (outside / "annotations" / "demo-1.yaml").rename(outside / "annotations" / "y.yaml")
    return corpus, outside


@pytest.mark.parametrize("command", [
    ["draft", "../../x/articles/y"],
    ["draft", "../../x/y"],
    ["review", "../../x/y", "--by", "tester"],
    ["check", "../../x/y"],
    ["contradictions", "--article", "../../x/y"],
    ["draft", ".."],
    ["draft", "demo-1\n"],
])
def test_a_path_is_not_an_article_id(corpus_and_outside, command):
    corpus, outside = corpus_and_outside
    before = {p: p.read_bytes() for p in outside.rglob("*") if p.is_file()}
    finished = run_cli(*command, "--corpus", str(corpus), input="q\n")
    assert finished.returncode != 0, finished.stdout
    assert "is not an article id" in finished.stderr
    assert "Traceback" not in finished.stderr
    assert {p: p.read_bytes() for p in outside.rglob("*") if p.is_file()} == before
