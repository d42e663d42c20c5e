"""Work instructor repeats on every call although its answer is fixed per response-model class.

instructor 1.17 refuses response models that carry its async validators: before each request
(in `patch`'s create, again in its retry loop, and in its cache helper) it walks the whole
model — every field annotation, every nested model, every attribute of every base class —
looking for the marker those validators leave. The walk's answer depends only on the class:
the markers are set when a class is defined and pydantic classes are not redefined in place.
`remember_async_validator_checks` wraps instructor's check so that a class that passed once
is not walked again; a class that fails is walked, and fails, every time, exactly as before;
anything that is not a class (a `list[...]`, a union) is passed straight through. With one
response model for every article (`request.BRIEF_MODEL`) that is five walks per call (four while
instructor prepares the request, one in its retry loop) reduced to none after the first call.

Why it is safe across instructor versions: it replaces the function only where instructor
binds it under its own name (`reject_async_validators`) and only when that function exists;
a version without the check, or with it under another name or module, is left untouched and
merely keeps its own cost. Either way instructor's behaviour is unchanged: the same classes
are refused. The wrapper keeps the classes it has seen in a `WeakSet`, holding on to none.
"""

from __future__ import annotations

import sys
import weakref
from collections.abc import Callable
from typing import Any

_CHECK = "reject_async_validators"
_HOME = "instructor.v2.validation.async_validators"  # where instructor 1.17 defines it


def remember_async_validator_checks() -> bool:
    """Wrap instructor's per-call async-validator check with a per-class memory; True if it was found.

    Replaced in its defining module (which instructor's functions import it from at call time)
    and in every loaded instructor module that bound the same function at import.
    """
    import importlib

    try:
        home = importlib.import_module(_HOME)
    except ImportError:
        return False
    original = getattr(home, _CHECK, None)
    if original is None:
        return False
    if getattr(original, "__per_class__", False):
        return True
    wrapped = per_class(original)
    for name, module in list(sys.modules.items()):
        if (name == "instructor" or name.startswith("instructor.")) and getattr(module, _CHECK, None) is original:
            setattr(module, _CHECK, wrapped)
    return True


def per_class(check: Callable[[Any], None]) -> Callable[[Any], None]:
    """`check`, run once per class that passes it; every time for a class that fails and for non-classes."""
    passed: weakref.WeakSet[type] = weakref.WeakSet()

    def reject_async_validators(response_model: Any) -> None:
        if not isinstance(response_model, type):
            check(response_model)
            return
        if response_model in passed:
            return
        check(response_model)  # raises for a model with async validators: never remembered
        passed.add(response_model)

    reject_async_validators.__per_class__ = True  # type: ignore[attr-defined]
    reject_async_validators.__wrapped__ = check  # type: ignore[attr-defined]
    return reject_async_validators
