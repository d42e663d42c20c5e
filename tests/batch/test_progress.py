"""Batch progress: fitted to narrow terminals (count and ETA first), plain lines when not a terminal."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from summarizer.batch.accounting import Tally
from summarizer.batch.progress import BatchProgress


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _halfway(clock: FakeClock, **options) -> BatchProgress:  # type: ignore[no-untyped-def]
    progress = BatchProgress(100, stream=io.StringIO(), clock=clock, **options)
    clock.now += 30  # 12 of 100 done in 30 s: 88 left at 2.5 s each = 3:40
    progress.update(Tally(ok=10, failed=2, cached=3, prompt_tokens=90_000, completion_tokens=6_000), in_flight=8)
    return progress


def _drawn(progress: BatchProgress, width: int) -> str:
    out = io.StringIO()
    Console(file=out, width=width, force_terminal=True, color_system=None).print(progress)
    return out.getvalue().rstrip("\n")


@pytest.mark.parametrize("width", [60, 80])
def test_narrow_terminal_shows_count_and_eta_first_and_nothing_cut_to_an_ellipsis(width):
    line = _drawn(_halfway(FakeClock()), width)
    assert "\n" not in line and len(line) <= width
    assert line.startswith("12/100  ETA 3:40  2 failed  8 in flight")
    assert "…" not in line


def test_wide_terminal_shows_everything_and_a_bar():
    line = _drawn(_halfway(FakeClock()), 160)
    for part in ("12/100", "ETA 3:40", "2 failed", "8 in flight", "10 ok (3 cached)", "96,000 tokens", "0:30 elapsed"):
        assert part in line
    assert "━" in line


def test_very_narrow_terminal_still_shows_the_count_and_eta():
    assert _drawn(_halfway(FakeClock()), 24) == "12/100  ETA 3:40"


def test_eta_is_unknown_until_the_first_article_finishes():
    progress = BatchProgress(5, stream=io.StringIO(), clock=FakeClock())
    assert progress.line(80).startswith("0/5  ETA ?")


def test_not_a_terminal_prints_a_plain_status_line_every_interval():
    clock, stream = FakeClock(), io.StringIO()
    with BatchProgress(100, stream=stream, clock=clock, interval=10) as progress:
        assert not progress.live
        for step in range(1, 26):  # an update every second for 25 s
            clock.now += 1
            progress.update(Tally(ok=step), in_flight=2)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("summarizer: 10/100  ETA 1:30  0 failed  2 in flight")
    assert lines[1].startswith("summarizer: 20/100")


def test_disabled_progress_prints_nothing():
    clock, stream = FakeClock(), io.StringIO()
    with BatchProgress(3, stream=stream, clock=clock, enabled=False) as progress:
        clock.now += 60
        progress.update(Tally(ok=1))
    assert stream.getvalue() == ""


def test_live_line_draws_through_rich_and_stops_cleanly():
    clock, stream = FakeClock(), io.StringIO()
    with BatchProgress(4, stream=stream, clock=clock, live=True) as progress:
        clock.now += 4
        progress.update(Tally(ok=2), in_flight=1)
    assert "2/4  ETA 0:04" in stream.getvalue()
