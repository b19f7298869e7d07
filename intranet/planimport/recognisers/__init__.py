"""Recognisers: each finds one kind of thing in a line or a heading (roles, months, year levels,
phone numbers and services, the template section a heading means). They know no database."""
