"""What we ask for: the response models instructor gets, and the request bodies built from them.

The brief has ONE response model for every article (`BRIEF_MODEL`); an article's citable
sentence IDs go into its request as an enum (`brief_request`). The Batch API's request lines
are the same bodies (`request_body`).
"""

from __future__ import annotations

import copy
import json
from typing import Any, TypeVar, cast

import instructor
from instructor.processing import handle_response_model
from pydantic import BaseModel, create_model

from ..config import OutputMode, ProviderConfig
from ..grounding import GroundedDraft, Grounding, citable_schema
from ..prompts import Prompt
from ..schema import BriefDraft

M = TypeVar("M", bound=BaseModel)
INSTRUCTOR_MODE = {
    OutputMode.TOOLS: instructor.Mode.TOOLS,
    OutputMode.JSON_SCHEMA: instructor.Mode.JSON_SCHEMA,
    OutputMode.JSON: instructor.Mode.JSON,
}


# instructor's base class for response models: it uses a model built on it as is, and wraps
# any other model in a new pydantic class on every request it prepares (twice per call).
RESPONSE_MIXIN: type[BaseModel] = instructor.ResponseSchema
# The brief's one response model, for every article: the article's `Grounding` comes with each
# call as validation context, and its citable IDs go into the request (`brief_request`).
# (create_model's stub takes one base; it accepts a tuple.) instructor sends the model's docstring
# as the function's description: the brief's own (a class built by create_model has none, and
# instructor would send its boilerplate).
BRIEF_MODEL: type[GroundedDraft] = create_model(
    "BriefDraft", __base__=cast(Any, (GroundedDraft, RESPONSE_MIXIN)), __doc__=BriefDraft.__doc__
)


def instructor_model(response_model: type[M]) -> type[M]:
    """`response_model` as a `RESPONSE_MIXIN` subclass, wrapped at most once per model.

    The brief's model is built on the mixin (`BRIEF_MODEL`); any other model (the eval
    judge's) gets instructor's own wrapper (`response_schema`) once, kept on the model itself,
    so requests and parsing are exactly what instructor makes of the bare model.
    """
    if issubclass(response_model, RESPONSE_MIXIN):
        return response_model
    wrapped: type[M] | None = response_model.__dict__.get("__instructor_model__")
    if wrapped is None:
        wrapped = instructor.response_schema(response_model)
        type.__setattr__(response_model, "__instructor_model__", wrapped)
    return wrapped


def request_for(config: ProviderConfig, prompt: Prompt, response_model: type[BaseModel]) -> dict[str, Any]:
    """instructor's request for `response_model` in the config's mode (tools, response_format or schema text)."""
    kwargs: dict[str, Any] = {
        "model": config.model,
        "messages": prompt.messages(),
        "temperature": config.temperature,
    }
    if config.max_tokens is not None:
        kwargs["max_tokens"] = config.max_tokens
    if config.seed is not None:
        kwargs["seed"] = config.seed
    request = _instructor_body(response_model, INSTRUCTOR_MODE[config.mode], kwargs)
    if config.mode is OutputMode.JSON:
        # llama.cpp's server constrains decoding to a schema given inside response_format.
        schema = decoding_schema(response_model.model_json_schema(), config)
        request["extra_body"] = {"response_format": {"type": "json_object", "schema": schema}}
    return request


# What instructor adds to a request, per (response model, mode, other arguments), for modes in
# which it leaves the messages as they are (tools, response_format): the tool definition or
# response format depends on the model alone, so it is prepared once, not on every call.
_BODIES: dict[tuple[Any, ...], dict[str, Any] | None] = {}
_MESSAGES = "messages"


