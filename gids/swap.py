"""Only a build that finished replaces the site.

`mkdocs build` (and so `./run.sh build`) writes into a new folder beside the site folder
(`.site.bouw-<process id>`). That folder takes the site folder's place only when the last step after
the build has completed (`done`, at the end of on_post_build) and MkDocs raised no error after it
(strict: no warning either). Whatever else stops a build (a mistake in the content, a warning in
strict mode, Ctrl+C, SIGTERM) removes its folder: the last good site/ stays byte for byte, and the
command exits non-zero. SIGTERM is turned into the same interrupt as Ctrl+C, so the build's cleanup
(also the PDF step's Chromium) runs for both. A folder that a killed build could not remove
(`.site.bouw-*`, `.site.oud-*`) is removed at the next build, unless the process named in it still
runs. `mkdocs serve` builds into a temporary folder of its own and is left alone.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_leftovers(target: Path) -> None:
    """The temporary folders beside target of earlier builds that were killed before they could remove them."""
    pattern = re.compile(rf"\.{re.escape(target.name)}\.(bouw|oud)-(\d+)")
    if not target.parent.is_dir():
        return
    for folder in target.parent.iterdir():
        match = pattern.fullmatch(folder.name)
        if match and (int(match[2]) == os.getpid() or not _alive(int(match[2]))):
            shutil.rmtree(folder, ignore_errors=True)


def _interrupt(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


class Swap:
    def __init__(self) -> None:
        self.target: Path | None = None
        self.building: Path | None = None
        self.finished = False
        self.failed = False

    def begin(self, config: MkDocsConfig) -> None:
        """Point the build at a new folder beside the site folder (same disk, so the swap is a rename)."""
        self.target = target = Path(config.site_dir)
        remove_leftovers(target)
        self.building = target.with_name(f".{target.name}.bouw-{os.getpid()}")
        shutil.rmtree(self.building, ignore_errors=True)
        self.finished = self.failed = False
        config.site_dir = str(self.building)
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, _interrupt)

    def done(self) -> None:
        """The last step after the build has completed."""
        self.finished = True

    def fail(self) -> None:
        self.failed = True

    def finish(self) -> None:
        """When the command ends: the new folder becomes the site folder if the build finished, or goes away."""
        if self.building is None or self.target is None:
            return
        if not self.finished or self.failed or not self.building.is_dir():
            shutil.rmtree(self.building, ignore_errors=True)
            self.building = None
            return
        previous = self.target.with_name(f".{self.target.name}.oud-{os.getpid()}")
        # No interrupt between the two renames: site/ is always either the old site or the new one.
        blocked = {signal.SIGINT, signal.SIGTERM}
        signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
        try:
            if self.target.exists():
                self.target.rename(previous)
            self.building.rename(self.target)
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, blocked)
        shutil.rmtree(previous, ignore_errors=True)
        self.building = None
