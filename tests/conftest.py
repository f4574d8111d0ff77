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

# The longest modules (half a minute or more on two cores), longest first: with `--dist loadscope`
# a module runs whole on one worker, and one of these begun last keeps a single worker busy while
# the others are done. Ranked by a full run's --durations (a loaded 2-core machine) and by
# each module run alone.
LONGEST_FIRST = [
    "tests/live/test_heavy_work_stress.py",
    "tests/accessibility/test_axe_editor_team_errors.py",
    "tests/editor/test_editor_browser.py",
    # Fourth: xdist gives it at once to the worker that took the stress test (a worker with
    # two tests or fewer to run is handed the next module), so it runs after that one, never
    # beside it: two rooms of sixty phones at once on two cores would test the machine.
    "tests/statements/test_opinion_race.py",
    "tests/web/test_accessibility.py",
    "tests/delphi/test_delphi_browser.py",
    "tests/live/test_faults.py",
    "tests/delphi/test_delphi_schedule.py",
    "tests/accessibility/test_statement_browser.py",
    "tests/participants/test_phone_browser.py",
    "tests/statements/test_statements_scenario.py",
    "tests/questions/test_browser.py",
    "tests/board/test_board_browser.py",
    "tests/statements/test_statements.py",
    "tests/security/test_backup.py",
    "tests/projector/test_projector_statements_pages_browser.py",
    "tests/projector/test_projector_fit_browser.py",
    "tests/live/test_offload.py",
    "tests/web/test_kind_assets.py",
    "tests/live/test_locked_database.py",
    "tests/security/test_fuzz.py",
    "tests/team/test_team_browser.py",
    "tests/live/test_connection_cap.py",
    "tests/projector/test_projector_canvas_pages_browser.py",
    "tests/evening/test_facilitators_evening.py",
    "tests/live/test_multiprocess.py",
    "tests/library/test_plan_import_limits.py",
    "tests/live/test_collector.py",
]


def pytest_configure(config):
    # pytest-xdist (3.6 and later) hands out loadscope's modules by their number of tests,
    # most first, unless told not to: the one-test modules above (the opinion race, the backup)
    # then began among the last and ran alone at the end. Keep LONGEST_FIRST's order instead.
    if hasattr(config.option, "loadscopereorder"):
        config.option.loadscopereorder = False


def pytest_collection_modifyitems(items):
    rank = {path: n for n, path in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))
