"""Language choice: explicit choice (`?lang=`, then kept in the session) > user preference >
Accept-Language > the school's default language > the site default, decided in one place
(`choose_language`) for Flask and for the public pages' cache in front of it."""

from functools import lru_cache
from urllib.parse import quote, urlencode

from babel import Locale, UnknownLocaleError
from flask import Flask, current_app, g, has_request_context, request, session, url_for
from flask_babel import get_locale
from flask_login import current_user
from markupsafe import Markup, escape
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

from forms.text import text_and_language

from .extensions import babel

# Each language is named in its own language: a reader looks for the name they can read.
LANGUAGE_NAMES = {"nb": "Norsk bokmål", "nn": "Norsk nynorsk", "en": "English"}
LANGUAGE_SHORT = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}


def site_languages() -> tuple[str, ...]:
    return tuple(current_app.config["LANGUAGES"])


def page_languages() -> tuple[str, ...]:
    """Languages offered on this page: the school's enabled ones on its public pages (staff pages offer
    every site language; the school's default still chooses when nothing else does)."""
    school = g.get("school")
    if school is not None and school.languages and g.get("public_page"):
        return tuple(lang for lang in school.language_list if lang in site_languages()) or site_languages()
    return site_languages()


def remember_explicit_choice() -> None:
    """`?lang=xx` on any URL is an explicit choice; it sticks for the session."""
    lang = request.args.get("lang")
    if lang in site_languages():
        session["lang"] = lang


def select_locale() -> str:
    """Flask-Babel's locale selector: the request's inputs to `choose_language`."""
    if not has_request_context():  # command-line tasks speak the site's default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    school = g.get("school")
    signed_in = current_user and current_user.is_authenticated
    return choose_language(
        page_languages(),
        explicit=request.args.get("lang"),
        chosen=session.get("lang"),
        preferred=current_user.language if signed_in else None,
        accept_language=request.headers.get("Accept-Language", ""),
        school_default=school.default_language if school is not None else None,
        site_default=current_app.config["BABEL_DEFAULT_LOCALE"],
    )


@lru_cache(maxsize=4096)  # plain values in, one language out; browsers send few distinct headers
def choose_language(
    offered: tuple[str, ...],
    *,
    explicit: str | None,
    chosen: str | None,
    preferred: str | None,
    accept_language: str,
    school_default: str | None,
    site_default: str,
) -> str:
    """The language of a page, the one rule for every request: Flask's (`select_locale`) and the public
    pages' cache in front of Flask (public/cache.py) both ask it.

    Of the `offered` languages: the `explicit` choice (`?lang=` on this URL), else the choice `chosen`
    earlier (kept in the session), else the signed-in user's `preferred` one, else the best match for the
    browser's Accept-Language header (the raw value), else the school's default, else the site's."""
    for candidate in (explicit, chosen, preferred):
        if candidate in offered:
            return candidate
    accept = parse_accept_header(accept_language or None, LanguageAccept)
    best = accept.best_match(_accept_language_aliases(offered))
    if best:
        return _ACCEPT_ALIASES.get(best, best)
    if school_default in offered:
        return school_default
    return site_default if site_default in offered else offered[0]


# Browsers often send plain "no" for Norwegian; we read it as bokmål.
_ACCEPT_ALIASES = {"no": "nb", "nb-NO": "nb", "nn-NO": "nn", "en-GB": "en", "en-US": "en"}


def _accept_language_aliases(offered: tuple[str, ...]) -> list[str]:
    aliases = [alias for alias, lang in _ACCEPT_ALIASES.items() if lang in offered]
    return list(offered) + aliases


PATH_SAFE = "/:@!$&'()*+,;=-._~"  # a path's own delimiters; everything else is percent-encoded


def switch_language_url(lang: str) -> str:
    """The current URL with `lang` set: a plain link, so switching works without JavaScript.

    Built from the path and the query as sent, never through url_for: a query parameter may be named
    like anything (?endpoint=, ?_external=, ?slug=) and must neither clash with nor steer the link."""
    if request.url_rule is None:
        return url_for("public.front_door", lang=lang)
    path = "/" + (request.script_root + request.path).lstrip("/")  # "//host" would leave the site
    query = [(name, value) for name, value in request.args.items(multi=True) if name != "lang"]
    return quote(path, safe=PATH_SAFE) + "?" + urlencode([*query, ("lang", lang)])


def language_name(code: str) -> str:
    """A language's name in the reader's language, as used mid-sentence ("shown in norsk bokmål")."""
    try:
        return Locale.parse(code).get_display_name(str(get_locale())) or code
    except (ValueError, UnknownLocaleError):
        return code


def text_direction() -> str:
    """The page's `dir`: from Babel's locale data (Arabic and Persian read right to left)."""
    return "rtl" if get_locale().character_order == "right-to-left" else "ltr"


def content_in_page(texts, lang: str, fallback: str) -> Markup:
    """Content written per language ({lang: text}) for the page's `lang`; when only another language has
    it, wrapped in an element naming that language, so screen readers read it right (WCAG 3.1.2)."""
    text, used = text_and_language(texts, lang, fallback)
    return Markup('<span lang="{}">{}</span>').format(used, text) if used else escape(text)


def content_lang(texts, lang: str, fallback: str) -> Markup:
    """` lang="xx"` for the element around content (Markdown) shown in another language than the page."""
    used = text_and_language(texts, lang, fallback)[1]
    return Markup(' lang="{}"').format(used) if used else Markup("")


# Responses whose words are chosen by `select_locale`, so by Accept-Language and the session cookie.
IN_A_LANGUAGE = frozenset({"text/html", "text/calendar", "application/pdf"})


def vary_on_language(response):
    """Tell caches the page differs by Accept-Language and by the session (a language chosen earlier)."""
    if response.mimetype in IN_A_LANGUAGE:
        response.vary.add("Accept-Language")
        response.vary.add("Cookie")
    return response


def configure_i18n(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    app.before_request(remember_explicit_choice)
    app.after_request(vary_on_language)
    app.jinja_env.filters["language_name"] = language_name
    app.jinja_env.globals.update(
        page_languages=page_languages,
        switch_language_url=switch_language_url,
        LANGUAGE_NAMES=LANGUAGE_NAMES,
        LANGUAGE_SHORT=LANGUAGE_SHORT,
        text_direction=text_direction,
        language_name=language_name,
        current_locale=lambda: str(get_locale()),
        content=content_in_page,
        content_lang=content_lang,
    )
