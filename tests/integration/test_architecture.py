"""The package's shape: stages import only downwards, no import circles, small modules and
functions. Read from the source with `ast`, lazy imports inside functions included."""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import ROOT

PACKAGE = ROOT / "src" / "briefing_builder"
# Lowest first. A module may import from its own layer and the layers before it.
LAYERS = ["_version", "inputs", "problems", "i18n", "settings", "source", "checks", "render", "fit",
          "publish", "pipeline", "batch", "bulletin", "watch", "editor", "cli", "__init__",
          "__main__"]
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
LONG_ON_PURPOSE = "# long on purpose:"


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path) -> set[str]:
    """The package's modules that `name` imports, anywhere in its code."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[:len(package) - node.level + 1] if node.level > 1 else package
            target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            names = [f"{target}.{alias.name}".strip(".") for alias in node.names]
            known = modules()
            found |= {n for n in names if n in known} or {target}
        elif isinstance(node, ast.Import | ast.ImportFrom):
            module = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
            if module and module.startswith("briefing_builder."):
                found.add(module.removeprefix("briefing_builder."))
    return {module for module in found if module}


def layer(module: str) -> int:
    return LAYERS.index(module.split(".")[0])


def test_every_module_is_in_a_layer():
    assert {module.split(".")[0] for module in modules()} <= set(LAYERS)


def test_stages_import_only_downwards():
    upwards = [(module, target) for module, path in modules().items()
               for target in imports(module, path) if layer(target) > layer(module)]
    assert upwards == []


def test_no_import_circles():
    graph = {module: imports(module, path) for module, path in modules().items()}
    circles = []

    def visit(module: str, trail: list[str]) -> None:
        if module in trail:
            circles.append(trail[trail.index(module):] + [module])
            return
        for target in graph.get(module, ()):
            if target != module and not target.startswith(f"{module}."):
                visit(target, [*trail, module])

    for module in graph:
        visit(module, [])
    assert circles == []


def test_publishing_never_calls_the_batch():
    for module, path in modules().items():
        if module.startswith("publish"):
            assert not {t for t in imports(module, path)
                        if t.split(".")[0] in ("pipeline", "batch", "bulletin")}, module


def test_modules_and_functions_are_small():
    long_modules, long_functions = [], []
    for module, path in modules().items():
        text = path.read_text("utf-8")
        if text.count("\n") > MAX_MODULE_LINES:
            long_modules.append(module)
        lines = text.splitlines()
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                noted = any(LONG_ON_PURPOSE in line for line in
                            lines[max(0, node.lineno - 3):node.lineno + 1])
                if length > MAX_FUNCTION_LINES and not noted:
                    long_functions.append(f"{module}.{node.name} ({length} lines)")
    assert (long_modules, long_functions) == ([], [])


def test_the_architecture_test_sees_an_upward_import(tmp_path, monkeypatch):
    """The import reader must find a lazy import inside a function, or the tests above
    could never fail."""
    source = PACKAGE / "source" / "words.py"
    found = imports("source.words", source)
    assert "source.model" in found
    fake = tmp_path / "x.py"
    fake.write_text("def f():\n    from ..batch import build\n")
    assert imports("source.x", fake) == {"batch"}
