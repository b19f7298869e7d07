"""Access requests (GDPR art. 15): what the product holds about one staff member, or one pupil's case."""
