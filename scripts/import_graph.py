"""The import graph of the `cafe` package, read from the source with `ast`.

Used by tests/live/test_import_boundaries.py (no module-level import cycle; what the live
layer may import) and runnable by hand: `python scripts/import_graph.py` prints the cycles.

An import at module level (also inside a module-level `if`/`try`, but not under
`if TYPE_CHECKING:`) runs when the module is first imported: those make cycles. An import
inside a function or class body runs later and is listed separately (`function_level`).
As in import-linter (grimp), an edge goes to the module named: `from cafe.x import name`
depends on `cafe.x` (its `__init__`), `from cafe.x import module` on `cafe.x.module`.
"""

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "cafe"


def modules(root: Path = ROOT) -> dict[str, Path]:
    found = {}
    for path in sorted((root / PACKAGE).rglob("*.py")):
        relative = path.relative_to(root).with_suffix("")
        parts = list(relative.parts)
        if "migrations" in parts:
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.Module, name: str, is_package: bool, known: set[str]):
    """(module imported, at module level?) for every import statement in the tree."""

    def resolve(node) -> list[str]:
        if isinstance(node, ast.Import):
            return [alias.name for alias in node.names]
        base = node.module or ""
        if node.level:
            package = name.split(".") if is_package else name.split(".")[:-1]
            package = package[: len(package) - (node.level - 1)]
            base = ".".join(package + ([base] if base else []))
        targets = []
        for alias in node.names:
            sub = f"{base}.{alias.name}"
            targets.append(sub if sub in known else base)  # `from pkg import module`
        return targets

    def walk(body, top: bool):
        for node in body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for target in resolve(node):
                    yield target, top
            elif isinstance(node, ast.If) and _is_type_checking(node.test):
                continue
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                yield from _nested(node)
            elif isinstance(node, ast.ClassDef):
                # A class body runs at import time; its methods do not.
                yield from walk(node.body, top)
            else:
                for field in ("body", "orelse", "finalbody", "handlers"):
                    inner = getattr(node, field, None)
                    if isinstance(inner, list):
                        yield from walk(inner, top)

    def _nested(function):
        for node in ast.walk(function):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for target in resolve(node):
                    yield target, False

    yield from walk(tree.body, True)


def graph(root: Path = ROOT) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(module-level edges, function-level edges) between modules of the package."""
    found = modules(root)
    known = set(found)
    top: dict[str, set[str]] = {name: set() for name in found}
    late: dict[str, set[str]] = {name: set() for name in found}
    for name, path in found.items():
        tree = ast.parse(path.read_text(), str(path))
        for target, at_top in _imports(tree, name, path.name == "__init__.py", known):
            if not (target == PACKAGE or target.startswith(PACKAGE + ".")):
                continue
            while target not in known and "." in target:  # `import cafe.x.name`
                target = target.rsplit(".", 1)[0]
            if target != name:
                (top if at_top else late)[name].add(target)
    return top, late


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(found)


def shortest_cycle(edges: dict[str, set[str]], component: list[str]) -> list[str]:
    """One shortest cycle through the component's first module, for a readable message."""
    members = set(component)
    start = component[0]
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for nxt in sorted(edges.get(node, ())):
            if nxt == start:
                return paths[node] + [start]
            if nxt in members and nxt not in paths:
                paths[nxt] = paths[node] + [nxt]
                queue.append(nxt)
    return component


if __name__ == "__main__":
    top, _late = graph()
    found = cycles(top)
    for component in found:
        print(f"{len(component)} modules: " + " -> ".join(shortest_cycle(top, component)))
    sys.exit(1 if found else 0)
