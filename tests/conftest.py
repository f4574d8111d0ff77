"""Fixtures live in tests/support/fixtures/ (Chromium's in tests/support/browser.py) and are
registered here; helpers (servers, seeds) in tests/support/. A test file never imports another
test file."""

import os

import pytest

# Facilitators are created and log in hundreds of times in a run: a cheap password hash for
# every app the tests start (in this process, servers, seeds). The product's default, scrypt,
# is checked in tests/security/test_password_hash.py.
os.environ.setdefault("CAFE_PASSWORD_HASH_METHOD", "pbkdf2:sha256:1000")

# The fixtures and helpers assert too: show their failures as clearly as a test's own.
pytest.register_assert_rewrite("tests.support")

pytest_plugins = [
    "tests.support.fixtures.app",
    "tests.support.browser",
    "tests.support.fixtures.servers",
    "tests.support.fixtures.votes",
    "tests.support.fixtures.worldcafe",
    "tests.support.fixtures.delphi",
    "tests.support.fixtures.neighbourhoods",
    "tests.support.fixtures.mail",
]

# The longest modules (a minute or more on two cores), started first: with `--dist loadscope`
# a module runs whole on one worker, and one of these begun last would keep a single worker busy
# while the others are done.
LONGEST_FIRST = [
    "tests/live/test_heavy_work_stress.py",
    "tests/statements/test_opinion_race.py",
    "tests/accessibility/test_axe_editor_team_errors.py",
    "tests/security/test_backup.py",
    "tests/delphi/test_delphi_schedule.py",
    "tests/projector/test_projector_statements_pages_browser.py",
    "tests/web/test_accessibility.py",
    "tests/team/test_team_browser.py",
    "tests/statements/test_statements_scenario.py",
    "tests/editor/test_editor_browser.py",
    "tests/delphi/test_delphi_browser.py",
    "tests/board/test_board_browser.py",
    "tests/live/test_faults.py",
    "tests/projector/test_projector_fit_browser.py",
    "tests/security/test_fuzz.py",
    "tests/evening/test_facilitators_evening.py",
]


def pytest_collection_modifyitems(items):
    rank = {path: n for n, path in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))
