"""schoolyear feature package: each school year's calendar (first and last day, breaks, planning days).

The municipality keeps the calendar; a school adds its own days; Norway's public holidays come from the
`holidays` library. `calendar.py` turns it all into the plain `forms.DueCalendar` that counts school days.
"""
