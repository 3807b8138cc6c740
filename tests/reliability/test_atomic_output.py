"""Promise 1: a failed or killed build leaves ``output/`` as the whole old
build or the whole new one, never a mix, and no staging folder survives the
next build."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimgraph.outputs import publish as publishing
from claimgraph.pipeline import write_outputs

from reliability_support import VALID, run_cli, snapshot

OLD = {"index.html": b"old index", "claims.trig": b"old trig", "articles/a.html": b"old a",
       "articles/gone.html": b"only the old build has this", "lib/x.js": b"same"}
NEW = {"index.html": b"new index", "claims.trig": b"new trig", "articles/a.html": b"new a",
       "articles/b.html": b"new b", "timeline.html": b"new timeline", "lib/x.js": b"same"}


def _old_folder(root: Path) -> Path:
    folder = root / "output"
    if folder.exists():
        shutil.rmtree(folder)
    write_outputs(folder, OLD)
    (folder / "README.md").write_text("a hand-written note\n")  # kept across builds
    return folder


def _states(root: Path) -> tuple[dict, dict]:
    old = snapshot(_old_folder(root))
    new = {**old, **NEW}
    return old, new


def _operations(root: Path, monkeypatch) -> list[tuple[str, Path]]:
    seen: list[tuple[str, Path]] = []
    _old_folder(root)
    monkeypatch.setattr(publishing, "_hook", lambda op, path: seen.append((op, path)))
    write_outputs(root / "output", NEW)
    monkeypatch.setattr(publishing, "_hook", lambda op, path: None)
    return seen


def _leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".output."))


def test_every_file_operation_fails_whole_old_or_whole_new(tmp_path, monkeypatch):
    old, new = _states(tmp_path)
    operations = _operations(tmp_path, monkeypatch)
    kinds = {op for op, _ in operations}
    assert {"mkdtemp", "write", "link", "chmod", "swap", "remove"} <= kinds, kinds
    for index, (op, path) in enumerate(operations):
        _old_folder(tmp_path)
        calls = iter(range(len(operations) + 1))

        def fail(operation, where, index=index):
            if next(calls) == index:
                raise OSError(5, f"injected failure at {operation}", str(where))

        monkeypatch.setattr(publishing, "_hook", fail)
        try:
            write_outputs(tmp_path / "output", NEW)
        except OSError:
            pass
        monkeypatch.setattr(publishing, "_hook", lambda operation, where: None)
        state = snapshot(tmp_path / "output")
        assert state in (old, new), f"half-written output after a failure at {op} {path}"
        write_outputs(tmp_path / "output", NEW)
        assert snapshot(tmp_path / "output") == new
        assert _leftovers(tmp_path) == [], f"staging left behind after a failure at {op}"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_crash_at_every_file_operation_leaves_whole_old_or_whole_new(tmp_path, monkeypatch):
    """The process dies (``os._exit``, as under kill -9: no cleanup runs) just before each operation."""
    old, new = _states(tmp_path)
    operations = _operations(tmp_path, monkeypatch)
    outcomes = set()
    for index, (op, path) in enumerate(operations):
        _old_folder(tmp_path)
        child = os.fork()
        if child == 0:  # pragma: no cover - runs in the child
            calls = iter(range(len(operations) + 1))

            def die(operation, where):
                if next(calls) == index:
                    os._exit(9)
            publishing._hook = die
            try:
                write_outputs(tmp_path / "output", NEW)
            finally:
                os._exit(0)
        _, status = os.waitpid(child, 0)
        assert os.waitstatus_to_exitcode(status) == 9
        state = snapshot(tmp_path / "output")
        assert state in (old, new), f"half-written output after a crash at {op} {path}"
        outcomes.add("old" if state == old else "new")
        write_outputs(tmp_path / "output", NEW)  # the next build cleans up what the crash left
        assert snapshot(tmp_path / "output") == new
        assert _leftovers(tmp_path) == [], f"staging left behind after a crash at {op}"
    assert outcomes == {"old", "new"}


def _edited_corpus(root: Path) -> Path:
    corpus = root / "edited"
    shutil.copytree(VALID, corpus)
    annotation = corpus / "annotations" / "demo-1.yaml"
    annotation.write_text(annotation.read_text().replace("A two-claim article", "An edited two-claim article"))
    return corpus


PAUSING_BUILD = """
import os, sys, time
from pathlib import Path
from claimgraph.outputs import publish
marker, wanted = Path(sys.argv[1]), sys.argv[2]
seen = 0
def pause(operation, where):
    global seen
    if operation == wanted:
        seen += 1
        if seen == int(sys.argv[3]):
            marker.write_text(operation)
            time.sleep(120)
