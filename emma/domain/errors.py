"""The two kinds of failure: a user error carries a translated sentence; anything else is a bug."""


class UserError(Exception):
    """Bad input, a missing file, a locked or damaged database: shown to the owner as one sentence."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(UserError):
    """A form that cannot be saved: one translated message per field name."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__(" ".join(problems.values()))
        self.problems = problems
