"""Errors raised by Tidings.

    TidingsError                 base of everything Tidings raises on purpose
    ├── InputError               a document or input path that cannot be read (names file:line)
    ├── ResourceError            a model, lexicon or table that is missing or malformed
    └── ConfigError              a setting that makes no sense

A bad document inside a batch is not raised to the caller: the executor turns the error into a
``records.Rejected`` that is stored in the ledger, and the batch goes on.
"""


class TidingsError(Exception):
    """Base class of the errors Tidings raises on purpose."""


class InputError(TidingsError):
    """An input that cannot be read or decoded; the message names the file (and line)."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class ResourceError(TidingsError):
    """A model, lexicon or code table that is missing or malformed."""


class ConfigError(TidingsError):
    """A setting that cannot be used."""
