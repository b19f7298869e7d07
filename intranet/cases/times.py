"""Times as a case page shows them ("short", in the reader's language and time zone).

A case page shows many: the timeline's fifty events, every answer's and every due step's. Babel takes
about 30 µs to format one, and a page shows the same times again at every reload and every colleague's
tick, so each formatted time is kept (per language and zone) in a bounded cache.
"""

import threading

from cachetools import LRUCache, cached
from flask_babel import get_locale, get_timezone

from ..dates import format_datetime


def short_datetime(value) -> str:
    """What `value | datetimeformat('short')` gives, from the cache when it was formatted before."""
    if value is None:
        return format_datetime(value, "short")  # now, as the filter it stands for does
    return _formatted(value, str(get_locale()), str(get_timezone()))


@cached(LRUCache(maxsize=8192), key=lambda value, locale, zone: (locale, zone, value), lock=threading.Lock())
def _formatted(value, locale: str, zone: str) -> str:
    return format_datetime(value, "short")  # the request's locale and zone: the key's
