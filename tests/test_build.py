"""The build command as editors and hosts run it: interrupted, killed, or slowed down by a page."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import build, copy_project, local_files

pytestmark = pytest.mark.slow  # builds copies of the project


def tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


def _files(folder: Path) -> int:
    return sum(1 for path in folder.rglob("*") if path.is_file()) if folder.is_dir() else 0


def start_build(project: Path, site: Path, **env) -> subprocess.Popen:
    """The build in a process group of its own, as a terminal starts it (Ctrl+C signals the whole group)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "PDF": "0", **env}
    return subprocess.Popen(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


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


def marked_processes(mark: str) -> list[int]:
    """The processes (also orphaned ones) that carry mark in their environment: a build and all it started."""
    found = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if f"BOUW_MERK={mark}".encode() in environ.read_bytes().split(b"\0"):
                found.append(int(environ.parent.name))
        except OSError:
            pass
    return found


def chromium_processes(mark: str) -> list[int]:
    found = []
    for pid in marked_processes(mark):
        try:
            if Path(f"/proc/{pid}/exe").resolve().name.startswith("chrom"):
                found.append(pid)
        except OSError:
            pass
    return found


def wait_for_no_chromium(mark: str) -> list[int]:
    deadline = time.monotonic() + 10
    while chromium_processes(mark) and time.monotonic() < deadline:
        time.sleep(0.1)
    return chromium_processes(mark)


@pytest.mark.pdf
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["Ctrl+C", "SIGTERM"])
def test_build_interrupted_while_printing_leaves_no_chromium_and_the_site_as_it_was(tmp_path, stop):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    assert build(project, site).returncode == 0
    before = tree(site)
    mark = f"{os.getpid()}-{stop}"
    process = start_build(project, site, PDF="1", BOUW_MERK=mark)
    wait_until(lambda: len(chromium_processes(mark)) >= 2, process)  # the browser and a renderer
    time.sleep(0.5)
    os.killpg(process.pid, stop)  # to the build and all it started, as Ctrl+C in a terminal does
    assert process.wait(timeout=60) != 0
    assert not wait_for_no_chromium(mark), "Chromium outlived the build"
    assert tree(site) == before, "site/ changed"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]


@pytest.mark.pdf
def test_pdf_over_its_time_limit_stops_the_build_with_a_dutch_message(tmp_path):
    """A page too big to print in time (a 5 MB page took minutes) stops the build and says which page and
    what to do; a very short limit plays the big page here."""
    project = copy_project(tmp_path / "project")
    mark = f"{os.getpid()}-limit"
    process = start_build(project, tmp_path / "site", PDF="1", BOUW_MERK=mark, PDF_TIJDSLIMIET="0.05")
    output, _ = process.communicate(timeout=300)
    assert process.returncode != 0
    first_chapter = re.search(
        r"Hoofdstukken:\n\s+- [^:]+: (\S+\.md)", (project / "mkdocs.yml").read_text(encoding="utf-8")
    )[1]
    assert f"docs/{first_chapter}: de PDF van deze pagina is na 0.05 seconden nog niet klaar" in output, output
    assert "PDF_TIJDSLIMIET=300 ./run.sh build" in output
    assert "Traceback" not in output
    assert not wait_for_no_chromium(mark), "Chromium outlived the build"
    assert not (tmp_path / "site").exists()


def linked_files(site: Path) -> set[str]:
    return set(local_files(site))


def test_a_changed_stylesheet_gets_a_new_name_and_the_rest_keep_theirs(tmp_path):
    """A deploy with a change in site.css: every page links the stylesheet by a new name (so no reader's
    cache holds the old one), and the files that did not change keep their names (and stay cached)."""
    project = copy_project(tmp_path / "project")
    site = tmp_path / "vorige"
    assert build(project, site).returncode == 0
    stylesheet = project / "docs" / "assets" / "site.css"
    stylesheet.write_text(
        stylesheet.read_text(encoding="utf-8") + "\n.nieuw-in-deze-versie { color: inherit; }\n", encoding="utf-8"
    )
    assert build(project, tmp_path / "site").returncode == 0
    before, after = linked_files(site), linked_files(tmp_path / "site")
    changed = sorted(before ^ after)
    assert len(changed) == 2 and all(re.fullmatch(r"assets/site\.[0-9a-f]{8}\.min\.css", path) for path in changed), (
        changed
    )
    new = next(path for path in changed if path in after)
    assert ".nieuw-in-deze-versie" in (tmp_path / "site" / new).read_text(encoding="utf-8")
