"""A failed build leaves the previous site as it was.

`mkdocs build` (and so `./run.sh build`) writes into a new folder beside the site folder, and only when
the whole build has succeeded (strict: no warning either) does that folder take the site folder's
place. A build that stops, for a mistake in the content or a warning in strict mode, removes its own
folder: the last good site/ stays byte for byte, and the command exits non-zero. `mkdocs serve`
builds into a temporary folder of its own and is left alone.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


class Swap:
    def __init__(self) -> None:
        self.target: Path | None = None
        self.building: Path | None = None
        self.failed = False

    def begin(self, config: MkDocsConfig) -> None:
        """Point the build at a new folder beside the site folder (same disk, so the swap is a rename)."""
        self.target = Path(config.site_dir)
        self.building = self.target.with_name(f".{self.target.name}.bouw-{os.getpid()}")
        shutil.rmtree(self.building, ignore_errors=True)
        self.failed = False
        config.site_dir = str(self.building)

    def fail(self) -> None:
        self.failed = True

    def finish(self) -> None:
        """After the build: the new folder becomes the site folder, or goes away if the build failed."""
        if self.building is None or self.target is None:
            return
        if self.failed or not self.building.is_dir():
            shutil.rmtree(self.building, ignore_errors=True)
            return
        previous = self.target.with_name(f".{self.target.name}.oud-{os.getpid()}")
        if self.target.exists():
            self.target.rename(previous)
        self.building.rename(self.target)
        shutil.rmtree(previous, ignore_errors=True)
        self.building = None