def _instructor_body(response_model: type[BaseModel], mode: instructor.Mode, kwargs: dict[str, Any]) -> dict[str, Any]:
    """`handle_response_model(response_model, mode, **kwargs)`'s request, reused across articles where it can be.

    The first request of a kind is instructor's own; if instructor left its messages unchanged,
    later requests of that kind are the same dict with their own messages in the same place
    (key order included, so the bytes sent are identical). In a mode where instructor rewrites
    the messages (JSON mode appends the schema as text) it is asked every time, as before.
    The template's values are shared, not copied: nothing downstream mutates them (openai
    transforms a request into new objects; instructor's reask extends only the messages, which
    are each request's own; `brief_request` replaces the tool or response format it narrows).
    """
    key = (response_model, mode, tuple((k, v) for k, v in kwargs.items() if k != _MESSAGES))
    template = _BODIES.get(key)
    if template is None and key not in _BODIES:
        _, body = handle_response_model(response_model, mode=mode, **kwargs)
        reusable = body.get(_MESSAGES) == kwargs.get(_MESSAGES) and list(body)[: len(kwargs)] == list(kwargs)
        _BODIES[key] = copy.deepcopy(body) if reusable else None  # a private copy: the first request is sent
        return body
    if template is None:
        _, body = handle_response_model(response_model, mode=mode, **kwargs)
        return body
    return {k: (kwargs[_MESSAGES] if k == _MESSAGES else v) for k, v in template.items()}


def brief_request(config: ProviderConfig, prompt: Prompt, grounding: Grounding) -> dict[str, Any]:
    """The request for a brief of `grounding.article`: `BRIEF_MODEL`'s, with the article's citable IDs.

    The model's schema is built once; here only the sentence-ID enum is added, in whichever
    place the mode carries the schema (the tool's parameters, response_format, or the JSON
    text instructor appends to the system message).
    """
    request = request_for(config, prompt, BRIEF_MODEL)
    ids = grounding.citable_ids
    if config.mode is OutputMode.TOOLS:
        tool = request["tools"][0]
        function = {**tool["function"], "parameters": citable_schema(tool["function"]["parameters"], ids)}
        request["tools"] = [{**tool, "function": function}]
    elif config.mode is OutputMode.JSON_SCHEMA:
        response_format = request["response_format"]
        spec = response_format["json_schema"]
        spec = {**spec, "schema": citable_schema(spec["schema"], ids)}
        request["response_format"] = {**response_format, "json_schema": spec}
    else:
        schema = BRIEF_MODEL.model_json_schema()
        plain, cited = (json.dumps(s, indent=2, ensure_ascii=False) for s in (schema, citable_schema(schema, ids)))
        system = request["messages"][0]
        if not isinstance(system.get("content"), str) or plain not in system["content"]:
            raise RuntimeError("instructor's JSON mode no longer puts the schema into the system message as text")
        if config.constrained_decoding and system["content"].startswith(prompt.system):
            # The embedded llama.cpp server constrains decoding to the schema in response_format
            # (below): the same schema as text in the prompt (~2,400 tokens) only slows a small
            # model down. The system prompt states every field in words.
            system = {**system, "content": prompt.system}
        else:
            system = {**system, "content": system["content"].replace(plain, cited, 1)}
        request["messages"] = [system, *request["messages"][1:]]
        bounded = decoding_schema(citable_schema(schema, ids), config)
        request["extra_body"] = {"response_format": {"type": "json_object", "schema": bounded}}
    return request


def decoding_schema(schema: dict[str, Any], config: ProviderConfig) -> dict[str, Any]:
    """The schema handed to a grammar-constrained decoder, with the config's size bounds added."""
    if config.grammar_max_string is None and config.grammar_max_items is None:
        return schema

    def bound(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                bound(item)
        elif isinstance(node, dict):
            longest, most = config.grammar_max_string, config.grammar_max_items
            if longest and node.get("type") == "string" and "enum" not in node:
                node["maxLength"] = min(node.get("maxLength", longest), longest)
            if most and node.get("type") == "array":
                node["maxItems"] = max(node.get("minItems", 0), min(node.get("maxItems", most), most))
            for value in node.values():
                bound(value)

    bounded: dict[str, Any] = json.loads(json.dumps(schema))
    bound(bounded)
    return bounded


# --- the OpenAI Batch API: the same request and the same parsing, without the live call ---


def request_body(config: ProviderConfig, prompt: Prompt, grounding: Grounding) -> dict[str, Any]:
    """The JSON body the live path would send for this article (tools or response_format included).

    The same `brief_request` as `call`, so a Batch API line asks for exactly what `call` asks for.
    """
    request = brief_request(config, prompt, grounding)
    extra = request.pop("extra_body", None) or {}
    return {**request, **extra}
