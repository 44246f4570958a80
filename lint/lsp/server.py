"""The language server: LSP over standard input and output, on pygls.

Each Markdown document the editor opens is checked as it is in the editor (the
buffer, not the file on disk) by the linter `kdlint check` would give that
file's path (`Project.linter`: the same configuration discovery, the same
rules and per-file ignores), afresh on every check so that an edited
configuration counts at once. The findings are published on open, on save and
on change (once typing pauses for `DELAY` seconds).

Code actions: each finding's fix as a quick fix (`fixer.fix_one`: the edits
`kdlint fix` makes for it, offered only when its guard would let it through;
safe fixes preferred, unsafe ones titled so), and `source.fixAll.kdlint`, what
`kdlint fix` writes (`fixer.fix_source`, safe fixes), as one edit of the lines
that change, computed when the editor resolves the action if it can. Hover over
a finding shows its rule's documentation, the text of `kdlint rule CODE`.

Checking and fixing run on worker threads, never on the event loop: while a
long list is checked the server still reads the editor's changes and answers
its requests, and a check whose version the editor has since replaced is
dropped before it starts. The threads compute only; everything said to the
editor is said from the event loop.

Documents that are not Markdown get no diagnostics. A configuration error is
shown once (window/showMessage) and its documents get none; so is an error of
kdlint's own, with its traceback in the log (window/logMessage): the server
keeps serving.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
import traceback
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import CancelledError, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, ParamSpec, TypeVar
from urllib.parse import unquote, urlsplit

from lsprotocol import types
from pygls.capabilities import get_capability
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from .. import __version__
from ..config_files import CONFIG_NAMES, ConfigFinder
from ..diagnostics import Applicability, Diagnostic, Severity
from ..engine import Linter
from ..files import MARKDOWN_SUFFIXES, STDIN
from ..fixer import ContentLossError, fix_one, fix_source
from ..model import Document
from ..project import Project
from ..rules import BY_CODE, UNUSED_SUPPRESSION, documentation
from ..source import BOM, InputError, SourceText
from .positions import Positions, contains, overlaps, units

FIX_ALL = "source.fixAll.kdlint"
FIX_ALL_TITLE = "Fix all safe kdlint findings"
DELAY = 0.2  # seconds of quiet after a change before the document is checked again
SOURCE = "kdlint"
WORKERS = 2  # a short list opened beside a long one being checked is not queued behind it
FINISHING = 10.0  # seconds a shutdown request waits for the requests and checks the client sent before it
P = ParamSpec("P")
T = TypeVar("T")
SEVERITY = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning}


@dataclass
class Checked:
    """One version of a document, checked (or not: `linter` is None for a document kdlint does not check)."""

    uri: str
    version: int | None
    text: str  # the editor's text, as checked
    source: SourceText
    positions: Positions
    linter: Linter | None = None
    document: Document | None = None
    found: list[Diagnostic] = field(default_factory=list)
    diagnostics: list[types.Diagnostic] = field(default_factory=list)  # `found` as LSP diagnostics, in order
    fixed: str | None = None  # what fixing every safe finding gives, once asked for
    key: tuple[int, int | None, str] = (0, None, "")  # the snapshot's: what was checked, under which configuration


@dataclass(frozen=True)
class Snapshot:
    """What a check reads of a document, taken on the event loop: the editor's text of one version."""

    uri: str
    version: int | None
    text: str
    language_id: str | None
    encoding: str
    generation: int  # the configuration's: a configuration file changed since makes the check out of date

    @property
    def key(self) -> tuple[int, int | None, str]:
        return self.generation, self.version, self.text


@dataclass
class Said:
    """What a worker found to say: messages shown once, and lines for the log."""

    shown: list[tuple[str, types.MessageType]] = field(default_factory=list)
    logged: list[tuple[str, types.MessageType]] = field(default_factory=list)


class Stale(Exception):
    """The editor replaced the version a check was asked for before the check started."""


class KdlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("kdlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.checked: dict[str, Checked] = {}
        self.shown: set[str] = set()  # the messages shown already: each error once
        self.running: dict[str, tuple[tuple[int, int | None, str], asyncio.Task[Checked | None]]] = {}
        self.wanted: dict[str, tuple[int, int | None, str]] = {}  # per document, the version to check next
        self.generation = 0  # counts the configuration changes
        self.workers = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="kdlint-check")
        self.busy: set[asyncio.Task[object]] = set()  # the handlers at work: a shutdown lets them finish
        self.stopping = False  # a shutdown was asked for: until pygls has answered it, the input waits
        self.loop: asyncio.AbstractEventLoop | None = None  # pygls's, once a handler ran on it

    async def finish(self) -> None:
        """Until the handlers at work are done, and a shutdown asked for is answered (FINISHING seconds at
        most): what runs when the input ends."""
        await asyncio.sleep(0)  # the handlers of the last messages read start first
        deadline = asyncio.get_running_loop().time() + FINISHING
        while self.busy or (self.stopping and not getattr(self.protocol, "_shutdown", False)):
            if asyncio.get_running_loop().time() > deadline:
                return
            await asyncio.sleep(0.01)

    def capable(self, name: str) -> bool:
        return bool(get_capability(self.client_capabilities, name, None))

    def encoding(self) -> str:
        """The position encoding agreed on at initialization (a `PositionEncodingKind` or the client's string)."""
        kind = self.workspace.position_encoding or types.PositionEncodingKind.Utf16
        return kind.value if isinstance(kind, types.PositionEncodingKind) else str(kind)

    def show_once(self, message: str, kind: types.MessageType = types.MessageType.Error) -> None:
        if message not in self.shown:
            self.shown.add(message)
            self.window_show_message(types.ShowMessageParams(type=kind, message=f"kdlint: {message}"))

    def log(self, message: str, kind: types.MessageType = types.MessageType.Info) -> None:
        self.window_log_message(types.LogMessageParams(type=kind, message=message))

    def snapshot(self, uri: str) -> Snapshot:
        document = self.workspace.get_text_document(uri)
        try:
            text = document.source  # a document the editor has not opened is read from its file
        except (OSError, UnicodeDecodeError):
            text = ""
        return Snapshot(uri, document.version, text, document.language_id, self.encoding(), self.generation)

    async def current(self, uri: str) -> Checked:
        """The document at `uri` as the editor has it now, checked (once per version and text) on a worker."""
        while True:
            snapshot = self.snapshot(uri)
            known = self.checked.get(uri)
            if known is not None and known.key == snapshot.key:
                return known
            checked = await self.checking(snapshot)
            if checked is not None:
                return checked

    def checking(self, snapshot: Snapshot) -> asyncio.Task[Checked | None]:
        """The check of `snapshot`: the one already running for it, or a new one. It gives None when a newer
        version was asked for before it started."""
        self.wanted[snapshot.uri] = snapshot.key
        running = self.running.get(snapshot.uri)
        if running is not None and running[0] == snapshot.key:
            return running[1]
        task = asyncio.ensure_future(self.run_check(snapshot))
        self.running[snapshot.uri] = (snapshot.key, task)
        return task

    async def run_check(self, snapshot: Snapshot) -> Checked | None:
        said = Said()
        try:
            checked = await self.in_worker(self.compute, snapshot, said)
        except Stale:
            return None
        finally:
            if self.running.get(snapshot.uri, (None, None))[1] is asyncio.current_task():
                del self.running[snapshot.uri]
            self.say(said)
        if self.wanted.get(snapshot.uri) == snapshot.key:  # else the document changed or closed meanwhile
            self.checked[snapshot.uri] = checked
        return checked

    async def in_worker(self, function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        return await asyncio.get_running_loop().run_in_executor(self.workers, lambda: function(*args, **kwargs))

    def say(self, said: Said) -> None:
        for message, kind in said.logged:
            self.log(message, kind)
        for message, kind in said.shown:
            self.show_once(message, kind)

    def compute(self, snapshot: Snapshot, said: Said) -> Checked:
        """`snapshot` checked, on a worker thread: it reads the client's capabilities and nothing else of the
        server, and what it has to say goes in `said`."""
        if self.wanted.get(snapshot.uri) != snapshot.key:
            raise Stale
        text = snapshot.text
        bom = text.startswith(BOM)
        source = SourceText(text[1:] if bom else text, bom)
        checked = Checked(snapshot.uri, snapshot.version, text, source, Positions(source, snapshot.encoding),
                          key=snapshot.key)
        uri = snapshot.uri
        path = to_fs_path(uri) if urlsplit(uri).scheme == "file" else None
        if not is_markdown(uri, snapshot.language_id) or "\x00" in text:
            return checked
        try:
            linter = Project(ConfigFinder()).linter(STDIN if path is None else path)
        except InputError as exc:  # a configuration error (ConfigError) among them
            said.shown.append((str(exc), types.MessageType.Error))
            return checked
        size = units(text, "utf-8")
        if size > linter.settings.max_file_size:
            said.shown.append((f"{path or uri}: {size:,} bytes is more than max-file-size "
                               f"({linter.settings.max_file_size:,} bytes); raise max-file-size to check it",
                               types.MessageType.Warning))
            return checked
        try:
            checked.document, checked.found = linter.check(source)
        except Exception as exc:  # a bug in kdlint: said, logged, and the server goes on
            internal_error(said, exc)
            return checked
        checked.linter = linter
        checked.diagnostics = [self.diagnostic(checked, d) for d in checked.found]
        return checked

    def internal_error(self, exc: Exception) -> None:
        said = Said()
        internal_error(said, exc)
        self.say(said)

    def diagnostic(self, checked: Checked, found: Diagnostic) -> types.Diagnostic:
        positions = checked.positions
        related = None
        if found.related and self.capable("text_document.publish_diagnostics.related_information"):
            related = [types.DiagnosticRelatedInformation(
                location=types.Location(uri=checked.uri, range=positions.range(span)), message="the other entry")
                for span in found.related]
        tags = None
        if found.code == UNUSED_SUPPRESSION.code and self.capable("text_document.publish_diagnostics.tag_support"):
            tags = [types.DiagnosticTag.Unnecessary]
        return types.Diagnostic(range=positions.range(found.span), message=found.message,
                                severity=SEVERITY[found.severity], code=found.code, source=SOURCE,
                                related_information=related, tags=tags)

    async def publish(self, uri: str) -> None:
        snapshot = self.snapshot(uri)
        known = self.checked.get(uri)
        checked = known if known is not None and known.key == snapshot.key else await self.checking(snapshot)
        if checked is None:
            return  # a newer version is being checked: it is published instead
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=checked.version, diagnostics=checked.diagnostics))

    def workspace_edit(self, checked: Checked, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
        """`edits` to the version of the document they were made for, when the editor can tell versions."""
        if self.capable("workspace.workspace_edit.document_changes"):
            identifier = types.OptionalVersionedTextDocumentIdentifier(uri=checked.uri, version=checked.version)
            return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(text_document=identifier,
                                                                                edits=list(edits))])
        return types.WorkspaceEdit(changes={checked.uri: list(edits)})

    def quick_fixes(self, checked: Checked, where: types.Range, said: Said) -> list[types.CodeAction]:
        """The quick fixes of the findings in `where` (on a worker: what is to be logged goes in `said`)."""
        assert checked.linter is not None and checked.document is not None
        actions = []
        for found, diagnostic in zip(checked.found, checked.diagnostics):
            fix = found.fix
            if fix is None or not fix.edits or not overlaps(diagnostic.range, where):
                continue
            one = fix_one(checked.source, checked.linter, checked.document, found)
            if one.refused is not None:
                said.logged.append((f"{checked.uri}: {found.code} fix not offered: {one.refused}",
                                    types.MessageType.Info))
                continue
            safe = fix.applicability is Applicability.SAFE
            edits = [types.TextEdit(range=checked.positions.offset_range(start, end), new_text=content)
                     for start, end, content in one.edits]
            actions.append(types.CodeAction(
                title=f"{found.code}: {fix.message}" + ("" if safe else " (unsafe)"),
                kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic], is_preferred=safe or None,
                edit=self.workspace_edit(checked, edits)))
        return actions

    def fix_all(self, checked: Checked, said: Said) -> types.WorkspaceEdit | None:
        """The edit that makes the document what `kdlint fix` writes; None when that changes nothing (on a
        worker: a refusal goes in `said`)."""
        assert checked.linter is not None
        if checked.fixed is None:
            try:
                checked.fixed = fix_source(checked.source, checked.linter).source.text
            except ContentLossError as exc:
                said.shown.append((f"not fixed, the result would lose content ({exc})", types.MessageType.Warning))
                return None
        start, end, new = changed_lines(checked.source.text, checked.fixed)
        if start == end and not new:
            return None
        edit = types.TextEdit(range=checked.positions.offset_range(start, end), new_text=new)
        return self.workspace_edit(checked, [edit])


