"""The ledger is a leaf: it imports neither the jobs nor the evidence package, directly or through
what it imports (a cycle ledger -> tasks -> evidence -> ledger made every change to one of them
a change to all). Read from the source with ``ast``, so imports inside functions count too."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = ("charters.tasks", "charters.evidence")


def _module_file(name: str) -> Path | None:
    base = ROOT.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.exists():
            return candidate
    return None


def _imports(path: Path, module: str) -> set[str]:
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in found if name.split(".")[0] in ("charters", "policy_portal", "compliance")}


def project_imports_of(module: str) -> set[str]:
    """Every project module reached from ``module`` by following imports."""
    seen: set[str] = set()
    todo = [module]
    while todo:
        name = todo.pop()
        path = _module_file(name)
        if name in seen or path is None:
            continue
        seen.add(name)
        todo.extend(_imports(path, name))
    return seen - {module}


def test_the_import_graph_reader_sees_a_known_edge() -> None:
    # the check below would pass vacuously if the reader missed imports: tasks does import the ledger
    assert "charters.ledger" in project_imports_of("charters.tasks")


def test_the_ledger_imports_neither_the_jobs_nor_the_evidence_package() -> None:
    reached = project_imports_of("charters.ledger")
    offending = sorted(name for name in reached if name.startswith(FORBIDDEN))
    assert offending == []
