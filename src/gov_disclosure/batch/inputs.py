"""Which files a batch reads: folders (every file under them), glob patterns and paths."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable
from pathlib import Path

import attrs

__all__ = ["ReportFiles", "report_files"]

_GLOB_CHARACTERS = frozenset("*?[")


@attrs.frozen
class ReportFiles:
    """The files to read, in order and each once; how many hidden files (a name starting with
    ``.``, or under such a folder, as ``ls`` hides them) were left out of folders; and the
    patterns that matched no file."""

    paths: tuple[str, ...]
    hidden: int = 0
    unmatched: tuple[str, ...] = ()


def report_files(inputs: Iterable[str | os.PathLike[str]], *, exclude: Iterable[str] = ()) -> ReportFiles:
    """The files named by ``inputs``: a folder gives everything under it but folders, sorted
    (a named pipe or a broken link too, which reading then refuses); a pattern with ``*``,
    ``?`` or ``[`` gives what it matches but folders (``**`` any depth), sorted;
    anything else is taken as a file's path, whether or not it exists (reading it says what is
    wrong). ``exclude``: paths never read (a batch's own outputs)."""
    excluded = {os.path.abspath(p) for p in exclude}  # noqa: PTH100 - for names that need not exist
    paths: dict[str, None] = {}
    hidden = 0
    unmatched: list[str] = []
    for given in inputs:
        name = os.fspath(given)
        if Path(name).is_dir():
            found, hidden_here = _folder_files(name)
            hidden += hidden_here
        elif _GLOB_CHARACTERS & set(name):
            found = sorted(p for p in glob.glob(name, recursive=True) if not Path(p).is_dir())  # noqa: PTH207
            if not found:
                unmatched.append(name)
        else:
            found = [name]
        for path in found:
            if os.path.abspath(path) not in excluded and not _is_partial_table(path):  # noqa: PTH100
                paths.setdefault(path, None)
    return ReportFiles(tuple(paths), hidden, tuple(unmatched))


def _folder_files(folder: str) -> tuple[list[str], int]:
    found: list[str] = []
    hidden = 0
    for root, folders, files in os.walk(folder):
        hidden += sum(1 for name in files if name.startswith("."))
        for name in folders:
            if name.startswith("."):
                hidden += sum(len(f) for _, _, f in os.walk(Path(root) / name))
        folders[:] = [name for name in folders if not name.startswith(".")]
        found += [str(Path(root) / name) for name in files if not name.startswith(".")]
    # Not only regular files: a pipe, a socket or a broken link is said to be one by reading it.
    return sorted(found), hidden


def _is_partial_table(path: str) -> bool:
    """A table a batch is writing (``writers.py``'s hidden ``.NAME.PID.partial``)."""
    return Path(path).name.startswith(".") and path.endswith(".partial")
