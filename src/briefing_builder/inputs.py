"""Reading the files a user gives: regular files only, never more than a limit.

Every file the builder reads on a user's word (a briefing, the house rules, a theme,
the project's settings, a completed discussion sheet) goes through here, so that a named
pipe or a device is refused at once, never waited on, and a huge file is never read whole.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

# What a path can be other than a regular file, as a message names it.
_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
          (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


class NotAFile(OSError):
    """The path is not a regular file; `kind` says what it is ("a named pipe (FIFO)")."""

    def __init__(self, kind: str) -> None:
        super().__init__(errno.EINVAL, f"this is {kind}, not a file")
        self.kind = kind


class FolderNotAFile(NotAFile, IsADirectoryError):
    """The path is a folder."""


@contextmanager
def opened(path: Path) -> Iterator[tuple[BinaryIO, int]]:
    """The regular file at `path`, open for reading, with its size.

    Opened without blocking and asked what it is before a byte is read, so that a named
    pipe or a device is refused (NotAFile), never waited on.
    """
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            kind = next((name for test, name in _KINDS if test(info.st_mode)),
                        "not a regular file")
            raise FolderNotAFile(kind) if kind == "a folder" else NotAFile(kind)
        with os.fdopen(os.dup(handle), "rb") as stream:
            yield stream, info.st_size
    finally:
        os.close(handle)


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of a regular file, at most `limit` + 1 of them (more: too large).
    Raises NotAFile (an IsADirectoryError too for a folder) or another OSError."""
    with opened(path) as (stream, _):
        return stream.read(limit + 1)


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes. Raises OSError as
    `read_bounded` does, and with errno.EFBIG when the file is larger."""
    data = read_bounded(path, limit)
    if len(data) > limit:
        raise OSError(errno.EFBIG, f"the file is larger than {_size(limit)}")
    return data


def read_text(path: Path, limit: int) -> str:
    """The UTF-8 text of a regular file of at most `limit` bytes (see `read_limited`);
    raises UnicodeDecodeError when it is not UTF-8."""
    return read_limited(path, limit).decode("utf-8")


def _size(limit: int) -> str:
    return f"{limit / 1_000_000:g} MB" if limit >= 1_000_000 else f"{limit:,} bytes"
