"""Benchmark: this site against a plain default Material build of the same Markdown, on this machine.

    ./run.sh benchmark            writes benchmark/rapport.md and prints it
    ./run.sh benchmark --runs 5   Lighthouse runs per page (default 3; the report gives the median)
    ./run.sh benchmark --voor REV also times the build and ./run.sh check of an earlier commit, in the same run
    ./run.sh benchmark --voor REV --alleen-tijden   only the build and check times (a few minutes)

1. Builds both (timed; this site without PDFs). The baseline is Material with its defaults and the
   same docs/ folder: no hooks, no plugins of this project, Google Fonts as Material asks for them.
   This site is timed in a copy of the project, five builds each time, median reported: once with an
   empty cache (.cache/, the first build on a new machine) and once with the cache of the build before
   (what an editor meets on every next build); with --voor REV the same for that commit, and the time of
   `./run.sh check` for both, the two taking turns (A B A B …) and compared run by run, since this
   machine's speed drifts by a fifth from hour to hour. REV builds with the packages of its own requirements.lock, installed once
   into .cache/benchmark/ (the one step here that needs PyPI).
2. Serves both with Debian's nginx and server/nginx.conf on loopback (compression, caching).
3. Per page (every page of the nav and the whole guide), with Debian's Chromium: bytes and requests
   of the first view and of a repeat view (the next page after it), and Lighthouse's mobile scores
   with FCP, LCP, TBT and CLS (npm lighthouse from benchmark/package.json,
   CHROME_PATH=/usr/bin/chromium). Lighthouse varies from run to run (TBT most): each page is run
   several times and the report gives the median, with the lowest and highest performance score.
Times and scores live here, not in the tests; the tests hold the deterministic budgets.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from gids import offline, printing
from gids.loopback import Nginx, transferred
from gids.project import nav_pages

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

CHROMIUM = printing.CHROMIUM
PAGES = [*nav_pages(), "volledige-gids"]  # the whole guide is ours only (mkdocs-print-site-plugin)
PHONE = {"width": 390, "height": 844}
LIGHTHOUSE = HERE / "node_modules" / "lighthouse" / "cli" / "index.js"


def build(config: Path, site: Path, env: dict, python: str = sys.executable) -> float:
    start = time.perf_counter()
    subprocess.run(
        [python, "-m", "properdocs", "build", "-q", "-f", str(config), "-d", str(site)],
        check=True,
        env=env,
        cwd=config.parent,
    )
    return time.perf_counter() - start


def build_times(
    projects: list[tuple[Path, str]], folder: Path, env: dict, runs: int = 5
) -> list[tuple[list[float], list[float]]]:
    """Each project's build times (with an empty cache, then with the warm one), the projects taking turns in
    every run (A B A B …): a drift of the machine's speed falls on both alike. projects: (folder, python)."""
    times: list[tuple[list[float], list[float]]] = [([], []) for _ in projects]
    for run in range(runs):
        for (project, python), (cold, warm) in zip(projects, times):
            shutil.rmtree(project / ".cache", ignore_errors=True)
            cold.append(build(project / "mkdocs.yml", folder / f"{project.name}-cold-{run}", env, python))
            warm.append(build(project / "mkdocs.yml", folder / f"{project.name}-warm-{run}", env, python))
    return times


def paired_ratio(ours: list[float], before: list[float]) -> str:
    """The median of the run-by-run ratios, with their lowest and highest: "88 % (76–96 %)"."""
    ratios = sorted(a / b for a, b in zip(ours, before))
    return f"{statistics.median(ratios):.0%} ({ratios[0]:.0%}–{ratios[-1]:.0%})"


