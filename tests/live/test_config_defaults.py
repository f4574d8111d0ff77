"""Every setting has its default in one place, `cafe.config.DEFAULTS`: no module reads a setting
with a default of its own (`config.get("X", 3)`, `config.setdefault("X", ...)`), and every
setting the code reads is listed there."""

import ast
from pathlib import Path

from cafe.config import DEFAULTS

ROOT = Path(__file__).resolve().parents[2]
# Set by cafe.config.load from others, or Flask's and its extensions' own settings.
DERIVED = {"SECRET_KEY", "SQLALCHEMY_DATABASE_URI", "SQLALCHEMY_ENGINE_OPTIONS",
           "REMEMBER_COOKIE_SECURE", "TESTING"}


def _reads(root: Path = ROOT):
    """(file:line, name, has its own default) for each read of an upper-case setting."""
    for path in sorted((root / "cafe").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            where = f"{path.relative_to(root)}:{getattr(node, 'lineno', 0)}"
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("get", "setdefault")
                    and ast.unparse(node.func.value).endswith("config")
                    and node.args and isinstance(node.args[0], ast.Constant)
                    and str(node.args[0].value).isupper()):
                yield where, node.args[0].value, len(node.args) > 1
            elif (isinstance(node, ast.Subscript) and ast.unparse(node.value).endswith("config")
                    and isinstance(node.slice, ast.Constant)
                    and str(node.slice.value).isupper()):
                yield where, node.slice.value, False


def test_no_setting_is_read_with_a_default_of_its_own():
    found = [f"{where} {name}" for where, name, own in _reads() if own and name not in DERIVED]
    assert found == []


def test_every_setting_read_has_its_default_in_config_defaults():
    missing = sorted({name for _where, name, _own in _reads()} - set(DEFAULTS) - DERIVED)
    assert missing == []


def test_the_scan_finds_both_faults(tmp_path):
    (tmp_path / "cafe").mkdir()
    (tmp_path / "cafe" / "x.py").write_text(
        'app.config.get("REPORT_TTL", 3)\ncurrent_app.config["NOT_A_SETTING"]\n')
    found = list(_reads(tmp_path))
    assert found == [("cafe/x.py:1", "REPORT_TTL", True), ("cafe/x.py:2", "NOT_A_SETTING", False)]
