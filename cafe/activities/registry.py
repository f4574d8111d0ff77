"""The contract between the session core and each kind of activity.

The core knows agendas, opening and closing, rooms and broadcasting; a kind knows what its
activity looks like to each audience (phone, projector, console) and what its events do.
"""

from pydantic import BaseModel, ConfigDict


class NoSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ActivityKind:
    name: str = ""
    Settings: type[BaseModel] = NoSettings
    # Static JS files (relative to static/) the pages load for this kind.
    scripts: tuple[str, ...] = ()
    # Stylesheets (relative to static/) for this kind's views.
    styles: tuple[str, ...] = ()
    # Strings the JS shows (key -> lazy_gettext string), read in JS with Cafe.t(key).
    messages: dict = {}
    # Whether the projector and phones see it as the session's current activity.
    live: bool = True
    # Settings the editor keeps once people contributed: changing them would orphan what is
    # stored (a canvas's fields, what a ballot's numbers mean).
    locked_settings: tuple[str, ...] = ()

    def label(self) -> str:
        return self.name

    def settings(self, activity) -> BaseModel:
        return self.Settings.model_validate(activity.settings or {})

    def validate_settings(self, raw: dict) -> dict:
        return self.Settings.model_validate(raw or {}).model_dump(mode="json")

    def template(self, audience: str) -> str:
        """Jinja template holding this kind's <template> blocks for one audience."""
        return f"activities/{self.name}/{audience}.html"

    def view(self, activity, audience: str) -> dict:
        """The shared view of an activity for an audience: phone, projector or console."""
        return {}

    def tally_view(self, activity, audience: str) -> dict | None:
        """The part of `view` that a contribution changes (a tally, a count of voters), sent
        to phones as a `tally` patch when nothing else changed: a room of phones then gets a
        few hundred bytes each instead of every item again. None: always the whole view."""
        return None

    def private_view(self, activity, participant_id: int) -> dict:
        """What only this participant sees (their own votes, drafts, table)."""
        return {}

    def on_status(self, activity, old: str, new: str):
        """Called inside the transaction that opens or closes the activity; may return Changes."""
        return None

    def results(self, activity) -> dict:
        """Results for the API and the exports: no names, no tokens. See docs/ARCHITECTURE.md."""
        return {}

    def contributions(self, activity) -> int:
        """How many things people contributed (cards, ballots, harvest items): the editor asks
        for confirmation before deleting an activity that has any."""
        return 0

    def withdraw(self, activity, participant_id: int):
        """Remove this participant's own contributions to the activity; may return Changes."""
        return None


def count_where(model, condition) -> int:
    from sqlalchemy import func, select

    from cafe.extensions import db

    return db.session.scalar(select(func.count()).select_from(model).where(condition))


_kinds: dict[str, ActivityKind] = {}


def register(kind: ActivityKind) -> ActivityKind:
    _kinds[kind.name] = kind
    return kind


def get(name: str) -> ActivityKind | None:
    return _kinds.get(name)


def all_kinds() -> dict[str, ActivityKind]:
    return dict(_kinds)
