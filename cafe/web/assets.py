"""What every page needs: the kinds' scripts and styles, the strings the JS shows, translated,
and the names of the participants' roles."""

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


def js_messages() -> dict:
    messages = {k: str(v) for k, v in CORE_MESSAGES.items()}
    # The participants' roles by their stored code: scripts show Cafe.t("role_" + code), never
    # the code itself ("local_government").
    messages.update({f"role_{code}": str(label) for code, label in ROLE_LABELS.items()})
    for kind in registry.all_kinds().values():
        messages.update({k: str(v) for k, v in getattr(kind, "messages", {}).items()})
    return messages


def kind_scripts() -> list[str]:
    """The addresses of every kind's scripts (each from the kind's own static folder)."""
    return [url for kind in registry.all_kinds().values() for url in kind.asset_urls("scripts")]


def kind_styles() -> list[str]:
    return [url for kind in registry.all_kinds().values() for url in kind.asset_urls("styles")]


def init_app(app):
    @app.context_processor
    def inject():
        return {
            "js_messages": js_messages,
            "kind_scripts": kind_scripts,
            "kind_styles": kind_styles,
            "kind_asset_url": registry.asset_url,
            "role_labels": ROLE_LABELS,
            "role_groups": GROUP_LABELS,
            "role_unspecified": UNSPECIFIED_LABEL,
        }
