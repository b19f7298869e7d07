"""Load and fault tests: a real gunicorn on 127.0.0.1, real SQLite and PostgreSQL, a few seconds each."""
