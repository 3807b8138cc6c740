"""The content-hash cache: parsed YAML is reused only while every input is
byte-identical, and gives the same answers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from claimgraph.cache import Cache
from claimgraph.corpus.load import load_corpus
from claimgraph.corpus.problems import CorpusError
from claimgraph.resources import default_corpus_path, default_ontology_path

DATA = Path(__file__).parent / "data"


def _entries(cache_dir: Path, kind: str) -> list[Path]:
    return sorted((cache_dir / kind).rglob("*.json")) if (cache_dir / kind).exists() else []


@pytest.mark.corpus
def test_a_cached_parse_loads_the_same_corpus(tmp_path):
    cache = Cache(tmp_path / "cache")
    fresh = load_corpus(default_corpus_path(), default_ontology_path())
    first = load_corpus(default_corpus_path(), default_ontology_path(), cache=cache)
    assert len(_entries(tmp_path / "cache", "yaml")) >= len(fresh.articles)
    second = load_corpus(default_corpus_path(), default_ontology_path(), cache=cache)
    for corpus in (first, second):
        assert [a.annotation for a in corpus.articles] == [a.annotation for a in fresh.articles]


def test_a_changed_file_is_parsed_again_and_errors_stay_located(tmp_path):
    root = tmp_path / "corpus"
    shutil.copytree(DATA / "valid" / "corpus", root)
    cache = Cache(tmp_path / "cache")
    load_corpus(root, default_ontology_path(), cache=cache)
    annotation = root / "annotations" / "demo-1.yaml"
    annotation.write_text(annotation.read_text(encoding="utf-8").replace("speaker: analyst-c", "speaker: analyst-z", 1),
                          encoding="utf-8")
    for _ in range(2):  # the second time the broken file's parse comes from the cache
        with pytest.raises(CorpusError) as caught:
            load_corpus(root, default_ontology_path(), cache=cache)
        assert any("unknown entity 'analyst-z'" in p.message and p.line > 1 for p in caught.value.problems)


def test_yaml_that_json_cannot_hold_exactly_is_not_cached(tmp_path):
    from claimgraph.corpus.load import _read_yaml

    cache = Cache(tmp_path / "cache")
    path = tmp_path / "dates.yaml"
    path.write_text("published: {date: 2011-10-21}\n1: one\n", encoding="utf-8")
    data, _ = _read_yaml(path, "dates.yaml", cache)
    assert not _entries(tmp_path / "cache", "yaml")
    path.write_text("published: {date: '2011-10-21'}\n", encoding="utf-8")
    _read_yaml(path, "dates.yaml", cache)
    assert len(_entries(tmp_path / "cache", "yaml")) == 1
