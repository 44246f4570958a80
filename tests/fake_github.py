"""A local stand-in for the parts of the GitHub REST API the review bot uses.

It records every request, keeps review comments and reviews in memory, and
can be told to answer the next POSTs of a review with given statuses.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Request:
    method: str
    path: str
    body: Any


@dataclass
class FakeGitHub:
    owner: str = "octo"
    name: str = "list"
    number: int = 7
    head_sha: str = "a" * 40
    patches: dict[str, str] = field(default_factory=dict)  # filename -> unified diff patch
    comments: list[dict[str, Any]] = field(default_factory=list)
    reviews: list[dict[str, Any]] = field(default_factory=list)
    review_statuses: list[int] = field(default_factory=list)  # answers to the next review POSTs
    create_despite_error: bool = False  # with a 5xx answer, create the review all the same
    requests: list[Request] = field(default_factory=list)
    reject_comments_outside_patch: bool = True
    forbid_writes: bool = False
    url: str = ""
    _next_id: int = 100

    @property
    def repo_path(self) -> str:
        return f"/repos/{self.owner}/{self.name}"

    def writes(self) -> list[Request]:
        return [r for r in self.requests if r.method in ("POST", "DELETE", "PATCH", "PUT")]

    def _pull(self) -> dict[str, Any]:
        return {"number": self.number, "url": f"{self.url}{self.repo_path}/pulls/{self.number}", "state": "open",
                "head": {"sha": self.head_sha, "ref": "feature"}, "base": {"sha": "b" * 40, "ref": "main"}}

    def _comment_json(self, c: dict[str, Any]) -> dict[str, Any]:
        return {**c, "url": f"{self.url}{self.repo_path}/pulls/comments/{c['id']}", "user": {"login": c.get("login", "kdlint-bot")}}

    def handle(self, method: str, path: str, body: Any) -> tuple[int, Any, dict[str, str]]:
        self.requests.append(Request(method, path, body))
        path = path.split("?", 1)[0]
        pulls = f"{self.repo_path}/pulls/{self.number}"
        if method == "GET" and path == pulls:
            return 200, self._pull(), {}
        if method == "GET" and path == f"{self.repo_path}/commits/{self.head_sha}":
            return 200, {"sha": self.head_sha, "url": f"{self.url}{self.repo_path}/commits/{self.head_sha}"}, {}
        if method == "GET" and path == f"{self.repo_path}/commits/{self.head_sha}/pulls":
            return 200, [self._pull()], {}
        if method == "GET" and path == f"{pulls}/comments":
            return 200, [self._comment_json(c) for c in self.comments], {}
        if method == "GET" and path == f"{pulls}/reviews":
            return 200, self.reviews, {}
        if method == "GET" and path == f"{pulls}/files":
            return 200, [{"filename": n, "patch": p, "status": "modified"} for n, p in self.patches.items()], {}
        if method == "POST" and path == f"{pulls}/reviews":
            if self.forbid_writes:
                return 403, {"message": "Resource not accessible by integration"}, {}
            status = self.review_statuses.pop(0) if self.review_statuses else 200
            if status >= 500 and not self.create_despite_error:
                return status, {"message": "Server Error"}, {"Retry-After": "0"}
            if status == 422:
                return 422, {"message": "Unprocessable Entity", "errors": ["Line could not be resolved"]}, {}
            if self.reject_comments_outside_patch:
                from kdlint.review.post import diff_lines

                for c in body.get("comments", []):
                    if c["line"] not in diff_lines(self.patches.get(c["path"])):
                        return 422, {"message": "Unprocessable Entity",
                                     "errors": ["pull_request_review_thread.line must be part of the diff"]}, {}
            self._next_id += 1
            review = {"id": self._next_id, "body": body.get("body", ""), "state": "COMMENTED",
                      "commit_id": body.get("commit_id")}
            self.reviews.append(review)
            for c in body.get("comments", []):
                self._next_id += 1
                self.comments.append({"id": self._next_id, "body": c["body"], "path": c["path"], "line": c["line"],
                                      "pull_request_review_id": review["id"]})
            if status >= 500:
                return status, {"message": "Server Error"}, {"Retry-After": "0"}
            return 200, review, {}
        m = re.fullmatch(rf"{self.repo_path}/pulls/comments/(\d+)", path)
        if method == "DELETE" and m:
            self.comments = [c for c in self.comments if c["id"] != int(m.group(1))]
            return 204, None, {}
        return 404, {"message": f"Not Found: {method} {path}"}, {}


def serve(fake: FakeGitHub) -> tuple[ThreadingHTTPServer, threading.Thread]:
    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            body = json.loads(raw) if raw else None
            status, data, headers = fake.handle(self.command, self.path, body)
            payload = b"" if data is None else json.dumps(data).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = do_DELETE = do_PATCH = _answer

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread
