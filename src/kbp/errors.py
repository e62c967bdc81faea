"""Errors raised by kbp.

::

    KBPError
    ├── InputError (ValueError)        a user's file cannot be read as asked
    │   ├── MissingInputError          the path does not exist
    │   ├── BinaryInputError           the file is not text
    │   ├── EmptyInputError            the file holds no text
    │   ├── MalformedInputError        the file is not valid in its format (XML, JSON, SGML)
    │   └── InputTooLargeError         the file is larger than the configured limit
    ├── StoreError                     the knowledge-base store cannot be opened or written
    └── ConfigError (ValueError)       an option or setting has a bad value

The CLI prints ``str(error)`` on one line and exits non-zero; messages therefore
name the file, the line where one is known, and the offending value.
"""

from __future__ import annotations


class KBPError(Exception):
    """Base class of every error kbp raises on purpose."""


class InputError(KBPError, ValueError):
    """A user's input file cannot be read as asked."""

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        self.path = str(path)
        self.problem = problem
        self.line = line
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}")


class MissingInputError(InputError):
    """The path does not exist."""


class BinaryInputError(InputError):
    """The file is not text."""


class EmptyInputError(InputError):
    """The file holds no text."""


class MalformedInputError(InputError):
    """The file is not valid in its declared or detected format."""


class InputTooLargeError(InputError):
    """The file is larger than the configured limit."""


class StoreError(KBPError):
    """The knowledge-base store cannot be opened or written."""


class ConfigError(KBPError, ValueError):
    """An option or setting has a bad value."""
