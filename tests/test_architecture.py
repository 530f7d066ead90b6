"""The core never imports Qt: the CLI and tests use it without a window."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "ctip_desktop"
QT_MODULES = {"PySide6", "shiboken6", "PyQt5", "PyQt6", "qtpy"}


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_core_imports_no_qt():
    files = sorted(CORE.rglob("*.py"))
    assert len(files) > 5
    offenders = {str(f.relative_to(CORE)): imported_roots(f) & QT_MODULES for f in files}
    assert {f: qt for f, qt in offenders.items() if qt} == {}


def test_core_never_imports_the_ui_layer():
    offenders = [str(f) for f in CORE.rglob("*.py") if "ui" in imported_roots(f)]
    assert offenders == []


def test_the_checker_sees_a_qt_import(tmp_path: Path):
    sample = tmp_path / "bad.py"
    sample.write_text("from PySide6.QtCore import QObject\nimport os\n")
    assert imported_roots(sample) & QT_MODULES == {"PySide6"}
