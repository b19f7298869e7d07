"""What the school's archive needs: the case record as PDF/A, filing closed cases, the journal export."""
