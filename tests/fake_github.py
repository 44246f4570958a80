"""A local stand-in for the parts of the GitHub REST API the review bot uses.

It records every request, keeps review comments and reviews in memory, and
can be told to answer the next POSTs of a review with given statuses. Like
GitHub, it serves a fork's pull request in the base repository (the pull
request, its files, the head commit's blobs) but lists no pull request for a
commit that lives only in the fork (`GET .../commits/SHA/pulls`), pages lists
(`per_page`, `Link: rel="next"`), and answers `GET /user` with 403 for an
Actions token (`actions_token`).

For `/kdlint fix` it answers a collaborator's permission (`permissions`,
login -> role: admin, maintain, write, triage or read; GitHub's
`permission` field reads maintain as write and triage as read; an unknown
login is a 404), keeps issue comments, and takes Git Data writes on the head
repository (blobs, trees, commits); a ref update that is not a fast forward,
or one told to fail (`ref_status`), is answered 422 as GitHub does, and one
that succeeds moves the pull request's head and its files to the new commit;
`forbid_writes` answers Git Data writes 403, as for a token that may not push.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Request:
    method: str
    path: str
    body: Any


@dataclass
class Fault:
    """The next `method` request whose path ends with `suffix` is answered `status` (after `delay` seconds;
    status 0: answered as usual, late)."""

    method: str
    suffix: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    message: str = "fault"
    delay: float = 0.0


@dataclass
class FakeGitHub:
    owner: str = "octo"
    name: str = "list"
    number: int = 7
    head_sha: str = "a" * 40
    patches: dict[str, str] = field(default_factory=dict)  # filename -> unified diff patch
    head_files: dict[str, bytes] = field(default_factory=dict)  # filename -> content at the head commit
    base_files: dict[str, bytes] = field(default_factory=dict)  # path -> content at the base commit
    statuses: dict[str, str] = field(default_factory=dict)  # filename -> status in the files list (else modified)
    head_repo: str = ""  # the head repository's full name: another one makes the pull request a fork's
    base_sha: str = "b" * 40
    login: str = "kdlint-bot"  # who the token writes as
    actions_token: bool = False  # GET /user answers 403, as it does for GITHUB_TOKEN
    per_page: int = 30  # GitHub's default page size
    faults: list[Fault] = field(default_factory=list)
    comments: list[dict[str, Any]] = field(default_factory=list)
    reviews: list[dict[str, Any]] = field(default_factory=list)
    review_statuses: list[int] = field(default_factory=list)  # answers to the next review POSTs
    create_despite_error: bool = False  # with a 5xx answer, create the review all the same
    requests: list[Request] = field(default_factory=list)
    reject_comments_outside_patch: bool = True
    forbid_writes: bool = False
    permissions: dict[str, str] = field(default_factory=dict)  # login -> role on the base repository
    maintainer_can_modify: bool = False
    issue_comments: list[dict[str, Any]] = field(default_factory=list)
    git_blobs: dict[str, bytes] = field(default_factory=dict)  # blobs written through the API, by sha
    git_trees: dict[str, dict[str, Any]] = field(default_factory=dict)  # trees written: sha -> request body
    git_commits: dict[str, dict[str, Any]] = field(default_factory=dict)  # commits written: sha -> request body
    ref_status: int = 0  # answer the next ref update with this status (0: as GitHub would)
    modes: dict[str, str] = field(default_factory=dict)  # filename -> mode in the head tree (else 100644)
    branch_sha: str = ""  # the head branch's tip, when it moved on from head_sha
    issues: list[dict[str, Any]] = field(default_factory=list)  # the repository's issues (tracking issue)
    url: str = ""
    _next_id: int = 100

    @property
    def repo_path(self) -> str:
        return f"/repos/{self.owner}/{self.name}"

    def writes(self) -> list[Request]:
        return [r for r in self.requests if r.method in ("POST", "DELETE", "PATCH", "PUT")]

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"

    @property
    def head_path(self) -> str:
        return f"/repos/{self.head_repo or self.full_name}"

    @property
    def head_tree(self) -> str:
        return hashlib.sha1(b"tree of " + self.head_sha.encode()).hexdigest()

    def tree_sha(self, directory: str) -> str:
        """The head commit's tree of `directory` ("" the root)."""
        return self.head_tree if not directory else hashlib.sha1(f"{self.head_tree}/{directory}".encode()).hexdigest()

    def _tree_json(self, sha: str, git: str) -> dict[str, Any] | None:
        """A tree of the head commit, one directory deep, as GET /git/trees/{sha} answers."""
        directories = {""} | {name.rsplit("/", 1)[0] for name in self.head_files if "/" in name}
        directories |= {d.rsplit("/", 1)[0] for d in list(directories) if "/" in d}
        (directory,) = [d for d in directories if self.tree_sha(d) == sha] or [None]
        if directory is None:
            return None
        prefix = f"{directory}/" if directory else ""
        entries: dict[str, dict[str, Any]] = {}
        for name, content in sorted(self.head_files.items()):
            if not name.startswith(prefix):
                continue
            first, _, rest = name[len(prefix):].partition("/")
            if rest:
                entries[first] = {"path": first, "mode": "040000", "type": "tree",
                                  "sha": self.tree_sha(prefix + first), "url": f"{self.url}{git}/trees/"}
            else:
                entries[first] = {"path": first, "mode": self.modes.get(name, "100644"), "type": "blob",
                                  "sha": self.blob_sha(content), "size": len(content),
                                  "url": f"{self.url}{git}/blobs/{self.blob_sha(content)}"}
        return {"sha": sha, "url": f"{self.url}{git}/trees/{sha}", "tree": list(entries.values()), "truncated": False}

    @property
    def fork(self) -> bool:
        return bool(self.head_repo) and self.head_repo != self.full_name

    def _pull(self) -> dict[str, Any]:
        return {"number": self.number, "url": f"{self.url}{self.repo_path}/pulls/{self.number}", "state": "open",
                "issue_url": f"{self.url}{self.repo_path}/issues/{self.number}",
                "maintainer_can_modify": self.maintainer_can_modify,
                "head": {"sha": self.head_sha, "ref": "feature", "repo": {"full_name": self.head_repo or self.full_name}},
                "base": {"sha": self.base_sha, "ref": "main", "repo": {"full_name": self.full_name}}}

    def _comment_json(self, c: dict[str, Any]) -> dict[str, Any]:
        return {**c, "url": f"{self.url}{self.repo_path}/pulls/comments/{c['id']}",
                "user": {"login": c.get("login", self.login)}}

    def _review_json(self, r: dict[str, Any]) -> dict[str, Any]:
        return {**r, "user": {"login": r.get("login", self.login)}}

    @staticmethod
    def blob_sha(content: bytes) -> str:
        return hashlib.sha1(b"blob %d\0" % len(content) + content).hexdigest()

    def _files(self) -> list[dict[str, Any]]:
        names = sorted(set(self.patches) | set(self.head_files))
        return [{"filename": n, "patch": self.patches.get(n), "status": self.statuses.get(n, "modified"),
                 "sha": self.blob_sha(self.head_files.get(n, b""))} for n in names]

    def _page(self, path: str, query: str, items: list[Any]) -> tuple[int, Any, dict[str, str]]:
        """One page of `items`, with GitHub's Link header to the next."""
        params = dict(pair.split("=", 1) for pair in query.split("&") if "=" in pair)
        size = min(int(params.get("per_page", self.per_page)), 100)
        page = int(params.get("page", 1))
        chunk = items[(page - 1) * size : page * size]
        headers = {}
        if page * size < len(items):
            headers["Link"] = f'<{self.url}{path}?per_page={size}&page={page + 1}>; rel="next"'
        return 200, chunk, headers

    def handle(self, method: str, path: str, body: Any) -> tuple[int, Any, dict[str, str]]:
        self.requests.append(Request(method, path, body))
        path, _, query = path.partition("?")
        for fault in self.faults:
            if fault.method == method and path.endswith(fault.suffix):
                self.faults.remove(fault)
                time.sleep(fault.delay)
                if fault.status:
                    return fault.status, {"message": fault.message}, fault.headers
                break
        pulls = f"{self.repo_path}/pulls/{self.number}"
        if method == "GET" and path == "/user":
            if self.actions_token:
                return 403, {"message": "Resource not accessible by integration"}, {}
            return 200, {"login": self.login}, {}
        if method == "GET" and path == pulls:
            return 200, self._pull(), {}
        blobs = {self.blob_sha(c): c for c in self.head_files.values()}
        m = re.fullmatch(rf"{self.repo_path}/git/blobs/([0-9a-f]{{40}})", path)
        if method == "GET" and m and m.group(1) in blobs:
            content = blobs[m.group(1)]
            return 200, {"sha": m.group(1), "size": len(content), "encoding": "base64",
                         "content": base64.b64encode(content).decode(), "url": f"{self.url}{path}"}, {}
        m = re.fullmatch(rf"{self.repo_path}/contents/(.+)", path)
        if method == "GET" and m:
            name = m.group(1)
            if f"ref={self.base_sha}" in query and name in self.base_files:
                content = self.base_files[name]
                return 200, {"type": "file", "encoding": "base64", "content": base64.b64encode(content).decode(),
                             "name": name.rsplit("/", 1)[-1], "path": name, "sha": self.blob_sha(content),
                             "size": len(content), "url": f"{self.url}{path}"}, {}
            return 404, {"message": "Not Found"}, {}
        if method == "GET" and path == f"{self.repo_path}/commits/{self.head_sha}":
            return 200, {"sha": self.head_sha, "url": f"{self.url}{self.repo_path}/commits/{self.head_sha}"}, {}
        if method == "GET" and path == f"{self.repo_path}/commits/{self.head_sha}/pulls":
            return 200, [] if self.fork else [self._pull()], {}  # a fork's commit is in no pull request here
        if method == "GET" and path == f"{pulls}/comments":
            return self._page(path, query, [self._comment_json(c) for c in self.comments])
        if method == "GET" and path == f"{pulls}/reviews":
            return self._page(path, query, [self._review_json(r) for r in self.reviews])
        if method == "GET" and path == f"{pulls}/files":
            return self._page(path, query, self._files())
        if method == "POST" and path == f"{pulls}/reviews":
            if self.forbid_writes:
                return 403, {"message": "Resource not accessible by integration"}, {}
            status = self.review_statuses.pop(0) if self.review_statuses else 200
            if status >= 500 and not self.create_despite_error:
                return status, {"message": "Server Error"}, {"Retry-After": "0"}
            if status == 422:
                return 422, {"message": "Unprocessable Entity", "errors": ["Line could not be resolved"]}, {}
            if len(body.get("body", "")) > 65_536 or any(len(c["body"]) > 65_536 for c in body.get("comments", [])):
                return 422, {"message": "Validation Failed", "errors": [{"code": "custom", "field": "body",
                                                                        "message": "body is too long (maximum is "
                                                                                   "65536 characters)"}]}, {}
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
        answer = self._fix_command(method, path, body) or self._issues(method, path, query, body)
        if answer is not None:
            return answer
        m = re.fullmatch(rf"{self.repo_path}/pulls/comments/(\d+)", path)
        if method == "DELETE" and m:
            self.comments = [c for c in self.comments if c["id"] != int(m.group(1))]
            return 204, None, {}
        return 404, {"message": f"Not Found: {method} {path}"}, {}

    def _issue_json(self, issue: dict[str, Any]) -> dict[str, Any]:
        shown = {k: v for k, v in issue.items() if k != "posted"}
        return {**shown, "comments": len(issue["posted"]), "url": f"{self.url}{self.repo_path}/issues/{issue['number']}",
                "comments_url": f"{self.url}{self.repo_path}/issues/{issue['number']}/comments"}

    def _issues(self, method: str, path: str, query: str, body: Any) -> tuple[int, Any, dict[str, str]] | None:
        """The endpoints of `verify --track-issue`: list (open ones by default, pull requests among them, as
        GitHub does), create, edit, comment."""
        listing = f"{self.repo_path}/issues"
        if method == "GET" and path == listing:
            state = dict(p.split("=", 1) for p in query.split("&") if "=" in p).get("state", "open")
            chosen = [i for i in self.issues if state == "all" or i["state"] == state]
            return self._page(path, query, [self._issue_json(i) for i in chosen])
        if method == "POST" and path == listing:
            if self.forbid_writes:
                return 403, {"message": "Resource not accessible by integration"}, {}
            number = max((i["number"] for i in self.issues), default=0) + 1
            self.issues.append({"number": number, "title": body["title"], "body": body.get("body", ""),
                                "state": "open", "posted": []})
            return 201, self._issue_json(self.issues[-1]), {}
        m = re.fullmatch(rf"{listing}/(\d+)(/comments)?", path)
        found = [i for i in self.issues if m and i["number"] == int(m.group(1))]
        if not found:
            return None
        issue = found[0]
        if method == "PATCH" and not m.group(2):
            issue.update({k: v for k, v in body.items() if k in ("title", "body", "state", "state_reason")})
            return 200, self._issue_json(issue), {}
        if method == "POST" and m.group(2):
            issue["posted"].append(body["body"])
            return 201, {"id": len(issue["posted"]), "body": body["body"]}, {}
        return None

    def _fix_command(self, method: str, path: str, body: Any) -> tuple[int, Any, dict[str, str]] | None:
        """The endpoints `/kdlint fix` uses: permissions, issue comments, the head repository's Git Data."""
        m = re.fullmatch(rf"{self.repo_path}/collaborators/([^/]+)/permission", path)
        if method == "GET" and m:
            role = self.permissions.get(m.group(1))
            if role is None:
                return 404, {"message": "Not Found"}, {}
            level = {"maintain": "write", "triage": "read"}.get(role, role)
            return 200, {"permission": level, "role_name": role, "user": {"login": m.group(1)}}, {}
        issue = f"{self.repo_path}/issues/{self.number}/comments"
        if method == "GET" and path == issue:
            return 200, self.issue_comments, {}
        if method == "POST" and path == issue:
            self._next_id += 1
            comment = {"id": self._next_id, "body": body["body"], "user": {"login": self.login},
                       "url": f"{self.url}{self.repo_path}/issues/comments/{self._next_id}",
                       "html_url": f"https://github.com/{self.full_name}/pull/{self.number}"}
            self.issue_comments.append(comment)
            return 201, comment, {}
        git = f"{self.head_path}/git"
        if self.forbid_writes and method in ("POST", "PATCH") and path.startswith(f"{git}/"):
            return 403, {"message": "Resource not accessible by integration"}, {}
        for reads in (git, f"{self.repo_path}/git"):  # a pull request's commits are in the base repository too
            if method == "GET" and path == f"{reads}/commits/{self.head_sha}":
                return 200, self._commit_json(self.head_sha, self.head_tree, [], "the head"), {}
            m = re.fullmatch(rf"{reads}/trees/([0-9a-f]{{40}})", path)
            tree = self._tree_json(m.group(1), reads) if method == "GET" and m else None
            if tree is not None:
                return 200, tree, {}
        if method == "GET" and path == f"{git}/ref/heads/feature":
            return 200, self._ref_json(), {}
        if method == "POST" and path == f"{git}/blobs":
            content = base64.b64decode(body["content"]) if body["encoding"] == "base64" else body["content"].encode()
            sha = self.blob_sha(content)
            self.git_blobs[sha] = content
            return 201, {"sha": sha, "url": f"{self.url}{git}/blobs/{sha}"}, {}
        if method == "POST" and path == f"{git}/trees":
            sha = hashlib.sha1(json.dumps(body, sort_keys=True).encode()).hexdigest()
            self.git_trees[sha] = body
            return 201, {"sha": sha, "url": f"{self.url}{git}/trees/{sha}", "tree": body["tree"],
                         "truncated": False}, {}
        if method == "POST" and path == f"{git}/commits":
            sha = hashlib.sha1(json.dumps(body, sort_keys=True).encode()).hexdigest()
            self.git_commits[sha] = body
            return 201, self._commit_json(sha, body["tree"], body["parents"], body["message"]), {}
        m = re.fullmatch(rf"{git}/refs/heads/(.+)", path)
        if method == "PATCH" and m and m.group(1) == "feature":
            return self._update_ref(body)
        return None

    def _commit_json(self, sha: str, tree: str, parents: list[str], message: str) -> dict[str, Any]:
        git = f"{self.url}{self.head_path}/git"
        return {"sha": sha, "url": f"{git}/commits/{sha}", "message": message,
                "tree": {"sha": tree, "url": f"{git}/trees/{tree}"},
                "parents": [{"sha": p, "url": f"{git}/commits/{p}"} for p in parents],
                "author": {"name": "kdlint", "email": "kdlint@example.com", "date": "2026-01-01T00:00:00Z"},
                "committer": {"name": "kdlint", "email": "kdlint@example.com", "date": "2026-01-01T00:00:00Z"}}

    def _update_ref(self, body: dict[str, Any]) -> tuple[int, Any, dict[str, str]]:
        """Move the branch to a commit written here, fast forward only unless forced; the pull request follows."""
        commit = self.git_commits.get(body["sha"])
        status, self.ref_status = self.ref_status, 0
        if status == 0 and commit is None:
            status = 422
        if status == 0 and not body.get("force") and self.head_sha not in commit["parents"]:
            status = 422
        if status:
            return status, {"message": "Update is not a fast forward",
                            "documentation_url": "https://docs.github.com/rest/git/refs#update-a-reference"}, {}
        tree = self.git_trees[commit["tree"]]
        for element in tree["tree"]:
            self.head_files[element["path"]] = self.git_blobs[element["sha"]]
            self.modes[element["path"]] = element["mode"]
        self.head_sha = body["sha"]
        return 200, self._ref_json(), {}

    def _ref_json(self) -> dict[str, Any]:
        """The head branch, as GET /git/ref/heads/feature and PATCH /git/refs/heads/feature answer."""
        git, tip = f"{self.url}{self.head_path}/git", self.branch_sha or self.head_sha
        return {"ref": "refs/heads/feature", "node_id": "REF_feature", "url": f"{git}/refs/heads/feature",
                "object": {"sha": tip, "type": "commit", "url": f"{git}/commits/{tip}"}}


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
