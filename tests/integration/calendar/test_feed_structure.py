"""The calendar feeds as calendar apps read them (RFC 5545): never an empty calendar, activities that
leave the day free, and UIDs that differ between the public and the private feed."""

import re
import shutil
import subprocess
from datetime import date, timedelta

import pytest
from icalendar import Calendar

from .test_wheel import wheel_plan  # noqa: F401 - the fixture


def _private_feed(client, world, login):
    login(world.users["staff"])
    response = client.post(f"/app/schools/{world.school.slug}/calendar-feed", follow_redirects=True)
    address = re.search(r"http://intranet\.test(/[\w-]+/calendar/[\w-]+\.ics)", response.get_data(as_text=True))
    return client.application.test_client().get(address.group(1))


def test_a_school_without_a_published_plan_serves_a_calendar_with_a_component(client, world):
    response = client.get(f"/{world.school.slug}/calendar.ics")
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.data)
    assert calendar.subcomponents, "RFC 5545: a VCALENDAR holds at least one component"
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Oslo"]
    assert calendar.walk("VEVENT") == []


def test_activities_leave_the_day_free_on_their_date_or_as_a_month_note(client, world, wheel_plan):  # noqa: F811
    calendar = Calendar.from_ical(client.get(f"/{world.school.slug}/calendar.ics?lang=nb").data)
    events = calendar.walk("VEVENT")
    assert events
    for event in events:
        assert str(event["transp"]) == "TRANSPARENT"
        start, end = event["dtstart"].dt, event["dtend"].dt
        assert type(start) is date and type(end) is date  # all-day
        if str(event["summary"]) == "Russemøte":
            assert (start, end) == (date(2027, 4, 20), date(2027, 4, 21))
        else:
            assert start.day == 1 and end.day == 1 and (end - start) <= timedelta(days=31)


def test_the_public_and_the_private_feed_never_share_a_uid(client, world, wheel_plan, login):  # noqa: F811
    public = Calendar.from_ical(client.get(f"/{world.school.slug}/calendar.ics").data)
    private = Calendar.from_ical(_private_feed(client, world, login).data)
    public_uids = {str(e["uid"]) for e in public.walk("VEVENT")}
    private_uids = {str(e["uid"]) for e in private.walk("VEVENT")}
    assert public_uids and private_uids
    assert not public_uids & private_uids


@pytest.mark.skipif(shutil.which("khal") is None, reason="Debian's khal is not installed")
def test_khal_reads_the_feed_and_each_activity_once(client, world, wheel_plan, tmp_path):  # noqa: F811
    """khal (Debian) parses the feed as calendar apps do; printics lists each event it understood."""
    feed = tmp_path / "feed.ics"
    feed.write_bytes(client.get(f"/{world.school.slug}/calendar.ics?lang=nb").data)
    empty = tmp_path / "empty.ics"
    empty.write_bytes(client.get(f"/{world.other_school.slug}/calendar.ics").data)
    config = tmp_path / "khal.conf"
    config.write_text(
        f"[calendars]\n[[school]]\npath = {tmp_path}/cal\ntype = calendar\n"
        "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
        "[default]\ndefault_calendar = school\n"
    )
    (tmp_path / "cal").mkdir()
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TZ": "Europe/Oslo"}
    for path, expected in ((feed, 3), (empty, 0)):
        done = subprocess.run(
            ["khal", "-c", str(config), "printics", str(path)], capture_output=True, text=True, env=env, timeout=60
        )
        assert done.returncode == 0, done.stderr
        assert f"{expected} events found" in done.stdout + done.stderr, done.stdout + done.stderr
