"""Which panelists get which e-mail: invitations, a round's opening, reminders."""

from sqlalchemy import func, select

from cafe.delphi import outbox
from cafe.delphi.models import Answer, Panelist, Round, Study
from cafe.extensions import db


def _panelists(study: Study) -> list[int]:
    return list(db.session.scalars(select(Panelist.id).where(Panelist.study_id == study.id)))


def unfinished(study: Study, round_: Round) -> list[int]:
    """Panelists who have not answered every statement of the round."""
    total = len(study.statements)
    answered = dict(db.session.execute(
        select(Answer.panelist_id, func.count()).where(Answer.round_id == round_.id)
        .group_by(Answer.panelist_id)).all())
    return [p for p in _panelists(study) if answered.get(p, 0) < total]


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
    return outbox.enqueue(study, unfinished(study, round_), "reminder",
                          f"r{round_.id}:{batch}", link_base(study, base_url), domain)
