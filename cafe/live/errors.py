"""Refusals: expected, user-facing errors with a stable code and a translated message."""

from flask_babel import lazy_gettext as _l


class Refusal(Exception):
    def __init__(self, code: str, message, **details):
        super().__init__(code)
        self.code = code
        self.message = message
        self.details = details

    def ack(self) -> dict:
        return {"ok": False, "error": self.code, "message": str(self.message), **self.details}


def not_found(what=None) -> Refusal:
    return Refusal("not_found", what or _l("This no longer exists."))


def closed() -> Refusal:
    return Refusal("closed", _l("This activity is not open right now."))


def forbidden() -> Refusal:
    return Refusal("forbidden", _l("You are not allowed to do this."))
