"""A slide: a title and a text shown on the projector and the phones (welcome, instructions)."""

from cafe.activities.registry import ActivityKind, register


class InfoKind(ActivityKind):
    name = "info"
    scripts = ("js/kinds/info.js",)

    def view(self, activity, audience: str) -> dict:
        return {"text": activity.prompt}


kind = register(InfoKind())


def init_app(app):
    pass
