"""Promise 11: the Oxigraph child dies with ``serve`` (SIGHUP from a closed
terminal, SIGTERM, kill -9 of the parent), and temporary databases left by a
crash are removed at the next start."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reliability_support import CLAIMGRAPH, VALID, run_cli


@pytest.fixture(scope="module")
def trig(tmp_path_factory):
    out = tmp_path_factory.mktemp("served") / "output"
    assert run_cli("build", "--corpus", str(VALID), "--out", str(out), "--no-cache", "--quiet").returncode == 0
    return out / "claims.trig"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _gone(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return True
    return state == "Z"


def _start(trig: Path, port: int, tmp: Path) -> tuple[subprocess.Popen, int]:
    process = subprocess.Popen([str(CLAIMGRAPH), "serve", "--data", str(trig), "--port", str(port)],
                               env={**os.environ, "TMPDIR": str(tmp)}, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60
    while not _listening(port):
        assert process.poll() is None, process.stderr.read().decode()
        assert time.monotonic() < deadline, "the server never started"
        time.sleep(0.1)
    time.sleep(0.3)  # past the readiness probe, into wait()
    children = _children(process.pid)
    assert len(children) == 1
    return process, children[0]


def _wait_until(condition, seconds: float = 15) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("sent", [signal.SIGHUP, signal.SIGTERM])
def test_the_server_stops_and_cleans_up_when_serve_is_signalled(trig, tmp_path, sent):
    port = _free_port()
    process, child = _start(trig, port, tmp_path)
    assert list(tmp_path.glob("claimgraph-oxigraph-*"))
    process.send_signal(sent)
    process.wait(timeout=30)
    assert _wait_until(lambda: _gone(child)), "oxigraph outlived serve"
    assert not _listening(port)
    assert not list(tmp_path.glob("claimgraph-oxigraph-*")), "temporary database left behind"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal and /proc")
def test_the_server_dies_with_a_killed_parent_and_the_next_start_cleans_up(trig, tmp_path):
    port = _free_port()
    process, child = _start(trig, port, tmp_path)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert _wait_until(lambda: _gone(child)), "oxigraph outlived a killed serve"
    assert _wait_until(lambda: not _listening(port))
    left = list(tmp_path.glob("claimgraph-oxigraph-*"))
    assert left  # kill -9 runs no cleanup ...
    process, child = _start(trig, port, tmp_path)  # ... the same port works again, and the next start cleans up
    try:
        assert not any(path.exists() for path in left)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def test_clean_stale_stores_keeps_live_ones(tmp_path):
    from claimgraph.graph.server import clean_stale_stores

    live = tmp_path / "claimgraph-oxigraph-live"
    dead = tmp_path / "claimgraph-oxigraph-dead"
    foreign = tmp_path / "claimgraph-oxigraph-foreign"
    for folder in (live, dead, foreign):
        folder.mkdir()
    (live / "owner.pid").write_text(str(os.getpid()))
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (dead / "owner.pid").write_text(finished.stdout.strip())
    assert clean_stale_stores(tmp_path) == [dead]
    assert live.exists() and foreign.exists()
