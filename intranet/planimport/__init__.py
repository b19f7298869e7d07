"""Importing a school's existing plan document (.docx, .odt, .pdf, text/Markdown) as a reviewed draft.

readers/ turn a file into a `Document` (headings, paragraphs, list items); recognisers/ find what the
plan's sections hold in it (sections by meaning, months, routine steps, roles, contacts, year levels);
proposal.py puts that together as a `Proposal` the administrator reviews (store.py keeps it for a short
while on the server); applying.py writes the reviewed proposal into the school's draft plan.
"""
