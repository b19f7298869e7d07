"""A local Feide for the tests: scripts/feide_provider.mjs (the npm package oidc-provider, with Feide's claim
names, demo teachers and the groups API) run by node on 127.0.0.1, as tests/pg.py runs PostgreSQL."""

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "feide_provider.mjs"
CLIENT_ID = "rusplan-test"
CLIENT_SECRET = "rusplan-test-secret"  # noqa: S105 - a throwaway provider's client
PASSWORD = "feide-demo"  # noqa: S105 - the local provider's demo password


@dataclass
class LocalFeide:
    process: subprocess.Popen
    issuer: str

    def app_config(self) -> dict:
        return {
            "FEIDE_CLIENT_ID": CLIENT_ID,
            "FEIDE_CLIENT_SECRET": CLIENT_SECRET,
            "FEIDE_ISSUER": self.issuer,
            "FEIDE_GROUPS_API": f"{self.issuer}/groups",
            "FEIDE_TIMEOUT_SECONDS": 5.0,
        }

    def behave(self, **behaviour) -> None:
        """Make the provider misbehave (tamper="iss"|"aud"|"nonce"|"key", codeTtl=seconds); none: normal."""
        response = requests.post(f"{self.issuer}/__test__/behaviour", json=behaviour, timeout=5)
        response.raise_for_status()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def available() -> bool:
    return shutil.which("node") is not None and (ROOT / "node_modules" / "oidc-provider").is_dir()


def start_feide(redirect_uris: list[str], post_logout_uris: list[str] | None = None) -> LocalFeide:
    """Start the provider on a free port, with a client that may return to `redirect_uris`."""
    process = subprocess.Popen(
        ["node", str(SCRIPT)],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin:/usr/local/bin",
            "FEIDE_PROVIDER_PORT": "0",
            "FEIDE_CLIENT_ID": CLIENT_ID,
            "FEIDE_CLIENT_SECRET": CLIENT_SECRET,
            "FEIDE_REDIRECT_URIS": ",".join(redirect_uris),
            "FEIDE_POST_LOGOUT_URIS": ",".join(post_logout_uris or []),
            "NODE_NO_WARNINGS": "1",
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    for line in process.stdout:
        if line.startswith("listening "):
            return LocalFeide(process, line.split()[1])
    process.wait(timeout=10)
    raise RuntimeError("the local Feide provider did not start (run scripts/setup for node_modules)")
