"""New articles the extractor was never tuned on go through add -> draft -> check -> review -> build.

tests/data/unseen/ holds four short wire-style articles on the corpus's story
(US troops in Iraq), written for these tests: ISO dates ("2011-10-16"), a URL
on the first line, datelines ("BAGHDAD, 2011-10-16 (AP) —", "WASHINGTON, Oct
21 (Reuters) -"), wire bylines ("By … | Reuters") and "will" without a date.
Every test works on a copy of the seed corpus in tmp_path; no code changes
between the steps, and no step prints a traceback.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from claimgraph.authoring.add import article_title
from claimgraph.cli.app import app
from claimgraph.corpus.load import load_corpus
from claimgraph.corpus.mentions import find_dates, find_quantities
from claimgraph.extract.extractor import normalise_date
from claimgraph.resources import default_corpus_path, default_ontology_path

UNSEEN = Path(__file__).parents[1] / "data" / "unseen"
ARTICLES = {   # id: (publisher, date, title)
    "ap-immunity-talks": ("associated-press", "2011-10-16", "Iraq talks on US trainers stall over immunity"),
    "reuters-obama-pullout": ("reuters", "2011-10-21", "US to pull all troops from Iraq by year-end, Obama says"),
    "afp-parliament-vote": ("al-jazeera", "2020-01-06", "Iraq's parliament votes to expel US troops after Soleimani strike"),
    "reuters-combat-mission": ("reuters", "2021-07-26", "Biden and Kadhimi seal end of US combat mission in Iraq"),
}
LINE = re.compile(r"^[^\s:][^:]*:\d+: [^:]+: \S")   # file:line: field: message
runner = CliRunner()


def cli(*args: str, input: str | None = None):
    result = runner.invoke(app, list(args), input=input, catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(default_corpus_path(), root)
    return root


def _claims(root: Path, article_id: str) -> list[dict]:
    return yaml.safe_load((root / "annotations" / f"{article_id}.yaml").read_text(encoding="utf-8"))["claims"]


def test_iso_dates_are_one_mention_and_read_as_days():
    text = "BAGHDAD, 2011-10-16 (AP) — Maliki said on 2011-10-15 that in 2006-2007 about 39,000 troops"
    assert [m.text for m in find_dates(text)] == ["2011-10-16", "2011-10-15", "2006-2007"]
    assert [m.text for m in find_quantities(text)] == ["39,000"]
    assert normalise_date("2011-10-16", "2011-10-21").value == "2011-10-16"
    assert normalise_date("2011-10", "2011-10-21").value == "2011-10"          # not a period 2011-2010
    assert normalise_date("2011-02-30", "2011-10-21") is None                   # no such day: no reading, no crash


def test_titles_skip_addresses_bylines_and_datelines():
    for article_id, (_, _, title) in ARTICLES.items():
        assert article_title((UNSEEN / f"{article_id}.txt").read_text(encoding="utf-8")) == title


def test_unseen_articles_go_through_add_draft_check_review_align_and_build(corpus: Path, tmp_path: Path):
    ontology = default_ontology_path()
    old_umask = os.umask(0o022)
    try:
        for article_id, (publisher, date, title) in ARTICLES.items():
            result = cli("add", str(UNSEEN / f"{article_id}.txt"), "--publisher", publisher, "--date", date,
                         "--corpus", str(corpus))
            assert result.exit_code == 0, result.output
            header = yaml.safe_load((corpus / "annotations" / f"{article_id}.yaml").read_text(encoding="utf-8"))
            assert header["title"] == title
            for path in (corpus / "articles" / f"{article_id}.txt", corpus / "annotations" / f"{article_id}.yaml"):
                assert stat.S_IMODE(path.stat().st_mode) == 0o644, path          # the umask, not 600

            result = cli("draft", article_id, "--corpus", str(corpus))
            assert result.exit_code == 0, result.output
            drafts = _claims(corpus, article_id)
            assert len(drafts) >= 4, article_id
            assert stat.S_IMODE((corpus / "annotations" / f"{article_id}.yaml").stat().st_mode) == 0o644

            result = cli("check", article_id, "--corpus", str(corpus))
            assert result.exit_code == 1
            assert all(LINE.match(line) for line in result.stdout.splitlines()), result.stdout
    finally:
        os.umask(old_umask)

    # the dates are read, not cut up: the AP dateline's ISO date and Maliki's "on 2011-10-15"
    ap = _claims(corpus, "ap-immunity-talks")
    values = {str(c.get("said_on")) for c in ap} | {str(c["proposition"].get("time")) for c in ap}
    assert {"2011-10-16", "2011-10-15"} <= values
    # "U.S. officials" is the registry's "US officials"; "will stay", no date: an open future
    afp = _claims(corpus, "afp-parliament-vote")
    officials = next(c for c in afp if c["quote"].startswith("U.S. officials said the troops will stay"))
    assert officials["speaker"] in ("american-officials", "us-officials")
    assert any(c["proposition"].get("time") == "future" for c in afp)

    # review: Enter alone decides nothing; a guess is accepted with g; an aligned proposition with 1 then a
    article_id = "reuters-obama-pullout"
    drafts = _claims(corpus, article_id)
    result = cli("review", article_id, "--by", "tester", "--corpus", str(corpus), input="\n\na\nq\n")
    assert result.exit_code == 0, result.output
    assert "Enter alone does nothing" in result.stdout and "the draft's guess" in result.stdout
    assert all(c["status"] == "draft" for c in _claims(corpus, article_id))

    for article_id in ARTICLES:
        script = "".join("f\ng\n" if c["proposition"].get("time") is None and " will " in c["quote"] else "g\n"
                         for c in _claims(corpus, article_id))
        result = cli("review", article_id, "--by", "tester", "--corpus", str(corpus), input=script)
        assert result.exit_code == 0, result.output
        assert "0 draft(s) left" in result.stdout, result.output

    result = cli("check", "--corpus", str(corpus))
    assert "draft: not checked yet" not in result.stdout

    result = cli("align", "reuters-obama-pullout", "--corpus", str(corpus))
    assert result.exit_code == 0, result.output
    assert "004_1c36b5173ebfdfa8.c" in result.stdout          # the Al Jazeera report of the same announcement

    out = tmp_path / "out"
    result = cli("build", "--corpus", str(corpus), "--out", str(out), "--no-views", "--no-cache", "--quiet")
    assert result.exit_code == 0, result.output
    loaded = load_corpus(corpus, ontology)
    assert {a.id for a in loaded.articles} >= set(ARTICLES)


# ------------------------------------------------------- one line per error

@pytest.mark.parametrize("args, wanted", [
    (["add", "missing.txt", "--publisher", "reuters", "--date", "2011-10-21"], "missing.txt"),
    (["add", "{article}", "--publisher", "reuters", "--date", "2011-13-40"], "--date"),
    (["add", "{article}", "--publisher", "reuter", "--date", "2011-10-21"], "did you mean reuters"),
    (["draft", "no-such-article"], "no article 'no-such-article'"),
    (["check", "no-such-article"], "no-such-article"),
    (["review", "no-such-article", "--by", "x"], "no article 'no-such-article'"),
    (["align", "no-such-article"], "no-such-article"),
])
def test_every_authoring_error_is_one_line_and_a_non_zero_exit(corpus: Path, args: list[str], wanted: str):
    args = [a.replace("{article}", str(UNSEEN / "ap-immunity-talks.txt")) for a in args]
    result = cli(*args, "--corpus", str(corpus))
    assert result.exit_code != 0, result.output
    assert wanted in result.output, result.output
    if args[0] == "check":               # check's problem lines go to stdout, its summary to stderr
        assert len(result.stdout.strip().splitlines()) == 1
    else:
        assert result.stderr.strip().splitlines()[0].startswith("error:")
        assert len(result.stderr.strip().splitlines()) <= 2
    assert "Traceback" not in result.output


def test_a_broken_annotation_is_one_line_for_draft_and_review(corpus: Path):
    cli("add", str(UNSEEN / "ap-immunity-talks.txt"), "--publisher", "associated-press", "--date", "2011-10-16",
        "--corpus", str(corpus))
    path = corpus / "annotations" / "ap-immunity-talks.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("published:", "published: [", 1), encoding="utf-8")
    for args in (["draft", "ap-immunity-talks"], ["review", "ap-immunity-talks", "--by", "x"],
                 ["check", "ap-immunity-talks"]):
        result = cli(*args, "--corpus", str(corpus))
        assert result.exit_code != 0
        assert "ap-immunity-talks.yaml" in result.output and "Traceback" not in result.output


def test_draft_check_and_review_read_the_corpus_vocabulary_extension(corpus: Path):
    (corpus / "vocabulary.ttl").write_text(
        "@prefix cg: <https://w3id.org/claimgraph/ns#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "cg:hosts a cg:Predicate ; skos:broader cg:relations ; cg:expectsValue \"object\" ;\n"
        "    rdfs:label \"hosts\" ; skos:definition \"The subject has the object's forces on its soil.\" .\n",
        encoding="utf-8")
    cli("add", str(UNSEEN / "afp-parliament-vote.txt"), "--publisher", "al-jazeera", "--date", "2020-01-06",
        "--corpus", str(corpus))
    assert cli("draft", "afp-parliament-vote", "--corpus", str(corpus)).exit_code == 0
    from claimgraph.authoring.review import ReviewSession
    session = ReviewSession(corpus, "afp-parliament-vote", default_ontology_path())
    claim_id = session.drafts()[0]
    session.edit(claim_id, "proposition.predicate", "hosts")       # held until the object fits the predicate
    assert session.edit(claim_id, "proposition.object", "us-military") == []
    assert session.claim(claim_id)["proposition"]["predicate"] == "hosts"
    session.accept(claim_id, "tester")
    result = cli("check", "afp-parliament-vote", "--corpus", str(corpus))
    assert "hosts" not in result.stdout                       # a term of the extension, not an unknown predicate


def test_unseen_drafts_line_up_with_the_registry_and_skip_header_lines(corpus: Path):
    for article_id, (publisher, date, _) in ARTICLES.items():
        assert cli("add", str(UNSEEN / f"{article_id}.txt"), "--publisher", publisher, "--date", date,
                   "--corpus", str(corpus)).exit_code == 0
        assert cli("draft", article_id, "--corpus", str(corpus)).exit_code == 0
        text = (UNSEEN / f"{article_id}.txt").read_text(encoding="utf-8")
        for claim in _claims(corpus, article_id):
            line = text[:claim["start"]].rsplit("\n", 1)[-1] + claim["quote"]
            assert not re.match(r"https?://|By |Published |[A-Z]+, [^(]*\((?:AP|Reuters|AFP)\)$", line), line
            proposition = claim["proposition"]
            assert proposition.get("object") != proposition["subject"], claim["quote"]
        excluded = yaml.safe_load((corpus / "annotations" / f"{article_id}.yaml").read_text(encoding="utf-8"))["excluded"]
        for item in excluded:        # the head's dates are excluded with a reason, so check does not ask for a claim
            assert text[item["start"]:item["start"] + len(item["quote"])] == item["quote"]
            assert "not a claim" in item["reason"]
    ap = yaml.safe_load((corpus / "annotations" / "ap-immunity-talks.yaml").read_text(encoding="utf-8"))
    assert [e["quote"] for e in ap["excluded"]] == ["2011-10-16"]
    pullout = {c["quote"]: c["proposition"] for c in _claims(corpus, "reuters-obama-pullout")}
    headline = pullout["US to pull all troops from Iraq by year-end"]
    assert (headline["subject"], headline["predicate"], headline["category"]) == (
        "us-military-presence-in-iraq", "presence", "withdrawn")
    war = pullout["After nearly nine years, America's war in Iraq will be over"]
    assert (war["subject"], war["predicate"], war["category"]) == ("us-war-in-iraq", "status", "ended")
    afp = {c["quote"]: c["proposition"] for c in _claims(corpus, "afp-parliament-vote")}
    assert afp["Iraq does not need the presence of foreign forces"] == {
        "subject": "iraq", "predicate": "needs", "object": "foreign-military-presence-in-iraq", "polarity": "negative"}
    assert afp["The vote is not binding"]["category"] == "non-binding"


def test_draft_on_a_checked_article_keeps_every_checked_item(corpus: Path):
    article_id = "004_1c36b5173ebfdfa8"
    path = corpus / "annotations" / f"{article_id}.yaml"
    before = yaml.safe_load(path.read_text(encoding="utf-8"))
    result = cli("draft", article_id, "--corpus", str(corpus))
    assert result.exit_code == 0, result.output
    after = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert after["claims"][:len(before["claims"])] == before["claims"]
    assert after.get("excluded") == before.get("excluded")
    assert all(c["status"] == "draft" for c in after["claims"][len(before["claims"]):])
