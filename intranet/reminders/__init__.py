"""Reminders: who is told about a step that is due soon or overdue, and about a plan's review, by mail
(once, and only once) and on the dashboard; and each person's choice of how."""
