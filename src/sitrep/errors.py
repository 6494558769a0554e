"""Sitrep's exception hierarchy.

    SitrepError
    ├── ConfigError            a setting is unknown or has a bad value
    ├── InputError             a document cannot be read (bad path, binary, empty...)
    │   ├── EmptyInputError
    │   ├── BinaryInputError
    │   ├── DecodeError
    │   └── InputTooLargeError
    ├── UnsupportedLanguageError
    ├── StageError             a stage failed on one document (the batch goes on)
    └── ResourceError          a language resource or model is missing

Every message says which input was wrong and what to do.
"""

from __future__ import annotations


class SitrepError(Exception):
    """Base class of every error Sitrep raises on purpose."""

    code = "E000"

    def __init__(self, message: str, *, origin: str = "") -> None:
        self.origin = origin
        super().__init__(f"{origin}: {message}" if origin else message)


class ConfigError(SitrepError):
    code = "E001"


class InputError(SitrepError):
    code = "E100"


class EmptyInputError(InputError):
    code = "E101"


class BinaryInputError(InputError):
    code = "E102"


class DecodeError(InputError):
    code = "E103"


class InputTooLargeError(InputError):
    code = "E104"


class UnsupportedLanguageError(SitrepError):
    code = "E200"


class StageError(SitrepError):
    code = "E300"


class ResourceError(SitrepError):
    code = "E400"
