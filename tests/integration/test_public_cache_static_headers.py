"""Static files, served by WhiteNoise in front of Flask outside debug mode, carry the same security
headers as every page (one definition in intranet/security.py)."""

import secrets

from intranet import create_app


def test_static_files_in_production_carry_the_security_headers_of_every_page(database_url, tmp_path, world):
    production = create_app(
        {
            "SECRET_KEY": secrets.token_hex(32),
            "PUBLIC_BASE_URL": "https://intranet.test",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "PUBLIC_CACHE_DIR": str(tmp_path / "public-cache"),
        }
    )
    assert not production.debug and not production.testing
    client = production.test_client()
    page = client.get("/", base_url="https://intranet.test")
    static = client.get("/static/favicon.svg", base_url="https://intranet.test")
    assert page.status_code == static.status_code == 200
    assert "Flask" not in static.headers.get("Server", "") and static.headers["Cache-Control"].startswith("max-age=")
    for header in (
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "X-Frame-Options",
        "Referrer-Policy",
        "Permissions-Policy",
        "Cross-Origin-Opener-Policy",
        "Strict-Transport-Security",
    ):
        assert static.headers.get(header) == page.headers[header], header
    assert "frame-ancestors 'none'" in static.headers["Content-Security-Policy"]
    production.extensions["public_cache"].close()
