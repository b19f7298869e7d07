"""iCalendar feeds of the annual wheel (icalendar), and the private feed tokens."""

import secrets
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from flask_babel import gettext as _

from forms.text import text_and_language

from ..auth.models import User, hash_token
from ..db import utcnow
from ..extensions import db
from ..i18n import language_name
from ..schools.models import School
from .activities import Activity, occurs_on, school_year_start
from .models import CalendarFeed

TIME_ZONE = "Europe/Oslo"


def build_calendar(
    school: School, found: list[Activity], lang: str, today: date, stamp, name: str, feed: str = "public"
) -> bytes:
    """This school year's and next school year's activities as all-day events that leave the day free
    (TRANSP:TRANSPARENT): on their date when one is fixed, else as a note spanning the month.

    `feed` ("public" or "staff") is part of every UID, so a person subscribed to both feeds has two
    distinct events rather than two versions of one. The calendar always holds the school's time zone
    (RFC 5545 wants at least one component, also when no activity is published yet)."""
    from icalendar import Calendar, Event, Timezone  # loaded by the first feed, not by every worker at start

    calendar = Calendar()
    calendar.add("prodid", "-//Rusplan//Annual wheel//NO")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TIME_ZONE)
    first_year = school_year_start(today)
    calendar.add_component(
        Timezone.from_tzinfo(
            ZoneInfo(TIME_ZONE), TIME_ZONE, first_date=date(first_year, 8, 1), last_date=date(first_year + 2, 7, 31)
        )
    )
    for start_year in (first_year, first_year + 1):
        for activity in found:
            day = occurs_on(activity, start_year)
            if activity.date is not None and start_year != first_year:
                continue  # a fixed date happens once
            event = Event()
            event.add("uid", f"{school.slug}-{activity.uid}-{start_year}-{feed}@rusplan")
            event.add("dtstamp", stamp)
            (summary, summary_lang), description = _texts(activity, lang, school.default_language)
            event.add("summary", summary, parameters={"LANGUAGE": summary_lang} if summary_lang else None)
            if description:
                event.add("description", description)
            event.add("dtstart", day)
            event.add("dtend", day + timedelta(days=1) if activity.date else _next_month(day))
            event.add("transp", "TRANSPARENT")  # a note in the calendar: nobody is busy because of it
            calendar.add_component(event)
    return calendar.to_ical()


def _texts(activity: Activity, lang: str, default_language: str):
    """The event's summary as (text, its language when not `lang`), and its description. A text shown in
    another language (its translation is outdated or missing) gets a note in the reader's language."""
    title, title_lang = text_and_language(activity.title, lang, default_language)
    description, description_lang = text_and_language(activity.description, lang, default_language)
    parts = [activity.audience, description]
    shown_in = sorted({used for used in (title_lang, description_lang) if used})
    if shown_in:
        names = ", ".join(language_name(code) for code in shown_in)
        parts.append(_("This part is not translated yet; it is shown in %(language)s.", language=names))
    return (title, title_lang), "\n\n".join(part for part in parts if part)


def _next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def create_feed(user: User, school: School) -> str:
    """A new private feed address for this person at this school; earlier ones stop working."""
    revoke_feeds(user, school)
    token = secrets.token_urlsafe(24)
    db.session.add(CalendarFeed(user_id=user.id, school_id=school.id, token_hash=hash_token(token)))
    db.session.flush()
    return token


def revoke_feeds(user: User, school: School) -> int:
    feeds = db.session.scalars(
        db.select(CalendarFeed).where(
            CalendarFeed.user_id == user.id, CalendarFeed.school_id == school.id, CalendarFeed.revoked_at.is_(None)
        )
    ).all()
    for feed in feeds:
        feed.revoked_at = utcnow()
    db.session.flush()
    return len(feeds)


def feed_for_token(school: School, token: str) -> CalendarFeed | None:
    return db.session.scalar(
        db.select(CalendarFeed).where(
            CalendarFeed.school_id == school.id,
            CalendarFeed.token_hash == hash_token(token),
            CalendarFeed.revoked_at.is_(None),
        )
    )
