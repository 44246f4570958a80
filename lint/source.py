"""The text of one list: bytes in, bytes out.

`SourceText` decodes a file strictly (UTF-8, optional BOM), keeps its line
endings, and converts between 1-based (line, column) positions and offsets.
Columns count Unicode code points; a line's content never includes its
line ending, so the end of a line is column ``len(content) + 1``.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

BOM = "\ufeff"
DEFAULT_MAX_FILE_SIZE = 16 * 1024 * 1024  # a 50,000-entry list is about 12 MB
STDIN_NAME = "<stdin>"
READ_CHUNK = 1 << 20
_KINDS = ((stat.S_ISDIR, "is a directory"), (stat.S_ISFIFO, "is a FIFO (named pipe), not a regular file"),
          (stat.S_ISCHR, "is a character device, not a regular file"),
          (stat.S_ISBLK, "is a block device, not a regular file"),
          (stat.S_ISSOCK, "is a socket, not a regular file"))
_OPEN_ERRORS = {errno.ENOENT: "no such file", errno.ELOOP: "a loop of symbolic links"}


class InputError(Exception):
    """Input kdlint cannot read; the message is one line meant for the user."""


@dataclass(frozen=True)
class SourceText:
    """Decoded text (BOM removed) and its line table."""

    text: str
    bom: bool = False
    lines: tuple[str, ...] = field(init=False)
    starts: tuple[int, ...] = field(init=False)

    def __post_init__(self) -> None:
        starts = [0]
        lines = []
        text = self.text
        pos = 0
        while True:
            nl = text.find("\n", pos)
            if nl < 0:
                lines.append(text[pos:])
                break
            end = nl - 1 if nl > pos and text[nl - 1] == "\r" else nl
            lines.append(text[pos:end])
            pos = nl + 1
            starts.append(pos)
        object.__setattr__(self, "lines", tuple(lines))
        object.__setattr__(self, "starts", tuple(starts))

    @classmethod
    def from_bytes(cls, data: bytes, name: str = "<input>") -> SourceText:
        if b"\x00" in data:
            raise InputError(f"{name}: binary file (contains NUL bytes), not a Markdown list")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name}: not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
            ) from None
        bom = text.startswith(BOM)
        return cls(text[1:] if bom else text, bom)

    @classmethod
    def read(cls, path: Path, max_size: int = DEFAULT_MAX_FILE_SIZE) -> SourceText:
        """A regular file, never more than `max_size` bytes of it, whatever its size says.

        It is opened without blocking and checked on the open descriptor, so a
        FIFO, a device or a socket (named directly or through a link) is refused
        at once instead of hanging the run or reading forever.
        """
        flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(path, flags)
        except OSError as exc:
            reason = _OPEN_ERRORS.get(exc.errno or 0, f"cannot read ({exc.strerror or exc})")
            raise InputError(f"{path}: {reason}") from None
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(fd)
            for test, reason in _KINDS:
                if test(info.st_mode):
                    raise InputError(f"{path}: {reason}")
            if info.st_size > max_size:
                raise InputError(f"{path}: {info.st_size:,} bytes is more than max-file-size ({max_size:,} bytes); "
                                 "raise max-file-size to check it")
            return cls.from_bytes(read_bounded(handle, max_size, str(path)), str(path))

    @classmethod
    def read_stdin(cls, stream: BinaryIO, max_size: int = DEFAULT_MAX_FILE_SIZE) -> SourceText:
        return cls.from_bytes(read_bounded(stream, max_size, STDIN_NAME), STDIN_NAME)

    def to_bytes(self) -> bytes:
        return ((BOM if self.bom else "") + self.text).encode("utf-8")

    @property
    def line_count(self) -> int:
        """Lines a reader sees: a final newline does not open another line."""
        n = len(self.lines)
        return n - 1 if n > 1 and self.lines[-1] == "" else n

    @property
    def newline(self) -> str:
        """The dominant line ending, used for text that fixes insert."""
        crlf = self.text.count("\r\n")
        return "\r\n" if crlf * 2 > self.text.count("\n") else "\n"

    def line(self, number: int) -> str:
        return self.lines[number - 1]

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1

    def parse_lines(self) -> list[str]:
        """Lines as mistletoe should see them: split on LF only, CR dropped.

        mistletoe splits a string with ``str.splitlines``, which also breaks on
        form feeds and Unicode separators and so would shift every line number;
        handing it our own lines keeps its line numbers equal to ours.
        """
        return [line + "\n" for line in self.lines[: self.line_count]]

    def replace(self, text: str) -> SourceText:
        return SourceText(text, self.bom)


def read_bounded(stream: BinaryIO, max_size: int, name: str) -> bytes:
    """At most `max_size` bytes of `stream`; an InputError when there are more.

    Read in chunks: a single `read(max_size + 1)` would set aside the whole
    limit (16 MiB by default) for every file, however small.
    """
    chunks: list[bytes] = []
    total = 0
    try:
        while total <= max_size:
            chunk = stream.read(min(READ_CHUNK, max_size + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    data = b"".join(chunks)
    if len(data) > max_size:
        raise InputError(f"{name}: more than max-file-size ({max_size:,} bytes); raise max-file-size to check it")
    return data
