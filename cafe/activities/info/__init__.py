"""A slide: a title and a text shown on the projector and the phones (welcome, instructions)."""

from flask_babel import lazy_gettext as _l

from cafe.activities.registry import ActivityKind, register


class InfoKind(ActivityKind):
    name = "info"
    scripts = ("info.js",)

    def label(self) -> str:
        return str(_l("Slide: a title and a text"))

    def view(self, activity, audience: str) -> dict:
        return {"text": activity.prompt}


kind = register(InfoKind())
