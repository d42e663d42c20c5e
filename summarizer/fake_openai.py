"""A scripted OpenAI-compatible HTTP server on 127.0.0.1, for tests and benchmarks.

It speaks real HTTP so the real `openai` client, its connection handling and our retries
are exercised end to end. Each request to `/v1/chat/completions` takes the next `Step`
from the script (the last step repeats when the script runs out). A step can answer with a
brief (wrapped as a tool call or as message content, whichever the request asked for),
raw content, an HTTP error with headers, a delay, a body that stalls half-way, or a reset
connection. Every request body is recorded for assertions.

Usage::

    with FakeOpenAI([Step.brief(draft), Step.error(429, headers={"retry-after": "0"})]) as server:
        summarize(text, base_url=server.base_url, api_key="test")
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Step:
    """One scripted answer."""

    kind: str
    payload: Any = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    finish_reason: str = "stop"
    usage: dict[str, int] | None = None

    @staticmethod
    def brief(draft: dict[str, Any], *, delay: float = 0.0, usage: dict[str, int] | None = None) -> Step:
        return Step("brief", draft, delay=delay, usage=usage)

    @staticmethod
    def content(text: str | None, *, finish_reason: str = "stop", delay: float = 0.0) -> Step:
        return Step("content", text, finish_reason=finish_reason, delay=delay)

    @staticmethod
    def error(status: int, body: dict[str, Any] | None = None, *, headers: dict[str, str] | None = None) -> Step:
        body = body or {"error": {"message": f"scripted HTTP {status}", "type": "scripted", "code": None}}
        return Step("error", body, status=status, headers=headers or {})

    @staticmethod
    def hang(seconds: float) -> Step:
        """Accept the request, then say nothing for `seconds`."""
        return Step("hang", delay=seconds)

    @staticmethod
    def stall_mid_body(seconds: float) -> Step:
        """Send headers and half a body, then stall."""
        return Step("stall", delay=seconds)

    @staticmethod
    def reset() -> Step:
        """Close the connection with a TCP reset before answering."""
        return Step("reset")

    @staticmethod
    def raw(body: dict[str, Any], *, status: int = 200) -> Step:
        """Send `body` as the whole JSON response (e.g. empty choices, a refusal)."""
        return Step("raw", body, status=status)


def completion(request: dict[str, Any], step: Step) -> dict[str, Any]:
    """The chat-completion JSON for a brief/content step, shaped like the request asked."""
    message: dict[str, Any] = {"role": "assistant", "content": None, "refusal": None}
    if step.kind == "brief" and request.get("tools"):
        name = request["tools"][0]["function"]["name"]
        message["tool_calls"] = [
            {
                "id": "call_1",
                "type": "function",
                "function": {"name": name, "arguments": json.dumps(step.payload, ensure_ascii=False)},
            }
        ]
    elif step.kind == "brief":
        message["content"] = json.dumps(step.payload, ensure_ascii=False)
    else:
        message["content"] = step.payload
    usage = step.usage or {"prompt_tokens": 900, "completion_tokens": 600, "total_tokens": 1500}
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": request.get("model", "fake"),
        "choices": [{"index": 0, "message": message, "finish_reason": step.finish_reason, "logprobs": None}],
        "usage": usage,
    }


class FakeOpenAI:
    """Context manager running the scripted server on a free loopback port."""

    def __init__(self, script: Iterable[Step]) -> None:
        self.script = list(script)
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    @property
    def calls(self) -> int:
        return len(self.requests)

    def next_step(self, request: dict[str, Any], headers: dict[str, str]) -> Step:
        with self._lock:
            index = len(self.requests)
            self.requests.append(request)
            self.headers.append(headers)
            return self.script[min(index, len(self.script) - 1)]

    def __enter__(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                return

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                if not self.path.endswith("/chat/completions"):
                    self._send(404, {"error": {"message": f"no route {self.path}"}})
                    return
                step = server.next_step(body, dict(self.headers.items()))
                self._play(step, body)

            def _play(self, step: Step, request: dict[str, Any]) -> None:
                if step.kind == "hang":
                    time.sleep(step.delay)
                    self.close_connection = True
                    return
                if step.kind == "reset":
                    # SO_LINGER with a zero timeout makes close() send RST instead of FIN.
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    self.close_connection = True
                    return
                if step.kind == "stall":
                    data = json.dumps(completion(request, Step.content("{}"))).encode()
                    self.send_response(200)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data[: len(data) // 2])
                    self.wfile.flush()
                    time.sleep(step.delay)
                    self.close_connection = True
                    return
                if step.delay:
                    time.sleep(step.delay)
                if step.kind == "error":
                    self._send(step.status, step.payload, step.headers)
                elif step.kind == "raw":
                    self._send(step.status, step.payload)
                else:
                    self._send(200, completion(request, step))

            def _send(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
                data = json.dumps(payload, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

        return Handler
