"""How a batch shows its progress: a bar with files/s and the time left on a terminal (tqdm,
the ``progress`` extra), a plain line every few seconds otherwise (a log, CI), or nothing."""

from __future__ import annotations

import sys
import time
from typing import Any, Protocol, TextIO

__all__ = ["Progress", "progress_for"]


class Progress(Protocol):
    def start(self, total: int) -> None: ...
    def advance(self, count: int = 1) -> None: ...
    def close(self) -> None: ...


class Silent:
    def start(self, total: int) -> None:
        pass

    def advance(self, count: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


class Lines:
    """``1,234/10,000 files, 85.2 files/s, 1m43s left`` every ``every`` seconds, and at the end."""

    def __init__(self, stream: TextIO, every: float = 10.0) -> None:
        self.stream, self.every = stream, every
        self.total = self.done = 0
        self.started = self.shown = time.monotonic()

    def start(self, total: int) -> None:
        self.total, self.done = total, 0
        self.started = self.shown = time.monotonic()

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = time.monotonic()
        if now - self.shown >= self.every:
            self.shown = now
            self._line(now)

    def _line(self, now: float) -> None:
        rate = self.done / max(now - self.started, 1e-9)
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        self.stream.write(f"{self.done:,}/{self.total:,} files, {rate:.1f} files/s, {_duration(left)} left\n")
        self.stream.flush()

    def close(self) -> None:
        if self.done and self.shown != self.started:
            self._line(time.monotonic())


class Bar:
    def __init__(self, stream: TextIO, tqdm: Any) -> None:
        self.stream, self.tqdm = stream, tqdm
        self.bar: Any = None

    def start(self, total: int) -> None:
        self.bar = self.tqdm(total=total, unit="file", file=self.stream, dynamic_ncols=True)

    def advance(self, count: int = 1) -> None:
        self.bar.update(count)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _duration(seconds: float) -> str:
    minutes, second = divmod(round(seconds), 60)
    hours, minute = divmod(minutes, 60)
    if hours:
        return f"{hours}h{minute:02d}m"
    return f"{minute}m{second:02d}s" if minute else f"{second}s"


def progress_for(stream: TextIO | None = None, *, quiet: bool = False, every: float = 10.0) -> Progress:
    """The progress display for ``stream`` (standard error by default): nothing when
    ``quiet``; tqdm's bar on a terminal when tqdm is installed; else a line every ``every`` s."""
    stream = stream if stream is not None else sys.stderr
    if quiet or stream is None:
        return Silent()
    if stream.isatty():
        try:
            from tqdm import tqdm
        except ImportError:
            pass
        else:
            return Bar(stream, tqdm)
    return Lines(stream, every)
