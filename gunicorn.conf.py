"""gunicorn's production settings, read from the working directory: `gunicorn wsgi:app`.

The app is imported once in the master and the workers are forked from it, so the code and data
loaded at start-up are shared pages instead of one copy per worker. A new release therefore needs
a restart of gunicorn (not a HUP). Each worker opens its own database connections (intranet/db.py).
"""

import gc

workers = 4
preload_app = True

# A request makes some thousands of objects that can hold references to each other (SQLAlchemy's rows and
# states, Jinja's contexts); at Python's default (700) the collector's youngest generation ran about twice
# per case page. At 5,000 it runs about once in fifteen pages, with the collector's share of a page's time
# a third of what it was and no pause above a few milliseconds (bench/live_targets.py measured both; at
# 50,000 single pauses reached 20-30 ms). The older generations keep their defaults.
GC_THRESHOLD = (5000, 10, 10)


def pre_fork(server, worker):
    # Objects made at start-up are never collected: moving them out of the collector's reach keeps
    # its bookkeeping from writing to (and so un-sharing) the pages they live on, and keeps the full
    # collections short.
    gc.freeze()


def post_fork(server, worker):
    gc.set_threshold(*GC_THRESHOLD)
