"""What an e-mail says: the product's own words, or the facilitator's, per kind and language.

The facilitator may rewrite the invitation's and the reminder's main paragraph in each
language; an empty text means the product's own (translated) paragraph. The greeting, the
closing date, the personal link and the stop link are always the product's, so no edit can
lose them.
"""

from flask import render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from cafe.core import Refusal
from cafe.delphi.models import Study
from cafe.domain.control_chars import clean
from cafe.extensions import db

EDITABLE = ("invitation", "reminder")
MAX_TEXT = 2000


def default_paragraph(kind: str, title: str, round_number: int | None) -> str:
    """The product's paragraph, in the language forced around the call."""
    if kind == "invitation":
        return _("You are invited to take part in the study “%(title)s”. Your answers are "
                 "anonymous: the organisers see the group’s results, never who answered "
                 "what.", title=title)
    if kind == "reminder":
        return _("You have not answered every statement of the study “%(title)s” yet. Your "
                 "earlier answers are kept: you continue where you left off.", title=title)
    return _("Round %(n)s of the study “%(title)s” is open. You will see what the group "
             "answered in the previous round, and you can change your answer.",
             n=round_number, title=title)


def subject(kind: str, title: str) -> str:
    return {"invitation": _("Invitation: %(title)s", title=title),
            "reminder": _("Reminder: %(title)s", title=title),
            "round_open": _("A new round is open: %(title)s", title=title)}[kind]


def custom(study: Study, kind: str, language: str) -> str:
    texts = (study.mail_settings or {}).get("texts") or {}
    value = (texts.get(kind) or {}).get(language, "")
    return value if isinstance(value, str) else ""


def paragraph(study: Study, kind: str, language: str, round_number: int | None) -> str:
    return custom(study, kind, language) or default_paragraph(kind, study.title, round_number)


def cleaned(submitted: dict[tuple[str, str], str]) -> dict[str, dict[str, str]]:
    """{kind: {language: text}} from the form's fields, checked; empty texts left out."""
    out: dict[str, dict[str, str]] = {}
    for (kind, language), text in submitted.items():
        if kind not in EDITABLE:
            continue
        text = clean(text or "").strip().replace("\r\n", "\n")
        if len(text) > MAX_TEXT:
            raise Refusal("invalid", _l("A text has at most %(n)s characters.", n=MAX_TEXT),
                          field=f"text-{kind}-{language}")
        if text:
            out.setdefault(kind, {})[language] = text
    return out


def save(study: Study, texts: dict[str, dict[str, str]]) -> None:
    study.mail_settings = {**(study.mail_settings or {}), "texts": texts}
    db.session.flush()


def body(kind: str, study: Study, words: str, name: str, link: str, stop_link: str,
         closes: str | None) -> str:
    return render_template("delphi/mail/message.txt", kind=kind, study=study, paragraph=words,
                           name=name, link=link, stop_link=stop_link, closes=closes)
