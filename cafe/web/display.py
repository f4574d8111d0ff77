"""Large text and high contrast on a phone, kept in a cookie so the server draws the page with
them: the classes are on <html> in the first byte, without a script before the first paint
(the join page carries none at all, issue 29). static/js/display.js writes the same cookie when
a box is ticked on a page that runs scripts; without scripts the footer's form does it
(`web.display`). The cookie holds the chosen names only, nothing about the person."""

from flask import Flask, current_app, request

COOKIE = "cafe_display"
NAMES = ("text-large", "contrast-high")  # each is the class display-<name> on <html>
MAX_AGE = 365 * 86400


def chosen(value: str | None) -> list[str]:
    """The known names in a cookie value ("text-large.contrast-high"), in a fixed order;
    anything else in it is ignored."""
    given = set((value or "").split("."))
    return [name for name in NAMES if name in given]


def set_cookie(response, names) -> None:
    """Not HttpOnly on purpose: display.js writes it too. It holds no personal data."""
    response.set_cookie(
        COOKIE,
        ".".join(chosen(".".join(names))),
        max_age=MAX_AGE,
        path="/",
        samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )


def here() -> str:
    """This page's own address (path and query), where the footer's form comes back to."""
    query = request.query_string.decode("latin-1")
    return request.script_root + request.path + (f"?{query}" if query else "")


def init_app(app: Flask) -> None:
    @app.context_processor
    def inject_display():
        names = chosen(request.cookies.get(COOKIE))
        return {"display_names": names,
                "display_classes": " ".join(f"display-{name}" for name in names),
                "display_here": here}
