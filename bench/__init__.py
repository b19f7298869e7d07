"""Benchmarks: a large, realistic data set (generate.py) and the tools that measure the app on it."""
