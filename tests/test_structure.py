"""The shape the code keeps (README, "Where things live"): MkDocs is imported by one thin adapter, and nothing joins
the project by editing sys.path (Material's names in one module: tests/test_postbuild.py)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "gids"
ADAPTER = PACKAGE / "pipeline.py"


def _runtime_imports(path: Path) -> set[str]:
    """The top-level packages a module imports when it runs (not those under `if TYPE_CHECKING:`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for node in ast.walk(block)
    }
    names = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_adapter_imports_mkdocs():
    importers = sorted(
        path.relative_to(ROOT).as_posix() for path in PACKAGE.rglob("*.py") if "mkdocs" in _runtime_imports(path)
    )
    assert importers == ["gids/pipeline.py"]


def test_the_adapter_stays_thin():
    """Issue 20: the one MkDocs file stays under about 100 lines of code (blank lines not counted)."""
    lines = [line for line in ADAPTER.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) <= 105, f"gids/pipeline.py has {len(lines)} lines: move a step into the package"


def test_nothing_edits_sys_path():
    edits = [
        path.relative_to(ROOT).as_posix()
        for folder in ("gids", "tests", "benchmark", "server")
        for path in (ROOT / folder).rglob("*.py")
        if path != Path(__file__) and "sys.path" in path.read_text(encoding="utf-8")
    ]
    assert edits == []
