"""The provider call: the only subpackage that imports `openai`, `instructor` and `tenacity`.

`llm` sends one prompt and returns a validated draft (client factories, the two retry budgets,
failure classification, grammar bounds, the Batch API's request and response encoding);
`endpoint` chooses the endpoint for a run and keeps it alive for exactly as long as the run.
Nothing here is imported by `import summarizer`: the heavy libraries load on the first call.
"""
