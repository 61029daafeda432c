"""What a plain ``pip install .`` gets: the wheel built from the files the repository holds
(not from what ``make`` left in the work tree), its dependencies and the constraints file."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

STATIC = "kg/draw/static/"


def _repository_files() -> list[str]:
    """The files git keeps or would keep (tracked, or new and not ignored)."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: which files the repository holds is unknown")
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return [name for name in listed.stdout.splitlines() if (ROOT / name).is_file()]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    """The wheel pip builds from a copy of the repository's files."""
    tmp = tmp_path_factory.mktemp("wheel")
    for name in _repository_files():
        (tmp / "src" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, tmp / "src" / name)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--wheel-dir",
            str(tmp / "dist"),
            str(tmp / "src"),
        ],
        check=True,
        capture_output=True,
    )
    return zipfile.ZipFile(next((tmp / "dist").glob("kg-*.whl")))


def _makefile_value(name: str) -> str:
    match = re.search(rf"^{name} := (\S+)$", (ROOT / "Makefile").read_text(), re.MULTILINE)
    assert match, name
    return match[1]


def test_the_wheel_carries_vis_network_and_its_licences(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    assert {STATIC + "vis-network.LICENSE-MIT", STATIC + "vis-network.LICENSE-APACHE-2.0"} <= names
    script = wheel.read(STATIC + "vis-network.min.js")
    assert hashlib.sha256(script).hexdigest() == _makefile_value("VIS_NETWORK_SHA256")
    assert f"@version {_makefile_value('VIS_NETWORK_VERSION')}".encode() in script[:400]


def _requirements(wheel: zipfile.ZipFile) -> list[str]:
    """The wheel's Requires-Dist without extras: what a plain install brings."""
    metadata = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
    lines = wheel.read(metadata).decode().splitlines()
    wanted = [line.split(":", 1)[1].strip() for line in lines if line.startswith("Requires-Dist:")]
    return [r for r in wanted if "extra ==" not in r]


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[(]", requirement, maxsplit=1)[0].lower().replace("-", "_")


def test_a_plain_install_brings_what_reading_html_needs(wheel: zipfile.ZipFile) -> None:
    """jusText (trafilatura's) imports ``lxml.html.clean``, a package of its own since lxml 5.2."""
    assert "lxml_html_clean" in {_name(r) for r in _requirements(wheel)}


def test_the_constraints_pin_every_dependency(wheel: zipfile.ZipFile) -> None:
    pins = {
        _name(line): line.split("==", 1)[1]
        for line in (ROOT / "constraints.txt").read_text().splitlines()
        if "==" in line and not line.startswith("#")
    }
    assert {_name(r) for r in _requirements(wheel)} <= set(pins)


def test_make_test_says_it_installs_chromium_and_goes_on_without_it(tmp_path: Path) -> None:
    """Where apt-get cannot install Chromium (no root, no Debian), ``make chromium`` says so
    and succeeds, so that ``make test`` runs the suite and the browser tests skip."""
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    apt_get = bin_dir / "apt-get"
    apt_get.write_text("#!/bin/sh\necho 'E: permission denied' >&2\nexit 100\n")
    apt_get.chmod(0o755)
    done = subprocess.run(
        [make, "-s", "-C", str(ROOT), "chromium"],
        env={"PATH": str(bin_dir)},  # neither chromium nor chromedriver on it
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "installing Debian's chromium and chromium-driver (apt-get)" in done.stdout
    assert "the browser tests will skip" in done.stdout
