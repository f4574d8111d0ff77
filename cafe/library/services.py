"""The plan library: shipped plans (sessions/*.toml) and plans saved in the database."""

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select

from cafe.activities import registry
from cafe.core import Refusal
from cafe.domain.control_chars import clean_deep
from cafe.domain.durations import agenda_minutes
from cafe.domain.texts import languages_of
from cafe.extensions import db
from cafe.library.models import SavedPlan
from cafe.library.toml_io import (
    MAX_NESTING,
    TooDeep,
    error_line,
    load_upload,
    plan_content,
    to_toml,
)
from cafe.live.offload import offload
from cafe.sessions.plans import (
    MAX_ACTIVITIES,
    Plan,
    PlanError,
    available_plans,
    load_plan,
    parse_plan,
    plan_from_data,
)

SAVED_PREFIX = "saved-"
MAX_DESCRIPTION = 2000
MAX_PLAN_BYTES = 200_000


@dataclass
class Entry:
    """One plan as the library lists it."""

    key: str  # a shipped plan's file name, or "saved-<id>"
    title: str
    description: str
    languages: list[str]
    minutes: int
    activities: int
    shipped: bool
    shared: bool = False
    owner: str = ""
    mine: bool = False
    kinds: list[str] = field(default_factory=list)


def _languages(plan: Plan) -> list[str]:
    found = {plan.language, *plan.languages}
    for act in plan.activities:
        found |= languages_of(act.title, plan.language) | languages_of(act.prompt, plan.language)
        for question in _texts_in(act.settings):
            found |= languages_of(question, plan.language)
    return sorted(found)


def _texts_in(settings) -> list:
    """Per-language tables nested in settings (round questions, canvas labels)."""
    found = []
    if isinstance(settings, dict):
        if settings and all(
            isinstance(k, str) and 2 <= len(k) <= 3 and k.isalpha() and k.islower()
            and isinstance(v, str) for k, v in settings.items()
        ):
            found.append(settings)
        else:
            for value in settings.values():
                found += _texts_in(value)
    elif isinstance(settings, list):
        for value in settings:
            found += _texts_in(value)
    return found


def _entry(plan: Plan, key: str, **extra) -> Entry:
    return Entry(
        key=key,
        title=plan.title,
        description=" ".join(str(plan.description or "").split()),
        languages=_languages(plan),
        minutes=agenda_minutes((a.kind, a.settings) for a in plan.activities),
        activities=len(plan.activities),
        kinds=[a.kind for a in plan.activities],
        **extra,
    )


def _visible(user):
    return or_(SavedPlan.facilitator_id == user.id, SavedPlan.shared.is_(True))


def catalogue(user) -> list[Entry]:
    """Every plan this facilitator can start from: the shipped ones, their own, the shared."""
    entries = []
    for name, path in available_plans().items():
        try:
            entries.append(_entry(load_plan(path), name, shipped=True))
        except PlanError:
            continue  # a broken file is reported by `cafe check`, not in the picker
    saved = db.session.scalars(
        select(SavedPlan).where(_visible(user)).order_by(SavedPlan.title, SavedPlan.id)
    )
    for row in saved:
        try:
            plan = _as_plan(row)
        except PlanError:  # stored before a limit held (e.g. thousands of activities)
            continue
        entries.append(_entry(
            plan, f"{SAVED_PREFIX}{row.id}", shipped=False, shared=row.shared,
            owner=row.owner.username, mine=row.facilitator_id == user.id,
        ))
    return entries


def _as_plan(row: SavedPlan) -> Plan:
    return parse_plan(to_toml(row.content), f"{SAVED_PREFIX}{row.id}")


def saved_plan(user, plan_id: int, *, mine: bool = False) -> SavedPlan | None:
    row = db.session.get(SavedPlan, plan_id)
    if row is None or (row.facilitator_id != user.id and (mine or not row.shared)):
        return None
    return row


def plan_for(user, key: str) -> Plan | None:
    """The plan a picker's key names, if this facilitator may use it."""
    if key.startswith(SAVED_PREFIX) and key[len(SAVED_PREFIX):].isdigit():
        row = saved_plan(user, int(key[len(SAVED_PREFIX):]))
        return _as_plan(row) if row else None
    path = available_plans().get(key)
    return load_plan(path, registry.all_kinds()) if path else None


