"""Entry point of the embedded server process: llama.cpp's OpenAI-compatible server, adjusted.

Run by `embedded.server.LlamaServer` as `python -m summarizer.embedded.server_main --parent-pid N
-- <llama_cpp.server arguments>`; never imported by the parent. Before handing over to
`llama_cpp.server`, it

* drops environment variables that `llama_cpp.server` would read as settings (it reads
  `HOST`, `PORT`, `MODEL`, `CONFIG_FILE`, ... and lets `HOST`/`PORT` override the flags), so
  the user's unrelated `MODEL=...` cannot change which weights or port are used;
* turns off llama.cpp's extra weight buffer types (repacking): with them, a native build on
  a CPU that advertises AMX runs AMX tile kernels, which die with SIGILL on virtual machines
  that advertise AMX without running it (seen on a KVM guest where this project was built);
* registers Gemma 3's own chat template (the system text opens the first user turn);
  llama-cpp-python's `gemma` format silently drops the system message, and the GGUF carries
  no template, so the fallback would be Llama 2's;
* exits when its parent dies, so even a `kill -9` of the CLI leaves no server behind.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from typing import Any

CHAT_FORMAT = "gemma3-with-system"
API_KEY_VARIABLE = "SUMMARIZER_EMBEDDED_API_KEY"
PARENT_POLL_SECONDS = 0.5


def scrub_settings_environment(environ: dict[str, str] | Any, field_names: set[str]) -> list[str]:
    """Remove variables that pydantic-settings would map onto llama_cpp.server settings."""
    names = {name.lower() for name in field_names} | {"host", "port", "config_file"}
    dropped = [key for key in list(environ) if key.lower() in names]
    for key in dropped:
        del environ[key]
    return dropped


def format_gemma3(messages: list[dict[str, Any]], **_: Any) -> Any:
    """Gemma 3's chat template: no system role; system text is prepended to the first user turn."""
    from llama_cpp.llama_chat_format import ChatFormatterResponse

    def text(message: dict[str, Any]) -> str:
        content = message.get("content")
        if isinstance(content, str):
            return content
        if isinstance(content, list):  # content parts: keep the text ones
            return "".join(part.get("text", "") for part in content if isinstance(part, dict))
        return ""

    system = "\n\n".join(text(m) for m in messages if m.get("role") == "system")
    turns: list[str] = []
    for message in messages:
        role = message.get("role")
        if role == "system":
            continue
        body = text(message)
        if role != "assistant" and system:
            body, system = f"{system}\n\n{body}", ""
        turns.append(f"<start_of_turn>{'model' if role == 'assistant' else 'user'}\n{body}<end_of_turn>\n")
    if system:  # only a system message was sent
        turns.append(f"<start_of_turn>user\n{system}<end_of_turn>\n")
    return ChatFormatterResponse(prompt="".join(turns) + "<start_of_turn>model\n", stop="<end_of_turn>")


def _disable_extra_buffer_types() -> None:
    import llama_cpp.llama_cpp as native

    default_params = native.llama_model_default_params

    def params_without_extra_buffers() -> Any:
        params = default_params()
        params.use_extra_bufts = False
        return params

    native.llama_model_default_params = params_without_extra_buffers


def _exit_with_parent(parent_pid: int) -> None:
    def watch() -> None:
        while True:
            if os.getppid() != parent_pid:
                os._exit(0)
            time.sleep(PARENT_POLL_SECONDS)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def main(argv: list[str]) -> None:
    if len(argv) < 3 or argv[0] != "--parent-pid" or "--" not in argv:
        raise SystemExit("usage: python -m summarizer.embedded.server_main --parent-pid N -- SERVER_ARGS...")
    parent_pid = int(argv[1])
    server_args = argv[argv.index("--") + 1 :]
    _exit_with_parent(parent_pid)

    from llama_cpp.llama_chat_format import register_chat_format
    from llama_cpp.server.settings import ConfigFileSettings, Settings

    api_key = os.environ.pop(API_KEY_VARIABLE, "")
    scrub_settings_environment(os.environ, set(Settings.model_fields) | set(ConfigFileSettings.model_fields))
    _disable_extra_buffer_types()
    register_chat_format(CHAT_FORMAT)(format_gemma3)

    from llama_cpp.server.__main__ import main as serve

    # Passed in the environment rather than argv, so it never shows in the process list.
    sys.argv = ["llama_cpp.server", *server_args, *([f"--api_key={api_key}"] if api_key else [])]
    serve()


if __name__ == "__main__":
    main(sys.argv[1:])
