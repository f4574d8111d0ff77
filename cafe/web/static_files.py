"""Static files as a phone on a slow network needs them: compressed, fingerprinted, kept.

Every static URL the app makes carries a fingerprint of the file's content (`?v=…`). A request
with the current fingerprint gets `Cache-Control: public, max-age=31536000, immutable`, so a
phone that scans the QR code again loads only the page; a changed file gets a new URL, so no one
keeps an old script. Responses (pages, scripts, styles, SVG, JSON) are compressed by
Flask-Compress, so a single `cafe serve` without nginx sends as few bytes as one behind it.
"""

import hashlib
import os

from flask import Flask, redirect, request, url_for
from flask.sessions import SecureCookieSessionInterface
from flask_compress import Compress

YEAR = 31_536_000
COMPRESSED_TYPES = [
    "text/html", "text/css", "text/javascript", "application/javascript",
    "application/json", "image/svg+xml", "text/csv", "text/markdown", "text/plain",
]


class Fingerprints:
    """Content hashes of static files, computed once per file version (size and mtime)."""

    def __init__(self, app: Flask):
        self.app = app
        self._known: dict[str, tuple[tuple[int, int], str]] = {}

    def folder(self, endpoint: str) -> str | None:
        if endpoint == "static":
            return self.app.static_folder
        blueprint = self.app.blueprints.get(endpoint.rpartition(".")[0])
        return blueprint.static_folder if blueprint is not None else None

    def of(self, endpoint: str, filename: str) -> str | None:
        folder = self.folder(endpoint)
        if folder is None:
            return None
        path = os.path.join(folder, filename)
        try:
            stat = os.stat(path)
        except OSError:
            return None
        version = (stat.st_size, stat.st_mtime_ns)
        known = self._known.get(path)
        if known is not None and known[0] == version:
            return known[1]
        with open(path, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()[:12]
        self._known[path] = (version, digest)
        return digest


def _is_static(endpoint: str | None) -> bool:
    return bool(endpoint) and (endpoint == "static" or endpoint.endswith(".static"))


class SessionInterface(SecureCookieSessionInterface):
    """Flask's cookie session, without `Vary: Cookie` on static files. Flask-Login looks into
    the session on every response, so Flask would mark every one as varying by cookie; for a
    static file that made a browser revalidate its cached copy whenever a cookie changed (the
    join sets one), a round trip per file on the phone page."""

    def save_session(self, app, session, response):
        super().save_session(app, session, response)
        if _is_static(request.endpoint) and "Set-Cookie" not in response.headers:
            # (HeaderSet.discard does not write back to the headers.)
            kept = [name for name in response.vary if name.lower() != "cookie"]
            if kept:
                response.headers["Vary"] = ", ".join(kept)
            else:
                del response.headers["Vary"]


def init_app(app: Flask) -> None:
    fingerprints = Fingerprints(app)
    app.extensions["cafe_fingerprints"] = fingerprints
    app.session_interface = SessionInterface()
    Compress(app)

    @app.url_defaults
    def add_fingerprint(endpoint, values):
        if _is_static(endpoint) and "filename" in values and "v" not in values:
            digest = fingerprints.of(endpoint, values["filename"])
            if digest:
                values["v"] = digest

    @app.after_request
    def cache_static(response):
        if not _is_static(request.endpoint) or response.status_code not in (200, 304):
            return response
        filename = (request.view_args or {}).get("filename", "")
        if response.status_code == 200 and response.direct_passthrough:
            # Read the (small) file now: Flask-Compress gzips only whole bodies, and a phone
            # that cannot do brotli should still get a compressed script.
            response.direct_passthrough = False
            response.get_data()
        if request.args.get("v") and request.args["v"] == fingerprints.of(
                request.endpoint, filename):
            response.cache_control.no_cache = None
            response.cache_control.public = True
            response.cache_control.max_age = YEAR
            response.cache_control.immutable = True
            # Never asked again under this URL: what a revalidation or a download dialog
            # would use is bytes for nothing on a slow network.
            for name in ("Last-Modified", "Accept-Ranges", "Content-Disposition"):
                response.headers.pop(name, None)
        else:
            # No fingerprint or an old one (a page from before a deploy): revalidate.
            response.cache_control.max_age = 0
            response.cache_control.no_cache = True
        return response

    @app.get("/favicon.ico")
    def favicon():
        # Browsers ask for /favicon.ico by themselves; the icon is an SVG, cached for a year.
        return redirect(url_for("static", filename="favicon.svg"), code=301)
