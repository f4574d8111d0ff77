"""Headless Debian Chromium driven by Playwright (no browser download)."""

import atexit
import os
import shutil

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    return os.environ.get("CAFE_CHROMIUM") or shutil.which("chromium") or shutil.which(
        "chromium-browser"
    )


_shared: dict = {}


def launch():
    """One Playwright and one Chromium per test process, however many modules use the
    fixture: a second sync Playwright cannot start inside the first one's event loop."""
    if "browser" not in _shared:
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        _shared["playwright"] = playwright
        _shared["browser"] = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        atexit.register(_close)
    return _shared["browser"]


def _close():
    browser = _shared.pop("browser", None)
    if browser is not None:
        browser.close()
        _shared.pop("playwright").stop()


@pytest.fixture(scope="session")
def browser():
    """Registered for every test in tests/conftest.py (this module is a plugin too)."""
    if chromium_path() is None:
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    yield launch()


def phone_page(browser, url: str, code: str, language: str = "English", **context_args):
    """A phone-sized page that joined session `code` in English (or the language labelled
    `language`), as a resident would; `context_args` go to the browser context."""
    context = browser.new_context(**{"viewport": {"width": 390, "height": 844},
                                     "is_mobile": True, **context_args})
    page = context.new_page()
    page.goto(f"{url}/j/{code}")
    page.get_by_label(language).check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/s/{code}")
    return page
