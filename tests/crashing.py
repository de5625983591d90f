"""Functions for worker processes to run in the batch tests: kept in a module of their own,
which imports nothing, so that each worker starts fast."""

from __future__ import annotations

import os


def crash_on_three(item: int) -> int:
    if item == 3:
        os._exit(7)  # what a reader that crashes its process does
    return item * 10


def crashed(item: int) -> int:
    return -item
