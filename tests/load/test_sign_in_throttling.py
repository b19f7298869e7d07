"""The attack that found the defect: 60 wrong sign-ins from one address at a real gunicorn with 4 workers.
With a count per worker 40 got through; with the count in the database, at most the limit does."""

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from intranet import migrating
from intranet.extensions import db

from .client import Client
from .scenario import app_for

ADDRESS_LIMIT = 10  # LOGIN_RATE_LIMIT's "10 per minute"


def test_sixty_sign_in_attempts_through_four_workers_get_only_the_limit_through(served_database, serve, tmp_path):
    app = app_for(served_database, tmp_path)
    with app.app_context():
        migrating.upgrade()
        db.engine.dispose()
    server = serve(served_database)
    attacker = Client(server.host, "en")
    attacker.read_csrf_token(attacker.get("/auth/login").text)

    def attempt(n: int) -> int:
        form = {"email": f"guess{n}@example.no", "password": "wrong guess"}
        return attacker.copy().post("/auth/login", form).status

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = Counter(pool.map(attempt, range(60)))
    print(f"\n60 sign-in attempts on {served_database.split(':')[0]} through 4 workers: {dict(statuses)}")

    assert set(statuses) <= {401, 429, 503}, f"never a 500: {statuses}"
    assert 0 < statuses[401] <= ADDRESS_LIMIT, f"{statuses[401]} attempts got through: {statuses}"
