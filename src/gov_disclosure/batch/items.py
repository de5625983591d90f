"""What reading one file of a batch gives: the report (``Parsed``), or why there is none
(``Failed``). ``read_one`` never raises for a bad file, so one file cannot stop a batch."""

from __future__ import annotations

import hashlib
from typing import Literal, TypeAlias

import attrs

from ..diagnostic_codes import DiagnosticCode
from ..errors import InputError, InputErrorReason
from ..model import Report
from ..sources import MAX_BYTES

__all__ = ["RETRIED", "BatchItem", "Failed", "FailureReason", "Parsed", "file_sha256", "read_one"]

FailureReason: TypeAlias = InputErrorReason | Literal["internal-error"]
"""Why a file of a batch gave no report: an ``InputErrorReason``, or ``"internal-error"``
(the reader itself failed or died on the file: a bug to report, with the file)."""


@attrs.frozen
class Parsed:
    """A file that was read as a report."""

    path: str
    report: Report

    @property
    def id(self) -> str:
        return self.path


@attrs.frozen
class Failed:
    """A file that gave no report, why (``reason``) and the message that says so.
    ``sha256`` is the hash of its bytes where they could be read."""

    path: str
    reason: FailureReason
    message: str
    sha256: str | None = None

    @property
    def id(self) -> str:
        return self.path


BatchItem: TypeAlias = Parsed | Failed


def read_one(path: str, max_bytes: int = MAX_BYTES) -> BatchItem:
    """Parse the file at ``path``: a ``Parsed`` report, or a ``Failed`` one for an input that
    cannot be read, a document that is not an annual report, or an error of the reader."""
    from ..parsing.pipeline import parse

    try:
        report = parse(path, max_bytes=max_bytes)
    except InputError as error:
        return Failed(path, error.reason, str(error), _hash_if_readable(path, error.reason))
    except Exception as error:  # a reader's bug must not end a batch of thousands of files
        return Failed(
            path,
            "internal-error",
            f"{path}: the reader failed ({type(error).__name__}: {error}); please report it with the file",
            _hash_if_readable(path, "internal-error"),
        )
    refused = [d for d in report.diagnostics if d.code == DiagnosticCode.NOT_A_REPORT]
    if refused:
        sha256 = report.source.sha256 if report.source else None
        return Failed(path, "not-a-report", f"{path}: {refused[0].message}", sha256)
    return Parsed(path, report)


_NOTHING_READ = ("no-such-file", "not-a-file", "too-large")
RETRIED: frozenset[FailureReason] = frozenset({"needs-extra", "too-slow", "internal-error"})
"""Failures that say more of the machine than of the file (an extra not installed, a slow or
busy machine, a reader's bug): a resumed batch reads such a file again."""


def _hash_if_readable(path: str, reason: FailureReason) -> str | None:
    """The hash of a refused file's bytes, so that ``--resume`` can tell it is unchanged;
    ``None`` where the file could not be read at all."""
    return None if reason in _NOTHING_READ else file_sha256(path)


def file_sha256(path: str) -> str | None:
    """The SHA-256 of the file's bytes; ``None`` when it cannot be read."""
    try:
        with open(path, "rb") as handle:  # noqa: PTH123 - a str path, as the caller gave it
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except (OSError, ValueError):
        return None
