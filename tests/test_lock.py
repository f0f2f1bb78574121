"""The Python packages are installed from a lock with hashes: a file that differs from the one pinned stops pip."""

from __future__ import annotations

import re

from conftest import ROOT


def lock_entries() -> list[str]:
    """requirements.lock's requirements, each with its continuation lines joined."""
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    lines = [line for line in text.replace("\\\n", " ").splitlines() if line.strip() and not line.startswith("#")]
    return [" ".join(line.split()) for line in lines]


def test_every_locked_package_is_pinned_with_hashes():
    entries = lock_entries()
    assert len(entries) > 20
    for entry in entries:
        assert re.match(r"[A-Za-z0-9._-]+==\S+ ", entry), entry
        assert re.search(r"--hash=sha256:[0-9a-f]{64}\b", entry), f"no hash: {entry[:60]}"
        assert not re.search(r"--hash=(?!sha256:[0-9a-f]{64}\b)", entry), entry


def test_run_sh_installs_only_what_matches_the_hashes():
    installs = [
        line
        for line in (ROOT / "run.sh").read_text(encoding="utf-8").splitlines()
        if "pip install" in line and not line.lstrip().startswith("#")
    ]
    from_index = [line for line in installs if "--no-deps" not in line]
    assert from_index and all("--require-hashes" in line and "-r requirements.lock" in line for line in from_index), (
        installs
    )
    # The one other install is the site's own package from this folder: nothing from an index, nothing built
    # in an environment of its own (which would fetch setuptools unpinned).
    own = [line for line in installs if "--no-deps" in line]
    assert all("--no-build-isolation" in line and line.rstrip().endswith("-e .") for line in own), own


def test_the_build_backend_is_in_the_lock():
    """The site's package is built with the setuptools of the lock (./run.sh, --no-build-isolation)."""
    assert any(entry.startswith("setuptools==") for entry in lock_entries())
