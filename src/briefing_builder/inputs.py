"""Reading the files a user gives: regular files only, never more than a limit.

Every file the builder reads on a user's word (a briefing, the house rules, a theme,
the project's settings, a completed discussion sheet) goes through here, so that a named
pipe or a device is refused at once, never waited on, and a huge file is never read whole.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of a regular file, at most `limit` + 1 of them (more: too large).

    Opened without blocking and asked what it is before a byte is read, so that a named
    pipe or a device is refused, never waited on. Raises OSError (IsADirectoryError for a
    folder, and errno.EINVAL for anything else that is not a regular file).
    """
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(handle).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "this is a folder, not a file")
        if not stat.S_ISREG(mode):
            kind = "a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a device or a socket"
            raise OSError(errno.EINVAL, f"this is {kind}, not a file")
        with os.fdopen(os.dup(handle), "rb") as stream:
            return stream.read(limit + 1)
    finally:
        os.close(handle)


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
