"""Run the real Oxigraph SPARQL server (from the ``oxigraph`` PyPI package).

:class:`OxigraphServer` starts ``oxigraph serve`` (read-write) or
``oxigraph serve-read-only`` on 127.0.0.1, waits until it answers, and stops
it for certain: on :meth:`~OxigraphServer.stop`, at the end of a ``with``
block, on Ctrl-C and on SIGTERM. A read-only server needs a database folder,
so the data is first loaded into a temporary one with ``oxigraph load``; the
folder is removed when the server stops. The SPARQL endpoint is at
``/query``, the Graph Store Protocol at ``/store``; the query page at ``/`` is
Oxigraph's own (YASGUI), or the one given as ``pages`` (``claimgraph serve``
gives :func:`claimgraph.graph.query_page.query_page`), answered by a front
(:class:`~claimgraph.graph.guard.ServerFront`) that forwards everything else.
"""

from __future__ import annotations

import errno
import ipaddress
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable, Mapping

from claimgraph.graph.guard import Page, ServerFront

__all__ = ["ServerError", "OxigraphServer", "oxigraph_binary", "free_port", "load_location", "check_address",
           "plain_error"]


class ServerError(Exception):
    """The server binary is missing, or the server could not start or load data."""


def oxigraph_binary() -> Path:
    """The ``oxigraph`` executable: next to this Python first (the venv's ``bin/``), then on PATH."""
    beside = Path(sys.executable).parent / ("oxigraph.exe" if os.name == "nt" else "oxigraph")
    if beside.is_file() and os.access(beside, os.X_OK):
        return beside
    found = shutil.which("oxigraph")
    if found:
        return Path(found)
    raise ServerError("the oxigraph server binary is not installed: pip install oxigraph "
                      "(it is a dependency of claimgraph; `make run` installs it)")


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port free on ``host`` right now (the OS picks it)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


#: File name endings ``oxigraph load`` guesses a format from.
RDF_SUFFIXES = (".trig", ".nq", ".nquads", ".ttl", ".turtle", ".nt", ".ntriples", ".n3", ".rdf", ".owl", ".xml",
                ".jsonld")
_QUIET = {**os.environ, "RUST_BACKTRACE": "0", "RUST_LIB_BACKTRACE": "0"}


def plain_error(output: str) -> str:
    """The one line that says what went wrong in the Oxigraph binary's stderr:
    no stack backtrace, no Rust hints.

    >>> plain_error("Error: Cannot assign requested address (os error 99)\\n\\nStack backtrace:\\n  7: _start")
    'Cannot assign requested address (os error 99)'
    """
    output = output.split("Stack backtrace:")[0]
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    for line in lines:
        if line.startswith("Error while loading file ") and ": " in line:
            return line.split(": ", 1)[1]
        if "on an `Err` value: " in line:
            return line.split("on an `Err` value: ", 1)[1]
        if line.startswith("Error: "):
            return line[len("Error: "):]
    useful = [line for line in lines if not line.startswith(("note:", "thread ", "Some files like"))
              and "RUST_BACKTRACE" not in line]
    return useful[-1] if useful else ""


def check_address(host: str, port: int) -> None:
    """Raise :class:`ServerError` in plain words if the server could not listen on ``host:port``."""
    if not 0 <= port <= 65535:
        raise ServerError(f"--port {port}: a TCP port is a number from 0 to 65535")
    try:
        address = "127.0.0.1" if host == "localhost" else str(ipaddress.ip_address(host))
    except ValueError:
        raise ServerError(f"--bind {host}: not an IP address (e.g. 127.0.0.1 or ::1)") from None
    with socket.socket(socket.AF_INET6 if ":" in address else socket.AF_INET) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((address, port))
        except PermissionError:
            raise ServerError(f"--port {port}: this user may not listen on ports below 1024; "
                              "pass --port with a higher one") from None
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise ServerError(f"port {port} on {host} is already in use; pass --port with another one") from None
            if exc.errno == errno.EADDRNOTAVAIL:
                raise ServerError(f"--bind {host}: this machine has no such address") from None
            raise ServerError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


