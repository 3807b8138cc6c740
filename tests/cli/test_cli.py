"""The CLI through typer's test runner: output, formats, errors without tracebacks."""

from __future__ import annotations

import pytest
import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from claimgraph.cli.app import app

DATA = Path(__file__).parents[1] / "data"
runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.mark.corpus
def test_build_writes_outputs_and_prints_summary_and_contradictions(tmp_path):
    out = tmp_path / "out"
    result = invoke("build", "--out", out, "--no-views")
    assert result.exit_code == 0, result.output
    assert "articles: 5" in result.output and "numeric-conflict: " in result.output
    assert "the remaining 48,000 US troops" in result.output
    for name in ("claims.trig", "claims.ttl", "shacl-report.txt", "contradictions.md", "coverage.md"):
        assert (out / name).stat().st_size > 0, name
    assert "conforms" in (out / "shacl-report.txt").read_text()


def test_a_bad_file_gives_located_errors_and_leaves_output_untouched(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(DATA / "valid" / "corpus", corpus)
    shutil.copy(DATA / "invalid" / "unknown-entity.yaml", corpus / "annotations" / "demo-1.yaml")
    out = tmp_path / "out"
    out.mkdir()
    (out / "claims.trig").write_text("previous build")
    result = invoke("build", "--corpus", corpus, "--out", out, "--no-views")
    assert result.exit_code == 1
    assert "corpus/annotations/demo-1.yaml:25: claims[1](c02).speaker: unknown entity 'analyst-z'" in result.output
    assert "Traceback" not in result.output
    assert (out / "claims.trig").read_text() == "previous build"
    assert sorted(p.name for p in out.iterdir()) == ["claims.trig"]


@pytest.mark.corpus
def test_query_formats_and_bindings(tmp_path):
    table = invoke("query", "troop-levels")
    assert table.exit_code == 0 and "48,000" in table.output
    rows = json.loads(invoke("query", "claims-by-speaker", "--bind", "speaker=leon-panetta", "--format", "json").output)
    assert rows and {r["speakerLabel"] for r in rows} == {"Leon Panetta"}
    csv_out = invoke("query", "articles-by-date", "--format", "csv").output
    assert csv_out.splitlines()[0].startswith("article,title,published")
    tsv_out = invoke("query", "articles-by-date", "--format", "tsv").output
    assert "\t" in tsv_out.splitlines()[0]


@pytest.mark.corpus
def test_query_errors_are_clear(tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?x WHERE {", encoding="utf-8")
    result = invoke("query", bad)
    assert result.exit_code == 2 and "SPARQL syntax error" in result.output
    assert "Traceback" not in result.output
    assert invoke("query", "nope").exit_code == 2
    assert invoke("query", "troop-levels", "--bind", "novalue").exit_code == 2


@pytest.mark.corpus
def test_contradictions_table_json_csv_and_filters():
    table = invoke("contradictions", "--kind", "numeric-conflict")
    assert table.exit_code == 0
    assert "the remaining 48,000 US troops" in table.output and "39,000 US troops" in table.output
    data = json.loads(invoke("contradictions", "--format", "json").output)
    assert {d["kind"] for d in data} >= {"numeric-conflict", "withdrawal-vs-presence", "polarity-conflict"}
    by_article = json.loads(invoke("contradictions", "--format", "json", "--article", "003_56b6d714b9aac142").output)
    assert by_article and all(any(c.startswith("003_") for c in d["claims"]) for d in by_article)
    by_speaker = json.loads(invoke("contradictions", "--format", "json", "--speaker", "mark-esper").output)
    assert by_speaker and all(any(s["speaker_id"] == "mark-esper" for s in d["side_a"] + d["side_b"]) for d in by_speaker)
    dismissed = json.loads(invoke("contradictions", "--format", "json", "--status", "dismissed").output)
    assert all(d["status"] == "dismissed" and d["reason"] for d in dismissed)
    manual = [d for d in data if d["hand_made"]]
    assert manual and all(not d["rules"] for d in manual)
    csv_out = invoke("contradictions", "--format", "csv").output.splitlines()
    assert csv_out[0].startswith("id,kind,severity,status") and len(csv_out) == len(data) + 1
    corroborations = json.loads(invoke("contradictions", "--relation", "corroboration", "--format", "json").output)
    assert corroborations and all("independent" in c for c in corroborations)


@pytest.mark.corpus
def test_explain_and_decide_round_trip(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(Path(__file__).parents[2] / "corpus", corpus)
    data = json.loads(invoke("contradictions", "--corpus", corpus, "--format", "json", "--kind", "numeric-conflict").output)
    finding = next(d["id"] for d in data if "numeric-conflict" in d["rules"])
    explained = invoke("explain", finding, "--corpus", corpus)
    assert explained.exit_code == 0 and "Rule numeric-conflict" in explained.output
    assert invoke("decide", finding, "dismissed", "--corpus", corpus, "--by", "tester").exit_code == 2
    decided = invoke("decide", finding, "dismissed", "--reason", "different dates", "--by", "tester", "--corpus", corpus)
    assert decided.exit_code == 0, decided.output
    after = json.loads(invoke("contradictions", "--corpus", corpus, "--format", "json", "--status", "dismissed").output)
    decided_now = [d for d in after if d["id"] == finding]
    assert decided_now and decided_now[0]["reason"] == "different dates"
    assert "different dates" in (corpus / "reviews.yaml").read_text()
    assert "# Review decisions" in (corpus / "reviews.yaml").read_text()  # the file's comments survive


@pytest.mark.corpus
def test_validate_and_queries_listing():
    result = invoke("validate")
    assert result.exit_code == 0 and "5 articles" in result.output
    listing = invoke("queries")
    assert "troop-levels" in listing.output


def test_build_ends_with_a_short_triage_summary(tmp_path):
    out = tmp_path / "out"
    result = invoke("build", "--out", out, "--no-views")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) < 70, "the build prints a summary, not the full table"
    read_first = lines.index(next(line for line in lines if line.startswith("Read first")))
    block = lines[read_first:lines.index("Next:")]
    assert all(len(line) <= 100 for line in block), [line for line in block if len(line) > 100]
    # Hard and confirmed first; each id alone on its own line, whole.
    assert lines[read_first + 1].startswith(" 1. hard, confirmed")
    ids = [line.strip() for line in lines[read_first:] if line.startswith("    ") and line.strip().count(" ") == 0]
    assert len(ids) == 5 and ids[0].startswith("numeric-conflict-")
    data = json.loads(invoke("contradictions", "--format", "json").output)
    assert ids == [d["id"] for d in data[:5]]
    assert "index.html" in result.output and "claimgraph contradictions" in result.output
    assert "by kind above" in result.output and "numeric-conflict: " in result.output


def test_contradictions_in_triage_order_with_ids_unbroken(monkeypatch):
    from claimgraph.cli.common import console
    monkeypatch.setattr(console, "width", 100)
    table = invoke("contradictions")
    data = json.loads(invoke("contradictions", "--format", "json").output)
    keys = [(d["status"] == "dismissed", d["severity"] != "hard", {"confirmed": 0, "open": 1}.get(d["status"], 2))
            for d in data]
    assert keys == sorted(keys)
    for d in data:
        assert d["id"] in table.output, d["id"]


def test_query_table_short_ids_one_column_per_value():
    table = invoke("query", "contradictions")
    assert table.exit_code == 0
    header = next(line for line in table.output.splitlines() if "┃" in line)
    columns = [c.strip() for c in header.strip("┃ ").split("┃")]
    assert "kindLabel" not in columns and columns.count("kind") == 1 and "severity" in columns
    assert "https://w3id.org" not in table.output
    assert "numeric-conflict-362ae60a7f" in table.output  # whole, not split across lines


def test_a_binding_that_names_nothing_suggests_and_fails():
    wrong = invoke("query", "claims-by-speaker", "--bind", "speaker=leon-panneta")
    assert wrong.exit_code != 0 and "did you mean leon-panetta" in wrong.output
    bare = json.loads(invoke("query", "contradictions", "--bind", "kind=numeric-conflict", "--format", "json").output)
    prefixed = json.loads(invoke("query", "contradictions", "--bind", "kind=cg:numeric-conflict", "--format", "json").output)
    assert bare and bare == prefixed
    typo = invoke("query", "contradictions", "--bind", "kind=numeric-confict")
    assert typo.exit_code != 0 and "numeric-conflict" in typo.output


def test_help_is_whole_plain_and_has_examples():
    import re

    import typer.main

    top = invoke("--help").output
    assert not re.search(r"\w\.\.\.$", top, re.M) and "…" not in top, "descriptions are never cut"
    commands = sorted(typer.main.get_command(app).commands)
    assert len(commands) >= 18
    python_types = re.compile(r"<(str|int|float|bool|path|list)\b|list\[")
    for command in commands:
        text = invoke(command, "--help").output
        assert command in top, command
        assert "…" not in text, command
        assert not python_types.search(text), (command, python_types.search(text).group(0))
        assert re.search(r"^  Example: claimgraph " + re.escape(command) + r"\b", text, re.M), command
