"""A scripted OpenAI-compatible HTTP server on 127.0.0.1, for tests and benchmarks.

It speaks real HTTP so the real `openai` client, its connection handling and our retries
are exercised end to end. Each request to `/v1/chat/completions` takes the next `Step`
from the script (the last step repeats when the script runs out). A step can answer with a
brief (wrapped as a tool call or as message content, whichever the request asked for),
raw content, an HTTP error with headers, a delay, a body that stalls half-way, or a reset
connection. Every request body is recorded for assertions.

It also plays the OpenAI Batch API (`/v1/files`, `/v1/batches`): an uploaded request file
is answered line by line from the same script when the batch completes, after
`batch_polls` status checks. `latency` adds a delay to every chat completion, for
throughput benchmarks.

Usage::

    with FakeOpenAI([Step.brief(draft), Step.error(429, headers={"retry-after": "0"})]) as server:
        summarize(text, base_url=server.base_url, api_key="test")

Or in its own process (so it does not share a GIL with the client being measured)::

    python -m summarizer.testing.fake_openai --port 0 --latency 0.3 --brief draft.json
"""

from __future__ import annotations

import argparse
import email.parser
import email.policy
import itertools
import json
import signal
import socket
import struct
import sys
import threading
import time
from collections.abc import Iterable, Sequence
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


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 512  # many clients connect at once in concurrency benchmarks

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return  # the client gave up on the request (a cancelled batch): nothing to report
        super().handle_error(request, client_address)


