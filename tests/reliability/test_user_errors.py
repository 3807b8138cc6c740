"""Promises 4 and 5: a user's mistake is one plain line naming the file and
line (or the argument), never a traceback; and it is printed with markup and
emoji codes off, so ``file:100:`` keeps its line number."""

from __future__ import annotations

import shutil
from pathlib import Path


from claimgraph.resources import default_ontology_path

from reliability_support import VALID, run_cli


def _one_line(finished, code: int = 2) -> str:
    assert finished.returncode == code, finished.stdout + finished.stderr
    assert "Traceback" not in finished.stderr and "╭" not in finished.stderr
    lines = finished.stderr.strip().splitlines()
    assert len(lines) == 1, finished.stderr
    assert lines[0].startswith("error: ")
    return lines[0]


def _broken_ontology(tmp_path: Path, line: int) -> Path:
    lines = default_ontology_path().read_text(encoding="utf-8").splitlines()
    lines[line - 1] = "cg:oops a ."  # a triple without its object
    broken = tmp_path / "claimgraph.ttl"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return broken


def test_a_typo_in_the_ontology_is_one_line_with_its_line(tmp_path):
    broken = _broken_ontology(tmp_path, 35)
    for command in ("validate", "build"):
        args = [command, "--corpus", str(VALID), "--ontology", str(broken)]
        if command == "build":
            args += ["--out", str(tmp_path / "out"), "--no-cache"]
        line = _one_line(run_cli(*args))
        assert line.startswith(f"error: {broken}:35: ")


def test_an_ontology_that_is_not_rdf_is_one_line(tmp_path):
    line = _one_line(run_cli("validate", "--corpus", str(VALID), "--ontology", "/bin/ls"))
    assert line.startswith("error: /bin/ls: ")


def test_a_bad_iri_in_bind_names_the_argument():
    line = _one_line(run_cli("query", "claims-by-speaker", "--bind", "speaker=<http://a>b>", "--corpus", str(VALID)))
    assert "--bind speaker=<http://a>b>" in line


def test_a_query_file_that_is_not_text_is_one_line():
    line = _one_line(run_cli("query", "/bin/ls", "--corpus", str(VALID)))
    assert line.startswith("error: /bin/ls: ")


def test_an_amount_of_5000_digits_is_a_located_problem(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(VALID, corpus)
    annotation = corpus / "annotations" / "demo-1.yaml"
    annotation.write_text(annotation.read_text().replace("amount: 2500", "amount: " + "9" * 5000))
    finished = run_cli("validate", "--corpus", str(corpus))
    assert finished.returncode == 1  # like every annotation problem (docs/workflow.md)
    assert "Traceback" not in finished.stderr
    first = finished.stderr.splitlines()[0]
    assert first.startswith("error: ") and "demo-1.yaml:21:" in first and "4300 digits" in first


def test_line_100_keeps_its_number(tmp_path):
    """``:100:`` is also the emoji code for 💯."""
    broken = _broken_ontology(tmp_path, 100)
    line = _one_line(run_cli("validate", "--corpus", str(VALID), "--ontology", str(broken)))
    assert f"{broken}:100: " in line
    assert "💯" not in line
    corpus = tmp_path / "corpus"
    shutil.copytree(VALID, corpus)
    annotation = corpus / "annotations" / "demo-1.yaml"
    text = annotation.read_text()
    padded = "\n".join(["# padding"] * (100 - 21)) + "\n" + text  # amount: was on line 21
    annotation.write_text(padded.replace("amount: 2500", "amount: [2500"))
    finished = run_cli("validate", "--corpus", str(corpus))
    assert ":100:" in finished.stderr and "💯" not in finished.stderr, finished.stderr


def test_corpus_text_with_emoji_codes_and_markup_prints_as_written(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(VALID, corpus)
    quote_old = "An analyst said the troops remain."
    quote_new = "An analyst :100: [red]said[/red] the troops remain."
    article = corpus / "articles" / "demo-1.txt"
    article.write_text(article.read_text().replace(quote_old, quote_new))
    import hashlib
    annotation = corpus / "annotations" / "demo-1.yaml"
    text = annotation.read_text().replace(quote_old, quote_new)
    old_hash = text.split("sha256: ")[1].split("\n")[0]
    annotation.write_text(text.replace(old_hash, hashlib.sha256(article.read_bytes()).hexdigest()))
    finished = run_cli("query", "claims-by-speaker", "--bind", "speaker=analyst-c", "--corpus", str(corpus))
    assert finished.returncode == 0, finished.stderr
    assert "💯" not in finished.stdout
