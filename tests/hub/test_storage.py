"""The raw store: a batch of messages lands whole under its hashes, and nothing else stays."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

import hub.storage
from hub.storage import RawStore

KAZAKH = "ә ғ қ ң ө ұ ү һ і".encode()


def _messages() -> list[bytes]:
    return [b"Subject: %d\r\n\r\n" % number + KAZAKH * number for number in range(1, 6)]


@pytest.mark.parametrize("syncfs", [True, False], ids=["syncfs", "fsync-each"])
def test_a_batch_is_kept_under_its_hashes(tmp_path: Path, syncfs: bool,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    if not syncfs:
        monkeypatch.setattr(hub.storage, "_SYNCFS", None)
    store = RawStore(tmp_path)
    raws = _messages()
    raws.insert(2, raws[0])  # the same message twice in one batch

    saved = store.save_many(raws)

    assert [sha for sha, _ in saved] == [hashlib.sha256(raw).hexdigest() for raw in raws]
    for (sha, relpath), raw in zip(saved, raws, strict=True):
        assert relpath == f"raw/{sha[:2]}/{sha}.eml"
        assert store.path(relpath).read_bytes() == raw
    assert list((tmp_path / "raw" / "incoming").iterdir()) == []


def test_a_file_already_in_place_is_not_written_again(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    [(_, relpath)] = store.save_many([b"Subject: once\r\n\r\n" + KAZAKH])
    path = store.path(relpath)
    os.utime(path, ns=(1, 1))

    [(_, again)] = store.save_many([b"Subject: once\r\n\r\n" + KAZAKH])

    assert again == relpath
    assert path.stat().st_mtime_ns == 1


def test_sweeping_removes_what_a_killed_writer_left(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    assert store.sweep_incoming() == 0
    [(_, relpath)] = store.save_many([b"Subject: kept\r\n\r\n"])
    incoming = tmp_path / "raw" / "incoming"
    (incoming / "abc.123.part").write_bytes(b"Subject: half")
    (incoming / "tmpxyz.part").write_bytes(b"Subj")

    assert store.sweep_incoming() == 2

    assert list(incoming.iterdir()) == []
    assert store.path(relpath).read_bytes() == b"Subject: kept\r\n\r\n"