def file_name(title: str) -> str:
    """A plan file's name from its title, as a person would type it: "Wereldcafé: samen
    verder" gives wereldcafe-samen-verder.toml (ASCII, so every system and mail client keeps
    it); a title with no Latin letters gives plan.toml."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:60].rstrip("-")
    return f"{slug or 'plan'}.toml"


def export_text(user, key: str) -> tuple[str, str] | None:
    """(file name, TOML text) of a plan this facilitator can see."""
    if key.startswith(SAVED_PREFIX) and key[len(SAVED_PREFIX):].isdigit():
        row = saved_plan(user, int(key[len(SAVED_PREFIX):]))
        return (file_name(row.title), to_toml(row.content)) if row else None
    path = available_plans().get(key)
    return (path.name, path.read_text(encoding="utf-8")) if path else None


def _clean(title: str, description: str) -> tuple[str, str]:
    title = " ".join((title or "").split())
    if not title or len(title) > 200:
        raise Refusal("invalid", _l("Please give the plan a title (at most 200 characters)."))
    description = (description or "").strip()
    if len(description) > MAX_DESCRIPTION:
        raise Refusal("invalid", _l("The description is too long (at most %(max)s characters).",
                                    max=MAX_DESCRIPTION))
    return title, description


def save_session(user, session, title: str, description: str, shared: bool) -> SavedPlan:
    """Save the session's agenda (activities and settings, no contributions) as a plan."""
    title, description = _clean(title or session.title, description)
    if not session.activities:
        raise Refusal("invalid", _l("The agenda is empty: add an activity first."))
    row = SavedPlan(facilitator_id=user.id, title=title, description=description,
                    shared=bool(shared), content=plan_content(session, title, description))
    db.session.add(row)
    db.session.flush()
    return row


SAME_TITLE_CHOICES = ("replace", "keep")


def _same_title(user, title: str) -> SavedPlan | None:
    return db.session.scalars(select(SavedPlan).where(
        SavedPlan.facilitator_id == user.id, SavedPlan.title == title)
        .order_by(SavedPlan.id)).first()


def _free_title(user, title: str) -> str:
    """"Title (2)", "Title (3)"…: the first one this facilitator has no plan under."""
    for n in range(2, 1000):
        candidate = f"{title[:190]} ({n})"
        if _same_title(user, candidate) is None:
            return candidate
    raise Refusal("invalid", _l("Please give the plan a title (at most 200 characters)."))


def import_plan(user, text: str, shared: bool, same_title: str = "") -> SavedPlan:
    """A plan file uploaded by a facilitator; nothing is stored unless all of it is valid.
    When one of their plans has the same title, they choose (`same_title`): replace it, or
    keep both (the new one gets "(2)"); without a choice nothing is stored and the Refusal
    ("same_title") carries the existing plan's id.
    Its size is checked first, then (in an OS thread, off the event loop) its nesting and
    its TOML; its texts are cleaned like typed ones and every limit of the editor applies."""
    if len(text.encode("utf-8")) > MAX_PLAN_BYTES:
        raise Refusal("invalid", _l("This file is too large for a plan."))
    try:
        data = offload(load_upload, text)
    except TooDeep:
        raise Refusal("invalid", _l("This plan nests too deeply (at most %(n)s levels).",
                                    n=MAX_NESTING)) from None
    except tomllib.TOMLDecodeError as exc:
        line = error_line(exc)
        raise Refusal("invalid", _l("The file is not valid TOML: look at line %(line)s.",
                                    line=line), line=line) from None
    data = clean_deep(data)
    activities = data.get("activity")
    if isinstance(activities, list) and len(activities) > MAX_ACTIVITIES:
        raise Refusal("invalid", _l("An agenda holds at most %(n)s activities.",
                                    n=MAX_ACTIVITIES))
    try:
        plan = plan_from_data(data, "upload", registry.all_kinds(), source=str(_l("The file")))
        for number, act in enumerate(plan.activities, start=1):
            try:
                registry.get(act.kind).validate_settings(act.settings)
            except ValueError as exc:
                raise PlanError(f"activity {number}: {exc}") from exc
    except PlanError as exc:
        raise Refusal(
            "invalid", _l("This plan cannot be used: %(problem)s", problem=str(exc))
        ) from None
    title, description = _clean(plan.title, str(plan.description or ""))
    existing = _same_title(user, title)
    if existing is not None and same_title not in SAME_TITLE_CHOICES:
        raise Refusal("same_title", _l(
            "You already have a plan called “%(title)s”. Replace it, keep both, or cancel?",
            title=title), existing=existing.id)
    if existing is not None and same_title == "replace":
        existing.description, existing.shared, existing.content = description, bool(shared), data
        db.session.flush()
        return existing
    if existing is not None:
        title = _free_title(user, title)
        data = {**data, "title": title}
    row = SavedPlan(facilitator_id=user.id, title=title, description=description,
                    shared=bool(shared), content=data)
    db.session.add(row)
    db.session.flush()
    return row


def copy(user, key: str) -> SavedPlan | None:
    """A plan of one's own from a shipped or shared plan (those stay as they are)."""
    found = export_text(user, key)
    if found is None:
        return None
    try:
        plan = parse_plan(found[1], found[0])
    except PlanError as exc:  # a plan stored before a limit held
        raise Refusal("invalid", _l("This plan cannot be used: %(problem)s",
                                    problem=str(exc))) from None
    title, description = _clean(plan.title, plan.description)
    row = SavedPlan(facilitator_id=user.id, title=title, description=description,
                    shared=False, content=tomllib.loads(found[1]))
    db.session.add(row)
    db.session.flush()
    return row


def delete(row: SavedPlan) -> None:
    db.session.delete(row)
    db.session.flush()
