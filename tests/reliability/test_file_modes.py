"""Promise 10: writes keep the mode of the file they replace, and new files
follow the user's umask (not 0600)."""

from __future__ import annotations

import json
import os
import stat
import sys

import pytest

from claimgraph.corpus.reviews import record_review

from reliability_support import DATA, run_cli

sys.path.insert(0, str(DATA.parent))
from conftest import write_corpus  # noqa: E402  (tests/conftest.py)


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def umask():
    previous = os.umask(0o022)
    yield lambda mask: os.umask(mask)
    os.umask(previous)


@pytest.mark.parametrize("mode", [0o644, 0o664, 0o600, 0o640])
def test_a_rewrite_keeps_the_mode(tmp_path, umask, mode):
    path = tmp_path / "reviews.yaml"
    path.write_text("reviews: []\n")
    os.chmod(path, mode)
    record_review(path, "f-1", "confirmed", ["a.c1", "b.c1"], None, "ana")
    assert _mode(path) == mode


@pytest.mark.parametrize("mask,expected", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_new_file_follows_the_umask(tmp_path, umask, mask, expected):
    umask(mask)
    path = tmp_path / "reviews.yaml"
    record_review(path, "f-1", "confirmed", ["a.c1", "b.c1"], None, "ana")
    assert _mode(path) == expected


def test_decide_and_add_keep_modes_from_the_command_line(tmp_path):
    claims = [{"id": f"c{n}", "quote": f"there are {amount:,} troops", "speaker": "minister-a", "modality": "asserted",
               "via": [], "proposition": {"subject": "force-presence", "predicate": "troop-count",
                                          "scope": "all-troops", "time": "2011-10",
                                          "quantity": {"amount": amount, "qualifier": "exact", "unit": "persons"}}}
              for n, amount in ((1, 2000), (2, 5000))]
    corpus = write_corpus(tmp_path / "corpus", {"a1": claims}, reviews={"reviews": []})
    reviews = corpus / "reviews.yaml"
    os.chmod(reviews, 0o664)
    finding = json.loads(run_cli("contradictions", "--corpus", str(corpus), "--format", "json").stdout)[0]["id"]
    finished = run_cli("decide", finding, "confirmed", "--by", "ana", "--corpus", str(corpus))
    assert finished.returncode == 0, finished.stderr
    assert _mode(reviews) == 0o664
    article = tmp_path / "new-one.txt"
    article.write_text("A new article.\n")
    finished = run_cli("add", str(article), "--publisher", "outlet-one", "--date", "2021-07-23", "--corpus", str(corpus),
                       preexec_fn=lambda: os.umask(0o022))
    assert finished.returncode == 0, finished.stderr
    assert _mode(corpus / "articles" / "new-one.txt") == 0o644
    assert _mode(corpus / "annotations" / "new-one.yaml") == 0o644
