"""The batch progress bar on stderr (done, failed, in flight, tokens, ETA), drawn by `rich`.

`rich` comes with the `batch` extra. Without it, or with `enabled=False`, nothing is drawn
and the command still prints its one-line summary at the end. Standard output is never
touched, so a batch can run in a pipeline.
"""

from __future__ import annotations

import importlib.util
from typing import Any

from .accounting import Tally


class BatchProgress:
    def __init__(self, total: int, *, label: str = "summarizing", enabled: bool = True) -> None:
        self.total = total
        self._progress: Any = None
        self._task: Any = None
        if enabled and importlib.util.find_spec("rich") is not None:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[detail]}"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                refresh_per_second=4,
            )
            self._task = self._progress.add_task(label, total=total, detail="")

    def update(self, tally: Tally, in_flight: int = 0, *, label: str | None = None) -> None:
        if self._progress is None:
            return
        detail = (
            f"[green]{tally.ok} ok[/] ([cyan]{tally.cached} cached[/]) [red]{tally.failed} failed[/] "
            f"{in_flight} in flight  {tally.total_tokens:,} tokens"
        )
        changes: dict[str, Any] = {"completed": tally.ok + tally.failed, "detail": detail}
        if label is not None:
            changes["description"] = label
        self._progress.update(self._task, **changes)

    def __enter__(self) -> BatchProgress:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()
