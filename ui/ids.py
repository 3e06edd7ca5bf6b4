"""Component ids, defined once: a typo is an import error, not a silent dead callback."""

URL = "url"
VIEW = "view"
MAP = "map"
SUMMARY = "summary"
THEMES = "theme-filter"
