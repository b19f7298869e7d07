"""Wiring Feide sign-in into the app: settings, the OpenID client, the routes, template helpers."""

import os

from flask import Flask


def configure_feide(app: Flask) -> None:
    from . import client  # Authlib and requests load with the app, not with `import intranet`
    from .admin_views import bp as admin_bp
    from .demo import feide_demo_command
    from .views import bp, pop_logout_offer

    client.configure_feide(app, os.environ)
    app.register_blueprint(bp)
    app.register_blueprint(admin_bp)
    app.cli.add_command(feide_demo_command)
    app.jinja_env.globals.update(feide_enabled=client.enabled, feide_logout_offer=pop_logout_offer)
