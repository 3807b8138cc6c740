"""claimgraph align (proposals for a new article's claims) and claimgraph near-misses (pairs no rule joined)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from claimgraph.authoring.add import add_article
from claimgraph.authoring.align import Hierarchy, align_article, quote_similarity
from claimgraph.authoring.draft import draft_article
from claimgraph.authoring.review import ReviewSession
from claimgraph.cli.app import app
from claimgraph.corpus.load import load_corpus
from claimgraph.outputs.report import contradictions_markdown
from claimgraph.pipeline import build
from claimgraph.resources import default_corpus_path, default_ontology_path
from claimgraph.rules.near_misses import near_misses

UNSEEN = Path(__file__).parents[1] / "data" / "unseen"
runner = CliRunner()


@pytest.fixture(scope="module")
def drafted(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("align") / "corpus"
    shutil.copytree(default_corpus_path(), root)
    add_article(root, UNSEEN / "reuters-obama-pullout.txt", publisher="reuters", date="2011-10-21")
    draft_article(root, "reuters-obama-pullout", default_ontology_path())
    return root


def _row(rows, fragment: str):
    return next(row for row in rows if fragment in row.quote)


def test_align_ranks_the_existing_propositions_a_new_claim_restates(drafted: Path):
    rows = align_article(drafted, default_ontology_path(), "reuters-obama-pullout")
    assert rows and all(len(row.matches) <= 5 for row in rows)
    for row in rows:                          # best first, never the article itself, never a draft
        assert [m.score for m in row.matches] == sorted((m.score for m in row.matches), reverse=True)
        assert all(m.article_id != "reuters-obama-pullout" for m in row.matches)
    war = _row(rows, "America's war in Iraq will be over")
    top = war.matches[0]
    assert top.article_id == "004_1c36b5173ebfdfa8" and "quotes" in "; ".join(top.reasons)
    years = [row.matches[0] for row in rows if row.quote == "nearly nine years" and row.matches]
    assert any(m.relation == "restates" and m.proposition["subject"] == "us-war-in-iraq"
               and m.proposition["predicate"] == "duration" for m in years)


def test_align_uses_the_hierarchy_and_quote_similarity():
    corpus = load_corpus(default_corpus_path(), default_ontology_path())
    hierarchy = Hierarchy(corpus.entities)
    assert hierarchy.relation("us-residual-force-in-iraq", "foreign-military-presence-in-iraq") == 0.6
    assert hierarchy.relation("iraqi-people", "iraqi-government") == 0.0
    assert quote_similarity("US troops will leave Iraq", "US troops will leave Iraq") == 1.0


def test_review_takes_an_aligned_proposition_in_one_keystroke(drafted: Path, tmp_path: Path):
    root = tmp_path / "corpus"
    shutil.copytree(drafted, root)
    rows = {row.claim_id: row for row in align_article(root, default_ontology_path(), "reuters-obama-pullout")}
    claim_id = next(cid for cid, row in rows.items() if "nearly nine years" == row.quote and row.matches)
    wanted = rows[claim_id].matches[0].proposition
    drafts = ReviewSession(root, "reuters-obama-pullout", default_ontology_path()).drafts()
    position = drafts.index(claim_id)
    script = "s\n" * position + "a\n1\na\nq\n"      # a refused (a guess), 1 takes the proposal, then a accepts
    result = runner.invoke(app, ["review", "reuters-obama-pullout", "--by", "tester", "--corpus", str(root)],
                           input=script, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"1. {rows[claim_id].matches[0].relation} " in result.stdout and "the draft's guess" in result.stdout
    claims = yaml.safe_load((root / "annotations" / "reuters-obama-pullout.yaml").read_text(encoding="utf-8"))["claims"]
    claim = next(c for c in claims if c["id"] == claim_id)
    assert claim["status"] == "checked"
    assert (claim["proposition"]["subject"], claim["proposition"]["predicate"]) == (wanted["subject"], wanted["predicate"])
    assert "proposition set by the reviewer" in claim["note"] and "guessed" not in claim["note"]


def test_near_misses_are_pairs_of_articles_no_finding_joins():
    result = build(None, validate=False)
    misses = near_misses(result.records, result.findings, result.corpus.entities)
    assert misses == result.near_misses and misses
    joined = {frozenset(f.refs) for f in result.findings.all()}
    by_ref = {r.ref: r for r in result.records.values()}
    for miss in misses:
        assert by_ref[miss.a].article != by_ref[miss.b].article
        assert frozenset((miss.a, miss.b)) not in joined
        left, right = by_ref[miss.a], by_ref[miss.b]
        assert (left.subject_id, left.property, left.value) != (right.subject_id, right.property, right.value)
    # "Iraq needs U.S. forces" (a minister) and "Iraq's parliament opposes them" were never compared
    assert any({miss.a, miss.b} == {"001_390676983a8005e1.c39", "002_27429d11fce66ac6.c18"} for miss in misses)
    report = contradictions_markdown(result.findings, result.records, misses)
    assert "## Possibly related, not compared" in report
    assert "## Possibly related, not compared" not in contradictions_markdown(result.findings, result.records)


def test_near_misses_command_and_the_report_pages(tmp_path: Path):
    result = runner.invoke(app, ["near-misses", "--limit", "2"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "possibly related, not compared" in result.stderr
    assert len([line for line in result.stdout.splitlines() if not line.startswith(" ")]) == 2
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", "--out", str(out), "--no-cache", "--quiet"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "## Possibly related, not compared" in (out / "contradictions.md").read_text(encoding="utf-8")
    assert "Possibly related, not compared" in (out / "contradictions.html").read_text(encoding="utf-8")


def test_a_pair_recorded_as_unrelated_is_not_listed_again(tmp_path: Path):
    root = tmp_path / "corpus"
    shutil.copytree(default_corpus_path(), root)
    first = runner.invoke(app, ["near-misses", "--corpus", str(root)], catch_exceptions=False)
    a, b = first.stdout.splitlines()[0].split()[:2]
    result = runner.invoke(app, ["near-misses", "--corpus", str(root), "--unrelated", a, "--unrelated", b,
                                 "--reason", "different questions", "--by", "tester"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert yaml.safe_load((root / "unrelated.yaml").read_text(encoding="utf-8"))[0]["claims"] == [a, b]
    again = runner.invoke(app, ["near-misses", "--corpus", str(root)], catch_exceptions=False)
    assert f"{a}  {b}" not in again.stdout
    assert len(again.stdout.splitlines()) == len(first.stdout.splitlines()) - 3
    result = runner.invoke(app, ["near-misses", "--corpus", str(root), "--unrelated", a], catch_exceptions=False)
    assert result.exit_code == 2 and result.stderr.startswith("error: --unrelated")
    load_corpus(root, default_ontology_path())                 # the record does not disturb the corpus


def test_near_misses_score_only_pairs_that_share_entities_or_uncommon_words():
    from types import SimpleNamespace

    from claimgraph.corpus.models import Entity
    from claimgraph.rules.near_misses import COMMON_WORD, near_misses

    def record(i, article, quote, subject, entity=None, prop="supports"):
        return SimpleNamespace(ref=f"{article}.c{i}", iri=f"iri:{article}.c{i}", article=article, quote=quote,
                               deprecated=False, subject_id=subject, entity_id=entity, category=None, frame=None,
                               property=prop, value=entity or "", polarity="positive")
    entities = {e.id: e for e in (Entity(id="x", type="topic", label="X"), Entity(id="y", type="topic", label="Y"),
                                  Entity(id="z", type="topic", label="Z"), Entity(id="w", type="topic", label="W"))}
    stock = "officials told the wire service that troops remain in the province"
    records = [record(i, f"a{i}", f"{stock} number {i}", "z") for i in range(COMMON_WORD + 2)]
    records += [record(900, "b1", "Parliament demanded the expulsion of foreign troops on Sunday", "x", "w"),
                record(901, "b2", "Parliament demanded the expulsion of foreign troops on Monday", "y", "z"),
                record(902, "b3", "an unrelated sentence about something else entirely", "x", "w", "needs")]
    found = near_misses({r.iri: r for r in records}, SimpleNamespace(all=lambda: []), entities)
    pairs = {(m.a, m.b) for m in found}
    assert ("b1.c900", "b2.c901") in pairs            # alike in uncommon words
    assert ("b1.c900", "b3.c902") in pairs            # same subject and object
    assert not any(m.a.startswith("a") and m.b.startswith("a") for m in found)   # stock phrase only
