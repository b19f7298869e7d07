"""`flask send-reminders` over generated data sets of growing size: time and SQL statements per batch.

    python -m bench.reminders [--schools 30 60 120] [--postgres] [--national]

Each data set is generated as bench.generate makes it (100 cases a school, a fifth of them open), into
SQLite (or a throwaway PostgreSQL cluster with --postgres); everyone wants reminders at once, and the
mails go to a real SMTP server on 127.0.0.1 (aiosmtpd) that takes every message. Three runs each: the
first finds and mails everything (the backlog of a year of generated cases), the second five minutes
later finds the same and mails nothing, the third is the second again. Statements are counted per
committed transaction: each batch of cases the finding reads is one transaction, so the counts show
whether a batch costs the same however large the data set. `--national` measures 3,000 schools
(300,000 cases), which takes a long time to generate here.
"""

import argparse
import json
import secrets
import socket
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from aiosmtpd.controller import Controller
from sqlalchemy import event, func, select

from tests.pg import start_cluster

from . import generate as generator

OUT = Path(__file__).resolve().parent / "results"


class Sink:
    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        return "250 OK"


class Transactions:
    """Statements counted per committed transaction of the app's session."""

    def __init__(self, engine, session):
        self.current = 0
        self.per_commit: list[int] = []
        event.listen(engine, "before_cursor_execute", self.statement)
        event.listen(session, "after_commit", self.committed)

    def statement(self, *args):
        self.current += 1

    def committed(self, session):
        self.per_commit.append(self.current)
        self.current = 0

    def take(self) -> list[int]:
        taken, self.per_commit, self.current = self.per_commit, [], 0
        return taken


def measure(url: str, port: int) -> dict:
    from intranet import create_app
    from intranet.auth.models import User
    from intranet.cases.models import OPEN, Case
    from intranet.db import utcnow
    from intranet.extensions import db
    from intranet.reminders.models import IMMEDIATELY, Reminder, ReminderSetting
    from intranet.reminders.operations import find_case_reminders, find_review_reminders
    from intranet.reminders.sending import Outcome, send_waiting

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": secrets.token_hex(32),
            "PUBLIC_BASE_URL": "http://localhost",
            "MAIL_BACKEND": "smtp",
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": port,
            "MAIL_USE_TLS": False,
        }
    )
    with app.app_context():
        users = db.session.scalars(select(User.id)).all()
        db.session.execute(ReminderSetting.__table__.delete())
        db.session.execute(ReminderSetting.__table__.insert(), [{"user_id": u, "mode": IMMEDIATELY} for u in users])
        db.session.execute(Reminder.__table__.delete())
        db.session.commit()
        counts = {
            "cases": db.session.scalar(select(func.count(Case.id))),
            "open_cases": db.session.scalar(select(func.count(Case.id)).where(Case.status == OPEN)),
        }
        counter = Transactions(db.engine, db.session)
        now = utcnow()
        runs = []
        for number in range(3):
            at = now + timedelta(minutes=5 * number)
            outcome = Outcome()
            started = time.perf_counter()
            find_case_reminders(at, outcome)
            found_seconds = time.perf_counter() - started
            finding = counter.take()
            find_review_reminders(at, outcome)
            started_mail = time.perf_counter()
            send_waiting(at, outcome)
            mail_seconds = time.perf_counter() - started_mail
            sending = counter.take()
            batches = finding[1:]  # the first transaction drops the rows of closed cases
            runs.append(
                {
                    "found": outcome.found,
                    "mails": outcome.mails,
                    "reminders_mailed": outcome.reminders,
                    "find_seconds": round(found_seconds, 2),
                    "mail_seconds": round(mail_seconds, 2),
                    "find_batches": len(batches),
                    "statements_per_find_batch": sorted(set(batches)),
                    "statements_mailing": sum(sending),
                    "error": outcome.error,
                }
            )
        counts["reminder_rows"] = db.session.scalar(select(func.count(Reminder.id)))
        db.session.remove()
        db.engine.dispose()
    return {**counts, "runs": runs}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.reminders", description=__doc__)
    parser.add_argument("--schools", type=int, nargs="+", default=[30, 60, 120])
    parser.add_argument("--postgres", action="store_true", help="a throwaway PostgreSQL cluster, not SQLite")
    parser.add_argument("--national", action="store_true", help="3,000 schools (300,000 cases)")
    args = parser.parse_args(argv)
    sizes = [3000] if args.national else args.schools
    sink = Sink()
    with tempfile.TemporaryDirectory() as folder:
        with socket.socket() as free:
            free.bind(("127.0.0.1", 0))
            port = free.getsockname()[1]
        probe = Controller(sink, hostname="127.0.0.1", port=port)
        probe.start()
        cluster = start_cluster() if args.postgres else None
        results = []
        try:
            for schools in sizes:
                url = cluster.url if cluster else f"sqlite:///{Path(folder) / f'bench-{schools}.db'}"
                print(f"generating {schools} schools into {'PostgreSQL' if cluster else 'SQLite'}", flush=True)
                generator.reset_database(url) if cluster else None
                manifest = generator.generate(url, schools=schools, organisations=max(1, schools // 10))
                result = {"schools": schools, "generated_in_seconds": manifest["seconds"], **measure(url, port)}
                print(json.dumps(result, indent=1), flush=True)
                results.append(result)
        finally:
            probe.stop()
            if cluster:
                cluster.stop()
    OUT.mkdir(exist_ok=True)
    name = f"reminders-{'pg' if args.postgres else 'sqlite'}.json"
    (OUT / name).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
