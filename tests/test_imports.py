"""Modules of the package use each other's public names only.

An underscore name is private to its module: no other module of the package imports it
(`from scenewright.agents.director import _singular`) or reads it through an imported module
(`from scenewright.agents import director as dr` ... `dr._singular`). What several modules need is public
where it belongs (words in `scenewright.tools.language`, director logic in `agents/director.py`). Dunder
names (`__version__`) are fine; tests and benchmarks may reach into the module they test.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DIRS = {
    "scenewright": "scenewright",
    "agents": "scenewright.agents",
    "tools": "scenewright.tools",
    "graphs": "scenewright.graphs",
    "evals": "scenewright.evals",
}
"""Repository folder -> its import name (setuptools' package-dir in pyproject.toml)."""


def module_name(path: Path) -> str:
    """The import name of a source file: agents/director.py -> scenewright.agents.director."""
    relative = path.relative_to(ROOT)
    parts = [PACKAGE_DIRS[relative.parts[0]], *relative.with_suffix("").parts[1:]]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def package_sources() -> dict[str, Path]:
    """Import name -> file, for every module of the package."""
    return {
        module_name(path): path
        for folder in PACKAGE_DIRS
        for path in sorted((ROOT / folder).rglob("*.py"))
        if "__pycache__" not in path.parts
    }


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_uses(
    source: str, module: str, modules: set[str], is_package: bool = False
) -> list[tuple[int, str]]:
    """(line, 'module._name') for every underscore name of another package module that `source` uses.

    `module` is the source's own import name, `modules` every import name of the package; an import of
    anything outside it (torch, numpy) is not looked at."""
    tree = ast.parse(source)
    own_package = module if is_package else module.rpartition(".")[0]
    aliases: dict[str, str] = {}  # local name -> the package module it stands for
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname is not None:
                    aliases[alias.asname] = alias.name
                else:
                    top = alias.name.partition(".")[0]
                    aliases[top] = top
                if any(is_private(part) for part in alias.name.split(".")) and alias.name in modules:
                    found.append((node.lineno, alias.name))
        elif isinstance(node, ast.ImportFrom):
            source_module = node.module or ""
            if node.level:
                base = own_package.split(".")[: len(own_package.split(".")) - (node.level - 1)]
                source_module = ".".join([*base, *([source_module] if source_module else [])])
            if source_module not in modules:
                continue
            for alias in node.names:
                full = f"{source_module}.{alias.name}"
                if full in modules:
                    aliases[alias.asname or alias.name] = full
                if is_private(alias.name) and source_module != module:
                    found.append((node.lineno, full))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and is_private(node.attr):
            target = dotted(node.value, aliases)
            if target is not None and target in modules and target != module:
                found.append((node.lineno, f"{target}.{node.attr}"))
    return sorted(set(found))


def dotted(node: ast.expr, aliases: dict[str, str]) -> str | None:
    """The import name an expression such as `dr` or `scenewright.agents.director` stands for, if any."""
    if isinstance(node, ast.Name):
        return aliases.get(node.id)
    if isinstance(node, ast.Attribute):
        base = dotted(node.value, aliases)
        return None if base is None else f"{base}.{node.attr}"
    return None


def test_no_module_uses_another_modules_private_names() -> None:
    sources = package_sources()
    modules = set(sources)
    lines = []
    for module, path in sources.items():
        source = path.read_text(encoding="utf-8")
        for line, name in private_uses(source, module, modules, is_package=path.name == "__init__.py"):
            lines.append(
                f"{path.relative_to(ROOT).as_posix()}:{line}: uses {name}, a private name of another module"
            )
    assert not lines, "make these names public where they belong, or stop using them:\n" + "\n".join(lines)


OWN = "scenewright.agents.editor"
MODULES = {
    OWN,
    "scenewright",
    "scenewright.agents",
    "scenewright.agents.director",
    "scenewright.tools.language.words",
}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from scenewright.agents.director import _singular, direct_offline", [(1, "director._singular")]),
        ("from scenewright.agents import director as dr\nx = dr._tokens('a')", [(2, "director._tokens")]),
        ("import scenewright.agents.director as dr\ndr._fit", [(2, "director._fit")]),
        ("import scenewright.agents.director\nscenewright.agents.director._fit", [(2, "director._fit")]),
        ("from scenewright.agents import director\n\ndef f():\n    return director._x", [(4, "director._x")]),
        ("from .director import _chunk", [(1, "director._chunk")]),
        ("from scenewright import __version__\nfrom scenewright.agents import director as dr\ndr.MARK", []),
        ("from scenewright.tools.language import words as wd\nwd.singular('dogs')", []),
        ("import torch\ntorch._dynamo.reset()\nfrom numpy import _private", []),
        ("from scenewright.agents.director import Motion\nMotion._fields", []),
        ("from scenewright.agents.editor import _own\n_own()", []),
    ],
)
def test_private_uses_finds_imports_and_attribute_access(
    source: str, expected: list[tuple[int, str]]
) -> None:
    """Both ways of reaching a private name are found; public, dunder, own and third-party names are not."""
    found = private_uses(source, OWN, MODULES)
    assert [(line, name.removeprefix("scenewright.agents.")) for line, name in found] == expected
