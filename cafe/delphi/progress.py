"""How far each panelist is in a round (answered all / partly / not yet), and who a reminder
goes to: one definition for the console's figures and for the reminders themselves."""

from dataclasses import dataclass, field

from sqlalchemy import select

from cafe.delphi import stopping
from cafe.delphi.models import Answer, Contact, Panelist, Round, Study
from cafe.extensions import db

ALL, PARTLY, NONE = "all", "partly", "none"


@dataclass
class Reminders:
    """Who a reminder sent now would reach, and who it leaves out and why."""

    targets: list[int] = field(default_factory=list)
    partly: int = 0
    none: int = 0
    no_address: int = 0
    stopped: int = 0
    at_limit: int = 0
    limit: int = stopping.DEFAULT_MAX_REMINDERS


def answered(round_: Round) -> dict[int, int]:
    """Statements each panelist has rated or marked "no opinion" in the round (an argument
    alone is not an answer), as `services.answered_count` counts them."""
    out: dict[int, int] = {}
    for panelist_id, ratings, no_opinion in db.session.execute(
            select(Answer.panelist_id, Answer.ratings, Answer.no_opinion)
            .where(Answer.round_id == round_.id)):
        if no_opinion or ratings:  # in Python: PostgreSQL's json type has no "="
            out[panelist_id] = out.get(panelist_id, 0) + 1
    return out


def states(study: Study, round_: Round | None) -> dict[int, str]:
    """{panelist id: all | partly | none} for every panelist of the study."""
    total = len(study.statements)
    done = answered(round_) if round_ is not None else {}
    out = {}
    for panelist_id in db.session.scalars(select(Panelist.id).where(
            Panelist.study_id == study.id).order_by(Panelist.id)):
        n = done.get(panelist_id, 0)
        out[panelist_id] = ALL if total and n >= total else PARTLY if n else NONE
    return out


def table(study: Study, round_: Round | None) -> list[dict]:
    """One row per panelist for the console: label, panel, language, state, e-mail state."""
    found = states(study, round_)
    contacts = {c.panelist_id: c for c in db.session.scalars(
        select(Contact).where(Contact.study_id == study.id))}
    rows = []
    for panelist in db.session.scalars(select(Panelist).where(Panelist.study_id == study.id)
                                       .order_by(Panelist.panel_id, Panelist.id)):
        contact = contacts.get(panelist.id)
        rows.append({"label": panelist.label, "panel": panelist.panel.name,
                     "language": panelist.language, "state": found[panelist.id],
                     "withdrawn": panelist.withdrawn_at is not None,
                     "address": contact is not None,
                     "stopped": contact is not None and contact.stopped_at is not None})
    return rows


def counts(study: Study, round_: Round | None) -> dict[str, int]:
    found = list(states(study, round_).values())
    return {state: found.count(state) for state in (ALL, PARTLY, NONE)}


def reminders(study: Study, round_: Round) -> Reminders:
    """A reminder goes to everyone who has not answered every statement (partly or not yet),
    has an address, has not stopped the mail or withdrawn, and has had fewer than the study's
    most reminders this round."""
    limit = stopping.max_reminders(study)
    out = Reminders(limit=limit)
    mailable = stopping.mailable(study)
    with_address = set(db.session.scalars(select(Contact.panelist_id).where(
        Contact.study_id == study.id)))
    withdrawn = set(db.session.scalars(select(Panelist.id).where(
        Panelist.study_id == study.id, Panelist.withdrawn_at.is_not(None))))
    had = stopping.reminded(study, round_)
    for panelist_id, state in states(study, round_).items():
        if state == ALL:
            continue
        if panelist_id not in with_address and panelist_id not in withdrawn:
            out.no_address += 1
        elif panelist_id not in mailable:
            out.stopped += 1
        elif had.get(panelist_id, 0) >= limit:
            out.at_limit += 1
        else:
            out.targets.append(panelist_id)
            if state == PARTLY:
                out.partly += 1
            else:
                out.none += 1
    return out
