"""What clients see of a session, built from the database and nothing else: the state a
client receives on (re)connect, and the views the live layer broadcasts (`SessionViews`,
registered on the app's LiveRuntime by `cafe.sessions.init_app`)."""

from sqlalchemy import bindparam, select

from cafe.activities import registry
from cafe.extensions import db
from cafe.live import patches
from cafe.live.connections import Connection
from cafe.participants.counts import assisted_participants, participant_counts
from cafe.participants.models import Participant
from cafe.sessions.display import projector_display
from cafe.sessions.models import Activity, CafeSession

_CURRENT = select(CafeSession.current_activity_id).where(CafeSession.id == bindparam("session"))


def session_header(session: CafeSession, language: str | None = None) -> dict:
    """The session as every client sees it; `title` in `language` (a phone's), else the
    session's. The other versions ride along in `titles`, as an activity's `texts` do: the one
    `session` broadcast serves every phone, and each picks its reader's (static/js/cafe.js)."""
    header = {
        "id": session.id,
        "code": session.code,
        "title": session.title_in(language),
        # The language `title` is in, so a phone marks a fallback with it (lang="nl").
        "title_lang": session.title_language(language),
        "language": session.language,
        "current": session.current_activity_id,
        "projector": projector_display(session),
        "agenda": [
            {"id": a.id, "kind": a.kind, "title": a.title, "status": a.status}
            for a in session.activities
        ],
    }
    versions = (session.texts or {}).get("title") or {}
    others = {lang: text for lang, text in versions.items() if lang != session.language}
    if others:
        header["titles"] = others
    return header


def activity_view(activity: Activity, audience: str) -> dict:
    kind = registry.get(activity.kind)
    # Read before the view is built: a patch made meanwhile then follows it (cafe.live.patches).
    version = patches.current(activity.id) if kind and kind.has_patches else None
    view = {
        "id": activity.id,
        "kind": activity.kind,
        "title": activity.title,
        "prompt": activity.prompt,
        # The languages `title` and `prompt` are in: a phone marks and reads a text in its own
        # language when it has no version in the reader's (static/js/cafe.js).
        "title_lang": activity.language("title"),
        "prompt_lang": activity.language("prompt"),
        "status": activity.status,
        "data": kind.live_view(activity, audience) if kind else {},
    }
    if version is not None:
        view["version"] = version
    if audience == "phone" and activity.texts:
        # Phones share one view; each shows its reader's language (static/js/cafe.js). The
        # session's language is in `title` and `prompt` already: a thousand phones, fewer bytes.
        own = activity.session.language
        others = {name: {lang: text for lang, text in versions.items() if lang != own}
                  for name, versions in activity.texts.items()}
        others = {name: versions for name, versions in others.items() if versions}
        if others:
            view["texts"] = others
    return view


def private_view(activity: Activity, participant_id: int) -> dict:
    kind = registry.get(activity.kind)
    return {
        "activity": activity.id,
        "data": kind.private_view(activity, participant_id) if kind else {},
    }


def full_state(conn: Connection) -> dict:
    session = db.session.get(CafeSession, conn.session_id)
    language = conn.language if conn.view == "phone" else None
    state = {"session": session_header(session, language), "view": conn.view, "activities": {}}
    if conn.view == "console":
        shown = [a for a in session.activities]
    else:
        shown = [a for a in session.activities if a.id == session.current_activity_id]
    for activity in shown:
        state["activities"][activity.id] = activity_view(activity, conn.view)
    if conn.view in ("console", "projector"):
        state["participants"] = participant_counts(session.id)
    if conn.view == "console":
        state["participants"]["assisted"] = assisted_participants(session.id)
    if conn.participant_id is not None:
        participant = db.session.get(Participant, conn.participant_id)
        state["me"] = participant.public_dict()
        state["private"] = {a.id: private_view(a, participant.id)["data"] for a in shown}
    return state


class SessionViews:
    """The live layer's view builder (cafe.live.runtime.ViewBuilder)."""

    # Activities' kinds as last read (a kind never changes): asked at every tally change.
    MAX_KINDS = 10_000

    def __init__(self):
        self._kinds: dict[int, str] = {}

    def state(self, conn: Connection) -> dict:
        return full_state(conn)

    def header(self, session_id: int) -> dict | None:
        session = db.session.get(CafeSession, session_id)
        if session is None:
            return None
        db.session.refresh(session)  # the newest agenda, even when another event just changed it
        return session_header(session)

    def current(self, session_id: int) -> int | None:
        # Plain SQL: after a commit this is read per change, three round trips on PostgreSQL.
        row = db.session.connection().execute(_CURRENT, {"session": session_id}).first()
        return None if row is None else row[0]

    def load(self, activity_id: int, session_id: int | None = None,
             fresh: bool = False) -> Activity | None:
        """`fresh`: as committed now, since the handler's copy may predate another event's
        commit. None when gone or of another session."""
        activity = db.session.get(Activity, activity_id, populate_existing=fresh)
        if activity is None or (session_id is not None and activity.session_id != session_id):
            return None
        return activity

    def activity(self, activity: Activity, audience: str) -> dict:
        return activity_view(activity, audience)

    def tally(self, activity: Activity, audience: str) -> dict | None:
        kind = registry.get(activity.kind)
        return None if kind is None else kind.tally_view(activity, audience)

    def tally_shown(self, activity_id: int, session_id: int) -> bool:
        name = self._kinds.get(activity_id)
        if name is None:
            # Without loading the activity: a burst of votes would read it once per vote.
            name = db.session.scalar(select(Activity.kind).where(Activity.id == activity_id))
            if name is None:
                return True
            if len(self._kinds) >= self.MAX_KINDS:
                self._kinds.clear()
            self._kinds[activity_id] = name
        kind = registry.get(name)
        return kind is None or kind.screens_follow_tally(activity_id, session_id)

    def patch(self, activity: Activity, audience: str, ids: set[int]) -> dict | None:
        kind = registry.get(activity.kind)
        return None if kind is None else kind.patch_view(activity, audience, ids)

    def private(self, activity: Activity, participant_id: int) -> dict:
        return private_view(activity, participant_id)

    def participants(self, session_id: int, audience: str) -> dict:
        counts = participant_counts(session_id)
        if audience == "console":
            counts["assisted"] = assisted_participants(session_id)
        return counts
