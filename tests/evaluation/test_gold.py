"""The gold annotation: complete, grounded in the seed, refused when it no longer fits its article."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from summarizer.errors import DatasetError
from summarizer.evaluation.dataset import load_dataset, load_gold_brief, load_sample
from summarizer.labels import ActorType, Channel, Status
from summarizer.resources import data_dir
from summarizer.schema import Brief
from summarizer.segment import SentenceKind

from ..helpers import ROOT, SEED_PATH, SEED_SHA256

GOLD = ROOT / "evals" / "datasets" / "seed" / "000_6e43a06edc57ceb0.gold.yaml"


def test_gold_brief_is_a_valid_grounded_brief_whose_offsets_round_trip(seed_text) -> None:
    brief = load_gold_brief()
    assert isinstance(brief, Brief)
    Brief.model_validate_json(brief.model_dump_json())
    assert len(brief.claims) > 12
    for claim in brief.claims:
        for span in claim.evidence:
            assert seed_text[span.start : span.end] == span.quote
    for fact in brief.key_facts:
        assert seed_text[fact.evidence.start : fact.evidence.end] == fact.evidence.quote


def test_gold_as_a_draft_writes_each_gold_source_once_plus_the_narration(seed_sample) -> None:
    from summarizer.evaluation.gold import gold_draft

    gold = seed_sample.gold
    draft = gold_draft(gold)
    assert len(draft.sources) == len(gold.sources) + 1
    by_id = {s.id: s for s in draft.sources}
    for claim, written in zip(gold.claims, draft.claims, strict=True):
        assert by_id[written.source].type is gold.source_of(claim).type
        assert (written.channel, written.cue_ar, written.stance, written.status) == (
            claim.channel, claim.cue_ar, claim.stance, claim.status
        )


def test_gold_names_the_seed_by_hash_instead_of_copying_it(seed_sample) -> None:
    assert seed_sample.gold.article.seed == SEED_PATH.name
    assert seed_sample.gold.article.sha256 == SEED_SHA256 == seed_sample.sha256
    assert not list(GOLD.parent.glob("*.txt")), "the seed dataset must not hold a copy of the article"


def test_every_story_sentence_has_a_gold_claim_and_no_claim_cites_a_non_story_line(seed_sample) -> None:
    cited = {sid for claim in seed_sample.gold.claims for sid in claim.sentences}
    story = {s.id for s in seed_sample.article.citable}
    assert cited == story
    assert {line.sentence_id for line in seed_sample.gold.non_story} == {"P1", "H1", "H2", "P2"}


def test_gold_covers_the_hard_cases_of_the_seed(seed_sample) -> None:
    by_id = {c.id: c for c in seed_sample.gold.claims}
    assert by_id["G17"].source == "another_source"  # nested «وفقًا لمصدر آخر» inside S5
    assert by_id["G13"].status is Status.CONTESTED  # «بحجة حماية الدروز»
    assert by_id["G21"].status is Status.EVALUATION  # «تُعتبر»
    assert by_id["G21"].source == "narration" and by_id["G21"].channel is Channel.NARRATION
    assert by_id["G8"].status is Status.FACT  # a source's report of a past event is a fact
    assert by_id["G18"].channel is Channel.PRESS_REPORT and by_id["G27"].channel is Channel.STATEMENT
    assert seed_sample.gold.source("syrian_transitional_authorities").type is ActorType.GOVERNMENT
    assert {c.status for c in seed_sample.gold.claims if "S9" in c.sentences} == {Status.EXPECTED}
    values = {f.value: f for f in seed_sample.gold.facts}
    assert values["1200"].qualifier.value == "more_than"
    assert values["tens of thousands"].qualifier.value == "about"
    assert {"today/thursday", "friday", "--07-13", "--07-12", "last --12", "P1W"} <= set(values)


def test_every_second_reading_the_gold_accepts_is_explained_in_a_note(seed_sample) -> None:
    for claim in seed_sample.gold.claims:
        accept = claim.also_accept
        if accept.status or accept.source_type or accept.channel:
            assert claim.note, f"{claim.id} accepts a second reading without saying why"


def test_gold_file_matches_its_published_json_schema() -> None:
    schema = json.loads((ROOT / "schemas" / "gold.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load(GOLD.read_text(encoding="utf-8")), schema)


def _copy_dataset(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    shutil.copy(GOLD, folder / GOLD.name)
    return folder


def _rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_dataset_of_article_file_and_gold_pairs_loads(tmp_path) -> None:
    folder = _copy_dataset(tmp_path)
    shutil.copy(SEED_PATH, folder / "000_6e43a06edc57ceb0.txt")
    _rewrite(folder / GOLD.name, "  seed: 000_6e43a06edc57ceb0.txt", "  file: 000_6e43a06edc57ceb0.txt")
    dataset = load_dataset(folder)
    assert dataset.name == "mine" and [s.id for s in dataset.samples] == ["000_6e43a06edc57ceb0"]


def test_article_whose_bytes_changed_is_refused(tmp_path) -> None:
    folder = _copy_dataset(tmp_path)
    changed = SEED_PATH.read_bytes().replace("باريس".encode(), "لندن".encode(), 1)
    (folder / "000_6e43a06edc57ceb0.txt").write_bytes(changed)
    _rewrite(folder / GOLD.name, "  seed: 000_6e43a06edc57ceb0.txt", "  file: 000_6e43a06edc57ceb0.txt")
    with pytest.raises(DatasetError, match="article changed"):
        load_dataset(folder)
    assert hashlib.sha256(changed).hexdigest() != SEED_SHA256


def test_gold_citing_a_related_article_line_is_refused(tmp_path) -> None:
    folder = _copy_dataset(tmp_path)
    _rewrite(folder / GOLD.name, "    sentences: [S1]\n", "    sentences: [P1]\n")
    with pytest.raises(DatasetError, match="P1 is not a story sentence"):
        load_sample(folder / GOLD.name)


def test_leak_term_that_also_occurs_in_the_story_is_refused(tmp_path) -> None:
    folder = _copy_dataset(tmp_path)
    _rewrite(folder / GOLD.name, "leak_terms_ar: [تل أبيب,", "leak_terms_ar: [باريس, تل أبيب,")
    with pytest.raises(DatasetError, match="also occurs in the story"):
        load_sample(folder / GOLD.name)


def test_malformed_gold_file_gives_one_line_with_the_field(tmp_path) -> None:
    folder = _copy_dataset(tmp_path)
    _rewrite(folder / GOLD.name, "    status: expected\n", "    status: probable\n")
    with pytest.raises(DatasetError, match=r"claims\.0\.status"):
        load_sample(folder / GOLD.name)


def test_unknown_dataset_name_is_a_dataset_error() -> None:
    with pytest.raises(DatasetError, match="no dataset"):
        load_dataset("no-such-dataset")


def test_the_seed_dataset_is_found_through_the_data_folder() -> None:
    assert (data_dir("evals") / "datasets" / "seed" / GOLD.name).is_file()
    assert all(s.kind is SentenceKind.STORY for s in load_dataset().samples[0].article.citable)


def test_the_two_gold_datasets_use_every_status_stance_and_channel_value() -> None:
    from summarizer.labels import Stance

    claims = [c for name in ("seed", "scheme2-cases") for s in load_dataset(name).samples for c in s.gold.claims]
    assert {c.status for c in claims} == set(Status)
    assert {c.stance for c in claims} - {None} == set(Stance)
    assert {c.channel for c in claims} == set(Channel)
