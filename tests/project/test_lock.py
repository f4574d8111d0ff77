"""Dependencies are locked: every requirement of pyproject.toml (the app's and the tests') is
pinned in requirements.lock, the Makefile installs from it, and what is installed is what it
pins. CI runs the linter too."""

import re
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]


def pins() -> dict[str, str]:
    found = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)", line)
        if match:
            found[canonicalize_name(match.group(1))] = match.group(2)
    return found


def requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [Requirement(r) for r in
            project["dependencies"] + project["optional-dependencies"]["test"]]


def test_every_requirement_is_pinned_within_what_pyproject_allows():
    locked = pins()
    for requirement in requirements():
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{name} is not in requirements.lock (run `make lock`)"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"{name}=={locked[name]} does not satisfy {requirement}")


def test_installed_versions_are_the_locked_ones():
    locked = pins()
    for requirement in requirements():
        name = canonicalize_name(requirement.name)
        assert metadata.version(requirement.name) == locked[name], name


def test_make_installs_from_the_lock_and_can_update_it():
    makefile = (ROOT / "Makefile").read_text()
    installs = [line for line in makefile.splitlines() if "pip install" in line and "-e " in line]
    assert len(installs) == 2 and all("-c $(LOCK)" in line for line in installs), installs
    assert "LOCK := requirements.lock" in makefile
    assert re.search(r"^lock:", makefile, re.M) and "pip-compile" in makefile


def test_ci_runs_the_linter_and_the_tests():
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert "make lint    # ruff check ." in ci and "make test" in ci
    assert "$(BIN)/ruff check ." in (ROOT / "Makefile").read_text()
