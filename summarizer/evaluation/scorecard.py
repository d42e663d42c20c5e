"""The scorecard: an eval log as Markdown — every metric, the model beside the baseline.

Rendered from the log alone, so a saved log can be re-rendered at any time. Values are
dataset means in [0, 1]; "n/a" means the metric could not score on any sample (the reason
is in the per-sample section).
"""

from __future__ import annotations

from .log import EvalLog, SystemName, ThresholdCheck

_STATUS = {True: "pass", False: "**FAIL**"}


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _mean(log: EvalLog, system: SystemName, metric: str) -> str:
    summary = log.summary.get(system, {}).get(metric)
    if summary is None:
        return "—"
    text = _fmt(summary.mean)
    if summary.unscored and summary.mean is not None:
        text += f" ({summary.scored}/{summary.scored + summary.unscored})"
    return text


def render_scorecard(log: EvalLog) -> str:
    has_model = "model" in log.systems
    lines = [f"# Eval scorecard — dataset `{log.dataset.name}` ({log.dataset.samples} sample(s))", ""]
    for name, info in log.systems.items():
        detail = f" · prompt `{info.prompt_version}`" if info.prompt_version else ""
        if info.settings:
            detail += " · " + ", ".join(f"{k} {v}" for k, v in info.settings.items())
        lines.append(f"- **{name}**: {_cell(info.label)}{detail}")
    verdict = log.verdict
    mode = "gates this run" if verdict.gates else "report only (never fails the run)"
    lines.append(f"- **thresholds**: profile `{verdict.profile}`, {mode}")
    lines.append(f"- **chrF**: `{log.metric_versions.get('chrf', '?')}`")
    for name, usage in log.usage.items():
        if usage.total_tokens is not None:
            lines.append(f"- **tokens ({name})**: {usage.prompt_tokens} prompt + {usage.completion_tokens} completion")
    lines += ["", "| metric | model | baseline | gate | status |", "|---|---:|---:|---|---|"]
    by_metric: dict[str, list[ThresholdCheck]] = {}
    for c in verdict.checks:
        if c.rule != "regression":
            by_metric.setdefault(c.metric, []).append(c)
    for metric in log.metrics:
        checks = by_metric.get(metric.name, [])
        gate = ", ".join(
            f"≥ {c.required:.3f}" if c.rule == "min" and c.required is not None else "≥ baseline" for c in checks
        )
        status = _STATUS[all(c.passed for c in checks)] if checks else ""
        model = _mean(log, "model", metric.name) if has_model else "—"
        lines.append(f"| {metric.name} | {model} | {_mean(log, 'baseline', metric.name)} | {gate} | {status} |")
    lines.append("")
    failed = [c for c in verdict.checks if not c.passed]
    if not has_model:
        lines.append("**Verdict:** baseline only — nothing to gate.")
    elif not failed:
        lines.append(f"**Verdict: PASS** — {len(verdict.checks)} gate(s) of profile `{verdict.profile}` hold.")
    else:
        word = "FAIL" if verdict.gates else "would fail (report only)"
        lines.append(f"**Verdict: {word}** — {len(failed)} of {len(verdict.checks)} gate(s) not met:")
        unscored = [c.metric for c in failed if c.rule == "min" and c.actual is None]
        lines += [f"- {_cell(c.message)}" for c in failed if not (c.rule == "min" and c.actual is None)]
        if unscored:
            lines.append(f"- not scored on any sample: {', '.join(unscored)}")
    if log.comparison is not None:
        comp = log.comparison
        lines += [
            "",
            f"## Compared with the run of {comp.previous_created_at}",
            "",
            f"{len(comp.paired)} sample(s) paired, {len(comp.unpaired)} unpaired"
            f"{' (' + ', '.join(comp.unpaired) + ')' if comp.unpaired else ''}; "
            f"{comp.regressions} regression(s) beyond {comp.tolerance:.3f}.",
        ]
        if comp.changes:
            lines += ["", "| sample | metric | before | now | change | |", "|---|---|---:|---:|---:|---|"]
            for ch in comp.changes:
                delta = "" if ch.delta is None else f"{ch.delta:+.3f}"
                flag = "**regression**" if ch.regression else ""
                lines.append(
                    f"| {ch.sample_id} | {ch.metric} | {_fmt(ch.previous)} | {_fmt(ch.current)} | {delta} | {flag} |"
                )
    if has_model:
        lines += ["", "## Where the model lost points", ""]
        lost = False
        for sample in log.samples:
            output = sample.systems.get("model")
            if output is None:
                continue
            if output.status == "failed":
                lost = True
                lines.append(f"- `{sample.id}`: no brief — {_cell((output.error or {}).get('message', '?'))}")
                continue
            for metric_name, score in output.scores.items():
                if score.value is None or score.value < 1.0:
                    lost = True
                    lines.append(f"- `{sample.id}` {metric_name} {_fmt(score.value)}: {_cell(score.explanation)}")
        if not lost:
            lines.append("Nowhere: every metric is 1.000 on every sample.")
    return "\n".join(lines) + "\n"
