"""Headless Chromium driven over the DevTools protocol on a pipe: no driver, no extra package.

Chromium's `--remote-debugging-pipe` reads JSON commands on file descriptor 3 and writes
replies and events on descriptor 4, each message ended by a NUL byte. That is all a test
needs to load a page, read the DOM, click, watch the network and take a screenshot, so
this module uses only the standard library and the Debian `chromium` package.
"""

from __future__ import annotations

import base64
import fcntl
import itertools
import json
import os
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# The flags the issue asks for, plus the pipe, a fixed window and no DNS at all: even if a
# page tried to reach a host, nothing would leave the machine (the attempt is still seen).
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-pipe",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--window-size=1280,900",
    "--hide-scrollbars",
    "--force-color-profile=srgb",
)
TIMEOUT = 30.0


def find_chromium() -> str | None:
    """The system Chromium, or None when it is not installed."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def _above_nine(fd: int) -> int:
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return moved


class BrowserError(RuntimeError):
    """Chromium failed, answered with an error, or did not answer in time."""


@dataclass
class _Pending:
    done: threading.Event = field(default_factory=threading.Event)
    message: dict[str, Any] | None = None


class Chromium:
    """One headless Chromium process with one page; use as a context manager."""

    def __init__(self, executable: str) -> None:
        self._profile = tempfile.mkdtemp(prefix="summarizer-chromium-")  # a fresh --user-data-dir
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        # bash moves the pipe ends to descriptors 3 and 4, where Chromium expects them;
        # they are first moved above 9 so that neither can be overwritten by the other.
        to_browser_r, from_browser_w = (_above_nine(fd) for fd in (to_browser_r, from_browser_w))
        script = f'exec "$@" 3<&{to_browser_r} 4>&{from_browser_w} {to_browser_r}<&- {from_browser_w}>&-'
        self._process = subprocess.Popen(
            ["/bin/bash", "-c", script, "bash", executable, *FLAGS, f"--user-data-dir={self._profile}", "about:blank"],
            pass_fds=(to_browser_r, from_browser_w),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._ids = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._lock = threading.Lock()
        self.events: list[dict[str, Any]] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._session: str | None = None

    # --- protocol ------------------------------------------------------------------

    def _read(self) -> None:
        buffer = b""
        with os.fdopen(self._from_browser, "rb", buffering=0) as pipe:
            while chunk := pipe.read(65536):
                buffer += chunk
                *messages, buffer = buffer.split(b"\0")
                for raw in messages:
                    message = json.loads(raw)
                    if "id" in message:
                        with self._lock:
                            pending = self._pending.get(message["id"])
                        if pending:
                            pending.message = message
                            pending.done.set()
                    else:
                        self.events.append(message)
        with self._lock:  # Chromium is gone: wake every waiter
            for pending in self._pending.values():
                pending.done.set()

    def send(self, method: str, params: dict[str, Any] | None = None, *, browser: bool = False) -> dict[str, Any]:
        """Send one command (to the page unless `browser`) and return its result."""
        message: dict[str, Any] = {"id": next(self._ids), "method": method, "params": params or {}}
        if not browser and self._session:
            message["sessionId"] = self._session
        pending = _Pending()
        with self._lock:
            self._pending[message["id"]] = pending
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        if not pending.done.wait(TIMEOUT) or pending.message is None:
            raise BrowserError(f"{method}: no answer from Chromium within {TIMEOUT:.0f}s")
        if "error" in pending.message:
            raise BrowserError(f"{method}: {pending.message['error']}")
        return pending.message.get("result", {})

    def wait_for_event(self, method: str, since: int = 0) -> dict[str, Any]:
        waited = 0.0
        while waited < TIMEOUT:
            for event in self.events[since:]:
                if event.get("method") == method:
                    return event
            threading.Event().wait(0.05)
            waited += 0.05
        raise BrowserError(f"no {method} event within {TIMEOUT:.0f}s")

    # --- page ----------------------------------------------------------------------

    def __enter__(self) -> Chromium:
        try:
            target = self.send("Target.createTarget", {"url": "about:blank"}, browser=True)["targetId"]
            attached = self.send("Target.attachToTarget", {"targetId": target, "flatten": True}, browser=True)
            self._session = attached["sessionId"]
            for domain in ("Page", "Network", "Runtime", "Log"):
                self.send(f"{domain}.enable")
            self.viewport(1280)
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._process.poll() is None:
            try:
                self.send("Browser.close", browser=True)
                self._process.wait(10)
            except (BrowserError, OSError, subprocess.TimeoutExpired):
                self._process.kill()
                self._process.wait()
        if self._process.stderr:
            self._process.stderr.close()
        os.close(self._to_browser)
        shutil.rmtree(self._profile, ignore_errors=True)

    def viewport(self, width: int, height: int = 900) -> None:
        """Make the page `width` CSS pixels wide (media queries follow), like a window of that size."""
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )

    def open(self, path: Path) -> None:
        """Load a local file and wait for its load event."""
        since = len(self.events)
        self.send("Page.navigate", {"url": path.resolve().as_uri()})
        self.wait_for_event("Page.loadEventFired", since)

    def evaluate(self, expression: str) -> Any:
        """Evaluate JavaScript in the page (as the test's probe) and return the JSON value."""
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise BrowserError(f"page script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def _point(self, selector: str) -> dict[str, float]:
        """Scroll the first match into view; a point inside it, in window coordinates."""
        return self.evaluate(
            f"""(() => {{
                const el = document.querySelector({json.dumps(selector)});
                el.scrollIntoView({{block: 'center'}});
                const r = el.getBoundingClientRect();
                return {{x: r.left + Math.min(20, r.width / 2), y: r.top + Math.min(12, r.height / 2)}};
            }})()"""
        )

    def _mouse(self, kind: str, x: float, y: float) -> None:
        self.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1})

    def hover(self, selector: str) -> None:
        """Move the mouse over the first match (no click)."""
        point = self._point(selector)
        self._mouse("mouseMoved", point["x"], point["y"])

    def click(self, selector: str) -> None:
        """A real mouse click (moved, pressed, released) inside the first match."""
        point = self._point(selector)
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self._mouse(kind, point["x"], point["y"])

    def move_mouse_away(self) -> None:
        """Park the mouse in the window's top-left corner, over nothing that reacts to it."""
        self._mouse("mouseMoved", 1, 1)

    def requests(self) -> list[str]:
        """Every URL the page asked for since it was opened (the Network domain's record)."""
        return [e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def console(self) -> list[str]:
        """Messages the page logged (CSP violations, failed loads, script errors)."""
        found = []
        for e in self.events:
            if e.get("method") == "Log.entryAdded":
                found.append(f"{e['params']['entry']['level']}: {e['params']['entry']['text']}")
            elif e.get("method") == "Runtime.exceptionThrown":
                found.append(f"exception: {e['params']['exceptionDetails'].get('text')}")
        return found

    def box(self, selector: str) -> dict[str, float]:
        """The first match's top and bottom in page coordinates (independent of scrolling)."""
        return self.evaluate(
            f"""(() => {{
                const r = document.querySelector({json.dumps(selector)}).getBoundingClientRect();
                return {{top: r.top + window.scrollY, bottom: r.bottom + window.scrollY}};
            }})()"""
        )

    def screenshot(self, path: Path, top: float = 0, bottom: float | None = None) -> None:
        """Save the page from `top` to `bottom` (default: the whole page, not just the window) as PNG."""
        size = self.evaluate("({w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight})")
        bottom = size["h"] if bottom is None else min(bottom, size["h"])
        shot = self.send(
            "Page.captureScreenshot",
            {
                "format": "png",
                "captureBeyondViewport": True,
                "clip": {"x": 0, "y": top, "width": size["w"], "height": bottom - top, "scale": 1},
            },
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))