def is_markdown(uri: str, language_id: str | None) -> bool:
    """Whether kdlint checks the document: the editor calls it Markdown, or its name says so (as `kdlint check`
    finds the lists of a directory)."""
    return language_id == "markdown" or Path(unquote(urlsplit(uri).path)).suffix.lower() in MARKDOWN_SUFFIXES


def is_configuration(uri: str) -> bool:
    return Path(unquote(urlsplit(uri).path)).name in CONFIG_NAMES


async def recheck_all(ls: KdlintServer) -> None:
    """A configuration changed: its errors are said again, and every open list is checked again."""
    ls.shown.clear()
    ls.checked.clear()
    ls.generation += 1  # a check running with the old configuration is not kept
    uris = [d.uri for d in ls.workspace.text_documents.values() if is_markdown(d.uri, d.language_id)]
    await asyncio.gather(*(guarded(ls, ls.publish, uri) for uri in uris))


def internal_error(said: Said, exc: Exception) -> None:
    """A bug in kdlint: its traceback for the log, and one message."""
    said.logged.append(("".join(traceback.format_exception(exc)), types.MessageType.Error))
    said.shown.append((f"internal error: {type(exc).__name__}: {exc} (the traceback is in the log)",
                       types.MessageType.Error))


def changed_lines(old: str, new: str) -> tuple[int, int, str]:
    """The smallest run of whole lines of `old` to replace, and with what, to make `new`: its start and end
    offsets in `old` and the text that replaces it. Cut only at line starts (or the text's end), an edit never
    falls between a carriage return and its line feed."""
    a, b = old.split("\n"), new.split("\n")
    a_pieces = [line + "\n" for line in a[:-1]] + [a[-1]]
    b_pieces = [line + "\n" for line in b[:-1]] + [b[-1]]
    same = 0
    while same < min(len(a_pieces), len(b_pieces)) and a_pieces[same] == b_pieces[same]:
        same += 1
    tail = 0
    while (tail < min(len(a_pieces), len(b_pieces)) - same
           and a_pieces[len(a_pieces) - 1 - tail] == b_pieces[len(b_pieces) - 1 - tail]):
        tail += 1
    start = sum(map(len, a_pieces[:same]))
    old_end = len(old) - sum(map(len, a_pieces[len(a_pieces) - tail:]))
    new_end = len(new) - sum(map(len, b_pieces[len(b_pieces) - tail:]))
    return start, old_end, new[start:new_end]


