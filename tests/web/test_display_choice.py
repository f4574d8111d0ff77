"""Large text and high contrast without a script (issue 29): the choice is a cookie the server
draws every page with, and the footer of every phone page is a plain form that sets it (the
join page carries no script at all). It comes back only to a page of this site."""

import re

import pytest

from cafe.participants import services as participants

BOTH = "display-text-large display-contrast-high"


def html_class(page: str) -> str | None:
    found = re.search(r"<html [^>]*?(?:class=\"([^\"]*)\")?>", page)
    return found.group(1) if found else None


def ticked(page: str) -> set[str]:
    return set(re.findall(r'<input type="checkbox" name="display" value="([a-z-]+)"'
                          r'[^>]* checked>', page))


def test_the_footer_form_sets_the_cookie_and_every_page_is_drawn_with_it(
        client, cafe_session, join):
    code = cafe_session.code
    page = client.get(f"/j/{code}?lang=fr").get_data(as_text=True)
    assert html_class(page) is None and ticked(page) == set()
    # The form comes back to the page it is on, with its query.
    assert f'<input type="hidden" name="next" value="/j/{code}?lang=fr">' in page
    assert 'action="/display"' in page and ">Appliquer</button>" in page

    answer = client.post("/display", data={"display": ["text-large", "contrast-high"],
                                           "next": f"/j/{code}?lang=fr"})
    assert answer.status_code == 303
    assert answer.headers["Location"] == f"/j/{code}?lang=fr"
    cookie = answer.headers["Set-Cookie"]
    assert cookie.startswith("cafe_display=text-large.contrast-high;")
    assert "SameSite=Lax" in cookie and "Max-Age=31536000" in cookie and "Path=/" in cookie
    assert "HttpOnly" not in cookie  # display.js writes it too
    assert "Secure" not in cookie  # follows SESSION_COOKIE_SECURE (off in tests)

    page = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert html_class(page) == BOTH
    assert ticked(page) == {"text-large", "contrast-high"}
    client.set_cookie(participants.cookie_name(code), join(code))
    for path in (f"/s/{code}", f"/j/{code}/privacy", f"/j/{code}/accessibility"):
        page = client.get(path).get_data(as_text=True)
        assert html_class(page) == BOTH, path
        assert ticked(page) == {"text-large", "contrast-high"}, path

    # Unticking both: nothing on <html> any more.
    client.post("/display", data={"next": f"/s/{code}"})
    page = client.get(f"/s/{code}").get_data(as_text=True)
    assert html_class(page) is None and ticked(page) == set()


def test_only_the_known_choices_reach_the_page(client, cafe_session, app):
    client.post("/display", data={"display": ["contrast-high", "evil\" onload=\"x"],
                                  "next": "/"})
    assert client.get_cookie("cafe_display").value == "contrast-high"
    client.set_cookie("cafe_display", 'text-large."><script>x</script>.huge')
    page = client.get(f"/j/{cafe_session.code}").get_data(as_text=True)
    assert html_class(page) == "display-text-large"
    assert "<script>x" not in page
    app.config["SESSION_COOKIE_SECURE"] = True
    assert "Secure" in client.post("/display", data={"next": "/"}).headers["Set-Cookie"]


@pytest.mark.parametrize("target", [
    "https://evil.example/", "//evil.example/", "/\\evil.example", "\\\\evil.example",
    "javascript:alert(1)", "/\t/evil.example", "evil.example", "", None])
def test_the_form_never_sends_anyone_to_another_site(client, target):
    data = {"display": "text-large"} if target is None else {"display": "text-large",
                                                            "next": target}
    answer = client.post("/display", data=data)
    assert answer.status_code == 303
    assert answer.headers["Location"] == "/"
    assert client.get_cookie("cafe_display").value == "text-large"  # the choice still counts


def test_with_csrf_protection_the_join_pages_form_works(app, cafe_session):
    app.config["WTF_CSRF_ENABLED"] = True
    phone = app.test_client()
    page = phone.get(f"/j/{cafe_session.code}").get_data(as_text=True)
    form = page[page.index('action="/display"'):]
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    assert phone.post("/display", data={"display": "text-large"}).status_code == 400
    answer = phone.post("/display", data={"display": "text-large", "csrf_token": token,
                                          "next": f"/j/{cafe_session.code}"})
    assert answer.status_code == 303
    assert html_class(phone.get(answer.headers["Location"]).get_data(as_text=True)) == (
        "display-text-large")
