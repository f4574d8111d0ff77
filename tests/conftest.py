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
]
