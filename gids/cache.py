"""What a build makes again and again from the same input, kept in the project's `.cache/` (git ignores it).

`kept(folder, key, make, suffix)`: the bytes `make()` gave for this key before, or made now and kept. A folder keeps
its newest entry only (a new key replaces the old one), so it never grows. Used for the formatted sources
(.cache/bronnen), Material's trimmed stylesheet (.cache/stylesheet) and the share image (.cache/deelbeeld).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

CACHE = Path(".cache")


def kept(folder: Path, key: bytes, make: Callable[[], bytes], suffix: str = "") -> bytes:
    entry = folder / (hashlib.sha256(key).hexdigest() + suffix)
    try:
        return entry.read_bytes()
    except OSError:
        pass
    data = make()
    folder.mkdir(parents=True, exist_ok=True)
    # A file of its own for each writer (two builds may run at once), put in place whole.
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=entry.name, suffix=".tmp")
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    os.replace(temporary, entry)
    for old in folder.iterdir():
        if old != entry and not old.name.endswith(".tmp"):
            old.unlink(missing_ok=True)
    return data
