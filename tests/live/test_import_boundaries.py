"""The shape of the imports: the live layer knows no feature, and no module-level import cycle.

Read from the source (scripts/import_graph.py, `ast`), so function-level imports count for the
live layer's boundary too; module-level ones make the cycles.
"""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("import_graph", ROOT / "scripts" / "import_graph.py")
import_graph = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(import_graph)

FEATURES = ("cafe.activities", "cafe.sessions", "cafe.participants", "cafe.team", "cafe.delphi",
            "cafe.security")


def _within(module: str, packages) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def test_the_live_layer_imports_no_feature_not_even_inside_a_function():
    top, late = import_graph.graph()
    found = sorted(
        f"{module} -> {target}"
        for edges in (top, late)
        for module, targets in edges.items() if _within(module, ("cafe.live",))
        for target in targets if _within(target, FEATURES)
    )
    assert found == []


def test_no_module_level_import_cycle():
    top, _late = import_graph.graph()
    cycles = [" -> ".join(import_graph.shortest_cycle(top, c)) for c in import_graph.cycles(top)]
    assert cycles == []


def _package(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "cafe" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def test_the_checker_finds_a_cycle_and_tells_late_imports_apart(tmp_path):
    """The two tests above can fail: a cycle through a module-level import (also one inside a
    module-level `try`) is found; the same import inside a function, or for type checking
    only, is not a cycle but still an import of the live layer."""
    root = _package(tmp_path, {
        "__init__.py": "",
        "live/__init__.py": "",
        "live/a.py": "try:\n    from cafe.live import b\nexcept ImportError:\n    b = None\n",
        "live/b.py": "from cafe.live.a import x\n",
        "live/c.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                     "    from cafe.live import d\n",
        "live/d.py": "import cafe.live.c\n\ndef f():\n    from cafe.sessions import views\n",
        "sessions/__init__.py": "",
        "sessions/views.py": "",
    })
    top, late = import_graph.graph(root)
    assert import_graph.cycles(top) == [["cafe.live.a", "cafe.live.b"]]
    assert top["cafe.live.c"] == set()
    assert late["cafe.live.d"] == {"cafe.sessions.views"}
