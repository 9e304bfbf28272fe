"""Locale from the URL prefix (/fr/…, /en/…), Flask-Babel, and the language switch."""

from __future__ import annotations

from urllib.parse import quote

from babel.dates import format_date
from flask import Flask, abort, current_app, g, has_request_context, request, url_for
from flask_babel import Babel, get_locale

LANGUAGE_NAMES = {"fr": "Français", "en": "English"}
# The locale a language's dates are written in: English ones day first, as in Britain
# ("14 March 2027"), the order French readers and schools expect, not "March 14, 2027".
DATE_LOCALES = {"en": "en_GB"}


def date_locale(lang: str) -> str:
    """The locale that writes dates for this language (DATE_LOCALES)."""
    return DATE_LOCALES.get(lang, lang)


def format_day(day, form: str = "long") -> str:
    """The one way a date is written, on pages and in documents: in the language being
    rendered (the page's, or a document's under force_locale). `form` is a Babel width
    ("long", "full") or pattern ("MMMM y")."""
    locale = get_locale()
    return format_date(day, form, locale=date_locale(locale.language if locale else "fr"))


def init_app(app: Flask) -> None:
    """Wire locale selection and language-aware URLs into the app."""
    Babel(app, locale_selector=current_language)
    app.jinja_env.filters["dateformat"] = format_day  # instead of Flask-Babel's (format_day)
    app.url_value_preprocessor(_pull_language)
    app.url_defaults(_push_language)
    app.context_processor(_language_context)


def _language_context() -> dict:
    """The page's language and its language switch; documents rendered outside a request
    (a command, a builder) give their own `lang`."""
    if not has_request_context():
        return {}
    return {"lang": current_language(), "language_links": language_links()}


def preferred_language() -> str:
    """The browser's preferred supported language, French by default."""
    languages = current_app.config["LANGUAGES"]
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    return request.accept_languages.best_match(languages) or default


def current_language() -> str:
    """The language of this request: the URL prefix, else the browser's preference."""
    if "lang" not in g:
        # Also for addresses that match no route, so that their 404 page is in the language.
        prefix = request.path.lstrip("/").partition("/")[0]
        g.lang = prefix if prefix in current_app.config["LANGUAGES"] else None
    return g.lang or preferred_language()


def _pull_language(endpoint, values) -> None:
    """Take the language out of the URL; an unknown one is a 404."""
    if values is None or "lang" not in values:
        return
    lang = values.pop("lang")
    if lang not in current_app.config["LANGUAGES"]:
        abort(404)
    g.lang = lang


def _push_language(endpoint, values) -> None:
    """Keep the current language in URLs built without one."""
    if "lang" not in values and current_app.url_map.is_endpoint_expecting(endpoint, "lang"):
        values["lang"] = current_language()


def language_links() -> list[dict]:
    """For each other language, a link to this same page in that language."""
    here = current_language()
    links = []
    for lang in current_app.config["LANGUAGES"]:
        if lang != here:
            links.append(
                {"lang": lang, "name": LANGUAGE_NAMES.get(lang, lang), "url": same_page_in(lang)}
            )
    return links


def same_page_in(lang: str) -> str:
    """The URL of the current page in another language (its home page if unknown)."""
    rule = request.url_rule
    if rule is None or "lang" not in rule.arguments or request.endpoint is None:
        return url_for("site.home", lang=lang)
    # Only the view's own arguments: query keys such as _method, _external or _scheme
    # would steer url_for. The query string is kept as it came, as a string.
    url = url_for(request.endpoint, **dict(request.view_args or {}, lang=lang))
    if request.method == "GET" and request.query_string:
        url += "?" + quote(request.query_string, safe="=&%+;,/:@")
    return url
