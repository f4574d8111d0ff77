"""Which language a page speaks: the participant's, the facilitator's, or the browser's."""

from babel import Locale, UnknownLocaleError
from flask import current_app, g, request
from flask_babel import get_locale
from flask_login import current_user

from cafe.extensions import babel

RTL_LANGUAGES = {"ar", "he", "fa", "ur"}


def select_locale():
    languages = current_app.config["LANGUAGES"]
    forced = g.get("cafe_locale")
    if forced in languages:
        return forced
    asked = request.args.get("lang")
    if asked in languages:
        return asked
    if current_user and current_user.is_authenticated and current_user.language in languages:
        return current_user.language
    return request.accept_languages.best_match(languages) or current_app.config[
        "DEFAULT_LANGUAGE"
    ]


def text_direction(language: str) -> str:
    return "rtl" if language in RTL_LANGUAGES else "ltr"


def text_languages(session) -> set[str]:
    """The languages the facilitator wrote a session's texts in (title, activities')."""
    found = set((session.texts or {}).get("title") or {}) | {session.language}
    for activity in session.activities:
        for versions in (activity.texts or {}).values():
            found |= set(versions)
    return found


def language_names(language: str, codes) -> dict[str, str]:
    """Each language's name as a reader of `language` says it ("Dutch", "néerlandais")."""
    try:
        names = Locale.parse(language).languages
    except (ValueError, UnknownLocaleError):
        names = {}
    return {code: names.get(code, code) for code in sorted(codes)}


def init_app(app):
    babel.init_app(app, locale_selector=select_locale)

    @app.context_processor
    def inject_language():
        lang = str(get_locale() or app.config["DEFAULT_LANGUAGE"])
        return {"page_lang": lang, "page_dir": text_direction(lang),
                "languages_named": lambda session: language_names(
                    lang, set(app.config["LANGUAGES"]) | text_languages(session))}
