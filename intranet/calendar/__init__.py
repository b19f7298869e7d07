"""calendar feature package: the annual wheel (årshjul) and its iCalendar feeds (see views.py).

The activities themselves are the items of the plan's annual-wheel section: one source of truth,
read from the school's latest published revision.
"""
