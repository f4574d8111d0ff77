"""The contract between the session core and each kind of activity.

The core knows agendas, opening and closing, rooms and broadcasting; a kind knows what its
activity looks like to each audience (phone, projector, console), what its events do, what its
editor form asks and what a participant's closing recap counts. Everything of a kind lives in
its package `cafe/activities/<kind>/` (docs/ARCHITECTURE.md, "Adding an activity kind").
"""

from flask import Blueprint, url_for
from flask_babel import lazy_gettext as _l
from pydantic import BaseModel, ConfigDict
from sqlalchemy import func, select

from cafe.core import Refusal
from cafe.domain.findings import from_results
from cafe.extensions import db
from cafe.sessions.models import Activity


class KindSettings(BaseModel):
    """What a plan's `[activity.settings]` may say about one kind. A field's `title` is the
    editor's label for it, and `json_schema_extra={"options": {value: label}}` names the
    choices of a Literal field (cafe.editor.fields reads both)."""

    model_config = ConfigDict(extra="forbid")

    @classmethod
    def of(cls, activity: Activity):
        """This activity's settings, defaults filled in."""
        return cls.model_validate(activity.settings or {})


NoSettings = KindSettings


def kind_blueprint(import_name: str) -> Blueprint:
    """The blueprint of the kind whose `routes` module calls this: its own `templates/` (kept
    under `templates/<kind>/`, so names never collide) and `static/`, served at
    /kinds/<kind>/static/. Named after the kind, so `url_for("<kind>.static", …)` finds it."""
    name = import_name.split(".")[-2]
    return Blueprint(name, import_name, template_folder="templates", static_folder="static",
                     static_url_path=f"/kinds/{name}/static")


def asset_url(kind_name: str, filename: str) -> str:
    """The one place a kind's static file gets its address (fingerprinting goes here)."""
    return url_for(f"{kind_name}.static", filename=filename)


class ActivityKind:
    name: str = ""
    Settings: type[KindSettings] = NoSettings
    # What `get` refuses with when the named activity is not one of this kind in this session.
    missing = _l("This activity does not exist.")
    # Files in the kind's static/ folder the live pages load (its JS) …
    scripts: tuple[str, ...] = ()
    # … and its stylesheets.
    styles: tuple[str, ...] = ()
    # Strings the JS shows (key -> lazy_gettext string), read in JS with Cafe.t(key).
    messages: dict = {}
    # Rows of a phone's closing recap: key -> (icon name in templates/_icons.html, label).
    # `recap` counts them.
    recap_rows: dict = {}
    # Whether the projector and phones see it as the session's current activity.
    live: bool = True
    # Settings the editor keeps once people contributed: changing them would orphan what is
    # stored (a canvas's fields, what a ballot's numbers mean).
    locked_settings: tuple[str, ...] = ()
    # Console events a moderator may send (hide, approve, edit, merge what people wrote); every
    # other console event of the kind needs the owner or a co-facilitator (cafe.team.permissions).
    moderation_events: tuple[str, ...] = ()

    def label(self) -> str:
        """The kind's name in the editor's palette and agenda."""
        return self.name

    def settings(self, activity: Activity) -> KindSettings:
        return self.Settings.of(activity)

    def validate_settings(self, raw: dict) -> dict:
        return self.Settings.model_validate(raw or {}).model_dump(mode="json")

    def get(self, session_id: int, activity_id) -> Activity:
        """The activity a client names, only if it is one of this kind in the client's own
        session; otherwise a Refusal in the client's language."""
        activity = db.session.get(Activity, activity_id)
        if activity is None or activity.session_id != session_id or activity.kind != self.name:
            raise Refusal("not_found", self.missing)
        return activity

    def template(self, audience: str) -> str:
        """Jinja template holding this kind's <template> blocks for one audience."""
        return f"{self.name}/{audience}.html"

    def asset_urls(self, which: str) -> list[str]:
        """The addresses of the kind's "scripts" or "styles"."""
        return [asset_url(self.name, filename) for filename in getattr(self, which)]

    def init_app(self, app) -> None:
        """Called once per app after the kind's modules are imported and its blueprint is
        registered."""

    def view(self, activity, audience: str) -> dict:
        """The shared view of an activity for an audience: phone, projector or console."""
        return {}

    def live_view(self, activity, audience: str) -> dict:
        """`view` as the live channel sends it: it may hold parts written once for many
        clients (cafe.live.wire.Encoded), which only the socket's codec can write."""
        return self.view(activity, audience)

    def preview(self, activity, audience: str) -> tuple[dict, dict]:
        """What the editor's preview shows of an activity that has not run yet: the view's
        `data` and one phone's private view. By default the view as it is now; a kind whose
        content appears only once it runs (a World Café's question, with a round) shows that
        moment instead, so the facilitator sees what people will see."""
        return self.view(activity, audience), {}

    def tally_view(self, activity, audience: str) -> dict | None:
        """The part of `view` that a contribution changes (a tally, a count of voters), sent
        to phones as a `tally` patch when nothing else changed: a room of phones then gets a
        few hundred bytes each instead of every item again. None: always the whole view."""
        return None

    def screens_follow_tally(self, activity_id: int, session_id: int) -> bool:
        """Whether the console and the projector are sent the view again when only the tally
        changed (Changes.tallies), once the change is committed. False: what they show of it
        comes later, published by the kind (statements: the map, once its runner analysed the
        new vote; the kind asks for that analysis here), and the view would be the one before.
        """
        return True

    # Whether patch_view answers: then whole views carry a version (cafe.live.patches).
    has_patches = False

    def patch_view(self, activity, audience: str, ids: set[int]) -> dict | None:
        """What changed in the console's or projector's view when only the items `ids` changed
        (Changes.items): read from those items, never from all of them. The broadcast adds a
        version (static/js/cafe.js applies it). None: send the whole view."""
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

    # The export form's group for this kind's own findings: (key, lazy label); None: the kind
    # uses the built-in groups of cafe.domain.findings.
    findings_group: tuple | None = None

    def findings(self, results: dict, prefix: str) -> list[dict]:
        """What `results` offers a neighbourhood analysis (candidate findings, see
        cafe.domain.findings); each kind may build its own."""
        return from_results(results, prefix)

    def contributions(self, activity) -> int:
        """How many things people contributed (cards, ballots, harvest items): the editor asks
        for confirmation before deleting an activity that has any."""
        return 0

    def recap(self, session_id: int, participant_id: int) -> dict[str, int]:
        """This participant's contributions in the session, one count per `recap_rows` key."""
        return {}

    def withdraw(self, activity, participant_id: int):
        """Remove this participant's own contributions to the activity; may return Changes."""
        return None

    def followers(self, activity) -> set[int]:
        """Activities of this kind that show what another `activity` holds (a vote on a
        board's cards): redrawn whenever that one changes."""
        return set()


def count_where(model, *conditions) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*conditions)) or 0


def in_session(session_id: int):
    """The ids of a session's activities, for counting rows that name only their activity."""
    return select(Activity.id).where(Activity.session_id == session_id)


def followers(activity) -> set[int]:
    """Every activity, of any kind, that shows what this one holds. A kind asks this instead
    of importing the kinds that build on it (a board does not know votes exist)."""
    return set().union(*(kind.followers(activity) for kind in _kinds.values()))


_kinds: dict[str, ActivityKind] = {}


def register(kind: ActivityKind) -> ActivityKind:
    _kinds[kind.name] = kind
    return kind


def get(name: str) -> ActivityKind | None:
    return _kinds.get(name)


def all_kinds() -> dict[str, ActivityKind]:
    return dict(_kinds)
