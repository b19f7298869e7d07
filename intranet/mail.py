"""Outgoing mail. Development: every message is printed to the console and saved as an .eml file
in the outbox folder (MAIL_OUTBOX_DIR). Production: SMTP."""

import smtplib
from contextlib import contextmanager
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

from flask import current_app

from .db import after_commit, utcnow


def build_message(to: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain="rusplan.local")
    message.set_content(body)
    return message


def deliver(message: EmailMessage) -> None:
    with connection() as send:
        send(message)


@contextmanager
def connection():
    """Send several messages over one connection: `with connection() as send: send(message)`.
    An SMTP error leaves the block as an exception (smtplib's), after the connection is closed."""
    config = current_app.config
    if config["MAIL_BACKEND"] != "smtp":
        yield _to_outbox
        return
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=20) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        yield smtp.send_message


def _to_outbox(message: EmailMessage) -> None:
    outbox = Path(current_app.config["MAIL_OUTBOX_DIR"])
    outbox.mkdir(parents=True, exist_ok=True)
    stamp = utcnow().strftime("%Y%m%dT%H%M%S%f")
    path = outbox / f"{stamp}-{message['To'].replace('@', '_at_')}.eml"
    path.write_bytes(bytes(message))
    current_app.logger.warning("Mail to %s saved in %s\n%s", message["To"], path, message.get_content())


def send_after_commit(to: str, subject: str, body: str) -> None:
    """Queue a mail; it leaves only if the request's changes are committed."""
    message = build_message(to, subject, body)
    after_commit(lambda: deliver(message))
