"""What a web worker loads: the app without the migration tooling; the `flask` command with it."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from intranet.config import PROJECT_ROOT


def _run(*args: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith("FLASK_")}
    env.update(SECRET_KEY=secrets.token_hex(32), DATABASE_URL="sqlite://", PUBLIC_BASE_URL="https://rusplan.example.no")
    return subprocess.run(args, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_the_web_app_does_not_import_alembic():
    loaded = _run(
        sys.executable,
        "-c",
        "import sys, wsgi; print(sorted(m for m in ('alembic', 'flask_migrate', 'weasyprint') if m in sys.modules))",
    )
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.strip() == "[]"


def test_the_flask_command_still_has_the_migration_commands():
    flask = Path(sys.executable).with_name("flask")  # the one installed beside this Python
    listed = _run(str(flask), "--app", "wsgi.py", "db", "--help")
    assert listed.returncode == 0, listed.stderr
    assert "upgrade" in listed.stdout and "downgrade" in listed.stdout
