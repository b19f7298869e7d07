"""The municipality's overview: every school's plan at a glance, anonymised statistics (small counts
suppressed), charts, and which checklist steps are most often late or skipped."""
