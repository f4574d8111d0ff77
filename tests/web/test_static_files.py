"""Static files are fingerprinted, kept a year by browsers, and compressed (issue 29)."""

import gzip
import re

import pytest

STATIC_URL = re.compile(r'(?:href|src)="(/[^"]*/static/[^"]*|/static/[^"]*)"')


def static_urls(html: str) -> list[str]:
    return [u.replace("&amp;", "&") for u in STATIC_URL.findall(html)]


def pages(client, cafe_session, join, login):
    code = cafe_session.code
    yield client.get(f"/j/{code}").data.decode()
    token = join(code, name="Mira", language="nl")
    client.set_cookie(f"cafe_p_{code}", token)
    yield client.get(f"/s/{code}").data.decode()
    yield client.get(f"/p/{code}?key={cafe_session.projector_key}").data.decode()
    yield client.get("/").data.decode()
    login(client)
    yield client.get(f"/console/sessions/{cafe_session.id}").data.decode()


def test_every_static_url_in_the_pages_is_fingerprinted_and_kept_a_year(
        client, cafe_session, join, login):
    seen = set()
    for html in pages(client, cafe_session, join, login):
        urls = static_urls(html)
        assert urls, html[:300]
        for url in urls:
            assert re.search(r"[?&]v=[0-9a-f]{12}\b", url), url
            seen.add(url)
    assert any(u.endswith(".js") or ".js?" in u for u in seen)
    for url in seen:
        response = client.get(url)
        assert response.status_code == 200, url
        cache = response.headers["Cache-Control"]
        assert "immutable" in cache and "max-age=31536000" in cache and "public" in cache, url


def test_an_unfingerprinted_or_old_url_is_revalidated(client):
    assert "no-cache" in client.get("/static/css/cafe.css").headers["Cache-Control"]
    stale = client.get("/static/css/cafe.css?v=000000000000").headers["Cache-Control"]
    assert "immutable" not in stale and "no-cache" in stale


def test_a_changed_file_gets_a_new_url(app, tmp_path):
    folder = tmp_path / "static"
    folder.mkdir()
    (folder / "x.js").write_text("console.log(1)")
    app.static_folder = str(folder)
    with app.test_request_context():
        from flask import url_for

        first = url_for("static", filename="x.js")
        (folder / "x.js").write_text("console.log(22)")
        second = url_for("static", filename="x.js")
    assert first != second
    assert first.split("v=")[1] != second.split("v=")[1]


@pytest.mark.parametrize("path", ["/static/css/cafe.css", "/static/js/cafe.js",
                                  "/static/icons.svg"])
def test_static_files_are_compressed(client, path):
    url = client.get(path).request.path  # the plain file, for its size
    plain = client.get(url)
    packed = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.data) == plain.data
    assert len(packed.data) < len(plain.data) / 2
    brotli = client.get(url, headers={"Accept-Encoding": "br, gzip"})
    assert brotli.headers["Content-Encoding"] == "br"


def test_pages_and_json_are_compressed(client, cafe_session):
    page = client.get(f"/j/{cafe_session.code}", headers={"Accept-Encoding": "gzip"})
    assert page.headers["Content-Encoding"] == "gzip"
    assert b"<html" in gzip.decompress(page.data)
    assert "Accept-Encoding" in page.headers["Vary"]


def test_the_favicon_is_found(client):
    response = client.get("/favicon.ico", follow_redirects=True)
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert b"<svg" in response.data
