"""Fixtures live in tests/support/fixtures/ (Chromium's in tests/support/browser.py) and are
registered here; helpers (servers, seeds) in tests/support/. A test file never imports another
test file."""

import pytest

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
