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


# --- hostile and careless targets (issue 15, item 3) ----------------------------------

from summarizer.errors import OutputError  # noqa: E402
from summarizer.output import check_output_path  # noqa: E402


def test_out_onto_a_fifo_is_refused_and_the_fifo_stays(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OutputError, match="not a regular file"):
        check_output_path(fifo)
    with pytest.raises(OutputError, match="not a regular file"):
        write_atomic(fifo, "{}\n")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_out_onto_a_directory_is_refused_in_one_line(tmp_path):
    with pytest.raises(OutputError, match="is a directory"):
        check_output_path(tmp_path)
    with pytest.raises(OutputError, match="is a directory"):
        write_atomic(tmp_path, "{}\n")


@pytest.mark.skipif(os.geteuid() != 0, reason="creating device nodes needs root (where the danger is)")
def test_as_root_a_device_is_never_replaced_and_a_null_device_discards(tmp_path):
    null, zero = tmp_path / "null", tmp_path / "zero"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.stat(os.devnull).st_rdev)
    os.mknod(zero, 0o666 | stat.S_IFCHR, os.makedev(1, 5))
    with pytest.raises(OutputError, match="not a regular file"):
        write_atomic(zero, "{}\n")
    assert check_output_path(null) is None  # the null device means "discard"
    write_atomic(null, "{}\n")
    for device in (null, zero):
        assert stat.S_ISCHR(os.stat(device).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null", "zero"]


def test_out_equal_to_an_input_is_refused_even_through_another_name(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("نص", encoding="utf-8")
    alias = tmp_path / "alias.txt"
    os.link(article, alias)
    for out in (article, alias, tmp_path / "." / "article.txt"):
        with pytest.raises(OutputError, match="is the input"):
            check_output_path(out, inputs=[article])


def test_out_in_a_missing_folder_is_refused_before_anything_is_done(tmp_path):
    with pytest.raises(OutputError, match="does not exist"):
        check_output_path(tmp_path / "no-such-folder" / "brief.json")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into a read-only folder")
def test_out_in_a_read_only_folder_is_refused_before_anything_is_done(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="cannot write"):
            check_output_path(folder / "brief.json")
    finally:
        folder.chmod(0o700)


def test_a_symlinked_out_is_written_through_and_the_link_kept(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_atomic(link, "new\n")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new\n"
