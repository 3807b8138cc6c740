"""The notebooks run top to bottom on this interpreter, leave the real corpus
untouched, and are stored without outputs."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

import claimgraph
from claimgraph.resources import default_corpus_path

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
NAMES = ["01-tour.ipynb", "02-contradictions.ipynb", "03-network-analysis.ipynb", "04-add-an-article.ipynb"]
CELL_TIMEOUT = 120


@pytest.fixture(scope="module")
def kernel_home(tmp_path_factory, monkeypatch_module):
    """A ``python3`` kernelspec running this very interpreter, found before any
    other: a user-level ``python3`` pointing at another Python must not be used."""
    home = tmp_path_factory.mktemp("jupyter")
    spec = home / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "claimgraph (test)", "language": "python",
    }), encoding="utf-8")
    monkeypatch_module.setenv("JUPYTER_PATH", str(home))
    monkeypatch_module.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    return home


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def _tree_hash(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root)).encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _errors(nb) -> list[str]:
    return [f"{o.get('ename')}: {o.get('evalue')}" for cell in nb.cells if cell.cell_type == "code"
            for o in cell.get("outputs", []) if o.get("output_type") == "error"]


@pytest.mark.parametrize("name", NAMES)
def test_stored_notebook_has_no_outputs(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code, f"{name} has no code"
    for index, cell in enumerate(code):
        assert cell.outputs == [], f"{name}: code cell {index} is stored with outputs"
        assert cell.execution_count is None, f"{name}: code cell {index} is stored with an execution count"
    assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.corpus
@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_top_to_bottom(name, kernel_home):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    # One more cell proves the kernel imported claimgraph from this checkout and interpreter.
    nb.cells.append(nbformat.v4.new_code_cell(
        "import sys as _sys, claimgraph as _cg\nprint(_sys.executable)\nprint(_cg.__file__)"))
    corpus_before = _tree_hash(default_corpus_path())
    client = NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()  # raises CellExecutionError, naming the cell, on the first failing cell
    assert _errors(nb) == []
    printed = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.get("output_type") == "stream")
    assert printed.split() == [sys.executable, claimgraph.__file__]
    # Every code cell ran and at least half show something: a notebook that silently shows nothing fails.
    code = [cell for cell in nb.cells[:-1] if cell.cell_type == "code"]
    assert all(cell.execution_count is not None for cell in code)
    assert sum(bool(cell.outputs) for cell in code) * 2 >= len(code)
    # Every notebook draws at least one chart.
    assert any("image/png" in output.get("data", {}) for cell in code for output in cell.outputs), \
        f"{name} shows no plot"
    assert _tree_hash(default_corpus_path()) == corpus_before, f"{name} changed corpus/"
