"""Static files put into the page itself, for a page that must be usable after one round trip.

On slow 4G every request costs about half a second. The join page is the first thing a phone
sees after scanning the QR code; with its stylesheet and its before-first-paint script as
separate files it needs two round trips. `inline_style("css/base.css")` and
`inline_script("js/display.js")` in a template put the file's text in the page instead, and the
page's Content-Security-Policy allows exactly that text by its SHA-256 hash (CSP level 2): the
policy stays free of 'unsafe-inline', and any other inline script or style is still refused.
"""

import base64
import hashlib
import os

from flask import Flask, current_app, g
from markupsafe import Markup


class InlineFiles:
    """The text and CSP hash of static files, read once per file version (size and mtime)."""

    def __init__(self, app: Flask):
        self.app = app
        self._known: dict[str, tuple[tuple[int, int], str, str]] = {}

    def read(self, filename: str) -> tuple[str, str]:
        path = os.path.join(self.app.static_folder, filename)
        stat = os.stat(path)
        version = (stat.st_size, stat.st_mtime_ns)
        known = self._known.get(path)
        if known is None or known[0] != version:
            with open(path, encoding="utf-8") as f:
                text = f.read()
            digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
            known = self._known[path] = (version, text, f"'sha256-{digest}'")
        return known[1], known[2]


def _inline(directive: str, tag: str, filename: str) -> Markup:
    text, source = current_app.extensions["cafe_inline"].read(filename)
    if f"</{tag}" in text.lower():
        raise ValueError(f"{filename} cannot be inlined: it closes its own <{tag}>")
    allowed = g.setdefault("csp_inline", {})
    allowed.setdefault(directive, []).append(source)
    return Markup(f"<{tag}>{text}</{tag}>")  # our own file, not user input


def inline_style(filename: str) -> Markup:
    return _inline("style-src", "style", filename)


def inline_script(filename: str) -> Markup:
    return _inline("script-src", "script", filename)


def policy(base: str) -> str:
    """`base` with the hashes of what this request's page inlined added to its directives."""
    allowed = g.get("csp_inline") or {}
    parts = []
    for part in base.split("; "):
        directive = part.split(" ", 1)[0]
        extra = sorted(set(allowed.get(directive, ())))
        parts.append(" ".join([part, *extra]))
    return "; ".join(parts)


def init_app(app: Flask) -> None:
    app.extensions["cafe_inline"] = InlineFiles(app)
    app.jinja_env.globals.update(inline_style=inline_style, inline_script=inline_script)
