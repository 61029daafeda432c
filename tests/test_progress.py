"""Progress of a build: every phase with its total, on a terminal only, and a summary whose
numbers agree with their nouns. The cache is filled by hand, so spaCy never runs."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

from click.testing import CliRunner

from kg.cli import main
from kg.config import Settings
from kg.pipeline import run_build
from tests.conftest import write_files
from tests.test_cache import ARTICLES, seed


def test_every_phase_is_told_with_its_total(tmp_path: Path) -> None:
    folder, store = write_files(tmp_path / "in", ARTICLES), tmp_path / "store"
    seed(folder, store)
    phases: list[list[object]] = []

    def progress(phase: str, total: int, unit: str):
        phases.append([phase, total, unit, 0])
        return lambda done: phases[-1].__setitem__(3, phases[-1][3] + done)  # type: ignore[operator]

    run_build(
        [folder], settings=Settings(), store=store, output=tmp_path / "g.nq", on_progress=progress
    )
    names = [phase[0] for phase in phases]
    store_phases = ["comparing with the store", "writing the store"]  # the store had digests
    assert names == ["reading", "resolving", *store_phases, "writing g.nq"]
    assert phases[0][1:] == [3, "document", 3] and phases[1][1:] == [3, "document", 3]
    for _, total, unit, done in phases[2:]:
        assert (unit, done, total) == ("record", 3, 3)  # the 3 documents (they name nothing)


def _build_on_a_terminal(tmp_path: Path, *options: str) -> tuple[str, str]:
    """``kg build`` with stderr on a pseudo-terminal; returns (stdout, what the terminal got)."""
    folder, store = write_files(tmp_path / "in", ARTICLES), tmp_path / "store"
    seed(folder, store)
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))
    command = [sys.executable, "-m", "kg", "build", str(folder), "--store", str(store), *options]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=follower, text=True) as proc:
        os.close(follower)
        terminal = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            terminal += chunk
        out, _ = proc.communicate(timeout=60)
    os.close(leader)
    assert proc.returncode == 0, terminal
    return out, terminal.decode("utf-8", "replace")


def test_a_terminal_sees_each_phase_with_its_total(tmp_path: Path) -> None:
    out, terminal = _build_on_a_terminal(tmp_path)
    for phase in ("reading", "resolving"):
        assert f"{phase}: 100%" in terminal and "3/3" in terminal
    assert "writing the store: 100%" in terminal
    assert "Built the graph of 3 documents: 0 people" in out


def test_quiet_on_a_terminal_shows_no_bar(tmp_path: Path) -> None:
    _, terminal = _build_on_a_terminal(tmp_path, "--quiet")
    assert terminal == ""


def test_a_pipe_gets_no_bar_and_the_summary_agrees_with_its_numbers(tmp_path: Path) -> None:
    folder, store = write_files(tmp_path / "in", ARTICLES), tmp_path / "store"
    seed(folder, store)
    result = CliRunner().invoke(main, ["build", str(folder / "a.txt"), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.splitlines()[0].startswith("Built the graph of 3 documents: 0 people, ")
    assert "  read anew: 0 documents; unchanged: 1; kept from the store: 2" in result.stdout
    pruned = ["build", str(folder / "b.txt"), "--store", str(store), "--prune"]
    alone = CliRunner().invoke(main, pruned).stdout
    assert alone.startswith("Built the graph of 1 document: 0 people, 0 organizations, ")
    assert "unchanged: 1; kept from the store: 0; removed: a.txt, c.txt" in alone
