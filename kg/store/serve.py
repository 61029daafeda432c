"""The store over HTTP: the real Oxigraph server (the ``oxigraph`` CLI from PyPI) on our store.

``oxigraph serve-read-only`` answers SPARQL 1.1 Protocol queries at ``/query`` (JSON, XML, CSV,
TSV results by the Accept header) and refuses updates; ``oxigraph serve`` also takes updates
(``/update``) and the Graph Store Protocol (``/store``). We build its command line (with a query
timeout), start it on a loopback port, put the gate of ``kg.store.gate`` in front of it (the
server cannot be told not to follow ``SERVICE``) and stop it on every signal. The ``oxigraph``
package is pinned to the version of ``pyoxigraph``, so both read the same on-disk format.
"""

from __future__ import annotations

import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from kg.errors import ServeError, StoreError
from kg.store.gate import running_gate
from kg.store.store import DEFAULT_TIMEOUT, open_store

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
    query_timeout: float = DEFAULT_TIMEOUT,
) -> list[str]:
    """The command line that runs the Oxigraph server on ``store_dir``.

    The default graph is the union of the named graphs, as in ``kg query``, unless
    ``union_default_graph`` is false; a query is cancelled after ``query_timeout`` seconds
    (rounded up; 0: no limit).

    >>> " ".join(server_command("out", port=7000)[1:])
    'serve-read-only --location out --bind 127.0.0.1:7000 --union-default-graph --timeout-s 60'
    """
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    mode = "serve-read-only" if read_only else "serve"
    command = [str(find_oxigraph()), mode, "--location", str(store_dir), "--bind", bind]
    if union_default_graph:
        command.append("--union-default-graph")
    if query_timeout:
        command += ["--timeout-s", str(math.ceil(query_timeout))]
    return command


class Stopped(Exception):
    """A signal asked ``kg serve`` to stop."""


def serve_store(
    store_dir: str | Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    allow_service: bool = False,
    query_timeout: float = DEFAULT_TIMEOUT,
    on_ready: Callable[[Server], None] | None = None,
) -> int:
    """Serve the store read-only in the foreground until a signal; returns the exit status.

    SIGINT (Ctrl-C), SIGTERM and SIGHUP stop the server (status 0), which is waited for, then
    killed if it lingers; on Linux it also dies with us if we are killed outright. Call from the
    main thread; serve a store only while no other process writes to it.

    Args:
        store_dir: the Oxigraph store directory.
        host: the address to listen on.
        port: the port to listen on.
        allow_service: let queries call other endpoints (``SERVICE``).
        query_timeout: seconds a query may run (0: no limit).
        on_ready: told where the server answers, once it does.
    """
    previous = {sig: signal.signal(sig, _raise_stopped) for sig in STOP_SIGNALS}
    try:
        with _running(
            store_dir,
            host=host,
            port=port,
            read_only=True,
            allow_service=allow_service,
            query_timeout=query_timeout,
            timeout=START_TIMEOUT,
        ) as (server, proc):
            if on_ready is not None:
                on_ready(server)
            status = proc.wait()
    except (KeyboardInterrupt, Stopped):
        return 0
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    raise ServeError(f"{host}:{port}: the oxigraph server stopped (exit status {status})")


STOP_SIGNALS = tuple(
    sig for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)) if sig is not None
)
"""What stops ``kg serve`` besides SIGINT (which Python turns into KeyboardInterrupt)."""


def _raise_stopped(signum: int, _frame: object) -> None:
    raise Stopped(signal.Signals(signum).name)


@contextmanager
def running_server(
    store_dir: str | Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    read_only: bool = True,
    allow_service: bool = False,
    query_timeout: float = DEFAULT_TIMEOUT,
    timeout: float = START_TIMEOUT,
) -> Iterator[Server]:
    """Run the server on ``store_dir`` in the background while the block runs, then stop it.

    The Oxigraph server listens on a loopback port of its own and the gate (``kg.store.gate``)
    on ``host:port``, refusing ``SERVICE`` unless ``allow_service``. Waits (at most
    ``timeout`` seconds) until the server answers; a read-write server creates the store if it
    is missing.

    Args:
        store_dir: the Oxigraph store directory.
        host: the address to listen on (loopback by default).
        port: the port to listen on; it must be free.
        read_only: ``serve-read-only`` (updates refused) or ``serve`` (read-write).
        allow_service: let queries call other endpoints.
        query_timeout: seconds a query may run (0: no limit).
        timeout: seconds to wait for the server to answer.

    Returns:
        A context manager giving the running ``Server``.
    """
    with _running(
        store_dir,
        host=host,
        port=port,
        read_only=read_only,
        allow_service=allow_service,
        query_timeout=query_timeout,
        timeout=timeout,
    ) as (server, _proc):
        yield server


@contextmanager
def _running(
    store_dir: str | Path,
    *,
    host: str,
    port: int,
    read_only: bool,
    allow_service: bool,
    query_timeout: float,
    timeout: float,
) -> Iterator[tuple[Server, subprocess.Popen[bytes]]]:
    location = _existing_store(store_dir) if read_only else Path(store_dir)
    _check_port_free(host, port)
    inner = Server(DEFAULT_HOST, _free_port())
    command = server_command(
        location,
        host=inner.host,
        port=inner.port,
        read_only=read_only,
        query_timeout=query_timeout,
    )
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent
        )
        try:
            _wait_until_up(proc, inner.host, inner.port, timeout=timeout, log=log)
            wait = query_timeout + 5 if query_timeout else 0
            with running_gate(
                host, port, upstream=inner.url, allow_service=allow_service, timeout=wait
            ):
                yield Server(host, port), proc
        finally:
            _stop(proc)


def _free_port() -> int:
    """A TCP port free on the loopback address, for the Oxigraph server behind the gate."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((DEFAULT_HOST, 0))
        return int(sock.getsockname()[1])


def _die_with_parent() -> None:
    """In the child, before it runs: on Linux, SIGTERM it when its parent dies (even by
    SIGKILL), so no server is left orphaned."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def _existing_store(store_dir: str | Path) -> Path:
    path = Path(store_dir)
    if not path.is_dir():
        raise ServeError(f"{path}: no store here (build one with kg build --store)")
    try:
        open_store(path, read_only=True)  # the same one-line errors as kg query
    except StoreError as e:
        raise ServeError(str(e)) from e
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
    """The server's error from its log file: its ``Error:`` line (a backtrace may follow it),
    else the last line it wrote."""
    log.seek(0)
    lines = log.read().decode("utf-8", "replace").strip().splitlines()
    errors = [line for line in lines if line.startswith("Error")]
    return (errors or lines or [""])[0 if errors else -1]


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
