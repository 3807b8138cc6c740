"""Validation of annotations: every invalid case gives one readable line
naming the file, the line and the field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from claimgraph.corpus.load import load_corpus
from claimgraph.corpus.problems import CorpusError
from claimgraph.resources import default_ontology_path

DATA = Path(__file__).parents[1] / "data"

CASES = {
    "quote-not-found": (24, "claims[1](c02).quote", "quote not found in the article text: 'An analyst said the troops left.'"),
    "quote-ambiguous": (24, "claims[1](c02).quote", "quote occurs 3 times; add 'start' to say which"),
    "unknown-entity": (25, "claims[1](c02).speaker", "unknown entity 'analyst-z'"),
    "impossible-date": (7, "published.date", "impossible date '2021-02-30'"),
    "lower-above-upper": (21, "claims[0](c01).proposition.quantity", "lower bound 3000 is above upper bound 2000"),
    "duplicate-id": (23, "claims[1].id", "duplicate claim id 'c01'"),
    "not-checked": (32, "claims[1](c02).status", "claim is not checked (status: draft)"),
    "unknown-field": (28, "claims[1](c02).proposition.subjet", "unknown field (a typo?)"),
}


def corpus_with(tmp_path: Path, annotation: Path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(DATA / "valid" / "corpus", root)
    shutil.copy(annotation, root / "annotations" / "demo-1.yaml")
    return root


def test_the_valid_corpus_loads():
    corpus = load_corpus(DATA / "valid" / "corpus", default_ontology_path())
    assert [a.id for a in corpus.articles] == ["demo-1"]
    assert [c.start for c in corpus.articles[0].annotation.claims] == [0, 50]


@pytest.mark.parametrize("case", sorted(CASES))
def test_invalid_annotation_gives_a_located_error(tmp_path, case):
    line, field, message = CASES[case]
    root = corpus_with(tmp_path, DATA / "invalid" / f"{case}.yaml")
    with pytest.raises(CorpusError) as caught:
        load_corpus(root, default_ontology_path())
    problems = [p for p in caught.value.problems if p.field == field]
    assert problems, [str(p) for p in caught.value.problems]
    problem = problems[0]
    assert problem.path == "corpus/annotations/demo-1.yaml"
    assert problem.line == line
    assert message in problem.message
    assert str(problem).startswith(f"corpus/annotations/demo-1.yaml:{line}: {field}: ")


def test_a_changed_article_text_is_an_error(tmp_path):
    root = corpus_with(tmp_path, DATA / "valid" / "corpus" / "annotations" / "demo-1.yaml")
    text = root / "articles" / "demo-1.txt"
    text.write_bytes(text.read_bytes().replace(b"2,500", b"2,600"))
    with pytest.raises(CorpusError) as caught:
        load_corpus(root, default_ontology_path())
    assert any(p.field == "sha256" and "the article text changed" in p.message for p in caught.value.problems)


def test_drafts_load_only_when_asked(tmp_path):
    root = corpus_with(tmp_path, DATA / "invalid" / "not-checked.yaml")
    corpus = load_corpus(root, default_ontology_path(), include_drafts=True)
    assert [c.status for c in corpus.articles[0].annotation.claims] == ["checked", "draft"]


def test_yaml_syntax_error_names_the_line(tmp_path):
    root = corpus_with(tmp_path, DATA / "valid" / "corpus" / "annotations" / "demo-1.yaml")
    path = root / "annotations" / "demo-1.yaml"
    path.write_text(path.read_text().replace("claims:\n", "claims: [\n", 1))
    with pytest.raises(CorpusError) as caught:
        load_corpus(root, default_ontology_path())
    assert "YAML syntax error" in str(caught.value)
    assert caught.value.problems[0].line > 1


def test_duplicate_entity_ids_across_registry_files(tmp_path):
    root = corpus_with(tmp_path, DATA / "valid" / "corpus" / "annotations" / "demo-1.yaml")
    (root / "entities" / "more.yaml").write_text("- {id: analyst-c, type: person, label: Another}\n")
    with pytest.raises(CorpusError) as caught:
        load_corpus(root, default_ontology_path())
    assert "duplicate entity id 'analyst-c'" in str(caught.value)


@pytest.mark.corpus
def test_every_quote_in_the_corpus_is_at_its_offsets(corpus):
    checked = 0
    for article in corpus.articles:
        for item in [*article.annotation.claims, *article.annotation.excluded]:
            assert article.text[item.start:item.end] == item.quote, (article.id, item.quote)
            checked += 1
    assert checked > 150


@pytest.mark.corpus
def test_stored_texts_keep_their_no_break_spaces_and_curly_quotes(corpus):
    texts = {a.id[:3]: a.text for a in corpus.articles}
    assert "all\u00a039,000" in texts["004"]
    assert "\u00a0" in texts["000"]
    assert "’" in texts["001"] and "“" in texts["003"]


def test_an_article_id_that_cannot_be_part_of_an_iri_is_an_error(tmp_path):
    root = corpus_with(tmp_path, DATA / "valid" / "corpus" / "annotations" / "demo-1.yaml")
    for folder, suffix in (("articles", ".txt"), ("annotations", ".yaml")):
        (root / folder / f"demo-1{suffix}").rename(root / folder / f"demo 1>{suffix}")
    with pytest.raises(CorpusError) as caught:
        load_corpus(root, default_ontology_path())
    assert any("article id 'demo 1>'" in p.message and p.path == "corpus/articles/demo 1>.txt"
               for p in caught.value.problems), [str(p) for p in caught.value.problems]
