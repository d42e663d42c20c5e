"""Tokens and money: per article from the provider's reported usage, and totals per batch.

Only usage the provider reported is counted; an article whose usage was not reported is
counted as such, never estimated. Prices are USD per million tokens. The built-in table
covers a few OpenAI models at list price (checked 2025-08; prices change: pass
`--price-input/--price-output` to override). An unknown model has no price, so its cost
is reported as unknown (null), not as zero. The Batch API is billed at half price.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..schema import Usage

PRICES_CHECKED = "2025-08"
BATCH_API_DISCOUNT = 0.5

# model name prefix -> (input, output) USD per million tokens, list price
_LIST_PRICES: dict[str, tuple[float, float]] = {
    "gpt-5-nano": (0.05, 0.40),
    "gpt-5-mini": (0.25, 2.00),
    "gpt-5": (1.25, 10.00),
    "gpt-4.1-nano": (0.10, 0.40),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1": (2.00, 8.00),
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
}


@dataclass(frozen=True)
class Prices:
    """USD per million input (prompt) and output (completion) tokens."""

    input_per_million: float
    output_per_million: float

    def cost(self, usage: Usage) -> float | None:
        if usage.prompt_tokens is None or usage.completion_tokens is None:
            return None
        return (usage.prompt_tokens * self.input_per_million + usage.completion_tokens * self.output_per_million) / 1e6

    def discounted(self, factor: float) -> Prices:
        return Prices(self.input_per_million * factor, self.output_per_million * factor)


def price_for(
    model: str,
    *,
    input_per_million: float | None = None,
    output_per_million: float | None = None,
    batch_api: bool = False,
) -> Prices | None:
    """Explicit prices if both are given, else the list price of the longest matching model prefix."""
    if input_per_million is not None and output_per_million is not None:
        return Prices(input_per_million, output_per_million)
    name = model.lower().split("/")[-1]
    matches = [prefix for prefix in _LIST_PRICES if name == prefix or name.startswith(prefix + "-")]
    if not matches:
        return None
    prices = Prices(*_LIST_PRICES[max(matches, key=len)])
    return prices.discounted(BATCH_API_DISCOUNT) if batch_api else prices


@dataclass
class Tally:
    """Running totals for a batch: what finished, what failed, what it used and cost."""

    ok: int = 0
    failed: int = 0
    cached: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    unreported: int = 0  # articles whose usage the provider did not report
    unpriced: int = 0  # articles with usage but no known price
    errors_by_type: dict[str, int] = field(default_factory=dict)

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def add(self, record: dict) -> None:
        """Count one results-file record (see `results.record_for`)."""
        if record.get("status") != "ok":
            self.failed += 1
            kind = (record.get("error") or {}).get("type", "Error")
            self.errors_by_type[kind] = self.errors_by_type.get(kind, 0) + 1
            return
        self.ok += 1
        if record.get("cached"):
            self.cached += 1
            return
        usage = record.get("usage") or {}
        if usage.get("prompt_tokens") is None or usage.get("completion_tokens") is None:
            self.unreported += 1
            return
        self.prompt_tokens += usage["prompt_tokens"]
        self.completion_tokens += usage["completion_tokens"]
        if record.get("cost_usd") is None:
            self.unpriced += 1
        else:
            self.cost_usd += record["cost_usd"]

    def summary(self) -> str:
        parts = [f"{self.ok} ok ({self.cached} from cache)", f"{self.failed} failed"]
        parts.append(f"{self.prompt_tokens:,} prompt + {self.completion_tokens:,} completion tokens")
        if self.ok - self.cached - self.unreported > self.unpriced:
            cost = f"${self.cost_usd:.4f}"
            parts.append(cost + (f" (+{self.unpriced} articles with no known price)" if self.unpriced else ""))
        elif self.unpriced:
            parts.append("cost unknown (no price for this model; pass --price-input/--price-output)")
        if self.unreported:
            parts.append(f"{self.unreported} articles without reported usage")
        return ", ".join(parts)
