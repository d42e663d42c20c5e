"""Many articles at once: inputs, the concurrent engine, the results file, tokens and money.

`inputs` reads a folder or a JSONL file of articles; `engine` summarizes them with bounded
concurrency; `results` is the resumable results file; `accounting` counts tokens and cost;
`progress` draws the progress bar; `batch_api` runs the same requests through the OpenAI
Batch API (export, submit, wait, ingest).
"""
