"""A built wheel works on its own: installed into a fresh virtual environment
outside the repository, ``claimgraph build`` finds the ontology, shapes,
rules and templates as package data and the corpus from the command line.

Offline: the wheel is built from a copy of the sources (so no stale
``build/`` can leak in), installed with this interpreter's pip into the new
environment's ``site-packages``, and the dependencies come from this test
environment through a ``.pth`` file. Runs in CI too (no skip)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "data" / "valid" / "corpus"
RUN_CLI = "import sys; from claimgraph.cli import app; sys.argv[0] = 'claimgraph'; app()"


def _run(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(args, capture_output=True, text=True, timeout=600, **kwargs)
    assert done.returncode == 0, f"{args[:4]} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The python of a fresh venv holding the wheel (and nothing of the repository)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, source / name)
    shutil.copytree(REPO / "ontology", source / "ontology")
    shutil.copytree(REPO / "src", source / "src", symlinks=True,
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    wheels = work / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(source)])
    (wheel,) = wheels.glob("claimgraph-*.whl")

    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=False, symlinks=True).create(env_dir)
    python = env_dir / "bin" / "python"
    site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"])
                .stdout.strip())
    _run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q", "--target", str(site),
          str(wheel)])
    # Dependencies from this environment, after the wheel on sys.path.
    (site / "zz-test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return python


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in {"CLAIMGRAPH_HOME", "PYTHONPATH", "VIRTUAL_ENV"}}


def test_wheel_carries_its_package_data(installed, tmp_path):
    done = _run([str(installed), "-c", "import claimgraph, claimgraph.resources as r; print(claimgraph.__file__); "
                 "print(r.default_ontology_path()); print(r.default_shapes_path()); print(r.rules_dir()); "
                 "print(r.templates_dir()); print(r.queries_dir())"], cwd=tmp_path, env=_clean_env())
    package, *data = done.stdout.split()
    root = Path(package).parent
    assert not root.is_relative_to(REPO), f"imported claimgraph from the repository: {package}"
    for path in map(Path, data):
        assert path.is_relative_to(root) and path.exists(), path


def test_wheel_builds_a_fixture_corpus_outside_the_repository(installed, tmp_path):
    out = tmp_path / "out"
    done = _run([str(installed), "-c", RUN_CLI, "build", "--corpus", str(FIXTURE), "--out", str(out),
                 "--no-cache"], cwd=tmp_path, env=_clean_env())
    written = sorted(p.name for p in out.iterdir())
    assert "claims.trig" in written and "index.html" in written, (written, done.stdout)
    assert not (tmp_path / "output").exists()