def revision_venv(worktree: Path) -> Path:
    """A virtualenv with the packages of a commit's own lock (kept in .cache/benchmark/ by the lock's hash)."""
    lock = (worktree / "requirements.lock").read_bytes()
    venv = ROOT / ".cache" / "benchmark" / f"venv-{hashlib.sha256(lock).hexdigest()[:12]}"
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    if not (venv / ".installed-lock").exists():
        shutil.rmtree(venv, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        hashed = ["--require-hashes"] if b"--hash=" in lock else []  # older commits pinned versions only
        subprocess.run([*pip, *hashed, "-r", str(worktree / "requirements.lock")], check=True)
        (venv / ".installed-lock").write_bytes(lock)
    if (worktree / "gids").is_dir():  # a commit with the package: its own copy, editable
        subprocess.run([*pip, "--no-deps", "--no-build-isolation", "-e", str(worktree)], check=True)
    if (worktree / "pyproject.toml").exists():
        shutil.copy2(worktree / "pyproject.toml", venv / ".installed-pyproject")
    return venv


def check_times(projects: list[Path], env: dict, runs: int = 3) -> list[list[float]]:
    """Each checkout's `./run.sh check -q` times (its .venv ready), taking turns in every run."""
    times: list[list[float]] = [[] for _ in projects]
    for _ in range(runs):
        for project, found in zip(projects, times):
            start = time.perf_counter()
            result = subprocess.run(
                ["./run.sh", "check", "-q", "-p", "no:cacheprovider"],
                cwd=project,
                env=env,
                capture_output=True,
                text=True,
            )
            if result.returncode:
                sys.exit(
                    f"benchmark: ./run.sh check failed in {project}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
                )
            found.append(time.perf_counter() - start)
    return times


def project_copy(folder: Path, revision: str | None = None) -> Path:
    """The files a build reads, as they are now or at a commit."""
    target = folder / (f"project-{revision}" if revision else "project")
    if revision:
        subprocess.run(
            ["git", "worktree", "add", "--detach", "-f", str(target), revision],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
    else:
        target.mkdir()
        for name in ("mkdocs.yml", "references.bib", "woordenlijst.yml", "docs", "overrides"):
            (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(ROOT / name, target / name)
    return target


def baseline_config(folder: Path) -> Path:
    config = folder / "mkdocs.yml"
    config.write_text(
        f"site_name: Gehechtheid in pleegzorg\ndocs_dir: {ROOT / 'docs'}\ntheme:\n  name: material\n", encoding="utf-8"
    )
    return config


def weigh(browser, base: str, path: str) -> dict:
    nav = nav_pages()  # the repeat view: the next page of the nav (both builds have it)
    following = nav[(nav.index(path) + 1) % len(nav)] if path in nav else nav[0]
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    first, first_requests = transferred(page, address(base, path))
    repeat, repeat_requests = transferred(page, address(base, following))
    context.close()
    return {"first": first, "first_requests": first_requests, "repeat": repeat, "repeat_requests": repeat_requests}


def kept_offline(browser, base: str, site: Path) -> dict:
    """What one visit keeps on the device (docs/sw.js): the files of the worker's list, as they are and as they
    travel (Brotli), and what the browser itself reports it uses once the worker has installed."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{base}/")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=120_000)
    usage = page.evaluate(
        "() => navigator.serviceWorker.ready.then(() => navigator.storage.estimate()).then(e => e.usage)"
    )
    context.close()
    files = offline.stored_bytes(site)
    listed = offline.files_to_keep(site)
    travel = 0
    for path in site.rglob("*"):
        relative = path.relative_to(site).as_posix()
        if path.is_file() and listed.get(offline.address_of(relative), ("", False))[1]:
            compressed = path.with_name(path.name + ".br")
            travel += (compressed if compressed.exists() else path).stat().st_size
    return {"files": files, "travel": travel, "usage": usage}


def address(base: str, path: str) -> str:
    return f"{base}/{path}/" if path else f"{base}/"


def lighthouse(url: str, folder: Path) -> dict:
    report = folder / "lighthouse.json"
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    subprocess.run(
        [
            "node",
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking "
            "--disable-component-update --disable-sync --no-first-run",
            "--only-categories=performance,accessibility,best-practices,seo",
        ],
        check=True,
        env=env,
        timeout=300,
        capture_output=True,
    )
    data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    return {
        **{name: round(category["score"] * 100) for name, category in data["categories"].items()},
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
    }


def lighthouse_median(url: str, folder: Path, runs: int) -> dict:
    results = [lighthouse(url, folder) for _ in range(runs)]
    median = {key: statistics.median(result[key] for result in results) for key in results[0]}
    performance = [result["performance"] for result in results]
    return {**median, "performance_range": (min(performance), max(performance))}


def ratio(ours: float, theirs: float) -> str:
    return f"{ours / theirs:.2f}" if theirs else "–"


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark against a default Material build")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median reported)")
    parser.add_argument("--voor", metavar="REV", help="also time the build and the check of this earlier commit")
    parser.add_argument("--alleen-tijden", action="store_true", help="only the build and check times")
    arguments = parser.parse_args()
    runs = arguments.runs
    if not LIGHTHOUSE.exists():
        subprocess.run(
            ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HERE, check=True
        )
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        env = dict(os.environ, PDF="0", NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
        ours_site, base_site = folder / "ours", folder / "baseline"
        projects, checkouts = [(project_copy(folder), sys.executable)], [ROOT]
        before_site = folder / "voor"
        earlier = project_copy(folder, arguments.voor) if arguments.voor else None
        try:
            if earlier is not None:
                venv = revision_venv(earlier)
                (earlier / ".venv").symlink_to(venv)
                projects.append((earlier, str(venv / "bin" / "python")))
                checkouts.append(earlier)
            built = build_times(projects, folder, env)
            checked = check_times(checkouts, env)
            if earlier is not None and not arguments.alleen_tijden:
                build(earlier / "mkdocs.yml", before_site, env, python=projects[1][1])  # its site, to weigh
        finally:
            if earlier is not None:
                subprocess.run(["git", "worktree", "remove", "--force", str(earlier)], cwd=ROOT, check=False)
        (ours_cold, ours_warm), ours_check = built[0], checked[0]
        median = statistics.median
        times = [
            f"Bouwtijd (zonder PDF's, mediaan van {len(ours_warm)}): deze site {median(ours_cold):.1f} s met een lege "
            f"cache en {median(ours_warm):.1f} s bij elke volgende build."
            + (
                f" Commit {arguments.voor}, om beurten met deze site gebouwd: {median(built[1][0]):.1f} s met een lege "
                f"cache, {median(built[1][1]):.1f} s bij een volgende build. Deze site tegenover die commit, run per "
                f"run: {paired_ratio(ours_warm, built[1][1])} bij een volgende build, {paired_ratio(ours_cold, built[1][0])} met "
                "een lege cache."
                if earlier is not None
                else ""
            ),
            "",
            f"`./run.sh check` (mediaan van {len(ours_check)}): deze site {median(ours_check):.1f} s"
            + (
                f"; commit {arguments.voor}: {median(checked[1]):.1f} s (run per run: {paired_ratio(ours_check, checked[1])})."
                if earlier is not None
                else "."
            ),
        ]
        if arguments.alleen_tijden:
            report = "\n".join(
                [
                    "# Benchmark: bouw- en controletijden",
                    "",
                    f"Gemeten op {time.strftime('%Y-%m-%d %H:%M')} op deze machine ({os.cpu_count()} kernen).",
                    "",
                    *times,
                    "",
                ]
            )
            (HERE / "tijden.md").write_text(report, encoding="utf-8")
            print(report)
            return
        build(ROOT / "mkdocs.yml", ours_site, env)
        base_time = build(baseline_config(folder), base_site, env)
        results = {}
        sites = [("ours", ours_site), ("voor", before_site), ("base", base_site)]
        sites = [(name, site) for name, site in sites if site.is_dir()]
        with contextlib.ExitStack() as servers:
            urls = {name: servers.enter_context(Nginx(site, folder / f"nginx-{name}")) for name, site in sites}
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(printing.CHROMIUM_ARGS))
                stored = {
                    name: kept_offline(browser, urls[name], site)
                    for name, site in sites
                    if (site / offline.WORKER).is_file()
                    and "BESTANDEN = {/*" not in (site / offline.WORKER).read_text()
                }
                for path in PAGES:
                    for name, site in sites:  # each page of the three in turn: a drift falls on all alike
                        if not (site / path / "index.html").exists():
                            continue  # the default build has no whole-guide page
                        weights = weigh(browser, urls[name], path)
                        scores = lighthouse_median(address(urls[name], path), folder, runs)
                        results[(path, name)] = {**weights, **scores}
                        print(f"/{path} {name}: {results[(path, name)]}", file=sys.stderr)
                browser.close()
    lines = [
        "# Benchmark: deze site tegenover een standaard Material-build van dezelfde Markdown",
        "",
        f"Gemeten op {time.strftime('%Y-%m-%d %H:%M')} op deze machine ({os.cpu_count()} kernen), "
        "geserveerd met nginx en server/nginx.conf op loopback, Chromium in telefoonformaat. "
        f"Lighthouse (mobiel): mediaan van {runs} metingen per pagina; bij prestaties tussen haakjes de "
        "laagste en hoogste score.",
        "",
        *times,
        "",
        f"Standaard-build: {base_time:.1f} s (deze site bij een volgende build: {ratio(statistics.median(ours_warm), base_time)}).",
        "",
        f"Per pagina: deze site, dan tussen haakjes {'commit ' + arguments.voor + ' en ' if arguments.voor else ''}"
        "de standaard-build. Eerste bezoek: bytes over de lijn (met headers) en verzoeken, niets in de cache; "
        "herhaald bezoek: de volgende pagina van het menu daarna.",
        "",
        "| Pagina | Eerste bezoek (bytes, verzoeken) | Herhaald bezoek (bytes) | "
        "Lighthouse prestaties / toegankelijkheid / praktijken / SEO | FCP ms | LCP ms | TBT ms | CLS |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]

    def scores(r):
        low, high = r["performance_range"]
        spread = f" ({low}–{high})" if low != high else ""
        return f"{r['performance']:.0f}{spread} / {r['accessibility']:.0f} / {r['best-practices']:.0f} / {r['seo']:.0f}"

    def cell(path, show):
        values = [show(results[(path, name)]) for name in ("ours", "voor", "base") if (path, name) in results]
        return values[0] + (f" ({'; '.join(values[1:])})" if len(values) > 1 else "")

    columns = (
        lambda r: f"{r['first']} B, {r['first_requests']}",
        lambda r: f"{r['repeat']} B",
        scores,
        lambda r: f"{r['fcp']:.0f}",
        lambda r: f"{r['lcp']:.0f}",
        lambda r: f"{r['tbt']:.0f}",
        lambda r: f"{r['cls']:.3f}",
    )
    for path in PAGES:
        lines.append(f"| /{path} | " + " | ".join(cell(path, show) for show in columns) + " |")
    firsts = {name: [r["first"] for (path, n), r in results.items() if n == name] for name in ("ours", "voor", "base")}
    lines += [
        "",
        "Uitersten van het eerste bezoek: "
        + "; ".join(
            f"{label} {min(values)}–{max(values)} B"
            for label, values in (
                ("deze site", firsts["ours"]),
                (f"commit {arguments.voor}", firsts["voor"]),
                ("standaard-build", firsts["base"]),
            )
            if values
        )
        + ". De volledige gids (één pagina om in één keer te printen) bestaat niet in de standaard-build.",
        "",
        *(
            f"Zonder internet ({'deze site' if name == 'ours' else 'commit ' + str(arguments.voor)}): één bezoek bewaart "
            f"{r['files']} B aan bestanden (budget {offline.STORED_BUDGET} B), {r['travel']} B over de lijn "
            f"(Brotli, op de achtergrond na het eerste bezoek); de browser meldt {r['usage']} B in gebruik."
            for name, r in stored.items()
        ),
        "",
    ]
    report = "\n".join(lines)
    (HERE / "rapport.md").write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    shutil.which("nginx") or sys.exit(
        "benchmark: nginx is needed (apt-get install nginx libnginx-mod-http-brotli-static)"
    )
    main()
