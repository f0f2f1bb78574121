"""The build command as editors and hosts run it: interrupted, killed, or slowed down by a page."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import build, copy_project

pytestmark = pytest.mark.slow  # builds copies of the project


def tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def _files(folder: Path) -> int:
    return sum(1 for path in folder.rglob("*") if path.is_file()) if folder.is_dir() else 0


def start_build(project: Path, site: Path, **env) -> subprocess.Popen:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", PDF="0", **env)
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
                             "-d", str(site)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def wait_until(condition, process: subprocess.Popen, seconds: float = 240) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert process.poll() is None, "the build ended before it could be interrupted:\n" + process.stdout.read()


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["Ctrl+C", "SIGTERM"])
def test_interrupted_build_leaves_the_previous_site_as_it_was(tmp_path, stop):
    """Ctrl+C or SIGTERM halfway through a build: site/ stays the last finished build, byte for byte; the
    next build removes the folders that killed builds left (not those of a build that still runs)."""
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    assert build(project, site).returncode == 0
    before = tree(site)
    process = start_build(project, site)
    wait_until(lambda: _files(tmp_path / f".site.bouw-{process.pid}") >= 40, process)
    process.send_signal(stop)
    assert process.wait(timeout=60) != 0
    assert tree(site) == before, "site/ changed"
    # What a build killed outright (SIGKILL, power cut) leaves, and a build still running in another process:
    dead = subprocess.Popen(["true"])
    dead.wait()
    (tmp_path / f".site.bouw-{dead.pid}" / "assets").mkdir(parents=True)
    (tmp_path / f".site.oud-{dead.pid}").mkdir()
    running = tmp_path / f".site.bouw-{os.getpid()}"
    running.mkdir()
    assert build(project, site).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["project", "site", running.name])
