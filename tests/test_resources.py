"""The user's data is found from where the user works; shipped data from the package."""

from __future__ import annotations

from pathlib import Path

import claimgraph
from claimgraph import resources


def test_defaults_come_from_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.delenv("CLAIMGRAPH_HOME", raising=False)
    monkeypatch.chdir(tmp_path)
    assert resources.default_corpus_path() == tmp_path.resolve() / "corpus"
    assert resources.default_output_path() == tmp_path.resolve() / "output"


def test_a_project_file_above_the_working_directory_is_found(tmp_path, monkeypatch):
    monkeypatch.delenv("CLAIMGRAPH_HOME", raising=False)
    (tmp_path / "claimgraph.toml").write_text('corpus = "data/corpus"\n', encoding="utf-8")
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")
    assert resources.project_root() == tmp_path.resolve()
    assert resources.default_corpus_path() == tmp_path.resolve() / "data" / "corpus"
    assert resources.default_output_path() == tmp_path.resolve() / "output"


def test_claimgraph_home_overrides(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMGRAPH_HOME", str(tmp_path / "elsewhere"))
    monkeypatch.chdir(tmp_path)
    assert resources.default_corpus_path() == (tmp_path / "elsewhere" / "corpus").resolve()


def test_shipped_data_is_package_data():
    package = Path(claimgraph.__file__).parent
    for path in (resources.default_ontology_path(), resources.default_shapes_path(), resources.rules_dir(),
                 resources.queries_dir(), resources.templates_dir()):
        assert path.is_relative_to(package) and path.exists(), path


def test_the_repository_ontology_is_the_packaged_one():
    repo_ontology = Path(__file__).resolve().parents[1] / "ontology"
    assert resources.ontology_dir().resolve() == repo_ontology.resolve()
