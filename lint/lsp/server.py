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

Documents that are not Markdown get no diagnostics. A configuration error is
shown once (window/showMessage) and its documents get none; so is an error of
kdlint's own, with its traceback in the log (window/logMessage): the server
keeps serving.
"""

from __future__ import annotations

import asyncio
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import ParamSpec, TypeVar
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


class KdlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("kdlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.checked: dict[str, Checked] = {}
        self.shown: set[str] = set()  # the messages shown already: each error once

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

    def check(self, uri: str) -> Checked:
        """The document at `uri` as the editor has it now, checked (once per version and text)."""
        document = self.workspace.get_text_document(uri)
        try:
            text = document.source  # a document the editor has not opened is read from its file
        except (OSError, UnicodeDecodeError):
            text = ""
        known = self.checked.get(uri)
        if known is not None and known.version == document.version and known.text == text:
            return known
        bom = text.startswith(BOM)
        source = SourceText(text[1:] if bom else text, bom)
        checked = Checked(uri, document.version, text, source, Positions(source, self.encoding()))
        self.checked[uri] = checked
        path = to_fs_path(uri) if urlsplit(uri).scheme == "file" else None
        if not is_markdown(uri, document.language_id) or "\x00" in text:
            return checked
        try:
            linter = Project(ConfigFinder()).linter(STDIN if path is None else path)
        except InputError as exc:  # a configuration error (ConfigError) among them
            self.show_once(str(exc))
            return checked
        size = units(text, "utf-8")
        if size > linter.settings.max_file_size:
            self.show_once(f"{path or uri}: {size:,} bytes is more than max-file-size "
                           f"({linter.settings.max_file_size:,} bytes); raise max-file-size to check it",
                           types.MessageType.Warning)
            return checked
        try:
            checked.document, checked.found = linter.check(source)
        except Exception as exc:  # a bug in kdlint: said, logged, and the server goes on
            self.internal_error(exc)
            return checked
        checked.linter = linter
        checked.diagnostics = [self.diagnostic(checked, d) for d in checked.found]
        return checked

    def internal_error(self, exc: Exception) -> None:
        self.log("".join(traceback.format_exception(exc)), types.MessageType.Error)
        self.show_once(f"internal error: {type(exc).__name__}: {exc} (the traceback is in the log)")

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

    def publish(self, uri: str) -> None:
        checked = self.check(uri)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=checked.version, diagnostics=checked.diagnostics))

    def workspace_edit(self, checked: Checked, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
        """`edits` to the version of the document they were made for, when the editor can tell versions."""
        if self.capable("workspace.workspace_edit.document_changes"):
            identifier = types.OptionalVersionedTextDocumentIdentifier(uri=checked.uri, version=checked.version)
            return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(text_document=identifier,
                                                                                edits=list(edits))])
        return types.WorkspaceEdit(changes={checked.uri: list(edits)})

    def quick_fixes(self, checked: Checked, where: types.Range) -> list[types.CodeAction]:
        assert checked.linter is not None and checked.document is not None
        actions = []
        for found, diagnostic in zip(checked.found, checked.diagnostics):
            fix = found.fix
            if fix is None or not fix.edits or not overlaps(diagnostic.range, where):
                continue
            one = fix_one(checked.source, checked.linter, checked.document, found)
            if one.refused is not None:
                self.log(f"{checked.uri}: {found.code} fix not offered: {one.refused}")
                continue
            safe = fix.applicability is Applicability.SAFE
            edits = [types.TextEdit(range=checked.positions.offset_range(start, end), new_text=content)
                     for start, end, content in one.edits]
            actions.append(types.CodeAction(
                title=f"{found.code}: {fix.message}" + ("" if safe else " (unsafe)"),
                kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic], is_preferred=safe or None,
                edit=self.workspace_edit(checked, edits)))
        return actions

    def fix_all(self, checked: Checked) -> types.WorkspaceEdit | None:
        """The edit that makes the document what `kdlint fix` writes; None when that changes nothing."""
        assert checked.linter is not None
        if checked.fixed is None:
            try:
                checked.fixed = fix_source(checked.source, checked.linter).source.text
            except ContentLossError as exc:
                self.show_once(f"not fixed, the result would lose content ({exc})", types.MessageType.Warning)
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


def recheck_all(ls: KdlintServer) -> None:
    """A configuration changed: its errors are said again, and every open list is checked again."""
    ls.shown.clear()
    ls.checked.clear()
    for document in list(ls.workspace.text_documents.values()):
        if is_markdown(document.uri, document.language_id):
            guarded(ls, ls.publish, document.uri)


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
    def did_open(ls: KdlintServer, params: types.DidOpenTextDocumentParams) -> None:
        guarded(ls, ls.publish, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: KdlintServer, params: types.DidChangeTextDocumentParams) -> None:
        uri, version = params.text_document.uri, params.text_document.version
        await asyncio.sleep(DELAY)
        if ls.workspace.get_text_document(uri).version == version:  # else a later change checks it
            guarded(ls, ls.publish, uri)

    @server.feature(types.INITIALIZED)
    def initialized(ls: KdlintServer, params: types.InitializedParams) -> None:
        if ls.capable("workspace.did_change_watched_files.dynamic_registration"):
            watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_NAMES]
            ls.client_register_capability(types.RegistrationParams(registrations=[types.Registration(
                id="kdlint-configuration", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))]))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: KdlintServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(is_configuration(change.uri) for change in params.changes):
            guarded(ls, recheck_all, ls)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(ls: KdlintServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if is_configuration(uri):
            guarded(ls, recheck_all, ls)
        else:
            guarded(ls, ls.publish, uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: KdlintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.checked.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL], resolve_provider=True))
    def code_action(ls: KdlintServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        return guarded(ls, code_actions, ls, params) or None

    @server.feature(types.CODE_ACTION_RESOLVE)
    def code_action_resolve(ls: KdlintServer, action: types.CodeAction) -> types.CodeAction:
        uri = action.data.get("uri") if isinstance(action.data, dict) else None
        if action.kind == FIX_ALL and isinstance(uri, str):
            checked = guarded(ls, ls.check, uri)
            if checked is not None and checked.linter is not None:
                action.edit = guarded(ls, ls.fix_all, checked)
        return action

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: KdlintServer, params: types.HoverParams) -> types.Hover | None:
        return guarded(ls, hover_at, ls, params)

    return server


def code_actions(ls: KdlintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    checked = ls.check(params.text_document.uri)
    if checked.linter is None:
        return []
    only = params.context.only
    actions = ls.quick_fixes(checked, params.range) if wanted(types.CodeActionKind.QuickFix, only) else []
    if wanted(FIX_ALL, only) and any(found.fixable() for found in checked.found):
        action = types.CodeAction(title=FIX_ALL_TITLE, kind=FIX_ALL, data={"uri": checked.uri})
        resolves = get_capability(ls.client_capabilities, "text_document.code_action.resolve_support", None)
        if resolves is not None and "edit" in resolves.properties:
            actions.append(action)
        elif (edit := ls.fix_all(checked)) is not None:
            action.edit = edit
            actions.append(action)
    return actions


def hover_at(ls: KdlintServer, params: types.HoverParams) -> types.Hover | None:
    checked = ls.check(params.text_document.uri)
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


def guarded(ls: KdlintServer, function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T | None:
    """`function(*args)`, or None (said and logged) when it fails: no request or notification stops the
    server."""
    try:
        return function(*args, **kwargs)
    except Exception as exc:
        ls.internal_error(exc)
        return None


def serve() -> int:
    """Serve one editor over standard input and output until it says exit (or goes): 0 after a shutdown
    request, else 1, as LSP asks."""
    sys.stdout.flush()
    # The protocol gets standard output to itself; whatever else writes there (a print, a library's warning
    # gone astray) goes to standard error instead of corrupting the stream.
    protocol = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    server = create()
    server.start_io(sys.stdin.buffer, protocol)
    return 0 if getattr(server.protocol, "_shutdown", False) else 1
