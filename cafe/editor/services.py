"""Changing a session's agenda. No Flask requests, no sockets: each function validates with the
same schemas as the plan loader, flushes, and returns the Changes to broadcast after commit."""

import copy
import secrets

from flask_babel import lazy_gettext as _l
from pydantic import ValidationError

from cafe.activities import registry
from cafe.core import Changes, Refusal
from cafe.delphi.models import Study
from cafe.domain import texts
from cafe.extensions import db
from cafe.sessions.models import Activity, CafeSession
from cafe.sessions.plans import MAX_ACTIVITIES, MAX_TITLE, PlannedActivity
from cafe.sessions.services import _unused_code


class Invalid(Exception):
    """The editor's input did not validate; `error` is the pydantic error, `part` says whether it
    was the texts ("activity") or the settings ("settings")."""

    def __init__(self, error: ValidationError, part: str):
        super().__init__(str(error))
        self.error = error
        self.part = part


def content_languages(session: CafeSession) -> list[str]:
    """The languages facilitators write texts in: the session's first, then the others."""
    chosen = (session.settings or {}).get("languages") or []
    return list(dict.fromkeys([session.language, *chosen]))


def set_languages(session: CafeSession, languages: list[str], allowed: list[str]) -> Changes:
    chosen = [lang for lang in languages if lang in allowed]
    session.settings = {**(session.settings or {}),
                        "languages": list(dict.fromkeys([session.language, *chosen]))}
    db.session.flush()
    return Changes(session.id, agenda=True)


def set_title(session: CafeSession, submitted: dict[str, str]) -> Changes:
    """The session's title per content language. The session language's version is required;
    another language left empty has no version (phones then show the session's). Versions in
    languages no longer offered are kept: unticking a language must not throw a text away."""
    found = texts.versions(submitted, session.language)
    found = {lang: " ".join(text.split()) for lang, text in found.items()}
    if not found.get(session.language):
        raise Refusal("invalid", _l("Please fill this in."), field=session.language)
    for lang, text in found.items():
        if len(text) > MAX_TITLE:
            raise Refusal("invalid", _l("At most %(n)s characters.", n=MAX_TITLE), field=lang)
    kept = {lang: text for lang, text in texts.versions(session.text("title"),
                                                         session.language).items()
            if lang not in submitted}
    texts.store(session, "title", {**kept, **found}, session.language)
    db.session.flush()
    return Changes(session.id, agenda=True)


def check(kind_name: str, title, prompt, settings: dict) -> tuple[PlannedActivity, dict]:
    """The plan's schema and the kind's settings: the one validation for plans and editor."""
    kind = registry.get(kind_name)
    if kind is None:
        raise Refusal("invalid", _l("Unknown kind of activity."))
    try:
        planned = PlannedActivity(kind=kind_name, title=title, prompt=prompt, settings=settings)
    except ValidationError as exc:
        raise Invalid(exc, "activity") from exc
    try:
        validated = kind.Settings.model_validate(settings, context={"plan": True})
    except ValidationError as exc:
        raise Invalid(exc, "settings") from exc
    return planned, validated.model_dump(mode="json")


def check_sources(user, kind_name: str, settings: dict, before: dict | None = None) -> None:
    """A statements round seeded from a Delphi study reads that study's statements: whoever
    chooses the study must be allowed to read it (its facilitator; the study's own pages
    answer anyone else 404), whatever their role in this session. A source chosen earlier,
    left as it was, is not asked again."""
    if kind_name != "statements" or settings.get("seed") != "delphi":
        return
    source = settings.get("source")
    if before and before.get("seed") == "delphi" and before.get("source") == source:
        return
    study = db.session.get(Study, source) if source else None
    if study is None or study.facilitator_id != getattr(user, "id", None):
        raise Refusal("not_found", _l("There is no Delphi study with this number."),
                      field="source")


def add(session: CafeSession, kind_name: str, title, prompt, settings: dict,
        position: int | None = None, user=None) -> tuple[Activity, Changes]:
    """`user`: who adds it, asked about the sources its settings read (None: a plan or a
    copy, whose seed is checked against the session's owner when it opens)."""
    if len(session.activities) >= MAX_ACTIVITIES:
        raise Refusal("invalid", _l("An agenda holds at most %(n)s activities.", n=MAX_ACTIVITIES))
    _planned, clean_settings = check(kind_name, title, prompt, settings)
    if user is not None:
        check_sources(user, kind_name, clean_settings)
    activity = Activity(kind=kind_name, settings=clean_settings, position=0, status="pending")
    texts.store(activity, "title", title, session.language)
    texts.store(activity, "prompt", prompt, session.language)
    count = len(session.activities)
    at = count if position is None else max(0, min(position, count))
    session.activities.insert(at, activity)
    _renumber(session, remap=_insert_map(len(session.activities) - 1, at))
    db.session.flush()
    return activity, Changes(session.id, agenda=True, activities={activity.id})


