"""The front of ``claimgraph serve``: claimgraph's own query page, and for a
writable server, no cross-origin writes.

:class:`ServerFront` listens where the server should and forwards every
request to the real Oxigraph server on a private loopback port, except the
few pages it is given (the query page at ``/`` with the shipped queries:
:mod:`claimgraph.graph.query_page`), which it answers itself.

In front of a writable server it also refuses (HTTP 403), because
``oxigraph serve`` accepts ``POST /update`` with a form body, so any web page
the user visits could send ``DROP ALL`` to 127.0.0.1 with a plain HTML form:

- a request whose ``Origin`` is not this server's own (a form or script on
  another site, or a ``file://`` page: Origin ``null``);
- a request marked ``Sec-Fetch-Site: cross-site`` by the browser;
- a request whose ``Host`` is not a loopback name (DNS rebinding).

Clients that are not browsers (``claimgraph load``, curl, rdflib) send no
Origin and pass.
"""

from __future__ import annotations

import http.client
import http.server
import threading
from typing import Mapping

__all__ = ["ServerFront", "Page"]

#: A page the front answers itself: its content type, extra headers and bytes.
Page = tuple[str, Mapping[str, str], bytes]

_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
        "transfer-encoding", "upgrade"}
_LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]", "::1")


class ServerFront:
    """Forward ``host:port`` to ``127.0.0.1:target_port``, answering ``pages`` (by path) itself;
    when ``writable``, refusing cross-origin requests."""

    def __init__(self, host: str, port: int, target_port: int, *, writable: bool = True,
                 pages: Mapping[str, Page] | None = None):
        self.host, self.port, self.target_port = host, port, target_port
        self.writable = writable
        self.pages = dict(pages or {})
        self.refused = 0
        self._server: http.server.ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> ServerFront:
        guard = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _origins(self) -> set[str]:
                port = guard.port
                return {f"http://{name}:{port}" for name in _LOOPBACK_NAMES if name != "::1"}

            def _refusal(self) -> str | None:
                if not guard.writable:
                    return None
                origin = self.headers.get("Origin")
                if origin is not None and origin not in self._origins():
                    return f"cross-origin request from {origin} refused: this server is writable"
                if self.headers.get("Sec-Fetch-Site", "") == "cross-site":
                    return "cross-site request refused: this server is writable"
                host = self.headers.get("Host") or ""
                host = host[:host.index("]") + 1] if host.startswith("[") and "]" in host else host.split(":")[0]
                if host and host not in _LOOPBACK_NAMES:
                    return f"Host {host} refused: this server answers on loopback names only"
                return None

            def _page(self) -> bool:
                page = guard.pages.get(self.path.split("?", 1)[0]) if self.command in ("GET", "HEAD") else None
                if page is None:
                    return False
                content_type, headers, data = page
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)
                return True

            def _forward(self) -> None:
                if self._page():
                    return
                reason = self._refusal()
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                if reason is not None:
                    guard.refused += 1
                    payload = (reason + "\n").encode("utf-8")
                    self.send_response(403)
                    self.send_header("Content-Type", "text/plain; charset=utf-8")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                    return
                connection = http.client.HTTPConnection("127.0.0.1", guard.target_port, timeout=600)
                try:
                    headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP}
                    try:
                        connection.request(self.command, self.path, body=body or None, headers=headers)
                        response = connection.getresponse()
                        data = response.read()
                    except OSError:  # not up yet, or gone: the client sees it gone too, with no traceback here
                        self.close_connection = True
                        return
                    self.send_response(response.status, response.reason)
                    for key, value in response.getheaders():
                        if key.lower() not in _HOP and key.lower() != "content-length":
                            self.send_header(key, value)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    if self.command != "HEAD":
                        self.wfile.write(data)
                finally:
                    connection.close()

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_OPTIONS = do_PATCH = _forward

            def log_message(self, *args) -> None:
                pass

        self._server = http.server.ThreadingHTTPServer((self.host, self.port), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, name="claimgraph-server-front", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
