"""The content-hash cache: parsed YAML and per-graph SHACL results are
reused only while every input is byte-identical, and give the same answers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from claimgraph.graph import validate as validate_module
from claimgraph.cache import Cache
from claimgraph.corpus.load import load_corpus
from claimgraph.corpus.problems import CorpusError
from claimgraph.resources import default_corpus_path, default_ontology_path, default_shapes_path

DATA = Path(__file__).parent / "data"
CG = "https://w3id.org/claimgraph/ns#"


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


def _broken_store(result) -> ox.Store:
    store = ox.Store()
    store.extend(result.all_quads)
    claim = ox.NamedNode(next(iter(result.records)))
    for quad in list(store.quads_for_pattern(claim, ox.NamedNode(CG + "speaker"), None)):
        store.remove(quad)
    return store


@pytest.mark.corpus
def test_shacl_results_are_cached_per_graph_and_reused(result, tmp_path, monkeypatch):
    shapes = default_shapes_path().read_text(encoding="utf-8")
    store = _broken_store(result)
    cache = Cache(tmp_path / "cache")
    first = validate_module.validate_store(store, result.graphs, shapes, cache=cache, workers=1)
    assert not first.conforms
    broken_graph = next(iter(result.records.values())).article
    assert {r.graph.rsplit("/", 1)[-1] for r in first.results} == {broken_graph}
    assert len(_entries(tmp_path / "cache", "shacl")) == len(result.graphs) - 1  # all but the ontology

    def no_validation(*args):
        raise AssertionError("a cached graph was validated again")

    monkeypatch.setattr(validate_module, "_validate_batch", no_validation)
    again = validate_module.validate_store(store, result.graphs, shapes, cache=cache, workers=1)
    assert again.text() == first.text()


@pytest.mark.corpus
def test_shacl_in_worker_processes_matches_one_process(result):
    shapes = default_shapes_path().read_text(encoding="utf-8")
    store = _broken_store(result)
    alone = validate_module.validate_store(store, result.graphs, shapes, batch_size=2, workers=1)
    pooled = validate_module.validate_store(store, result.graphs, shapes, batch_size=2, workers=2)
    assert pooled.text() == alone.text()
    assert not pooled.conforms and pooled.graphs == len(result.graphs) - 1


@pytest.mark.corpus
def test_a_graph_validates_the_same_alone_or_in_a_batch(result):
    """Cached per-graph results are only sound if a graph's result does not
    depend on the graphs that shared its batch."""
    shapes = default_shapes_path().read_text(encoding="utf-8")
    assert validate_module.validate_store(result.store, result.graphs, shapes, batch_size=1, workers=1).conforms
    store = _broken_store(result)
    alone = validate_module.validate_store(store, result.graphs, shapes, batch_size=1, workers=1)
    together = validate_module.validate_store(store, result.graphs, shapes, batch_size=50, workers=1)
    assert alone.text() == together.text() and not alone.conforms


@pytest.mark.corpus
def test_the_derived_graph_is_checked_against_the_shapes_of_what_it_holds(result):
    """Only shapes targeting a graph's own types run on it; a contradiction
    joining a single claim is still caught in the derived graph."""
    shapes = default_shapes_path().read_text(encoding="utf-8")
    store = ox.Store()
    store.extend(result.all_quads)
    finding = ox.NamedNode(f"https://w3id.org/claimgraph/id/finding/{result.findings.contradictions[0].id}")
    joins = list(store.quads_for_pattern(finding, ox.NamedNode(CG + "joins"), None))
    for quad in joins[1:]:
        store.remove(quad)
    report = validate_module.validate_store(store, result.graphs, shapes, workers=1)
    assert [(r.graph.rsplit("/", 1)[-1], r.message) for r in report.results] == [
        ("derived", "A contradiction joins at least two claims.")]


@pytest.mark.corpus
def test_a_rebuild_validates_only_the_changed_graph_and_reports_like_a_fresh_run(result, tmp_path, monkeypatch):
    shapes = default_shapes_path().read_text(encoding="utf-8")
    cache = Cache(tmp_path / "cache")
    intact = ox.Store()
    intact.extend(result.all_quads)  # made as _broken_store makes its store, so graphs dump alike
    assert validate_module.validate_store(intact, result.graphs, shapes, cache=cache, batch_size=1).conforms
    store = _broken_store(result)
    fresh = validate_module.validate_store(store, result.graphs, shapes, batch_size=1, workers=1)
    validated: list[str] = []
    real = validate_module._validate_batch

    def counting(shapes_text, context, batch, use=None):
        validated.extend(name for name, *_ in batch)
        return real(shapes_text, context, batch, use)

    monkeypatch.setattr(validate_module, "_validate_batch", counting)
    mixed = validate_module.validate_store(store, result.graphs, shapes, cache=cache, batch_size=1, workers=1)
    assert [name.rsplit("/", 1)[-1] for name in validated] == [next(iter(result.records.values())).article]
    assert mixed.text() == fresh.text() and not mixed.conforms
    pooled = validate_module.validate_store(store, result.graphs, shapes, cache=cache, batch_size=1, workers=2)
    assert pooled.text() == fresh.text()
