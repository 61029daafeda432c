"""The gate ``kg serve`` puts in front of the Oxigraph server: it refuses ``SERVICE``.

``oxigraph serve-read-only`` follows ``SERVICE <URL>`` to any URL a client names (a plain GET is
enough to make the server fetch an address of the network it sits in), and has no option to
stop that. So the server listens on a loopback port of its own, and the gate listens where the
user asked: it reads the SPARQL text of each request (``query``/``update`` parameters of the URL
or of a form, or the body sent as is) and answers 403 to one that calls another endpoint, 400 to
one it cannot read; it hands every other request to the server unchanged and streams the
answer back. Other users of the machine can reach the server's loopback port; they could fetch
those addresses themselves.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import httpx

from kg.errors import QueryError
from kg.store.sparql import ServiceRefused, check_no_service

MAX_BODY = 16 * 1024 * 1024
"""The largest request body the gate reads (bytes): queries are text, not data loads."""
HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "host",
        "content-length",
        "expect",
    }
)
"""Headers that belong to one connection, not to the request or answer passed on."""
FORM = "application/x-www-form-urlencoded"
GRAPH_STORE = "/store"
"""The Graph Store Protocol path: its bodies are RDF data, not SPARQL."""


def sparql_texts(path: str, content_type: str, body: bytes) -> list[str]:
    """Every SPARQL text a request carries, as the server would read it.

    >>> sparql_texts("/query?query=ASK%20%7B%7D", "", b"")
    ['ASK {}']
    >>> sparql_texts("/query", "application/x-www-form-urlencoded", b"query=SELECT+*+%7B%7D")
    ['SELECT * {}']
    """
    url = urlsplit(path)
    texts = _fields(url.query)
    if url.path == GRAPH_STORE or not body:
        return texts
    text = body.decode("utf-8", "replace")
    if content_type.split(";")[0].strip().lower() == FORM:
        return texts + _fields(text)
    return [*texts, text]


def _fields(encoded: str) -> list[str]:
    fields = parse_qs(encoded, keep_blank_values=True, errors="replace")
    return [*fields.get("query", []), *fields.get("update", [])]


class _Gate(BaseHTTPRequestHandler):
    """One request: read it whole, check its SPARQL, pass it on or refuse it."""

    server: _GateServer

    def do_GET(self) -> None:
        self._handle()

    do_HEAD = do_POST = do_PUT = do_DELETE = do_OPTIONS = do_PATCH = do_GET

    def _handle(self) -> None:
        if "transfer-encoding" in self.headers:
            self._refuse(411, "send the request with a Content-Length")
            return
        try:
            length = int(self.headers.get("content-length") or 0)
        except ValueError:
            length = -1
        if length < 0:
            self._refuse(400, "the Content-Length is not a number of bytes")
            return
        if length > MAX_BODY:
            self._refuse(413, f"the request body is over {MAX_BODY} bytes")
            return
        body = self.rfile.read(length) if length > 0 else b""
        if not self.server.allow_service:
            try:
                for text in sparql_texts(self.path, self.headers.get("content-type", ""), body):
                    check_no_service(text, updates=True)
            except ServiceRefused as e:
                self._refuse(403, str(e))
                return
            except QueryError as e:
                self._refuse(400, str(e))
                return
        self._pass_on(body)

    def _pass_on(self, body: bytes) -> None:
        headers = [(k, v) for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP]
        request = self.server.client.build_request(
            self.command, self.server.upstream + self.path, headers=headers, content=body
        )
        try:
            answer = self.server.client.send(request, stream=True)
        except httpx.HTTPError as e:
            self._refuse(502, f"the oxigraph server did not answer: {e}")
            return
        try:
            self.send_response(answer.status_code, answer.reason_phrase)
            for name, value in answer.headers.multi_items():
                if name.lower() not in HOP_BY_HOP - {"content-length"}:
                    self.send_header(name, value)
            self.end_headers()
            for chunk in answer.iter_raw():
                self.wfile.write(chunk)
        except (OSError, httpx.HTTPError):
            pass  # the client went away, or the server did: nothing left to tell anyone
        finally:
            answer.close()

    def _refuse(self, status: int, message: str) -> None:
        data = (message + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the library does not print."""


class _GateServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self, address: tuple[str, int], *, upstream: str, allow_service: bool, timeout: float
    ) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        super().__init__(address, _Gate)
        self.upstream = upstream
        self.allow_service = allow_service
        self.client = httpx.Client(timeout=httpx.Timeout(timeout or None, connect=10.0))

    def handle_error(self, request: object, client_address: object) -> None:
        """A request that broke off (the client went away): no traceback on our stderr."""


@contextmanager
def running_gate(
    host: str, port: int, *, upstream: str, allow_service: bool, timeout: float
) -> Iterator[None]:
    """The gate listening on ``host:port`` (in a thread) while the block runs.

    Args:
        host: where to listen.
        port: the port to listen on.
        upstream: the Oxigraph server's base URL (``http://127.0.0.1:PORT``).
        allow_service: pass ``SERVICE`` on unchecked.
        timeout: seconds to wait for the server's answer (0: no limit).
    """
    server = _GateServer(
        (host.strip("[]"), port), upstream=upstream, allow_service=allow_service, timeout=timeout
    )
    thread = threading.Thread(target=server.serve_forever, name="kg-gate", daemon=True)
    thread.start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()
        server.client.close()
        thread.join()
