"""The WSGI entry point: `gunicorn wsgi:app` (see gunicorn.conf.py).

Outside debug mode the app refuses to start without SECRET_KEY (at least 32 bytes) and PUBLIC_BASE_URL
(the address people use: links are built from it, and requests for other hosts are refused); see
README "Configuration".
"""

from intranet import create_app

app = create_app()
