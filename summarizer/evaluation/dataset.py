"""Eval datasets: a folder of article + gold pairs, loaded and checked before anything is scored.

Layout (see `evals/README.md`)::

    evals/datasets/<name>/<sample-id>.gold.yaml    one gold file per article
    evals/datasets/<name>/<sample-id>.txt          the article, unless the gold names a seed

A gold file points at its article either as a file beside it or as one of the project's
`seeds/` (so the seed article is never copied), and records the article's SHA-256: a sample
whose article bytes differ from what was annotated is refused, never silently re-scored.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pydantic import ValidationError

from ..article_input import decode_article
from ..errors import DatasetError, InputError, MissingExtraError, first_problem
from ..resources import data_dir
from ..schema import Brief
from ..segment import Article, segment
from .gold import Gold, check_against, gold_brief

DEFAULT_DATASET = "seed"
SEED_SAMPLE = "000_6e43a06edc57ceb0"
GOLD_SUFFIX = ".gold.yaml"


@dataclass(frozen=True)
class Sample:
    """One article with its gold annotation."""

    gold: Gold
    article: Article

    @property
    def id(self) -> str:
        return self.gold.id

    @property
    def sha256(self) -> str:
        return self.article.sha256

    @cached_property
    def gold_brief(self) -> Brief:
        return gold_brief(self.gold, self.article)


@dataclass(frozen=True)
class Dataset:
    name: str
    samples: tuple[Sample, ...]

    def sample(self, sample_id: str) -> Sample:
        for sample in self.samples:
            if sample.id == sample_id:
                return sample
        raise DatasetError(f"dataset {self.name} has no sample {sample_id!r}")


def _read_yaml(path: Path) -> object:
    try:
        import yaml
    except ModuleNotFoundError:  # the eval extra is missing
        raise MissingExtraError("reading gold files", extra="eval") from None
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise DatasetError(f"{path.name} is not valid YAML{where}: {getattr(exc, 'problem', exc)}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DatasetError(f"{path.name} cannot be read: {exc}") from None


def load_gold(path: str | Path) -> Gold:
    """Parse one gold file (structure only; `load_sample` also checks it against its article)."""
    p = Path(path)
    data = _read_yaml(p)
    try:
        return Gold.model_validate(data)
    except ValidationError as exc:
        raise DatasetError(f"{p.name} is not a valid gold file: {first_problem(exc)}") from None


def _article_path(gold: Gold, folder: Path) -> Path:
    ref = gold.article
    if ref.seed is not None:
        return data_dir("seeds") / ref.seed
    return folder / str(ref.file)


def load_sample(gold_path: str | Path) -> Sample:
    """Load a gold file and its article, verify the article's hash, and check the gold against it."""
    path = Path(gold_path)
    gold = load_gold(path)
    article_path = _article_path(gold, path.parent)
    try:
        data = article_path.read_bytes()
    except OSError:
        raise DatasetError(f"{path.name}: its article {article_path.name} is missing") from None
    digest = hashlib.sha256(data).hexdigest()
    if digest != gold.article.sha256:
        raise DatasetError(
            f"{path.name}: article {article_path.name} has SHA-256 {digest[:12]}…, but the gold was made "
            f"for {gold.article.sha256[:12]}…; the article changed, so the gold no longer applies"
        )
    try:
        text = decode_article(data, name=article_path.name)
    except InputError as exc:
        raise DatasetError(f"{path.name}: {exc}") from None
    article = segment(text)
    problems = check_against(gold, article)
    if problems:
        raise DatasetError(
            f"{path.name}: the gold does not fit its article ({len(problems)} problems); first: {problems[0]}"
        )
    sample = Sample(gold=gold, article=article)
    _ = sample.gold_brief  # a gold that cannot become a grounded Brief is refused now, not mid-run
    return sample


def dataset_path(where: str | Path | None = None) -> Path:
    """A dataset folder: a name under `evals/datasets/` (default 'seed') or a path."""
    if where is None:
        where = DEFAULT_DATASET
    candidate = Path(where)
    if candidate.is_dir():
        return candidate
    if isinstance(where, str) and "/" not in where and "\\" not in where:
        named = data_dir("evals") / "datasets" / where
        if named.is_dir():
            return named
    raise DatasetError(
        f"no dataset {str(where)!r}: give a folder of *{GOLD_SUFFIX} files or a name under evals/datasets/"
    )


def load_dataset(where: str | Path | None = None) -> Dataset:
    """Every sample of a dataset folder, in file-name order."""
    folder = dataset_path(where)
    gold_files = sorted(folder.glob(f"*{GOLD_SUFFIX}"))
    if not gold_files:
        raise DatasetError(f"dataset folder {folder.name} holds no *{GOLD_SUFFIX} files")
    samples = tuple(load_sample(p) for p in gold_files)
    ids = [s.id for s in samples]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise DatasetError(f"dataset {folder.name}: sample id(s) used twice: {', '.join(duplicates)}")
    return Dataset(name=folder.name, samples=samples)


def load_gold_brief(sample_id: str = SEED_SAMPLE, dataset: str | Path | None = None) -> Brief:
    """The gold brief of a sample (by default the seed article's), as a grounded `Brief`."""
    return load_dataset(dataset).sample(sample_id).gold_brief
