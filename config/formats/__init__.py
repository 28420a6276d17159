"""The site's own date and number formats, read before Django's (FORMAT_MODULE_PATH).

Only output formats are set here; input formats fall back to Django's per-locale ones, so
forms keep accepting what they accepted before.
"""
