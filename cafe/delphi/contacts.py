"""Panelists added by e-mail address: one panelist and one contact per address."""

import secrets

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from cafe.core import Refusal
from cafe.delphi.models import Contact, Panelist, Study
from cafe.extensions import db

MAX_AT_ONCE = 500


def parse_addresses(text: str) -> list[str]:
    """One address a line (commas and semicolons also separate); refuses the whole list,
    naming the first bad line, so nothing half-imported needs cleaning up."""
    out = []
    for line_number, line in enumerate((text or "").replace(";", "\n").replace(",", "\n")
                                       .splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        try:
            address = validate_email(line, check_deliverability=False).normalized
        except EmailNotValidError:
            raise Refusal("invalid", _l("Line %(n)s is not an e-mail address: %(text)s",
                                        n=line_number, text=line[:80])) from None
        if address.lower() not in {a.lower() for a in out}:
            out.append(address)
    if not out:
        raise Refusal("invalid", _l("Please give at least one e-mail address."))
    if len(out) > MAX_AT_ONCE:
        raise Refusal("invalid", _l("Add between 1 and 500 panelists at a time."))
    return out


def add_by_address(study: Study, panel_id: int, language: str, addresses: list[str],
                   languages: list[str]) -> list[Panelist]:
    panel = next((p for p in study.panels if p.id == panel_id), None)
    if panel is None:
        raise Refusal("not_found", _l("This panel does not exist."))
    if language not in languages:
        language = study.language
    known = {e.lower() for e in db.session.scalars(
        select(Contact.email).where(Contact.study_id == study.id))}
    existing = db.session.scalar(select(func.count()).select_from(Panelist)
                                 .where(Panelist.panel_id == panel.id)) or 0
    made = []
    for address in addresses:
        if address.lower() in known:
            continue
        panelist = Panelist(study_id=study.id, panel_id=panel.id,
                            token=secrets.token_urlsafe(24),
                            label=f"{panel.name} {existing + len(made) + 1}", language=language)
        db.session.add(panelist)
        db.session.flush()
        db.session.add(Contact(study_id=study.id, panelist_id=panelist.id, email=address))
        made.append(panelist)
    db.session.flush()
    return made


def count(study: Study) -> int:
    return db.session.scalar(select(func.count()).select_from(Contact)
                             .where(Contact.study_id == study.id)) or 0
