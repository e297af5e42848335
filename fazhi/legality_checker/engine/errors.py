"""The one error the reader raises: a file that is not a draft it can read."""


class DraftError(ValueError):
    """A draft file that cannot be read; the message (Chinese) names the file and the problem."""
