"""Errors every command reports in one line (the CLI prints them without a traceback)."""


class UsageError(ValueError):
    """Arguments that cannot go together or cannot work, in one line."""
