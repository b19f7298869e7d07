"""cases feature package: a case per incident, its checklist runs, answers row by row, and its audit trail."""
