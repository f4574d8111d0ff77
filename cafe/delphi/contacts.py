"""Panelists added by e-mail address: one panelist and one contact per address."""

import secrets
from email.utils import getaddresses

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from cafe.core import Refusal
from cafe.delphi.models import Contact, Panelist, Study
from cafe.domain.control_chars import clean
from cafe.extensions import db

MAX_AT_ONCE = 500
MAX_NAME = 120


def _entries(line: str) -> list[tuple[str, str]]:
    """(name, address) pairs of one line as an address book pastes them: bare addresses or
    "Éloïse Dupont-Müller <eloise@example.org>", separated by commas or semicolons (a comma
    inside a quoted name stays in the name)."""
    found = getaddresses([line.replace(";", ",")])
    # The parser joins words around an address ("a@b.org x" becomes "a@b.orgx"): each
    # address must be in the line as written.
    if any(not address or address not in line for _name, address in found):
        raise ValueError(line)
    return found


def parse_addresses(text: str) -> list[tuple[str, str]]:
    """One address a line (commas and semicolons also separate), each with the name it was
    pasted with, if any, for the greeting; refuses the whole list, naming the first bad line,
    so nothing half-imported needs cleaning up."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for line_number, line in enumerate((text or "").splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        try:
            pairs = [(name, validate_email(address, check_deliverability=False).normalized)
                     for name, address in _entries(line)]
        except (EmailNotValidError, ValueError):
            raise Refusal("invalid", _l("Line %(n)s is not an e-mail address: %(text)s",
                                        n=line_number, text=line[:80])) from None
        for name, address in pairs:
            if address.lower() not in seen:
                seen.add(address.lower())
                out.append((" ".join(clean(name).split())[:MAX_NAME], address))
    if not out:
        raise Refusal("invalid", _l("Please give at least one e-mail address."))
    if len(out) > MAX_AT_ONCE:
        raise Refusal("invalid", _l("Add between 1 and 500 panelists at a time."))
    return out


def add_by_address(study: Study, panel_id: int, language: str,
                   addresses: list[str] | list[tuple[str, str]],
                   languages: list[str]) -> list[Panelist]:
    """A panelist and a contact per address not yet in the study; an address is a string or
    (name, address) as parse_addresses gives it."""
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
    for entry in addresses:
        name, address = ("", entry) if isinstance(entry, str) else entry
        if address.lower() in known:
            continue
        panelist = Panelist(study_id=study.id, panel_id=panel.id,
                            token=secrets.token_urlsafe(24),
                            label=f"{panel.name} {existing + len(made) + 1}", language=language)
        db.session.add(panelist)
        db.session.flush()
        db.session.add(Contact(study_id=study.id, panelist_id=panelist.id, email=address,
                               name=name))
        known.add(address.lower())
        made.append(panelist)
    db.session.flush()
    return made


def count(study: Study) -> int:
    return db.session.scalar(select(func.count()).select_from(Contact)
                             .where(Contact.study_id == study.id)) or 0
