"""Tests of the form-definition engine in `forms/`."""
