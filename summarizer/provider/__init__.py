"""The provider call: the only subpackage that imports `openai`, `instructor` and `tenacity`.

`llm` sends one request and returns a validated draft or a typed error; `request` builds the
response models and request bodies (the Batch API's included); `transport` holds the clients,
the per-article deadline and the transport retries; `failures` says whose failure it is;
`endpoint` chooses the endpoint for a run and keeps it alive for exactly as long as the run.
Nothing here is imported by `import summarizer`: the heavy libraries load on the first call.
"""