_STORE_PREFIX = "claimgraph-oxigraph-"
_OWNER = "owner.pid"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale_stores(folder: Path | None = None) -> list[Path]:
    """Remove temporary databases whose ``serve`` died without cleaning up
    (a crash, kill -9); returns what was removed."""
    removed = []
    for path in Path(folder or tempfile.gettempdir()).glob(_STORE_PREFIX + "*"):
        owner = path / _OWNER
        try:
            pid = int(owner.read_text())
        except (OSError, ValueError):
            continue  # not ours to judge
        if not _alive(pid):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _die_with_parent(parent: int) -> Callable[[], None] | None:
    """In the child, before exec: ask Linux to send SIGTERM when the parent dies
    (closed terminal, kill -9, crash), so the server never outlives ``serve``."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:  # pragma: no cover
        return None
    pr_set_pdeathsig = 1

    def arm() -> None:
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0)
        if os.getppid() != parent:  # the parent died before the call
            os.kill(os.getpid(), signal.SIGTERM)
    return arm


def load_location(location: Path, data: list[Path], binary: Path | None = None) -> None:
    """Load RDF files (TriG, N-Quads, Turtle…) into an Oxigraph database folder with ``oxigraph load``."""
    if not data:
        return
    command = [str(binary or oxigraph_binary()), "load", "--location", str(location), "--file", *map(str, data)]
    for path in data:
        if path.suffix.lower() not in RDF_SUFFIXES:
            raise ServerError(f"{path}: not an RDF file (give a .trig, .nq, .ttl … file, such as output/claims.trig)")
    done = subprocess.run(command, capture_output=True, text=True, env=_QUIET)
    if done.returncode != 0:
        message = plain_error(done.stderr or done.stdout) or f"exit code {done.returncode}"
        raise ServerError(f"{', '.join(map(str, data))}: the oxigraph server cannot load it: {message}")


class OxigraphServer:
    """An Oxigraph server process that is always stopped.

    Parameters
    ----------
    data
        RDF files to load before serving (TriG keeps the named graphs).
    location
        A database folder to serve; by default a temporary one (read-only) or
        memory (writable), removed or lost when the server stops.
    host, port
        Where to listen; 127.0.0.1 by default. Port 0 picks a free port.
    writable
        ``oxigraph serve`` (SPARQL Update and Graph Store writes allowed)
        instead of ``serve-read-only``.
    union_default_graph
        Queries see the union of all named graphs as the default graph
        (claimgraph keeps every article in its own graph).
    pages
        Pages to answer in place of the server's own, by path (``/``: the
        query page).

    Examples
    --------
    >>> from claimgraph.graph.remote import RemoteStore
    >>> with OxigraphServer(writable=True, port=0) as server:
    ...     bool(RemoteStore.oxigraph(server.url).query("ASK { }"))
    True
    """

    def __init__(self, data: list[Path] | None = None, *, location: Path | None = None,
                 host: str = "127.0.0.1", port: int = 7878, writable: bool = False,
                 union_default_graph: bool = True, binary: Path | None = None, startup_timeout: float = 30.0,
                 pages: Mapping[str, Page] | None = None):
        self.data = [Path(p) for p in (data or [])]
        self.location = Path(location) if location is not None else None
        self.host, self.port, self.writable = host, port, writable
        self.union_default_graph = union_default_graph
        self.binary = binary
        self.startup_timeout = startup_timeout
        self.process: subprocess.Popen | None = None
        self._temporary: Path | None = None
        self.pages = dict(pages or {})
        self._guard: ServerFront | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    @property
    def query_url(self) -> str:
        return self.url + "query"

    @property
    def store_url(self) -> str:
        return self.url + "store"

    def start(self, on_step: Callable[[str], None] | None = None) -> OxigraphServer:
        """Load the data, start the server and wait until it answers."""
        step = on_step or (lambda message: None)
        binary = self.binary or oxigraph_binary()
        location = self.location
        if location is None and (self.data or not self.writable):
            clean_stale_stores()
            self._temporary = Path(tempfile.mkdtemp(prefix=_STORE_PREFIX))
            (self._temporary / _OWNER).write_text(str(os.getpid()))
            location = self._temporary / "db"
        try:
            check_address(self.host, self.port)
            if self.data:
                step(f"loading {', '.join(p.name for p in self.data)} into the server's database")
                load_location(location, self.data, binary)
            if self.port == 0:
                self.port = free_port(self.host)
            # A writable server, or one with our own pages, listens on a private
            # loopback port behind a front that answers the pages and, when
            # writable, refuses cross-origin requests (graph/guard.py).
            fronted = self.writable or bool(self.pages)
            listen = f"{self.host}:{self.port}" if not fronted else f"127.0.0.1:{free_port('127.0.0.1')}"
            command = [str(binary), "serve" if self.writable else "serve-read-only", "--bind", listen]
            if location is not None:
                command += ["--location", str(location)]
            if self.union_default_graph:
                command.append("--union-default-graph")
            step(f"starting {' '.join(command[1:2])} on {self.url}")
            # Its own process group, so a Ctrl-C in the terminal reaches us
            # first and we stop the server in order.
            self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                            stderr=subprocess.PIPE, start_new_session=True, env=_QUIET,
                                            preexec_fn=_die_with_parent(os.getpid()))
            if fronted:
                self._guard = ServerFront(self.host, self.port, int(listen.rsplit(":", 1)[1]),
                                          writable=self.writable, pages=self.pages).start()
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        probe = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        while True:
            assert self.process is not None
            if self.process.poll() is not None:
                error = (self.process.stderr.read() if self.process.stderr else b"").decode("utf-8", "replace")
                hint = plain_error(error) or f"exit code {self.process.returncode}"
                if "in use" in error.lower() or "address already" in error.lower():
                    hint = f"port {self.port} on {self.host} is already in use; pass --port with another one"
                raise ServerError(f"the oxigraph server stopped at start: {hint}")
            try:
                request = urllib.request.Request(self.query_url + "?query=ASK%7B%7D",
                                                 headers={"Accept": "application/sparql-results+json"})
                with probe.open(request, timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            if time.monotonic() > deadline:
                raise ServerError(f"the oxigraph server did not answer on {self.url} within {self.startup_timeout:g} s")
            time.sleep(0.05)

    def kill(self) -> None:
        """Stop the server at once, as a crash would (tests use it)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def stop(self, timeout: float = 10.0) -> None:
        """Terminate the server, wait for it, and remove the temporary database."""
        guard, self._guard = self._guard, None
        if guard is not None:
            guard.stop()
        process, self.process = self.process, None
        if process is not None:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            if process.stderr:
                process.stderr.close()
        if self._temporary is not None:
            shutil.rmtree(self._temporary, ignore_errors=True)
            self._temporary = None

    def wait(self) -> int:
        """Block until the server exits (or Ctrl-C / SIGTERM), then clean up; returns its exit code."""
        previous = signal.getsignal(signal.SIGTERM)

        def terminate(signum, frame):
            raise KeyboardInterrupt

        hangup = getattr(signal, "SIGHUP", None)  # the terminal closed
        previous_hangup = signal.getsignal(hangup) if hangup is not None else None
        signal.signal(signal.SIGTERM, terminate)
        if hangup is not None:
            signal.signal(hangup, terminate)
        try:
            assert self.process is not None
            return self.process.wait()
        finally:
            signal.signal(signal.SIGTERM, previous)
            if hangup is not None:
                signal.signal(hangup, previous_hangup)
            self.stop()

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)

    def __enter__(self) -> OxigraphServer:
        return self.start() if self.process is None else self

    def __exit__(self, *exc_info) -> None:
        self.stop()
