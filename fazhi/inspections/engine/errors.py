"""The one error the draw raises: an input or a constraint it cannot satisfy."""


class DrawError(ValueError):
    """A draw that cannot be made; the message (Chinese) names the constraint, `constraint` is a stable code."""

    def __init__(self, constraint: str, message: str):
        super().__init__(message)
        self.constraint = constraint

    def __reduce__(self):  # picklable (a forked helper sends it back): args hold only the message
        return type(self), (self.constraint, str(self))
