"""Atomic writes: whole files only, with the permissions a plain open() would give."""

from __future__ import annotations

import os
import stat

import pytest

from summarizer.output import write_atomic


def test_new_file_gets_the_umask_permissions_not_private_ones(tmp_path):
    path = tmp_path / "brief.json"
    write_atomic(path, "{}\n")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask


def test_replacing_a_file_keeps_its_permissions_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "brief.json"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    write_atomic(path, "نص جديد\n")
    assert path.read_text(encoding="utf-8") == "نص جديد\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["brief.json"]


def test_a_failure_mid_write_leaves_the_old_file_whole(tmp_path):
    from summarizer.output import atomic_writer

    path = tmp_path / "results.jsonl"
    path.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_writer(path) as handle:
        handle.write(b"half")
        raise RuntimeError("interrupted")
    assert path.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["results.jsonl"]
