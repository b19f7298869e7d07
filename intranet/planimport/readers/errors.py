"""Why a file is refused; the message shown for each reason is in messages.py."""


class ImportRefused(Exception):
    """The file cannot be imported: `reason` is one of messages.REFUSALS' keys."""

    def __init__(self, reason: str, **details):
        super().__init__(reason)
        self.reason = reason
        self.details = details
