"""Cache files are written all at once, and a failed write leaves nothing behind."""

import errno
import os

from geodata import files
from geodata.cache import write_atomically


def test_a_cache_file_is_written_and_replaced_whole(tmp_path):
    target = tmp_path / "made" / "index.marshal"
    assert write_atomically(target, b"first") and target.read_bytes() == b"first"
    assert write_atomically(target, b"second") and target.read_bytes() == b"second"
    assert os.listdir(target.parent) == ["index.marshal"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "index.marshal"
    target.write_bytes(b"old")

    def refuse(source, destination):
        raise OSError(errno.ENOSPC, "No space left on device", str(source))

    monkeypatch.setattr(files.os, "replace", refuse)
    assert write_atomically(target, b"new") is False
    assert target.read_bytes() == b"old" and os.listdir(tmp_path) == ["index.marshal"]


def test_an_unwritable_folder_is_no_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_bytes(b"")
    assert write_atomically(blocker / "index.marshal", b"data") is False
