"""LSP's base protocol by hand, for sessions written at once to `kdlint server`: Content-Length frames."""

from __future__ import annotations

import json
import re
from typing import Any


def frames(*messages: dict[str, object]) -> bytes:
    """JSON-RPC messages as LSP frames them: a Content-Length header, a blank line, the JSON."""
    out = b""
    for message in messages:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        out += b"Content-Length: %d\r\n\r\n" % len(body) + body
    return out


def unframed(data: bytes) -> list[dict[str, Any]]:
    """The messages of a server's output."""
    found = []
    while data:
        header, _, rest = data.partition(b"\r\n\r\n")
        match = re.search(rb"Content-Length: (\d+)", header)
        assert match, header
        length = int(match.group(1))
        found.append(json.loads(rest[:length]))
        data = rest[length:]
    return found
