"""The layers of DESIGN.md: dashboard -> incidents -> geodata, UI libraries only on top."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UI_LIBRARIES = {"streamlit", "folium", "streamlit_folium", "branca"}
FORBIDDEN = {
    "geodata": {"incidents", "dashboard"} | UI_LIBRARIES,
    "incidents": {"dashboard"} | UI_LIBRARIES,
}


def imported_top_level_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_lower_layers_do_not_import_upper_layers_or_ui(package):
    offences = []
    for path in sorted((ROOT / package).rglob("*.py")):
        bad = imported_top_level_names(path) & FORBIDDEN[package]
        if bad:
            offences.append(f"{path.relative_to(ROOT)} imports {', '.join(sorted(bad))}")
    assert offences == []


def test_the_checker_sees_imports_inside_functions(tmp_path):
    # Guards the guard: a lazy import must not slip past the layer test.
    module = tmp_path / "lazy.py"
    module.write_text("def f():\n    import streamlit as st\n    from dashboard import app\n")
    assert {"streamlit", "dashboard"} <= imported_top_level_names(module)
