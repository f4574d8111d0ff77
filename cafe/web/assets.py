"""What every page needs: the kinds' scripts and styles, the strings the JS shows, translated,
and the names of the participants' roles."""

from flask import url_for
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from cafe.activities import registry
from cafe.participants.roles import GROUP_LABELS, ROLE_LABELS, UNSPECIFIED_LABEL

CORE_MESSAGES = {
    "connecting": _l("Connecting…"),
    "connected": _l("Connected"),
    "reconnecting": _l("Connection lost. Reconnecting…"),
    "offline": _l("You are offline. What you send will be tried again."),
    "saved": _l("Saved"),
    "sending": _l("Sending…"),
    "not_saved": _l("Not saved. Please try again."),
    "waiting": _l("Please wait: the facilitator will start the next activity."),
    # A state, not the agenda's "Open" button: French says "Ouverte" here and "Ouvrir" there.
    "open": lazy_pgettext("activity status", "Open"),
    "closed": _l("Closed"),
    "pending": _l("Not started"),
    "close": _l("Close"),
    "show": _l("Show"),
    "joined": _l("joined"),
    "online": _l("online"),
    "no_session": _l("There is no session with this code."),
    "not_joined": _l("Please join the session first."),
    "projector_more": _l("and %(n)s more"),
    "projector_page": _l("Page %(n)s of %(total)s"),
    "presenter_join_screen": _l("The join screen"),
    "session_end_confirm": _l(
        "End the session? Every open activity closes and nobody new can join. You can let "
        "people join again under Privacy and limits."),
    # Said (and read aloud) before a text the facilitator wrote in no version in the reader's
    # language; %(language)s is that text's language, named in the reader's ("Dutch").
    "only_in": _l("This question is only in %(language)s."),
    "list_page": _l("Page %(n)s of %(total)s (%(count)s in all)"),
}


def _kinds(names) -> list:
    kinds = registry.all_kinds()
    if names is None:
        return list(kinds.values())
    return [kinds[name] for name in names if name in kinds]


def js_messages(names=None) -> dict:
    """The strings the JS shows: the core's and those of the named kinds (every kind's when
    None), translated."""
    messages = {k: str(v) for k, v in CORE_MESSAGES.items()}
    # The participants' roles by their stored code: scripts show Cafe.t("role_" + code), never
    # the code itself ("local_government").
    messages.update({f"role_{code}": str(label) for code, label in ROLE_LABELS.items()})
    for kind in _kinds(names):
        messages.update(kind_messages(kind))
    return messages


def kind_messages(kind) -> dict:
    return {k: str(v) for k, v in getattr(kind, "messages", {}).items()}


def kind_scripts(names=None) -> list[str]:
    """The addresses of the scripts of the named kinds (every kind's when None), each from the
    kind's own static folder, fingerprinted."""
    return [url for kind in _kinds(names) for url in kind.asset_urls("scripts")]


def kind_styles(names=None) -> list[str]:
    return [url for kind in _kinds(names) for url in kind.asset_urls("styles")]


def phone_assets(names) -> list[str]:
    """Every static file the phone page (templates/phone/session.html) loads when it carries the
    kinds `names`: the join page has the browser fetch them ahead (`rel=prefetch`), so the
    phone page finds them in its cache. tests/web/test_join_speed.py keeps the two lists equal."""
    def static(filename):
        return url_for("static", filename=filename)
    return [static("vendor/socket.io.min.js"), static("js/cafe.js"), *kind_scripts(names),
            static("js/phone.js"), static("js/withdraw.js"), static("css/base.css"),
            static("css/cafe.css"),
            *kind_styles(names), static("js/display.js"), static("icons.svg")]


def kind_assets(code: str) -> dict:
    """Every kind's script and style addresses, and the address of its phone templates and
    strings (`part`): a phone loads a kind's when it first meets an activity of that kind
    (Cafe.loadKind), so it downloads only what the kinds it meets need."""
    return {name: {"scripts": kind.asset_urls("scripts"), "styles": kind.asset_urls("styles"),
                   "part": url_for("participants.kind_part", code=code, kind=name)}
            for name, kind in registry.all_kinds().items()}



def init_app(app):
    @app.context_processor
    def inject():
        return {
            "js_messages": js_messages,
            "kind_scripts": kind_scripts,
            "kind_styles": kind_styles,
            "kind_assets": kind_assets,
            "kind_asset_url": registry.asset_url,
            "role_labels": ROLE_LABELS,
            "role_groups": GROUP_LABELS,
            "role_unspecified": UNSPECIFIED_LABEL,
        }
