"""rzn.load.limits: every file rzn reads is bounded, before and while it is read."""

import os
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rzn.load import limits
from rzn.load.limits import TooLarge, read_bounded


@settings(max_examples=300, deadline=None)
@given(content=st.binary(max_size=3000), told=st.integers(0, 3000), limit=st.integers(0, 2500))
def test_reading_by_the_size_gives_what_a_whole_read_gives(tmp_path_factory, content, told, limit):
    """``told``: the size ``lstat`` gave, which a file growing or shrinking meanwhile belies."""
    path = tmp_path_factory.mktemp("read") / "file"
    path.write_bytes(content)
    if len(content) <= limit and told <= limit:
        assert limits.read_sized(str(path), told, limit) == content
    else:
        with pytest.raises(TooLarge):
            limits.read_sized(str(path), told, limit)


def test_a_file_read_in_chunks_is_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "_CHUNK", 7)
    path = tmp_path / "file"
    path.write_bytes(bytes(range(256)) * 3)
    assert limits.read_sized(str(path), 0, 10_000) == bytes(range(256)) * 3


def test_read_bounded_reads_up_to_the_limit_and_refuses_one_byte_more(tmp_path):
    path = tmp_path / "event.yaml"
    path.write_bytes(b"title: x\n" * 100)  # 900 bytes
    assert read_bounded(path, 900) == b"title: x\n" * 100
    with pytest.raises(TooLarge):
        read_bounded(path, 899)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_pipe_is_read_by_chunks_within_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "_CHUNK", 5)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def write(data: bytes) -> None:
        with open(fifo, "wb") as handle:
            handle.write(data)

    writer = threading.Thread(target=write, args=(b"0123456789" * 3,))
    writer.start()
    assert read_bounded(fifo, 30, regular=False) == b"0123456789" * 3
    writer.join()
    writer = threading.Thread(target=write, args=(b"0123456789" * 4,))
    writer.start()
    with pytest.raises(TooLarge):
        read_bounded(fifo, 30, regular=False)
    writer.join()
