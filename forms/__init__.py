"""The form-builder engine: definitions, field types, conditions, due dates and validation.

It imports nothing from Flask or from `intranet/`; the intranet uses it. (Filled in by the
form-builder issue.)
"""
