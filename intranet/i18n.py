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

from .dates import configure_dates
from .extensions import babel

# Each language is named in its own language: a reader looks for the name they can read.
LANGUAGE_NAMES = {
    "nb": "Norsk bokmål",
    "nn": "Norsk nynorsk",
    "en": "English",
    "uk": "Українська",
    "ar": "العربية",
    "pl": "Polski",
    "so": "Soomaali",
    "ti": "ትግርኛ",
    "lt": "Lietuvių",
    "fa": "فارسی (دری)",
    "ru": "Русский",
    "se": "Davvisámegiella",
}
LANGUAGE_SHORT = {**LANGUAGE_NAMES, "nb": "Bokmål", "nn": "Nynorsk"}


def site_languages() -> tuple[str, ...]:
    """The staff intranet's languages (nb, nn, en)."""
    return tuple(current_app.config["LANGUAGES"])


def all_public_languages() -> tuple[str, ...]:
    """Every language the public pages can be offered in; a school chooses among them."""
    return tuple(current_app.config["PUBLIC_LANGUAGES"])


def public_languages(school) -> tuple[str, ...]:
    """The languages the school's public pages offer: the school administrator's choice (School.languages,
    in the school's order), limited to the public languages; nb, nn and en when nothing valid is chosen."""
    offered = all_public_languages()
    chosen = tuple(lang for lang in school.language_list if lang in offered)
    return chosen or site_languages()


def page_languages() -> tuple[str, ...]:
    """Languages offered on this page: a school's public pages offer the school's choice, the other public
    pages (front door, statements, their error pages) every public language, the staff intranet (sign-in
    included) the site languages; the school's default still chooses when nothing else does."""
    if not _public_request():
        return site_languages()
    school = g.get("school")
    return public_languages(school) if school is not None else all_public_languages()


PUBLIC_BLUEPRINTS = ("public", "public_calendar", "statements")


def _public_request() -> bool:
    """A page for parents: one of the public blueprints' pages outside /app/, or an unknown address
    outside /app/ (its 404 page)."""
    if not has_request_context() or request.path.startswith("/app/"):
        return False
    return request.url_rule is None or request.blueprint in PUBLIC_BLUEPRINTS


def remember_explicit_choice() -> None:
    """`?lang=xx` on any URL is an explicit choice; it sticks for the session (staff pages use it when
    it is one of theirs)."""
    lang = request.args.get("lang")
    if lang in all_public_languages():
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
        school_default=school.default_language if school is not None else g.get("schools_default_language"),
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
    best = _best_accepted(accept_language, offered)
    if best:
        return best
    if school_default in offered:
        return school_default
    return site_default if site_default in offered else offered[0]


# Browsers often send plain "no" for Norwegian; we read it as bokmål. Dari ("prs", often "fa-AF") is read
# in our Persian catalog, Northern Sámi may come as "sme".
_ACCEPT_ALIASES = {"no": "nb", "prs": "fa", "sme": "se"}


def _best_accepted(accept_language: str, offered: tuple[str, ...]) -> str | None:
    """The offered language the browser wants most. A regional tag counts for its language at its own
    weight ("uk-UA,ru;q=0.5" is Ukrainian first, not Russian because only "ru" matched exactly)."""
    for value, _quality in parse_accept_header(accept_language or None, LanguageAccept):
        primary = value.lower().replace("_", "-").split("-")[0]
        lang = _ACCEPT_ALIASES.get(primary, primary)
        if lang in offered:
            return lang
    return None


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


@lru_cache(maxsize=64)
def language_direction(code: str) -> str:
    """The `dir` of a text in language `code` (a language's own name in the picker, content shown in
    the school's language), from Babel's locale data."""
    try:
        return "rtl" if Locale.parse(code).character_order == "right-to-left" else "ltr"
    except (ValueError, UnknownLocaleError):
        return "ltr"


# The files whose messages the public pages show: `flask translate update` extracts them into
# translations/public.pot, the template of the public-only catalogs (the languages beyond nb, nn and en,
# which translate the public pages' interface and nothing else). tests/integration/test_public_catalogs.py
# checks that every template a public page renders is among them.
PUBLIC_MESSAGE_SOURCES = (
    "intranet/templates/base.html",
    "intranet/templates/_language_picker.html",
    "intranet/templates/errors",
    "intranet/errors.py",
    "intranet/public",
    "intranet/statements/templates/statements/accessibility.html",
    "intranet/statements/templates/statements/languages.html",
    "intranet/calendar/templates/calendar/wheel.html",
    "intranet/plans/templates/plans/_sections.html",
    "intranet/plans/templates/plans/kinds",
    "intranet/contacts/templates/contacts/_people.html",
    "intranet/offline/templates/offline/_worker.html",  # the service worker's registration (no words)
)


def content_in_page(texts, lang: str, fallback: str) -> Markup:
    """Content written per language ({lang: text}) for the page's `lang`; when only another language has
    it, wrapped in an element naming that language (and its direction), so screen readers read it right
    (WCAG 3.1.2) and a left-to-right text keeps its order in a right-to-left page."""
    text, used = text_and_language(texts, lang, fallback)
    if not used:
        return escape(text)
    return Markup('<span lang="{}" dir="{}">{}</span>').format(used, language_direction(used), text)


def content_lang(texts, lang: str, fallback: str) -> Markup:
    """` lang="xx"` for the element around content (Markdown) shown in another language than the page."""
    used = text_and_language(texts, lang, fallback)[1]
    return Markup(' lang="{}" dir="{}"').format(used, language_direction(used)) if used else Markup("")


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
    configure_dates(app)  # replaces Flask-Babel's date filters: British conventions in English
    app.before_request(remember_explicit_choice)
    app.after_request(vary_on_language)
    app.jinja_env.filters["language_name"] = language_name
    app.jinja_env.globals.update(
        page_languages=page_languages,
        public_languages=public_languages,
        switch_language_url=switch_language_url,
        LANGUAGE_NAMES=LANGUAGE_NAMES,
        LANGUAGE_SHORT=LANGUAGE_SHORT,
        text_direction=text_direction,
        language_direction=language_direction,
        language_name=language_name,
        current_locale=lambda: str(get_locale()),
        content=content_in_page,
        content_lang=content_lang,
    )


def content_languages(owner) -> tuple[str, ...]:
    """The languages the content of `owner` (a school, an organisation) is written and translated in: the
    editors offer them, translation tracking reports on them. The one place that decides: a school's are
    the languages its public page offers (and its own language), an organisation's template is written
    in the site languages."""
    if not hasattr(owner, "language_list"):
        return site_languages()
    offered = public_languages(owner)
    return offered if owner.default_language in offered else (owner.default_language, *offered)
