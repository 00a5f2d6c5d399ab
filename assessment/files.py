"""Bounded reads of input files: regular files only, never more than a given number of bytes."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Literal

FileRefusal = Literal["not_regular", "too_large"]


class FileRefusedError(Exception):
    """A file that is not read: not a regular file (device, FIFO, socket …) or too large."""

    def __init__(self, kind: FileRefusal) -> None:
        self.kind = kind
        super().__init__(kind)


def read_regular_file(path: Path, limit: int) -> bytes:
    """Return the bytes of a regular file of at most limit bytes.

    The file is opened without blocking (a FIFO without a writer would otherwise hang) and
    checked on the open descriptor, so a symlink to /dev/zero or a FIFO is refused before any
    byte is read; at most limit + 1 bytes are ever read. Raises FileRefusedError, or OSError
    when the file cannot be opened.
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise FileRefusedError("not_regular")
        if info.st_size > limit:
            raise FileRefusedError("too_large")
        data = handle.read(limit + 1)
    if len(data) > limit:  # the file grew while it was read
        raise FileRefusedError("too_large")
    return data
