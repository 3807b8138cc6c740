"""Shared fixtures: the real corpus built once, and a factory for small
hand-made corpora in the real annotation format."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
import yaml

from claimgraph.corpus.load import load_corpus
from claimgraph.pipeline import build_graph
from claimgraph.resources import default_corpus_path, default_ontology_path, default_shapes_path

DATA = Path(__file__).parent / "data"
IN_CI = os.environ.get("CI") == "true"


@pytest.fixture(scope="session")
def corpus():
    return load_corpus(default_corpus_path(), default_ontology_path())


@pytest.fixture(scope="session")
def result(corpus):
    return build_graph(corpus, default_shapes_path().read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def xss_result():
    """The corpus whose quotes and labels carry script-injection payloads."""
    return build_findings(DATA / "xss")


def write_corpus(root: Path, articles: dict[str, list[dict]], *, published: str = "2011-10-21",
                 reviews: dict | None = None, entities: Path = DATA / "valid" / "entities.yaml") -> Path:
    """Write a corpus folder whose article texts are the claims' quotes, one per line."""
    for folder in ("articles", "annotations", "entities"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    shutil.copy(entities, root / "entities" / "test.yaml")
    for article_id, claims in articles.items():
        text = "\n".join(claim["quote"] for claim in claims) + "\n"
        raw = text.encode("utf-8")
        (root / "articles" / f"{article_id}.txt").write_bytes(raw)
        annotation = {
            "article": article_id, "sha256": hashlib.sha256(raw).hexdigest(), "title": article_id,
            "publisher": "outlet-one", "authors": [],
            "published": {"date": published, "status": "stated", "evidence": "test"},
            "checked_by": "tester", "checked_on": "2026-11-25",
            "claims": [{"status": "checked", "via": [], **claim} for claim in claims],
        }
        (root / "annotations" / f"{article_id}.yaml").write_text(
            yaml.safe_dump(annotation, sort_keys=False, allow_unicode=True), encoding="utf-8")
    if reviews is not None:
        (root / "reviews.yaml").write_text(yaml.safe_dump(reviews, sort_keys=False), encoding="utf-8")
    return root


@pytest.fixture
def make_corpus(tmp_path):
    def factory(articles: dict[str, list[dict]], **kwargs) -> Path:
        return write_corpus(tmp_path / "corpus", articles, **kwargs)
    return factory


def build_findings(root: Path, rules=None):
    corpus = load_corpus(root, default_ontology_path())
    return build_graph(corpus, default_shapes_path().read_text(encoding="utf-8"), rules=rules)


# Doctests in the package that build the real corpus carry the marker too.
_REAL_CORPUS = ("from_corpus()", "default_corpus_path()", "ClaimGraph.from_corpus().")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "corpus" in getattr(item, "fixturenames", ()) or "result" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.corpus)
        dtest = getattr(item, "dtest", None)
        if dtest is not None and any(any(p in e.source for p in _REAL_CORPUS) for e in dtest.examples):
            item.add_marker(pytest.mark.corpus)
