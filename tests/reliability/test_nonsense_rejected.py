"""Promise 8: nonsense does not pass validation: negative counts, a speaker
in their own via chain, a repeated relay, a person as publisher, unknown
filters, and units outside the vocabulary."""

from __future__ import annotations

import shutil
import sys

import pytest

from claimgraph.corpus.load import load_corpus
from claimgraph.corpus.problems import CorpusError
from claimgraph.resources import default_ontology_path

from reliability_support import DATA, VALID, run_cli

sys.path.insert(0, str(DATA.parent))
from conftest import write_corpus  # noqa: E402  (tests/conftest.py)


def _claim(cid="c1", quote="there are 39,000 troops", *, amount=39000, unit="persons", speaker="minister-a", via=()):
    return {"id": cid, "quote": quote, "speaker": speaker, "modality": "asserted", "via": list(via),
            "proposition": {"subject": "force-presence", "predicate": "troop-count", "scope": "all-troops",
                            "time": "2011-10", "quantity": {"amount": amount, "qualifier": "exact", "unit": unit}}}


def _problems(tmp_path, *claims) -> str:
    root = write_corpus(tmp_path / "corpus", {"a1": list(claims)})
    with pytest.raises(CorpusError) as caught:
        load_corpus(root, default_ontology_path())
    return str(caught.value)


def test_a_negative_count_of_persons_is_rejected(tmp_path):
    assert "amount -39000 is negative" in _problems(tmp_path, _claim(amount=-39000))


def test_a_negative_percent_is_allowed(tmp_path):
    root = write_corpus(tmp_path / "corpus", {"a1": [_claim(quote="fell 3 percent", amount=-3, unit="percent")]})
    assert load_corpus(root, default_ontology_path()).claim_count == 1


def test_a_speaker_in_their_own_via_chain_is_rejected(tmp_path):
    assert "cannot relay their own claim" in _problems(tmp_path, _claim(via=["analyst-c", "minister-a"]))


def test_a_chain_that_repeats_an_agent_is_rejected(tmp_path):
    assert "'analyst-c' appears more than once" in _problems(tmp_path, _claim(via=["analyst-c", "analyst-c"]))


def test_a_unit_outside_the_vocabulary_is_rejected(tmp_path):
    problems = _problems(tmp_path, _claim(unit="bananas"))
    assert "unknown unit 'bananas'" in problems and "a1.yaml:" in problems


def test_a_corpus_may_add_a_unit_in_its_vocabulary(tmp_path):
    root = write_corpus(tmp_path / "corpus", {"a1": [_claim(unit="bananas")]})
    (root / "vocabulary.ttl").write_text(
        "@prefix cg: <https://w3id.org/claimgraph/ns#> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        'cg:bananas a cg:Unit ; rdfs:label "bananas" .\n')
    assert load_corpus(root, default_ontology_path()).claim_count == 1


def test_every_unit_the_corpus_and_bench_use_is_in_the_vocabulary():
    from claimgraph.corpus.vocabulary import load_vocabulary

    units = load_vocabulary(default_ontology_path().read_text()).units
    assert {"persons", "USD", "seats", "percent", "years", "votes", "miles", "districts"} <= units


def test_a_person_as_publisher_is_rejected_by_add_and_by_validation(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(VALID, corpus)
    article = tmp_path / "new.txt"
    article.write_text("Minister A said 2,500 troops remain.\n")
    finished = run_cli("add", str(article), "--publisher", "minister-a", "--date", "2021-07-23", "--corpus", str(corpus))
    assert finished.returncode != 0
    assert "'minister-a' is a person" in finished.stderr
    assert not (corpus / "articles" / "new.txt").exists()
    annotation = corpus / "annotations" / "demo-1.yaml"
    annotation.write_text(annotation.read_text().replace("publisher: outlet-one", "publisher: minister-a"))
    finished = run_cli("validate", "--corpus", str(corpus))
    assert finished.returncode == 1 and "publisher 'minister-a' is a person" in finished.stderr


@pytest.mark.parametrize("option,value", [("--kind", "numeric-conflcit"), ("--status", "confirmd")])
def test_an_unknown_filter_is_an_error_not_no_match(option, value):
    finished = run_cli("contradictions", option, value, "--corpus", str(VALID))
    assert finished.returncode == 2
    assert f"error: {option}" in finished.stderr and value in finished.stderr
    assert "no contradictions match" not in finished.stdout
