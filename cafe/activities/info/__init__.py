"""A slide: a title and a text shown on the projector and the phones (welcome, instructions)."""

from flask_babel import lazy_gettext as _l

from cafe.activities.registry import ActivityKind, register


class InfoKind(ActivityKind):
    name = "info"
    scripts = ("info.js",)

    def label(self) -> str:
        return str(_l("Slide: a title and a text"))

    def view(self, activity, audience: str) -> dict:
        # The text is the activity's prompt, which every view carries already, in the
        # reader's language on phones (static/js/cafe.js picks the version).
        return {}


kind = register(InfoKind())
