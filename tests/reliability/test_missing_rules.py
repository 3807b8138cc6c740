"""Promise 3: a build without its rules is an error, not "0 contradictions"."""

from __future__ import annotations

import shutil

import pytest

from claimgraph.resources import rules_dir

from reliability_support import VALID, run_cli, snapshot


@pytest.fixture
def built(tmp_path):
    out = tmp_path / "output"
    assert run_cli("build", "--corpus", str(VALID), "--out", str(out), "--no-cache", "--quiet").returncode == 0
    return out


def _rules_with_only_constructs(tmp_path):
    folder = tmp_path / "constructs"
    folder.mkdir()
    for path in rules_dir().glob("construct-*.rq"):
        shutil.copy(path, folder)
    return folder


@pytest.mark.parametrize("make_rules", [
    lambda tmp: tmp / "nonexistent",
    lambda tmp: (tmp / "empty").mkdir() or tmp / "empty",
    _rules_with_only_constructs,
], ids=["missing-folder", "empty-folder", "only-constructs"])
def test_build_without_rules_fails_and_keeps_the_output(tmp_path, built, make_rules):
    before = snapshot(built)
    rules = make_rules(tmp_path)
    finished = run_cli("build", "--corpus", str(VALID), "--out", str(built), "--rules", str(rules), "--no-cache")
    assert finished.returncode == 2, finished.stdout + finished.stderr
    assert "Traceback" not in finished.stderr
    assert str(rules) in finished.stderr or "rule" in finished.stderr
    assert len(finished.stderr.strip().splitlines()) == 1
    assert snapshot(built) == before


def test_contradictions_with_a_missing_rules_folder_is_an_error(tmp_path):
    finished = run_cli("contradictions", "--corpus", str(VALID), "--rules", str(tmp_path / "nope"))
    assert finished.returncode == 2
    assert f"{tmp_path / 'nope'}: no such rules folder" in finished.stderr
