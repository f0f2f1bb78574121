"""What a build makes again and again from the same input, kept in the project's `.cache/` (git ignores it).

`kept(root, kind, key, make)`: the bytes `make()` gave for this key before, or made now and kept. Each kind
keeps its newest entry only (a new key replaces the old one), so the folder never grows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

CACHE = Path(".cache")


def kept(root: Path, kind: str, key: bytes, make: Callable[[], bytes]) -> bytes:
    folder = root / CACHE / kind
    entry = folder / hashlib.sha256(key).hexdigest()
    if entry.is_file():
        return entry.read_bytes()
    data = make()
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink(missing_ok=True)
    temporary = entry.with_name(entry.name + ".tmp")
    temporary.write_bytes(data)
    temporary.replace(entry)
    return data