class FakeOpenAI:
    """Context manager running the scripted server on a free loopback port.

    `latency` delays every chat completion (on top of a step's own delay); `batch_polls`
    is how many status checks a Batch API job answers before it completes; `record=False`
    keeps only a count of requests (long benchmark runs), not their bodies.
    """

    def __init__(
        self,
        script: Iterable[Step],
        *,
        latency: float = 0.0,
        batch_polls: int = 2,
        record: bool = True,
        port: int = 0,
    ) -> None:
        self.script = list(script)
        self.latency = latency
        self.batch_polls = batch_polls
        self.record = record
        self.requests: list[dict[str, Any]] = []
        self.bodies: list[bytes] = []  # chat requests as sent, byte for byte (empty for Batch API lines)
        self.headers: list[dict[str, str]] = []
        self.files: dict[str, dict[str, Any]] = {}  # id -> file object, plus "_content" bytes
        self.batches: dict[str, dict[str, Any]] = {}
        self._count = 0
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", port), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    @property
    def calls(self) -> int:
        """Chat completions answered so far, Batch API lines included."""
        return self._count

    def next_step(self, request: dict[str, Any], headers: dict[str, str], body: bytes = b"") -> Step:
        with self._lock:
            index = self._count
            self._count += 1
            if self.record:
                self.requests.append(request)
                self.bodies.append(body)
                self.headers.append(headers)
            return self.script[min(index, len(self.script) - 1)]

    # --- Batch API ------------------------------------------------------------------

    def _new_id(self, prefix: str) -> str:
        with self._lock:
            return f"{prefix}-fake{next(self._ids)}"

    def add_file(self, content: bytes, *, filename: str, purpose: str) -> dict[str, Any]:
        file = {
            "id": self._new_id("file"),
            "object": "file",
            "bytes": len(content),
            "created_at": int(time.time()),
            "filename": filename,
            "purpose": purpose,
            "status": "processed",
        }
        self.files[file["id"]] = {**file, "_content": content}
        return file

    def create_batch(self, request: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        source = self.files.get(request.get("input_file_id", ""))
        if source is None:
            return 404, {"error": {"message": f"no file {request.get('input_file_id')!r}", "type": "invalid_request"}}
        lines = [line for line in source["_content"].decode("utf-8").splitlines() if line.strip()]
        batch = {
            "id": self._new_id("batch"),
            "object": "batch",
            "endpoint": request.get("endpoint"),
            "input_file_id": source["id"],
            "completion_window": request.get("completion_window", "24h"),
            "status": "validating",
            "created_at": int(time.time()),
            "output_file_id": None,
            "error_file_id": None,
            "metadata": request.get("metadata"),
            "request_counts": {"total": len(lines), "completed": 0, "failed": 0},
            "_lines": lines,
            "_polls": 0,
        }
        self.batches[batch["id"]] = batch
        return 200, _public(batch)

    def poll_batch(self, batch_id: str) -> tuple[int, dict[str, Any]]:
        batch = self.batches.get(batch_id)
        if batch is None:
            return 404, {"error": {"message": f"no batch {batch_id!r}", "type": "invalid_request"}}
        batch["_polls"] += 1
        if batch["status"] in ("validating", "in_progress"):
            if batch["_polls"] >= self.batch_polls:
                self._run_batch(batch)
            else:
                batch["status"] = "in_progress"
        return 200, _public(batch)

    def _run_batch(self, batch: dict[str, Any]) -> None:
        """Answer every request line from the script, as the real service would overnight."""
        done: list[str] = []
        failed: list[str] = []
        for n, line in enumerate(batch["_lines"]):
            item = json.loads(line)
            body = item.get("body", {})
            step = self.next_step(body, {})
            if step.kind in ("brief", "content"):
                response = {"status_code": 200, "request_id": f"req_{n}", "body": completion(body, step)}
            elif step.kind == "raw":
                response = {"status_code": step.status, "request_id": f"req_{n}", "body": step.payload}
            elif step.kind == "error":
                response = {"status_code": step.status, "request_id": f"req_{n}", "body": step.payload}
            else:  # hang, stall, reset: the service reports a server error for that line
                response = {
                    "status_code": 500,
                    "request_id": f"req_{n}",
                    "body": {"error": {"message": "scripted server error", "type": "server_error"}},
                }
            record = {"id": f"batch_req_{n}", "custom_id": item.get("custom_id"), "response": response, "error": None}
            (done if response["status_code"] == 200 else failed).append(json.dumps(record, ensure_ascii=False))
        batch["status"] = "completed"
        batch["completed_at"] = int(time.time())
        batch["request_counts"] = {"total": len(batch["_lines"]), "completed": len(done), "failed": len(failed)}
        if done:
            batch["output_file_id"] = self.add_file(
                ("\n".join(done) + "\n").encode(), filename="output.jsonl", purpose="batch_output"
            )["id"]
        if failed:
            batch["error_file_id"] = self.add_file(
                ("\n".join(failed) + "\n").encode(), filename="errors.jsonl", purpose="batch_output"
            )["id"]

    def cancel_batch(self, batch_id: str) -> tuple[int, dict[str, Any]]:
        batch = self.batches.get(batch_id)
        if batch is None:
            return 404, {"error": {"message": f"no batch {batch_id!r}", "type": "invalid_request"}}
        if batch["status"] in ("validating", "in_progress"):
            batch["status"] = "cancelled"
            batch["cancelled_at"] = int(time.time())
        return 200, _public(batch)

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
            # Headers and body go out in separate writes; with Nagle's algorithm the body then
            # waits for the client's delayed ACK (~40 ms), which no real API server adds.
            disable_nagle_algorithm = True

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                return

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                data = self.rfile.read(length)
                parts = self.path.rstrip("/").split("/")
                if self.path.endswith("/files"):
                    self._upload(data)
                    return
                body = json.loads(data or b"{}")
                if self.path.endswith("/batches"):
                    self._send(*server.create_batch(body))
                elif len(parts) >= 3 and parts[-3] == "batches" and parts[-1] == "cancel":
                    self._send(*server.cancel_batch(parts[-2]))
                elif self.path.endswith("/chat/completions"):
                    step = server.next_step(body, dict(self.headers.items()), data)
                    self._play(step, body)
                else:
                    self._send(404, {"error": {"message": f"no route {self.path}"}})

            def do_GET(self) -> None:
                parts = self.path.rstrip("/").split("/")
                if len(parts) >= 2 and parts[-2] == "batches":
                    self._send(*server.poll_batch(parts[-1]))
                elif len(parts) >= 3 and parts[-3] == "files" and parts[-1] == "content":
                    file = server.files.get(parts[-2])
                    if file is None:
                        self._send(404, {"error": {"message": f"no file {parts[-2]!r}"}})
                    else:
                        self._send_bytes(200, file["_content"], "application/octet-stream")
                elif len(parts) >= 2 and parts[-2] == "files" and parts[-1] in server.files:
                    self._send(200, _public(server.files[parts[-1]]))
                elif self.path.endswith("/fake/stats"):
                    self._send(200, {"calls": server.calls})
                else:
                    self._send(404, {"error": {"message": f"no route {self.path}"}})

            def _upload(self, data: bytes) -> None:
                """multipart/form-data with `purpose` and `file`, as the openai client sends it."""
                head = f"content-type: {self.headers.get('content-type')}\r\n\r\n".encode()
                form = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + data)
                fields = {
                    part.get_param("name", header="content-disposition"): part
                    for part in form.iter_parts()
                }
                if "file" not in fields or "purpose" not in fields:
                    self._send(400, {"error": {"message": "expected multipart fields 'file' and 'purpose'"}})
                    return
                file = fields["file"]
                self._send(
                    200,
                    server.add_file(
                        file.get_payload(decode=True) or b"",
                        filename=file.get_filename() or "upload.jsonl",
                        purpose=fields["purpose"].get_content().strip(),
                    ),
                )

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
                if step.delay or server.latency:
                    time.sleep(step.delay + server.latency)
                if step.kind == "error":
                    self._send(step.status, step.payload, step.headers)
                elif step.kind == "raw":
                    self._send(step.status, step.payload)
                else:
                    self._send(200, completion(request, step))

            def _send(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
                data = json.dumps(payload, ensure_ascii=False).encode()
                self._send_bytes(status, data, "application/json", headers)

            def _send_bytes(
                self, status: int, data: bytes, content_type: str, headers: dict[str, str] | None = None
            ) -> None:
                self.send_response(status)
                self.send_header("content-type", content_type)
                self.send_header("content-length", str(len(data)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

        return Handler


def _public(obj: dict[str, Any]) -> dict[str, Any]:
    """An API object without the server's private bookkeeping (keys starting with _)."""
    return {k: v for k, v in obj.items() if not k.startswith("_")}


def main(argv: Sequence[str] | None = None) -> int:
    """Serve a valid brief for every request until interrupted; print the base URL first."""
    parser = argparse.ArgumentParser(prog="python -m summarizer.testing.fake_openai", description=main.__doc__)
    parser.add_argument("--brief", required=True, help="JSON file of the draft to answer with")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: a free one)")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds to wait before each answer")
    args = parser.parse_args(argv)
    with open(args.brief, encoding="utf-8") as handle:
        draft = json.load(handle)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with FakeOpenAI([Step.brief(draft)], latency=args.latency, record=False, port=args.port) as server:
        print(server.base_url, flush=True)
        try:
            stop.wait()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
