"""The embedded offline model (the `local` extra): Gemma 3 270M behind a llama.cpp server.

`model` finds the weights and yields a ready endpoint; `server` runs the llama.cpp server as a
child process that always goes away; `server_main` is that child's entry point.
"""