publish._hook = pause
from claimgraph.cli import app
app(sys.argv[4:], prog_name="claimgraph")
"""


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """An old build of the test corpus and, for reference, the new build of an edited copy."""
    root = tmp_path_factory.mktemp("builds")
    old = root / "old"
    assert run_cli("build", "--corpus", str(VALID), "--out", str(old), "--no-cache", "--quiet").returncode == 0
    (old / "README.md").write_text("note\n")
    edited = _edited_corpus(root)
    new = root / "new"
    shutil.copytree(old, new)
    assert run_cli("build", "--corpus", str(edited), "--out", str(new), "--no-cache", "--quiet").returncode == 0
    assert snapshot(new) != snapshot(old)
    return old, new, edited


@pytest.mark.parametrize("operation,nth", [("write", 5), ("swap", 1), ("remove", 1)])
def test_kill_9_of_a_real_build_leaves_whole_old_or_whole_new(tmp_path, two_builds, operation, nth):
    """``kill -9`` of ``claimgraph build`` while it is paused just before a file operation."""
    old_build, new_build, edited = two_builds
    out = tmp_path / "output"
    shutil.copytree(old_build, out)
    old, new = snapshot(old_build), snapshot(new_build)
    marker = tmp_path / "marker"
    process = subprocess.Popen([sys.executable, "-c", PAUSING_BUILD, str(marker), operation, str(nth),
                                "build", "--corpus", str(edited), "--out", str(out), "--no-cache", "--quiet"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
        assert marker.exists(), "the build never reached the operation"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    state = snapshot(out)
    assert state in (old, new)
    assert state == (new if operation == "remove" else old)
    assert run_cli("build", "--corpus", str(edited), "--out", str(out), "--no-cache", "--quiet").returncode == 0
    assert snapshot(out) == new
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".output.")]


def test_an_obstacle_in_the_output_never_leaves_a_mix(tmp_path):
    """The issue's reproduction: ``output/timeline.html`` is a folder with a file in it."""
    out = tmp_path / "output"
    assert run_cli("build", "--corpus", str(VALID), "--out", str(out), "--no-cache", "--quiet").returncode == 0
    (out / "timeline.html").unlink()
    (out / "timeline.html").mkdir()
    (out / "timeline.html" / "stuck").write_text("x")
    old = snapshot(out)
    edited = _edited_corpus(tmp_path)
    finished = run_cli("build", "--corpus", str(edited), "--out", str(out), "--no-cache", "--quiet")
    assert finished.returncode != 0
    assert "Traceback" not in finished.stderr
    assert snapshot(out) == old
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".output.")]


def test_output_stays_an_ordinary_folder_with_readable_mode(tmp_path):
    out = tmp_path / "output"
    for _ in range(2):
        write_outputs(out, NEW)
    assert out.is_dir() and not out.is_symlink()
    assert (out / "index.html").read_bytes() == b"new index"
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o777 & ~mask


def test_a_stream_of_files_is_published_whole_or_not_at_all(tmp_path):
    old = snapshot(_old_folder(tmp_path))

    def failing():
        yield "index.html", b"new index"
        raise RuntimeError("a view could not be drawn")

    with pytest.raises(RuntimeError):
        write_outputs(tmp_path / "output", failing())
    assert snapshot(tmp_path / "output") == old
    assert _leftovers(tmp_path) == []
    written = write_outputs(tmp_path / "output", iter(NEW.items()))
    assert [p.relative_to(tmp_path / "output").as_posix() for p in written] == sorted(NEW)
    assert snapshot(tmp_path / "output") == {**old, **NEW}
    with pytest.raises(ValueError, match="index.html is written twice"):
        write_outputs(tmp_path / "output", [("index.html", b"a"), ("index.html", b"b")])
    assert snapshot(tmp_path / "output") == {**old, **NEW}


def test_streamed_build_matches_the_rendered_one(result):
    from claimgraph.pipeline import iter_outputs, render_outputs
    streamed = [(name, content if isinstance(content, bytes) else b"".join(content))
                for name, content in iter_outputs(result)]
    assert len({name for name, _ in streamed}) == len(streamed)
    assert dict(sorted(streamed)) == render_outputs(result)
    # the RDF files come one named graph at a time; joined they are the whole dataset
    chunks = dict(iter_outputs(result, views=False))["claims.nq"]
    assert not isinstance(chunks, bytes)
    assert b"".join(chunks) == result.nquads()
