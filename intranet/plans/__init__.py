"""plans feature package: municipality plan templates and each school's own plan (see views.py)."""
