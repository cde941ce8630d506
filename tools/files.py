"""Reading a user's file without trusting it: regular files only, and no more bytes than its kind may have.

Every loader of a user's file (PLY, BVH, meshes and the files they name, suites, labels and sidecars) opens
it here. The file is opened without blocking and checked on the open descriptor (`fstat`), so a FIFO named
`x.bvh`, a device such as /dev/zero or a folder is refused at once and never read, and a file swapped for one
between a check and the open cannot slip through. A file over its kind's cap is refused before it is read,
and one that grows while it is read is refused too. Each kind names its loader's error type, so the one-line
message, which names the file, comes out as that family's error.
"""

from __future__ import annotations

import io
import os
import stat
from dataclasses import dataclass
from pathlib import Path

MIB = 1 << 20

FILE_TYPES = {
    stat.S_IFIFO: "a FIFO",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFDIR: "a folder",
    stat.S_IFSOCK: "a socket",
}


@dataclass(frozen=True)
class FileKind:
    """What a loader reads: its name in messages ("a BVH file"), its size cap and its error type."""

    name: str
    max_bytes: int
    error: type[ValueError]

    def refuse(self, path: str | Path, reason: str) -> ValueError:
        """The family's error, in one line that names the file."""
        return self.error(f"{path}: {reason}")


def stat_regular(path: str | Path, kind: FileKind) -> os.stat_result:
    """The status of a regular file within `kind`'s cap (following links), for a reader that opens it
    itself in bounded blocks; else `kind`'s error naming the file."""
    try:
        status = os.stat(path)
    except OSError as error:
        raise kind.refuse(path, f"cannot read it ({error.strerror or error})") from None
    _check_status(path, status, kind)
    return status


def open_file(path: str | Path, kind: FileKind) -> io.BufferedReader:
    """`path` opened for reading when it is a regular file within `kind`'s cap; else `kind`'s error."""
    descriptor, _ = _open_regular(path, kind)
    return os.fdopen(descriptor, "rb")


def read_bytes(path: str | Path, kind: FileKind) -> bytes:
    """The bytes of a regular file within `kind`'s cap; else `kind`'s error naming the file."""
    descriptor, size = _open_regular(path, kind)
    with os.fdopen(descriptor, "rb") as file:
        try:  # as many bytes as the file has, and one more to see growth: a read of the cap would allocate it
            data = file.read(size + 1)
        except OSError as error:
            raise kind.refuse(path, f"cannot read it ({error.strerror or error})") from None
    if len(data) > size:
        raise kind.refuse(path, "it grew while it was read")
    return data


def read_text(path: str | Path, kind: FileKind) -> str:
    """A regular file's text, which must be UTF-8; else `kind`'s error naming the file."""
    data = read_bytes(path, kind)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise kind.refuse(path, f"not UTF-8 text (byte {error.start} is {data[error.start]:#04x})") from None


def _open_regular(path: str | Path, kind: FileKind) -> tuple[int, int]:
    """(descriptor, size) of `path` opened without blocking, when it is a regular file within the cap."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        raise kind.refuse(path, f"cannot read it ({error.strerror or error})") from None
    try:
        status = os.fstat(descriptor)
        _check_status(path, status, kind)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor, status.st_size


def _check_status(path: str | Path, status: os.stat_result, kind: FileKind) -> None:
    if not stat.S_ISREG(status.st_mode):
        file_type = FILE_TYPES.get(stat.S_IFMT(status.st_mode), "something else")
        raise kind.refuse(path, f"{kind.name} must be a regular file, this is {file_type}")
    if status.st_size > kind.max_bytes:
        raise kind.refuse(
            path, f"{status.st_size} bytes, over the {_size(kind.max_bytes)} {kind.name} may have"
        )


def shown(text: str, limit: int = 40) -> str:
    """`text` quoted for a one-line message and cut to `limit` characters: a hostile file's word or line
    can be megabytes long, or hold line breaks."""
    return repr(text if len(text) <= limit else text[:limit] + "...")


def _size(count: int) -> str:
    return f"{count // MIB} MiB" if count >= MIB else f"{count} bytes"
