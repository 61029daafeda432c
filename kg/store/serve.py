"""The store over HTTP: the real Oxigraph server (the ``oxigraph`` CLI from PyPI) on our store.

``oxigraph serve-read-only`` answers SPARQL 1.1 Protocol queries at ``/query`` (JSON, XML, CSV,
TSV results by the Accept header) and refuses updates; ``oxigraph serve`` also takes updates
(``/update``) and the Graph Store Protocol (``/store``). We only build its command line, start
it and stop it: no HTTP server of our own. The ``oxigraph`` package is pinned to the version of
``pyoxigraph``, so both read the same on-disk format.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from kg.errors import ServeError
from kg.store.store import is_incomplete

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
START_TIMEOUT = 20.0
"""Seconds to wait for a started server to answer on its port."""
STOP_TIMEOUT = 10.0
"""Seconds to wait for a server to exit after it was asked to stop, before it is killed."""


@dataclass(frozen=True)
class Server:
    """Where a running server answers.

    >>> Server("127.0.0.1", 7878).query_url
    'http://127.0.0.1:7878/query'
    """

    host: str
    port: int

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def query_url(self) -> str:
        """The SPARQL 1.1 Protocol query endpoint."""
        return f"{self.url}/query"

    @property
    def store_url(self) -> str:
        """The SPARQL 1.1 Graph Store HTTP Protocol endpoint."""
        return f"{self.url}/store"


def find_oxigraph() -> Path:
    """The ``oxigraph`` executable: the one beside this Python (the venv's bin), else on PATH.

    >>> find_oxigraph().name in ("oxigraph", "oxigraph.exe")
    True
    """
    name = "oxigraph.exe" if os.name == "nt" else "oxigraph"
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return beside
    found = shutil.which("oxigraph")
    if found is None:
        raise ServeError(
            "the oxigraph server is not installed: pip install oxigraph "
            "(the same version as pyoxigraph)"
        )
    return Path(found)


def server_command(
    store_dir: str | Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    read_only: bool = True,
    union_default_graph: bool = True,
) -> list[str]:
    """The command line that serves ``store_dir``.

    The default graph is the union of the named graphs, as in ``kg query``, unless
    ``union_default_graph`` is false.

    >>> " ".join(server_command("out/store", port=7000)[1:])
    'serve-read-only --location out/store --bind 127.0.0.1:7000 --union-default-graph'
    """
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    mode = "serve-read-only" if read_only else "serve"
    command = [str(find_oxigraph()), mode, "--location", str(store_dir), "--bind", bind]
    if union_default_graph:
        command.append("--union-default-graph")
    return command


def serve_store(
    store_dir: str | Path, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT
) -> int:
    """Serve the store read-only in the foreground until Ctrl-C; returns the exit status.

    The server writes to our stdout and stderr. Ctrl-C reaches it too (same process group); it
    is waited for, then killed if it lingers; stopping it so gives status 0. Serve a store only
    while no other process writes to it.
    """
    command = server_command(_existing_store(store_dir), host=host, port=port)
    _check_port_free(host, port)
    proc = subprocess.Popen(command)
    try:
        status = proc.wait()
    except KeyboardInterrupt:
        _stop(proc)
        return 0
    return 0 if status in (-signal.SIGINT, -signal.SIGTERM) else status


@contextmanager
def running_server(
    store_dir: str | Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    read_only: bool = True,
    timeout: float = START_TIMEOUT,
) -> Iterator[Server]:
    """Run the server on ``store_dir`` in the background while the block runs, then stop it.

    Waits (at most ``timeout`` seconds) until it answers on its port; a read-write server
    creates the store if it is missing.

    Args:
        store_dir: the Oxigraph store directory.
        host: the address to bind (loopback by default).
        port: the port to bind; it must be free.
        read_only: ``serve-read-only`` (updates refused) or ``serve`` (read-write).
        timeout: seconds to wait for the server to answer.

    Returns:
        A context manager giving the running ``Server``.
    """
    location = _existing_store(store_dir) if read_only else Path(store_dir)
    command = server_command(location, host=host, port=port, read_only=read_only)
    _check_port_free(host, port)
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_until_up(proc, host, port, timeout=timeout, log=log)
            yield Server(host, port)
        finally:
            _stop(proc)


def _existing_store(store_dir: str | Path) -> Path:
    path = Path(store_dir)
    if not path.is_dir():
        raise ServeError(f"{path}: no store here (build one with kg build --store)")
    if is_incomplete(path):
        raise ServeError(f"{path}: the last build into this store did not finish; run it again")
    return path


def _check_port_free(host: str, port: int) -> None:
    if _answers(host, port):
        raise ServeError(f"{host}:{port}: the port is already in use")


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1.0):
            return True
    except OSError:
        return False


def _wait_until_up(
    proc: subprocess.Popen[bytes], host: str, port: int, *, timeout: float, log: IO[bytes]
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            reason = _last_line(log) or f"exit status {proc.returncode}"
            raise ServeError(f"{host}:{port}: the oxigraph server stopped at once: {reason}")
        if _answers(host, port):
            return
        time.sleep(0.05)
    raise ServeError(f"{host}:{port}: the oxigraph server did not answer within {timeout:g} s")


def _last_line(log: IO[bytes]) -> str:
    """The last line the server wrote (its error), from its log file."""
    log.seek(0)
    lines = log.read().decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else ""


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """Ask the server to stop (SIGTERM: a SIGINT may be ignored in the background), wait for
    it, kill it if it lingers."""
    if proc.poll() is None:
        proc.terminate()
    try:
        proc.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=STOP_TIMEOUT)
