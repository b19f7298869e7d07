"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it receives and can be told to refuse,
and a school whose case has steps due in hours, days and school days."""

import copy
import email
import socket
import threading
from datetime import datetime
from email import policy

import pytest
from aiosmtpd.controller import Controller

from intranet.auth.models import Role, User
from intranet.contacts.models import ContactPerson, ContactRole
from intranet.db import OSLO

CHECKLIST = {
    "key": "suspicion",
    "kind": "checklist",
    "default_language": "nb",
    "title": {"nb": "Bekymring", "nn": "Uro", "en": "Concern"},
    "fields": [
        {
            "key": "call_guardians",
            "type": "check",
            "label": {"nb": "Ring foresatte", "nn": "Ring føresette", "en": "Call the guardians"},
            "role": "contact_teacher",
            "due": {"amount": 2, "unit": "hours"},
        },
        {
            "key": "follow_up",
            "type": "check",
            "label": {"nb": "Oppfølgingssamtale", "nn": "Oppfølgingssamtale", "en": "Follow-up talk"},
            "due": {"amount": 1, "unit": "days"},
        },
        {
            "key": "meeting",
            "type": "check",
            "label": {"nb": "Møte med rektor", "nn": "Møte med rektor", "en": "Meeting with the rector"},
            "due": {"amount": 3, "unit": "school_days"},
        },
    ],
}

PUPIL = "Ola Nordmann 10B"  # what a case's label may hold; no mail may carry it


def oslo(*parts) -> datetime:
    return datetime(*parts, tzinfo=OSLO)


class Inbox:
    """What the server received, as parsed messages; `refuse_after` makes it answer 451 to every
    message after that many."""

    def __init__(self):
        self.messages = []
        self.refuse_after = None
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.refuse_after is not None and len(self.messages) >= self.refuse_after:
                return "451 4.3.0 Mail server busy, try again later"
            self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def to(self, address: str) -> list:
        return [m for m in self.messages if m["To"] == address]

    def body(self, message) -> str:
        return message.get_body(("plain",)).get_content()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(app, monkeypatch):
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setitem(app.config, "MAIL_BACKEND", "smtp")
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", port)
    monkeypatch.setitem(app.config, "MAIL_USE_TLS", False)
    yield inbox
    controller.stop()


@pytest.fixture
def school_case(world, db, create_user):
    """The world's school with a teacher holding the contact-teacher role (a contact person with her
    address), both on a case opened by the staff member on Monday 30 November 2026 at 06:00."""
    from intranet.cases import operations as case_ops
    from intranet.formsadmin import operations as form_ops

    rector = db.session.get(User, world.users["school_admin"].id)
    form = form_ops.import_form(world.school, copy.deepcopy(CHECKLIST), user=rector)
    form_ops.publish(form, note="First", user=rector)
    teacher = create_user(Role.STAFF, school=world.school, email="kari@example.no", name="Kari Kontakt", language="nn")
    db.session.add(
        ContactPerson(
            school_id=world.school.id,
            name="Kari Kontakt",
            email="Kari@Example.no",
            role_links=[ContactRole(role_key="contact_teacher")],
        )
    )
    staff = db.session.get(User, world.users["staff"].id)
    staff.language = "en"
    case = case_ops.open_case(world.school, form.latest, user=staff, label=PUPIL)
    case_ops.add_member(case, db.session.get(User, teacher.id), user=staff)
    case.opened_at = oslo(2026, 11, 30, 6, 0)
    db.session.commit()
    world.case, world.teacher, world.form = case, teacher, form
    return case