def wanted(kind: str, only: Sequence[str] | None) -> bool:
    """Whether a code action of `kind` is among the kinds asked for (`source` asks for `source.fixAll.kdlint`)."""
    return only is None or any(kind == asked or kind.startswith(f"{asked}.") for asked in only)


def create() -> KdlintServer:
    server = KdlintServer()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: KdlintServer, params: types.DidOpenTextDocumentParams) -> None:
        await guarded(ls, ls.publish, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: KdlintServer, params: types.DidChangeTextDocumentParams) -> None:
        uri, version = params.text_document.uri, params.text_document.version
        await asyncio.sleep(DELAY)
        if ls.workspace.get_text_document(uri).version == version:  # else a later change checks it
            await guarded(ls, ls.publish, uri)

    @server.feature(types.INITIALIZED)
    def initialized(ls: KdlintServer, params: types.InitializedParams) -> None:
        if ls.capable("workspace.did_change_watched_files.dynamic_registration"):
            watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_NAMES]
            ls.client_register_capability(types.RegistrationParams(registrations=[types.Registration(
                id="kdlint-configuration", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))]))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def did_change_watched_files(ls: KdlintServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(is_configuration(change.uri) for change in params.changes):
            await guarded(ls, recheck_all, ls)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    async def did_save(ls: KdlintServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if is_configuration(uri):
            await guarded(ls, recheck_all, ls)
        else:
            await guarded(ls, ls.publish, uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: KdlintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.checked.pop(uri, None)
        ls.wanted.pop(uri, None)  # a check still running for it is dropped
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL], resolve_provider=True))
    async def code_action(ls: KdlintServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        return await guarded(ls, code_actions, ls, params) or None

    @server.feature(types.CODE_ACTION_RESOLVE)
    async def code_action_resolve(ls: KdlintServer, action: types.CodeAction) -> types.CodeAction:
        uri = action.data.get("uri") if isinstance(action.data, dict) else None
        if action.kind == FIX_ALL and isinstance(uri, str):
            action.edit = await guarded(ls, fix_all_edit, ls, uri)
        return action

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: KdlintServer, params: types.HoverParams) -> types.Hover | None:
        return await guarded(ls, hover_at, ls, params)

    @server.feature(types.SHUTDOWN)
    async def shutdown(ls: KdlintServer, params: None) -> None:
        # What the client asked before it asked to shut down is answered (pygls cancels what is still running
        # when this returns), within FINISHING seconds; then the checks not started are not wanted.
        ls.loop = asyncio.get_running_loop()
        ls.stopping = True
        if ls.busy:
            await asyncio.wait(set(ls.busy), timeout=FINISHING)
        ls.workers.shutdown(wait=False, cancel_futures=True)

    return server


