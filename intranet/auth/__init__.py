"""auth feature package: see views.py for its routes."""
