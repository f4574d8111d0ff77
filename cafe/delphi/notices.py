"""Which panelists get which e-mail: invitations, a round's opening, reminders."""

from sqlalchemy import select

from cafe.delphi import outbox, progress
from cafe.delphi.models import Panelist, Round, Study
from cafe.extensions import db


def _panelists(study: Study) -> list[int]:
    return list(db.session.scalars(select(Panelist.id).where(Panelist.study_id == study.id)))


def link_base(study: Study, base_url: str) -> str:
    return base_url or study.link_base or ""


def invite(study: Study, base_url: str, domain: str) -> int:
    """Invitations to everybody with an address who has not had one."""
    return outbox.enqueue(study, _panelists(study), "invitation", "",
                          link_base(study, base_url), domain)


def round_opened(study: Study, round_: Round, base_url: str, domain: str) -> int:
    """Round 1's opening sends the invitations; a later round, a notice that it is open."""
    if round_.number == 1:
        return invite(study, base_url, domain)
    return outbox.enqueue(study, _panelists(study), "round_open", f"r{round_.id}",
                          link_base(study, base_url), domain)


def remind(study: Study, round_: Round, batch: str, base_url: str, domain: str) -> int:
    """Reminders to the group the console names before the button (progress.reminders)."""
    return outbox.enqueue(study, progress.reminders(study, round_).targets, "reminder",
                          f"r{round_.id}:{batch}", link_base(study, base_url), domain)