def update(activity: Activity, title, prompt, settings: dict, user=None) -> Changes:
    """New texts and settings; contributions stay as they are (they live in their own tables)."""
    _planned, clean_settings = check(activity.kind, title, prompt, settings)
    if user is not None:
        check_sources(user, activity.kind, clean_settings, activity.settings or {})
    kind = registry.get(activity.kind)
    changed = [name for name in kind.locked_settings
               if clean_settings.get(name) != (activity.settings or {}).get(name)]
    if changed and kind.contributions(activity):
        raise Refusal("locked", _l(
            "People already contributed: this setting can no longer change. Duplicate the "
            "activity to try another."), field=changed[0])
    language = activity.session.language
    texts.store(activity, "title", title, language)
    texts.store(activity, "prompt", prompt, language)
    activity.settings = clean_settings
    db.session.flush()
    return Changes(activity.session_id, agenda=True, activities={activity.id})


def move(activity: Activity, to: int) -> Changes:
    """Put an activity at index `to` (0-based); votes keep pointing at the same board."""
    session = activity.session
    items = list(session.activities)
    old = items.index(activity)
    to = max(0, min(to, len(items) - 1))
    if to != old:
        items.insert(to, items.pop(old))
        mapping = {items_old: items.index(a) for items_old, a in enumerate(session.activities)}
        session.activities[:] = items
        _renumber(session, remap=mapping)
        db.session.flush()
    return Changes(session.id, agenda=True)


def duplicate(activity: Activity) -> tuple[Activity, Changes]:
    session = activity.session
    return add(session, activity.kind, activity.text("title"), activity.text("prompt"),
               _fresh_settings(activity.settings), position=activity.position + 1)


def delete(activity: Activity, confirmed: bool) -> Changes:
    """Deleting what people contributed to needs the facilitator's explicit confirmation."""
    kind = registry.get(activity.kind)
    count = kind.contributions(activity) if kind else 0
    if count and not confirmed:
        raise Refusal("confirm", _l(
            "People already contributed to this activity (%(n)s contributions). Confirm to "
            "delete it with everything they wrote.", n=count), contributions=count)
    session = activity.session
    old = session.activities.index(activity)
    if session.current_activity_id == activity.id:
        session.current_activity_id = None
    session.activities.remove(activity)
    mapping = {i: (i if i < old else i - 1) for i in range(len(session.activities) + 1) if i != old}
    _renumber(session, remap=mapping)
    db.session.flush()
    return Changes(session.id, agenda=True)


def copy_session(source: CafeSession, facilitator, title: str = "") -> CafeSession:
    """A new session with the same agenda and languages: no participants, no contributions."""
    if len(source.activities) > MAX_ACTIVITIES:  # an agenda stored before the limit held
        raise Refusal("invalid", _l("An agenda holds at most %(n)s activities.", n=MAX_ACTIVITIES))
    title = " ".join(title.split())[:200] or source.title
    session = CafeSession(
        code=_unused_code(), title=title, language=source.language,
        facilitator_id=facilitator.id, plan_name=source.plan_name,
        projector_key=secrets.token_urlsafe(24),
        settings={"languages": content_languages(source)},
        # The same title keeps its other languages; a new one is the facilitator's own.
        texts=copy.deepcopy(source.texts) if title == source.title else None,
    )
    db.session.add(session)
    for position, activity in enumerate(source.activities):
        session.activities.append(Activity(
            position=position, kind=activity.kind, title=activity.title, prompt=activity.prompt,
            texts=copy.deepcopy(activity.texts), settings=_fresh_settings(activity.settings)))
    db.session.flush()
    return session


def agenda(session: CafeSession) -> list[dict]:
    """The agenda in a plan's shape: kind, title and prompt per language, settings."""
    return [
        {"kind": a.kind, "title": texts.versions(a.text("title"), session.language),
         "prompt": texts.versions(a.text("prompt"), session.language), "settings": a.settings}
        for a in session.activities
    ]


def plan_agenda(plan) -> list[dict]:
    """A plan's activities in the shape of `agenda`, settings as the editor would store them."""
    return [
        {"kind": p.kind, "title": texts.versions(p.title, plan.language),
         "prompt": texts.versions(p.prompt, plan.language),
         "settings": registry.get(p.kind).validate_settings(p.settings)}
        for p in plan.activities
    ]


def _fresh_settings(settings: dict) -> dict:
    """Settings without what belonged to the people of a running café (pairs kept together)."""
    fresh = copy.deepcopy(settings or {})
    if isinstance(fresh.get("constraints"), dict):
        fresh["constraints"]["keep_together"] = []
    return fresh


def _insert_map(count_before: int, at: int) -> dict[int, int]:
    return {i: (i if i < at else i + 1) for i in range(count_before)}


def _renumber(session: CafeSession, remap: dict[int, int]) -> None:
    """Positions 0..n-1 in list order; a vote's `source` (a board's place counted from 1)
    follows its board, or falls back to the nearest board before it when that one is gone."""
    for index, activity in enumerate(session.activities):
        activity.position = index
        source = (activity.settings or {}).get("source")
        if activity.kind == "vote" and source:
            new = remap.get(source - 1)
            activity.settings = {**activity.settings, "source": None if new is None else new + 1}
