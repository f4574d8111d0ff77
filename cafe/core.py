"""What every feature and the live layer share: a service's answer and a refusal.

`Changes` says what a service changed, so the handler knows what to publish after the
commit; `Refusal` is an expected, user-facing error with a stable code and a translated
message; `Outcome` is what a socket handler hands back. Plain data, no Flask app needed: the
live layer carries these, it does not define the features that make them.
"""

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l


@dataclass
class Message:
    """A targeted message for a room that the standard views do not cover (e.g. one table)."""

    event: str
    payload: dict
    room: str


@dataclass
class Changes:
    session_id: int
    activities: set[int] = field(default_factory=set)
    # Activities of which only the tally changed (see ActivityKind.tally_view).
    tallies: set[int] = field(default_factory=set)
    # Items of an activity that changed alone (one card): {activity id: {item ids}}. Screens get
    # a versioned patch with these (ActivityKind.patch_view) instead of the whole view.
    items: dict[int, set[int]] = field(default_factory=dict)
    # Activities that show what changed (a vote on a board's cards): their screens are redrawn
    # on a slower schedule (FOLLOWER_UPDATE_INTERVAL), as a whole.
    followers: set[int] = field(default_factory=set)
    agenda: bool = False
    participants: bool = False
    # participant ids whose private view of an activity changed: {(participant_id, activity_id)}
    private: set[tuple[int, int]] = field(default_factory=set)
    messages: list[Message] = field(default_factory=list)

    def merge(self, other: "Changes | None") -> "Changes":
        if other is not None:
            self.activities |= other.activities
            self.tallies |= other.tallies
            self.followers |= other.followers
            for activity_id, ids in other.items.items():
                self.items.setdefault(activity_id, set()).update(ids)
            self.agenda = self.agenda or other.agenda
            self.participants = self.participants or other.participants
            self.private |= other.private
            self.messages.extend(other.messages)
        return self


@dataclass
class Outcome:
    """What an event handler hands back: the ack's payload and what changed."""

    result: dict = field(default_factory=dict)
    changes: Changes | None = None


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
