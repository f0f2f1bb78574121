"""`./run.sh serve` while an editor works: rebuilds leave nothing stale behind."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import REACTIE_ADRES, copy_project

pytestmark = pytest.mark.slow  # builds copies of the project or starts servers


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def wait_for(condition, timeout: float = 90, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"waited {timeout:.0f} s for {what}")


class Serve:
    """`properdocs serve` of a project folder on a free loopback port, as ./run.sh serve runs it."""

    def __init__(self, project: Path):
        self.project, self.port = project, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = project / "serve.log"

    def __enter__(self) -> Serve:
        env = dict(
            os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", PDF="0", REACTIE_ADRES=REACTIE_ADRES
        )
        env.pop("SITE_URL", None)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "properdocs",
                "serve",
                "-f",
                str(self.project / "mkdocs.yml"),
                "-a",
                f"127.0.0.1:{self.port}",
            ],
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
            env=env,
            cwd=self.project,
        )
        wait_for(lambda: get(self.url + "/")[0] == 200, what=f"the first build\n{self.output()}")
        return self

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def site_stylesheet(url: str) -> str:
    """The site's stylesheet, by the name (with its content hash) the home page links."""
    _, page = get(url + "/")
    return get(url + "/" + re.search(r'href="(assets/site\.[0-9a-f]{8}\.min\.css)"', page)[1])[1]


def test_renaming_a_page_while_serving_leaves_nothing_stale(tmp_path):
    project = copy_project(tmp_path / "project")
    contract = (project / "adressen.txt").read_bytes()
    with Serve(project) as serve:
        css = site_stylesheet(serve.url)
        assert "@page p-printen{" in css, "the running header of the print page, before the rename"
        from gids import redactie  # the editors' rename (./run.sh hernoem), on this copy

        redactie.rename("printen", "afdrukken", root=project)
        wait_for(lambda: get(serve.url + "/afdrukken/")[0] == 200, what=f"the rebuild\n{serve.output()}")
        css = site_stylesheet(serve.url)
        _, old_page = get(serve.url + "/printen/")
        _, caseworkers = get(serve.url + "/voor-begeleiders/")
    assert "@page p-afdrukken{" in css and "p-printen" not in css, "running headers of this build only"
    assert 'http-equiv="refresh"' in old_page and "afdrukken" in old_page, "the old address redirects"
    assert "/afdrukken/" in caseworkers and "/printen/" not in caseworkers
    assert (project / "adressen.txt").read_bytes() == contract, "serve records no address (./run.sh adressen does)"


def test_page_reloads_after_a_change_and_shows_a_mistake(tmp_path, browser):
    """Under serve a page reloads by itself (the development policy allows MkDocs' reload script); a build
    error shows a Dutch error page with file and line instead of a browser that waits for ever; fixing it
    brings the page back."""
    project = copy_project(tmp_path / "project")
    chapter = project / "docs" / "wat-is-gehechtheid.md"
    with Serve(project) as serve:
        tab = browser.new_page()
        tab.goto(serve.url + "/wat-is-gehechtheid/")
        policy = tab.locator("meta[http-equiv='Content-Security-Policy']").get_attribute("content")
        assert "script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline'" in policy, "development policy while serving"
        edit(chapter, "# Wat is gehechtheid?", "# Wat is gehechtheid, gewijzigd?")
        tab.locator("article h1", has_text="gewijzigd").wait_for(timeout=30000)
        edit(chapter, "[@forslund2022attachment]", "[@bestaatniet]")
        tab.locator("#fout").wait_for(timeout=30000)
        message = tab.locator("#fout").inner_text()
        assert tab.title() == "De gids kon niet gebouwd worden"
        assert "docs/wat-is-gehechtheid.md: onbekende bron @bestaatniet (regel" in message, message
        edit(chapter, "[@bestaatniet]", "[@forslund2022attachment]")
        tab.locator("article h1", has_text="gewijzigd").wait_for(timeout=30000)
        tab.close()


def test_published_build_keeps_the_strict_policy(site):
    from bs4 import BeautifulSoup

    page = BeautifulSoup((site / "wat-is-gehechtheid" / "index.html").read_text(encoding="utf-8"), "html.parser")
    policy = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "script-src 'self' 'wasm-unsafe-eval';" in policy and "unsafe-inline" not in policy
