"""The floor the benchmark compares against: a bare Flask route returning a fixed string, served by
gunicorn with the same settings as the intranet (`gunicorn bench.bare:app`)."""

from flask import Flask

app = Flask(__name__)


@app.route("/")
def fixed():
    return "Hello from a bare Flask route"
