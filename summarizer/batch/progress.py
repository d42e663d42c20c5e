"""Batch progress on stderr: a live line on a terminal, periodic plain status lines elsewhere.

On a terminal (and with `rich`, from the `batch` extra) one line is redrawn four times a
second. It is fitted to the terminal's width, most important first: the count and the ETA
always show, then failures, then what is in flight, tokens and elapsed time, and a bar
only with room to spare; nothing is ever cut to `…`. When stderr is not a terminal (a log
file, CI), or without `rich`, a plain status line is printed every `interval` seconds
instead. Standard output is never touched, so a batch can run in a pipeline.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from collections.abc import Callable
from typing import Any, TextIO

from .accounting import Tally

PLAIN_INTERVAL = 10.0  # seconds between plain status lines


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class BatchProgress:
    """Progress of `total` articles; call `update` as they finish, use as a context manager.

    Args:
        total: Articles this run will summarize.
        label: What the run is doing ("summarizing", "Batch API: in_progress", ...).
        enabled: False draws and prints nothing (`--no-progress`).
        stream: Where to write (default: stderr).
        live: Redraw one line (a terminal) or print plain lines; default: whether `stream` is
            a terminal and `rich` is installed.
        clock: Monotonic time in seconds (tests pass a fake one).
        interval: Seconds between plain status lines.
    """

    def __init__(
        self,
        total: int,
        *,
        label: str = "summarizing",
        enabled: bool = True,
        stream: TextIO | None = None,
        live: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
        interval: float = PLAIN_INTERVAL,
    ) -> None:
        self.total = total
        self.label = label
        self.enabled = enabled
        self._stream = stream if stream is not None else sys.stderr
        self._clock = clock
        self._interval = interval
        self._started = clock()
        self._last_plain = self._started
        self._tally = Tally()
        self._in_flight = 0
        if live is None:
            terminal = bool(getattr(self._stream, "isatty", lambda: False)())
            live = terminal and importlib.util.find_spec("rich") is not None
        self.live = enabled and live
        self._live: Any = None

    # --- what is shown ---------------------------------------------------------------

    @property
    def done(self) -> int:
        return self._tally.ok + self._tally.failed

    def eta(self) -> float | None:
        """Seconds left at the average pace so far; None before the first article finishes."""
        if self.done == 0:
            return None
        return (self._clock() - self._started) / self.done * max(self.total - self.done, 0)

    def line(self, width: int) -> str:
        """The status fitted to `width` characters: count and ETA first, then the rest as room allows."""
        t = self._tally
        parts = [
            f"{self.done}/{self.total}",
            f"ETA {_clock(self.eta())}",
            f"{t.failed} failed",
            f"{self._in_flight} in flight",
            f"{t.ok} ok ({t.cached} cached)",
            f"{t.total_tokens:,} tokens",
            f"{_clock(self._clock() - self._started)} elapsed",
            self.label,
        ]
        shown = parts[0]
        for part in parts[1:]:
            if len(shown) + 2 + len(part) > width:
                break
            shown += "  " + part
        room = width - len(shown) - 2
        if room >= 12 and self.total:
            bar = min(room, 40)
            filled = round(bar * self.done / self.total)
            shown += "  " + "━" * filled + "╺" * (bar - filled)
        return shown[:width]

    # --- updates -----------------------------------------------------------------------

    def update(self, tally: Tally, in_flight: int = 0, *, label: str | None = None) -> None:
        """Record the current totals; draws (live) or prints a plain line when one is due."""
        self._tally = tally
        self._in_flight = in_flight
        if label is not None:
            self.label = label
        if not self.enabled:
            return
        if self._live is not None:
            self._live.refresh()
        elif not self.live and self._clock() - self._last_plain >= self._interval:
            self._last_plain = self._clock()
            print(f"summarizer: {self.line(10_000)}", file=self._stream, flush=True)

    def __rich_console__(self, console: Any, options: Any) -> Any:
        from rich.text import Text

        yield Text(self.line(options.max_width), no_wrap=True, overflow="crop")

    def __enter__(self) -> BatchProgress:
        if self.live:
            from rich.console import Console
            from rich.live import Live

            console = Console(file=self._stream, stderr=self._stream is sys.stderr)
            self._live = Live(self, console=console, refresh_per_second=4, transient=False)
            self._live.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._live is not None:
            self._live.stop()
            self._live = None
