"""What the seed's requests look like on the wire, in every structured-output mode.

`capture()` runs the seed through the scripted server and returns, per case, the exact bytes
of the first request, of the reask that follows an ungrounded answer, and the Batch API
request line. `tests/fixtures/request_bodies/` holds them as sent by the code that wrote
them; `test_request_bodies.py` checks that refactoring changes none of them.

When a change is MEANT to change what is sent (a prompt, the schema, segmentation), run
`python -m tests.provider.request_bodies` from the repository root and review the diff.
"""

from __future__ import annotations

import asyncio
import copy
import json
import tempfile
from pathlib import Path
from typing import Any

from summarizer.batch import batch_api
from summarizer.batch.inputs import open_input
from summarizer.config import OutputMode, ProviderConfig
from summarizer.pipeline import Summarizer
from summarizer.testing.fake_openai import FakeOpenAI, Step

from ..helpers import FIXTURES, SEED_PATH, config_for

GOLDEN = FIXTURES / "request_bodies"
# The embedded model's grammar bounds reach the decoder's schema in JSON mode only.
CASES: dict[str, dict[str, Any]] = {
    "tools": {"mode": OutputMode.TOOLS},
    "json_schema": {"mode": OutputMode.JSON_SCHEMA},
    "json": {"mode": OutputMode.JSON},
    "json_grammar": {"mode": OutputMode.JSON, "grammar_max_string": 16, "grammar_max_items": 2, "max_tokens": 900},
}


def _ungrounded(draft: dict[str, Any]) -> dict[str, Any]:
    bad = copy.deepcopy(draft)
    bad["claims"][0]["evidence"][0]["quote"] = "اجتماع سري في لندن"
    return bad


async def _asummarize(config: ProviderConfig, text: str) -> None:
    async with Summarizer(config) as summarizer:
        await summarizer.asummarize(text)


def capture(draft: dict[str, Any]) -> dict[str, bytes]:
    """`{case}.live`, `{case}.reask`, `{case}.async` and `{case}.batch` for every case, as bytes."""
    text = SEED_PATH.read_text(encoding="utf-8")
    found: dict[str, bytes] = {}
    for name, overrides in CASES.items():
        with FakeOpenAI([Step.brief(_ungrounded(draft)), Step.brief(draft)]) as server:
            config = config_for(server, **overrides)
            with Summarizer(config) as summarizer:
                summarizer.summarize(text)
            found[f"{name}.live"], found[f"{name}.reask"] = server.bodies

        with FakeOpenAI([Step.brief(draft)]) as server:
            asyncio.run(_asummarize(config_for(server, **overrides), text))
            found[f"{name}.async"] = server.bodies[0]

        with tempfile.TemporaryDirectory() as folder:
            source = Path(folder) / "articles.jsonl"
            source.write_text(json.dumps({"id": "seed", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
            requests = Path(folder) / "requests.jsonl"
            batch_api.export_requests(open_input(source), config, requests)
            found[f"{name}.batch"] = requests.read_bytes()
    return found


def main() -> None:
    draft = json.loads((FIXTURES / "seed_draft.json").read_text(encoding="utf-8"))
    GOLDEN.mkdir(exist_ok=True)
    for name, body in capture(draft).items():
        if name.endswith(".async"):
            continue  # the same bytes as `.live` (a test says so); not stored twice
        (GOLDEN / f"{name}.json").write_bytes(body)
        print(f"wrote {name}.json ({len(body):,} bytes)")


if __name__ == "__main__":
    main()
