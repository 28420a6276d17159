"""The anchor of bench/http.py: a one-view Django app, the cost of Django itself."""