async def code_actions(ls: KdlintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    checked = await ls.current(params.text_document.uri)
    if checked.linter is None:
        return []
    only = params.context.only
    said = Said()
    try:
        actions = await ls.in_worker(ls.quick_fixes, checked, params.range, said) \
            if wanted(types.CodeActionKind.QuickFix, only) else []
        if wanted(FIX_ALL, only) and any(found.fixable() for found in checked.found):
            action = types.CodeAction(title=FIX_ALL_TITLE, kind=FIX_ALL, data={"uri": checked.uri})
            resolves = get_capability(ls.client_capabilities, "text_document.code_action.resolve_support", None)
            if resolves is not None and "edit" in resolves.properties:
                actions.append(action)
            elif (edit := await ls.in_worker(ls.fix_all, checked, said)) is not None:
                action.edit = edit
                actions.append(action)
    finally:
        ls.say(said)
    return actions


async def fix_all_edit(ls: KdlintServer, uri: str) -> types.WorkspaceEdit | None:
    """`source.fixAll.kdlint` resolved: the edit for the document as the editor has it now."""
    checked = await ls.current(uri)
    if checked.linter is None:
        return None
    said = Said()
    try:
        return await ls.in_worker(ls.fix_all, checked, said)
    finally:
        ls.say(said)


async def hover_at(ls: KdlintServer, params: types.HoverParams) -> types.Hover | None:
    checked = await ls.current(params.text_document.uri)
    under = [(found, diagnostic) for found, diagnostic in zip(checked.found, checked.diagnostics)
             if contains(diagnostic.range, params.position) and found.code in BY_CODE]
    if not under:
        return None
    codes = dict.fromkeys(found.code for found, _ in under)
    formats = get_capability(ls.client_capabilities, "text_document.hover.content_format", None) or []
    kind = types.MarkupKind.PlainText if formats and types.MarkupKind.Markdown not in formats \
        else types.MarkupKind.Markdown
    text = "\n\n---\n\n".join(documentation(BY_CODE[code]) for code in codes)
    return types.Hover(contents=types.MarkupContent(kind=kind, value=text), range=under[0][1].range)


async def guarded(ls: KdlintServer, function: Callable[P, Awaitable[T]], *args: P.args,
                  **kwargs: P.kwargs) -> T | None:
    """`await function(*args)`, or None (said and logged) when it fails: no request or notification stops the
    server. While it runs, a shutdown or the end of the input waits for it."""
    ls.loop = asyncio.get_running_loop()
    task = asyncio.current_task()
    if task is not None:
        ls.busy.add(task)
    try:
        return await function(*args, **kwargs)
    except Exception as exc:
        ls.internal_error(exc)
        return None
    finally:
        ls.busy.discard(task)


class FinishingInput:
    """Standard input for pygls, whose end and whose exit notification wait (FINISHING seconds at most) until
    the server has done what the client asked before them. pygls stops at the end of its input, dropping what
    is still running, and exits on an exit notification even while a shutdown still waits; a client may write
    a whole session at once, exit after shutdown without waiting for its answer, and close the pipe. The
    waiting is done here, on pygls's reading thread, so the event loop goes on meanwhile."""

    def __init__(self, stream: BinaryIO, server: KdlintServer) -> None:
        self.stream, self.server = stream, server

    def readline(self) -> bytes:
        line = self.stream.readline()
        if not line:
            self.finish()
        return line

    def read(self, size: int = -1) -> bytes:
        body = self.stream.read(size)
        if not body or is_exit(body):
            self.finish()
        return body

    def finish(self) -> None:
        loop = self.server.loop
        if loop is not None and not loop.is_closed():
            # The loop stopped (an exit) or the work outlasted its time: the input ends all the same.
            with contextlib.suppress(TimeoutError, RuntimeError, CancelledError):
                asyncio.run_coroutine_threadsafe(self.server.finish(), loop).result(FINISHING + 1)


def is_exit(body: bytes) -> bool:
    """Whether a message's body is LSP's exit notification."""
    if len(body) > 200 or b"exit" not in body:
        return False
    try:
        message = json.loads(body)
    except ValueError:
        return False
    return isinstance(message, dict) and message.get("method") == types.EXIT and "id" not in message


def serve() -> int:
    """Serve one editor over standard input and output until it says exit (or goes): 0 after a shutdown
    request, else 1, as LSP asks."""
    sys.stdout.flush()
    # The protocol gets standard output to itself; whatever else writes there (a print, a library's warning
    # gone astray) goes to standard error instead of corrupting the stream.
    protocol = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    server = create()
    server.start_io(FinishingInput(sys.stdin.buffer, server), protocol)  # type: ignore[arg-type]
    return 0 if getattr(server.protocol, "_shutdown", False) else 1
