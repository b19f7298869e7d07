"""gunicorn's production settings, read from the working directory: `gunicorn wsgi:app`.

The app is imported once in the master and the workers are forked from it, so the code and data
loaded at start-up are shared pages instead of one copy per worker. A new release therefore needs
a restart of gunicorn (not a HUP). Each worker opens its own database connections (intranet/db.py).
"""

import gc

workers = 4
preload_app = True


def pre_fork(server, worker):
    # Objects made at start-up are never collected: moving them out of the collector's reach keeps
    # its bookkeeping from writing to (and so un-sharing) the pages they live on.
    gc.freeze()
