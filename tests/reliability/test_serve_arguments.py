"""Promise 6: ``serve`` checks its arguments first and says what went wrong
in plain words: no Rust backtrace, no ``7: _start``."""

from __future__ import annotations

import socket

import pytest

from claimgraph.graph.server import ServerError, check_address, plain_error

from reliability_support import run_cli

RUST = ("_start", "backtrace", "RUST_BACKTRACE", "Stack", "panicked", "Traceback")


def _plain(finished, code: int) -> str:
    assert finished.returncode == code, finished.stdout + finished.stderr
    assert not any(word in finished.stderr for word in RUST), finished.stderr
    lines = finished.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), finished.stderr
    return lines[0]


@pytest.mark.parametrize("args,words", [
    (["--port", "99999"], "--port 99999: a TCP port is a number from 0 to 65535"),
    (["--port", "-1"], "--port -1"),
    (["--bind", "10.0.0.1"], "--bind 10.0.0.1: this machine has no such address"),
    (["--bind", "not-an-address"], "--bind not-an-address: not an IP address"),
])
def test_bad_port_or_address_is_one_plain_line_before_any_work(tmp_path, args, words):
    finished = run_cli("serve", "--data", str(tmp_path / "never-read.trig"), *args, timeout=30)
    assert words in _plain(finished, 2)


def test_a_port_in_use_is_said_plainly():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(ServerError, match=f"port {port} on 127.0.0.1 is already in use"):
            check_address("127.0.0.1", port)


def test_serving_a_file_that_is_not_rdf_is_one_plain_line():
    line = _plain(run_cli("serve", "--data", "/bin/ls", "--port", "0", timeout=60), 1)
    assert line.startswith("error: /bin/ls: not an RDF file")


def test_serving_broken_trig_names_the_parse_error(tmp_path):
    broken = tmp_path / "broken.trig"
    broken.write_text('<a> <b> "c\n')
    line = _plain(run_cli("serve", "--data", str(broken), "--port", "0", timeout=60), 1)
    assert f"error: {broken}: the oxigraph server cannot load it: Parser error at line 1" in line


def test_rust_backtraces_are_cut_to_their_message():
    stderr = ("Error: Cannot assign requested address (os error 99)\n\nStack backtrace:\n"
              "   0: <anyhow::Error>::from\n   7: _start\n")
    assert plain_error(stderr) == "Cannot assign requested address (os error 99)"
