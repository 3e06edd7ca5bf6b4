"""The layers keep their places: the domain knows no web framework and no drawing, and HTTP
serving lives above it. Read from the source (imports), so a new module is checked too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: package -> top-level packages it must not import
FORBIDDEN = {
    "kansenkaart": {
        "dash",
        "flask",
        "werkzeug",
        "dash_ag_grid",
        "layers",
        "ui",
        "callbacks",
        "server",
        "app",
    },
    "layers": {"dash", "flask", "werkzeug", "ui", "callbacks", "server", "app"},
    "ui": {"flask", "werkzeug", "callbacks", "server", "app"},
    "server": {"callbacks", "ui", "app"},
}


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_stay_in_their_layer(package):
    wrong = {
        str(path.relative_to(ROOT)): sorted(imported_packages(path) & FORBIDDEN[package])
        for path in sorted((ROOT / package).rglob("*.py"))
    }
    wrong = {file: names for file, names in wrong.items() if names}
    assert not wrong, f"imports across layers: {wrong}"


def test_the_check_sees_an_import(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("import dash.html\nfrom flask import request\nfrom . import x\n")
    assert imported_packages(module) == {"dash", "flask"}


def test_app_only_composes():
    """app.py builds the app and imports the callbacks: no callback, figure or route of its own."""
    source = (ROOT / "app.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    functions = [n.name for n in tree.body if isinstance(n, ast.FunctionDef)]
    assert set(functions) <= {"serve_layout", "create_app"}
    assert "@callback" not in source and ".route(" not in source
