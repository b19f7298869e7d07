"""The code base stays lint-clean and formatted (ruff), so reviews are about behaviour."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_ruff_finds_nothing():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_code_is_formatted():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "."], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


def test_forms_engine_imports_nothing_from_flask_or_the_intranet():
    for path in (ROOT / "forms").rglob("*.py"):
        text = path.read_text()
        for forbidden in ("import flask", "from flask", "from intranet", "import intranet", "from .."):
            assert forbidden not in text, f"{path.relative_to(ROOT)} must not use {forbidden!r}"
