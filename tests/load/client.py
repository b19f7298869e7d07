"""A person's browser for the load tests: plain http.client, one connection per request (gunicorn's sync
workers close it anyway).

Production sits behind a TLS proxy and its session cookie is `Secure`; no setting relaxes that outside
debug or testing, and none should. So the client plays browser and proxy at once: it keeps the cookie
as a browser on https would, and sends `X-Forwarded-Proto: https` (and a same-origin Referer, which
Flask-WTF requires on https) as the proxy and the browser do.
"""

import html
import http.client
import re
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode

TIMEOUT = 30  # seconds per request: generous, a loaded CI machine must not fail a test by slowness
CSRF_INPUT = re.compile(r'<input[^>]*name="csrf_token"[^>]*>')


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    text: str


@dataclass
class Client:
    host: str  # "127.0.0.1:PORT"
    language: str = "nb"
    cookies: dict[str, str] = field(default_factory=dict)
    csrf_token: str = ""
    source: str = ""  # the local address to connect from ("127.0.0.2"): another person's machine

    def copy(self) -> "Client":
        return Client(self.host, self.language, dict(self.cookies), self.csrf_token, self.source)

    def request(self, method: str, path: str, form: dict | None = None, headers: dict | None = None) -> Response:
        """One request; a POST carries the CSRF token. Failures at the connection level (refused, reset,
        cut off) raise OSError or http.client.HTTPException."""
        sent = {
            "Host": self.host,
            "X-Forwarded-Proto": "https",
            "Referer": f"https://{self.host}{path}",
            "Accept-Language": self.language,
            **(headers or {}),
        }
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if method == "POST":
            body = urlencode({**(form or {}), "csrf_token": self.csrf_token})
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        source_address = (self.source, 0) if self.source else None
        connection = http.client.HTTPConnection(self.host, timeout=TIMEOUT, source_address=source_address)
        try:
            connection.request(method, path, body=body, headers=sent)
            answer = connection.getresponse()
            text = answer.read().decode("utf-8", errors="replace")
            self._keep_cookies(answer.headers.get_all("Set-Cookie") or [])
            return Response(answer.status, {k.lower(): v for k, v in answer.headers.items()}, text)
        finally:
            connection.close()

    def get(self, path: str, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, form: dict, **kwargs) -> Response:
        return self.request("POST", path, form=form, **kwargs)

    def _keep_cookies(self, set_cookies: list[str]) -> None:
        for header in set_cookies:
            for name, morsel in SimpleCookie(header).items():
                if morsel.value == "" or morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def read_csrf_token(self, page: str) -> str:
        found = CSRF_INPUT.search(page)
        assert found, "the page has no CSRF token"
        self.csrf_token = html.unescape(re.search(r'value="([^"]*)"', found.group(0)).group(1))
        return self.csrf_token

    def log_in(self, email: str, password: str) -> None:
        self.read_csrf_token(self.get("/auth/login").text)
        response = self.post("/auth/login", {"email": email, "password": password})
        assert response.status == 302, f"sign-in as {email} answered {response.status}"
