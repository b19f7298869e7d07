"""A page the service worker fetches to keep (X-Offline-Keep) does not take the flash message meant for the
page the person is going to: found in CI, where the worker kept the open case page just after the rector
reopened the case, and "The case is open again." was never shown."""

from intranet.reminders.models import DASHBOARD

SAVED = "Your reminder setting is saved."


def test_a_kept_page_leaves_the_message_for_the_page_the_person_opens(client, world, login):
    login(world.users["staff"])
    client.get("/app/?lang=en")
    assert client.post("/app/account/reminders", data={"reminders-mode": DASHBOARD}).status_code == 302
    kept = client.get(f"/app/schools/{world.school.slug}/cases/new", headers={"X-Offline-Keep": "1"})
    assert kept.status_code == 200 and SAVED not in kept.get_data(as_text=True)
    shown = client.get("/app/account").get_data(as_text=True)
    assert SAVED in shown
    assert SAVED not in client.get("/app/account").get_data(as_text=True)  # shown once
