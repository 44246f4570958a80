"""The language server (`kdlint server`), driven as an editor drives it.

A real LSP client (pytest-lsp's, with the capabilities VS Code, Neovim and
Emacs announce) starts `python -m kdlint server` and talks to it over its
standard input and output. What the server says is held against what the
command line says for the same text: `kdlint check`'s findings, `kdlint fix`'s
output, `kdlint rule`'s text.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys
from collections.abc import AsyncIterator, Awaitable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from lsp_frames import frames, unframed
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities, make_test_lsp_client

from kdlint.cli import main
from kdlint.lsp.positions import Positions, units
from kdlint.lsp.server import FIX_ALL, changed_lines, wanted
from kdlint.source import SourceText

T = TypeVar("T")
TIMEOUT = 60
PUBLISH = types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS
VSCODE, NEOVIM, EMACS = "visual-studio-code@v1.65.2", "neovim@v0.11.0", "emacs@v29.1"

# An emoji (two UTF-16 units, four UTF-8 bytes) and a CJK title (one unit, three bytes each) before the
# first finding; one finding per rule, so that `kdlint fix --select CODE` fixes exactly that finding.
LIST = ("## Papers\n"
        "\n"
        "- **🔥 知识蒸馏 Deep Mutual Learning, CVPR 2018** [[Pytorch]](https://github.com/x/y)\n"
        "  - http://arxiv.org/abs/1706.00384v2\n"
        "  - *Ying Zhang, Tao Xiang.*\n"
        "\n"
        "- **Relational Knowledge Distillation, iclr 2019**\n"
        "  - https://arxiv.org/abs/1904.05068\n"
        "  - *Wonpyo Park, Dongju Kim.*\n")
MESSAGES = {
    "KD108": "code label `Pytorch` is spelled `PyTorch`",
    "KD502": "non-canonical arXiv link (plain http, version v2); use https://arxiv.org/abs/1706.00384",
    "KD202": "venue `iclr` should be written `ICLR` (lower case may mark a submission: fix it only if the paper "
             "was accepted)",
}
# The findings' LSP ranges (0-based line, start character, end character) in each encoding: KD108 is at
# code points 47..54 of its line, after the emoji (one code point) and the four CJK characters.
RANGES = {
    "utf-16": {"KD108": (2, 48, 55), "KD502": (3, 4, 37), "KD202": (6, 39, 43)},
    "utf-8": {"KD108": (2, 58, 65), "KD502": (3, 4, 37), "KD202": (6, 39, 43)},
    "utf-32": {"KD108": (2, 47, 54), "KD502": (3, 4, 37), "KD202": (6, 39, 43)},
}
ENCODING = {VSCODE: "utf-16", NEOVIM: "utf-8", EMACS: "utf-32"}


def run(scenario: Awaitable[T]) -> T:
    async def bounded() -> T:
        return await asyncio.wait_for(scenario, TIMEOUT)

    return asyncio.run(bounded())


@contextlib.asynccontextmanager
async def session(root: Path, editor: str = VSCODE) -> AsyncIterator[tuple[LanguageClient, types.InitializeResult]]:
    """A client with `editor`'s capabilities and the server it started in `root`, initialized (and what the
    server answered); shut down cleanly at the end (the test fails unless the server exits 0)."""
    client = make_test_lsp_client()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KDLINT_")}
    await client.start_io(sys.executable, "-m", "kdlint", "server", cwd=str(root), env=env)
    try:
        result = await client.initialize_session(types.InitializeParams(
            capabilities=client_capabilities(editor), root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="list")]))
        yield client, result
        await client.shutdown_session()
        assert client._server is not None and client._server.returncode == 0
    finally:
        if client._server is not None and client._server.returncode is None:
            client._server.kill()
        await client.stop()


async def published(client: LanguageClient, uri: str) -> list[types.Diagnostic]:
    """The next diagnostics published for `uri`."""
    while True:
        params = await client.wait_for_notification(PUBLISH)
        if params.uri == uri:
            return list(params.diagnostics)


async def open_list(client: LanguageClient, path: Path, text: str, language: str = "markdown") -> list[types.Diagnostic]:
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=path.as_uri(), language_id=language, version=1, text=text)))
    return await published(client, path.as_uri())


def summary(diagnostics: list[types.Diagnostic]) -> list[tuple[Any, ...]]:
    return [(d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character,
             d.message, d.severity, d.source) for d in diagnostics]


def expected(encoding: str, codes: tuple[str, ...] = ("KD108", "KD502", "KD202")) -> list[tuple[Any, ...]]:
    return [(code, line, start, line, end, MESSAGES[code], types.DiagnosticSeverity.Warning, "kdlint")
            for code, (line, start, end) in RANGES[encoding].items() if code in codes]


def offset(text: str, position: types.Position, encoding: str) -> int:
    """The offset in `text` of an LSP position, counted independently of the server's code."""
    lines = text.split("\n")
    before = sum(len(line) + 1 for line in lines[: position.line])
    line = lines[position.line]
    count = 0
    for index, char in enumerate(line):
        if count >= position.character:
            return before + index
        count += units(char, encoding)
    return before + len(line)


def apply(text: str, edit: types.WorkspaceEdit, uri: str, encoding: str = "utf-16") -> str:
    """`text` with the edits of `edit` to `uri` applied, as an editor applies them."""
    if edit.document_changes is not None:
        (change,) = edit.document_changes
        assert isinstance(change, types.TextDocumentEdit) and change.text_document.uri == uri
        edits = list(change.edits)
    else:
        assert edit.changes is not None and list(edit.changes) == [uri]
        edits = list(edit.changes[uri])
    spans = sorted(((offset(text, e.range.start, encoding), offset(text, e.range.end, encoding), e.new_text)
                    for e in edits if isinstance(e, types.TextEdit)), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def kdlint_fix(path: Path, text: str, *args: str) -> str:
    """What `kdlint fix` writes for `text` at `path` (the same place: the same configuration)."""
    path.write_bytes(text.encode())
    assert main(["fix", "-q", *args, str(path)]) in (0, 1)
    return path.read_bytes().decode()


def code_actions(client: LanguageClient, uri: str, where: types.Range, diagnostics: list[types.Diagnostic],
                 only: list[str] | None = None) -> Awaitable[Any]:
    return client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=where,
        context=types.CodeActionContext(diagnostics=diagnostics, only=only)))


@pytest.fixture
def listing(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    return tmp_path / "docs" / "README.md"


def test_the_handshake_announces_sync_code_actions_and_hover(listing: Path) -> None:
    async def scenario() -> types.InitializeResult:
        async with session(listing.parent) as (_client, result):
            return result

    result = run(scenario())
    capabilities = result.capabilities
    assert result.server_info is not None and result.server_info.name == "kdlint"
    from kdlint import __version__

    assert result.server_info.version == __version__
    assert capabilities.position_encoding == types.PositionEncodingKind.Utf16
    sync = capabilities.text_document_sync
    assert isinstance(sync, types.TextDocumentSyncOptions)
    assert (sync.open_close, sync.change) == (True, types.TextDocumentSyncKind.Incremental)
    assert isinstance(sync.save, types.SaveOptions)
    actions = capabilities.code_action_provider
    assert isinstance(actions, types.CodeActionOptions) and actions.resolve_provider
    assert list(actions.code_action_kinds or ()) == [types.CodeActionKind.QuickFix, FIX_ALL]
    assert capabilities.hover_provider


@pytest.mark.parametrize("editor", [VSCODE, NEOVIM, EMACS])
def test_diagnostics_on_open_are_checks_findings_in_the_negotiated_encoding(listing: Path, editor: str,
                                                                              capsys: pytest.CaptureFixture[str]) -> None:
    async def scenario() -> tuple[str, list[types.Diagnostic]]:
        async with session(listing.parent, editor) as (client, result):
            encoding = result.capabilities.position_encoding
            return encoding, await open_list(client, listing, LIST)

    encoding, diagnostics = run(scenario())
    assert encoding == ENCODING[editor]
    assert summary(diagnostics) == expected(encoding)
    # The same findings, at the same places, as `kdlint check` reports for the file.
    listing.write_text(LIST, encoding="utf-8")
    main(["check", str(listing)])
    lines = capsys.readouterr().out.splitlines()
    shown = [line.split(": ", 1)[1] for line in lines if line.startswith(str(listing))]
    positions = Positions(SourceText(LIST), encoding)
    assert [f"{d.code} {'[*] ' if d.code != 'KD202' else ''}{d.message}" for d in diagnostics] == shown
    assert [positions.position(int(line.split(":")[1]), int(line.split(":")[2])).character for line in lines
            if line.startswith(str(listing))] == [d.range.start.character for d in diagnostics]


def test_a_change_is_checked_again_an_edit_after_an_emoji_lands_where_the_editor_meant(listing: Path) -> None:
    async def scenario() -> tuple[list[types.Diagnostic], ...]:
        async with session(listing.parent) as (client, _result):
            first = await open_list(client, listing, LIST)
            uri = listing.as_uri()
            kd108 = first[0].range  # `Pytorch`, after the emoji: an incremental edit in UTF-16 units
            client.text_document_did_change(types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
                content_changes=[types.TextDocumentContentChangePartial(range=kd108, text="PyTorch")]))
            second = await published(client, uri)
            # A whole new text (full sync), then one more edit typed quickly after it: only the last is checked.
            client.text_document_did_change(types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=3),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=LIST)]))
            client.text_document_did_change(types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=4),
                content_changes=[types.TextDocumentContentChangePartial(range=types.Range(
                    start=types.Position(line=3, character=4), end=types.Position(line=3, character=37)),
                    text="https://arxiv.org/abs/1706.00384")]))
            third = await published(client, uri)
            client.text_document_did_save(types.DidSaveTextDocumentParams(
                text_document=types.TextDocumentIdentifier(uri=uri)))
            saved = await published(client, uri)  # the editor's text again, not the file (which does not exist)
            client.text_document_did_close(types.DidCloseTextDocumentParams(
                text_document=types.TextDocumentIdentifier(uri=uri)))
            return first, second, third, saved, await published(client, uri)

    first, second, third, saved, closed = run(scenario())
    assert summary(first) == expected("utf-16")
    assert summary(second) == expected("utf-16", ("KD502", "KD202"))
    assert summary(third) == summary(saved) == expected("utf-16", ("KD108", "KD202"))
    assert closed == []


@pytest.mark.parametrize("editor", [VSCODE, NEOVIM])
def test_each_quick_fix_gives_what_kdlint_fix_gives_for_that_finding(listing: Path, editor: str) -> None:
    async def scenario() -> tuple[str, list[types.Diagnostic], list[list[types.CodeAction]]]:
        async with session(listing.parent, editor) as (client, result):
            encoding = result.capabilities.position_encoding
            diagnostics = await open_list(client, listing, LIST)
            actions = [await code_actions(client, listing.as_uri(), d.range, [d], [types.CodeActionKind.QuickFix])
                       for d in diagnostics]
            return encoding, diagnostics, actions

    encoding, diagnostics, actions = run(scenario())
    titles = [[(a.title, a.kind, a.is_preferred) for a in found] for found in actions]
    assert titles == [[("KD108: Write `PyTorch`", "quickfix", True)],
                      [("KD502: Use https://arxiv.org/abs/1706.00384", "quickfix", True)],
                      [("KD202: Write `ICLR` (unsafe)", "quickfix", None)]]
    for diagnostic, (action,) in zip(diagnostics, actions):
        assert list(action.diagnostics or ()) == [diagnostic]
        assert action.edit is not None
        fixed = apply(LIST, action.edit, listing.as_uri(), encoding)
        code = str(diagnostic.code)
        assert fixed == kdlint_fix(listing, LIST, "--select", code, *(["--unsafe-fixes"] if code == "KD202" else []))
        assert fixed != LIST


def test_quick_fixes_are_those_of_the_findings_in_the_range_asked_for(listing: Path) -> None:
    async def scenario() -> tuple[list[Any], list[Any], Any]:
        async with session(listing.parent) as (client, _result):
            diagnostics = await open_list(client, listing, LIST)
            whole = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=9, character=0))
            everything = await code_actions(client, listing.as_uri(), whole, diagnostics)
            heading = types.Range(start=types.Position(line=0, character=1), end=types.Position(line=0, character=1))
            nothing = await code_actions(client, listing.as_uri(), heading, [], [types.CodeActionKind.QuickFix])
            refactor = await code_actions(client, listing.as_uri(), whole, diagnostics, [types.CodeActionKind.Refactor])
            return everything, nothing or [], refactor

    everything, nothing, refactor = run(scenario())
    assert [(a.title, a.kind) for a in everything] == [
        ("KD108: Write `PyTorch`", "quickfix"), ("KD502: Use https://arxiv.org/abs/1706.00384", "quickfix"),
        ("KD202: Write `ICLR` (unsafe)", "quickfix"), ("Fix all safe kdlint findings", FIX_ALL)]
    assert nothing == []
    assert refactor is None


@pytest.mark.parametrize("editor", [VSCODE, NEOVIM, EMACS])
def test_fix_all_is_what_kdlint_fix_writes(listing: Path, editor: str) -> None:
    crlf = LIST.replace("\n", "\r\n")  # and the list's line endings stay

    async def scenario() -> tuple[str, list[Any], types.CodeAction]:
        async with session(listing.parent, editor) as (client, result):
            encoding = result.capabilities.position_encoding
            diagnostics = await open_list(client, listing, crlf)
            where = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0))
            actions = await code_actions(client, listing.as_uri(), where, diagnostics, ["source.fixAll"])
            (action,) = actions
            resolved = action if action.edit is not None else await client.code_action_resolve_async(action)
            return encoding, actions, resolved

    encoding, actions, resolved = run(scenario())
    assert [(a.title, a.kind) for a in actions] == [("Fix all safe kdlint findings", FIX_ALL)]
    assert (actions[0].edit is None) == (editor != EMACS)  # computed when resolved, by the editors that can
    assert resolved.edit is not None
    fixed = apply(crlf, resolved.edit, listing.as_uri(), encoding)
    assert fixed == kdlint_fix(listing, crlf)
    assert "[[PyTorch]]" in fixed and "iclr 2019" in fixed and fixed.count("\r\n") == crlf.count("\r\n")


def test_hover_on_a_finding_is_kdlint_rule_and_elsewhere_nothing(listing: Path, capsys: pytest.CaptureFixture[str]) -> None:
    async def scenario() -> tuple[Any, Any, Any]:
        async with session(listing.parent) as (client, _result):
            diagnostics = await open_list(client, listing, LIST)
            uri = types.TextDocumentIdentifier(uri=listing.as_uri())
            inside = types.Position(line=2, character=50)  # within `Pytorch`, counted in UTF-16
            on = await client.text_document_hover_async(types.HoverParams(text_document=uri, position=inside))
            end = await client.text_document_hover_async(types.HoverParams(text_document=uri,
                                                                           position=diagnostics[1].range.end))
            off = await client.text_document_hover_async(types.HoverParams(
                text_document=uri, position=types.Position(line=0, character=3)))
            return on, end, off

    on, end, off = run(scenario())
    assert main(["rule", "KD108"]) == 0
    rule = capsys.readouterr().out
    assert isinstance(on.contents, types.MarkupContent) and on.contents.kind == types.MarkupKind.Markdown
    assert on.contents.value + "\n" == rule
    assert on.range == types.Range(start=types.Position(line=2, character=48), end=types.Position(line=2, character=55))
    assert main(["rule", "KD502"]) == 0
    assert end.contents.value + "\n" == capsys.readouterr().out
    assert off is None


def test_requests_are_answered_while_a_long_list_is_checked(listing: Path) -> None:
    """The check runs on a worker: a hover on a list checked already is answered before a long list opened
    just before it has its diagnostics (checked on the event loop, the hover waited for the whole check)."""
    long_list = listing.parent / "LONG.md"
    entries = "".join(f"- **Paper number {n} on distillation, CVPR 2019**\n  - http://arxiv.org/abs/1904.{n:05d}\n"
                      "  - *Ann Author, Bob Writer.*\n\n" for n in range(4000))

    async def scenario() -> tuple[bool, int]:
        async with session(listing.parent) as (client, _result):
            await open_list(client, listing, LIST)
            client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
                uri=long_list.as_uri(), language_id="markdown", version=1, text="## Papers\n\n" + entries)))
            hover = await client.text_document_hover_async(types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=listing.as_uri()),
                position=types.Position(line=2, character=50)))
            answered_first = hover is not None and long_list.as_uri() not in client.diagnostics
            return answered_first, len(await published(client, long_list.as_uri()))

    answered_first, found = run(scenario())
    assert answered_first
    assert found == 4000  # every entry's `http://` (KD501)


def test_a_session_written_at_once_is_answered_whole(listing: Path) -> None:
    """A client may write a whole session and close the pipe, exit sent without waiting for the answer to
    shutdown: what it asked before is answered, the long list's diagnostics published, and the exit code is
    0. (pygls stops at the end of its input and drops what is still running; shutdown cancels what is.)"""
    uri = (listing.parent / "LONG.md").as_uri()
    entries = "".join(f"- **Paper number {n} on distillation, CVPR 2019**\n  - http://arxiv.org/abs/1904.{n:05d}\n"
                      "  - *Ann Author, Bob Writer.*\n\n" for n in range(2000))
    session = frames(
        {"id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}},
        {"method": "initialized", "params": {}},
        {"method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "markdown", "version": 1, "text": "## Papers\n\n" + entries}}},
        {"id": 2, "method": "textDocument/codeAction", "params": {
            "textDocument": {"uri": uri}, "range": {"start": {"line": 3, "character": 0},
                                                    "end": {"line": 4, "character": 0}},
            "context": {"diagnostics": [], "only": ["quickfix"]}}},
        {"id": 3, "method": "shutdown"},
        {"method": "exit"})
    done = subprocess.run([sys.executable, "-m", "kdlint", "server"], input=session, capture_output=True,
                          cwd=listing.parent, timeout=120)
    assert done.returncode == 0, done.stderr
    answers = {m.get("id", m.get("method")): m for m in unframed(done.stdout)}
    assert len(answers["textDocument/publishDiagnostics"]["params"]["diagnostics"]) == 2000  # KD501 each
    assert [a["title"] for a in answers[2]["result"]] == ["KD501: Use https"]
    assert answers[3] == {"id": 3, "jsonrpc": "2.0", "result": None}
    assert b"Traceback" not in done.stderr


@pytest.mark.parametrize(("name", "text", "codes"), [
    ("pyproject.toml", '[tool.kdlint]\nignore = ["KD108"]\n', ("KD502", "KD202")),
    (".kdlint.toml", 'select = ["KD1"]\n', ("KD108",)),
])
def test_the_configuration_beside_the_list_counts_and_a_change_to_it_once_saved(
        listing: Path, name: str, text: str, codes: tuple[str, ...]) -> None:
    async def scenario() -> tuple[list[types.Diagnostic], list[types.Diagnostic]]:
        async with session(listing.parent) as (client, _result):
            (listing.parent.parent / name).write_text(text)  # found by walking up, as `kdlint check` finds it
            configured = await open_list(client, listing, LIST)
            (listing.parent.parent / name).write_text(text.replace("KD108", "KD5").replace("KD1", "KD5"))
            client.text_document_did_save(types.DidSaveTextDocumentParams(
                text_document=types.TextDocumentIdentifier(uri=(listing.parent.parent / name).as_uri())))
            return configured, await published(client, listing.as_uri())

    configured, changed = run(scenario())
    assert summary(configured) == expected("utf-16", codes)
    assert [d.code for d in changed] == (["KD108", "KD202"] if name == "pyproject.toml" else ["KD502"])


def test_the_server_watches_the_configuration_files_and_checks_again_when_one_changes(listing: Path) -> None:
    """VS Code syncs only the documents its client selects (Markdown): a configuration edited in the editor
    or outside it reaches the server as a watched file's change, which the server asked to be told of."""
    registrations: list[types.RegistrationParams] = []

    async def scenario() -> tuple[list[types.Diagnostic], list[types.Diagnostic]]:
        async with session(listing.parent) as (client, _result):
            @client.feature(types.CLIENT_REGISTER_CAPABILITY)
            def register(params: types.RegistrationParams) -> None:
                registrations.append(params)

            before = await open_list(client, listing, LIST)
            config = listing.parent / ".kdlint.toml"
            config.write_text('ignore = ["KD5"]\n')
            client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
                types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Created)]))
            return before, await published(client, listing.as_uri())

    before, after = run(scenario())
    assert [d.code for d in before] == ["KD108", "KD502", "KD202"]
    assert [d.code for d in after] == ["KD108", "KD202"]
    ((registration,),) = [r.registrations for r in registrations]
    assert registration.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    assert registration.register_options is not None
    assert [w["globPattern"] for w in registration.register_options["watchers"]] == ["**/.kdlint.toml",
                                                                                       "**/pyproject.toml"]


def test_a_broken_configuration_is_said_once_and_gives_no_diagnostics(listing: Path) -> None:
    (listing.parent / "pyproject.toml").write_text('[tool.kdlint]\nselect = ["KD108"]\nsort = "sideways"\n')
    other = listing.parent / "other.md"

    async def scenario() -> tuple[list[Any], list[Any], list[types.ShowMessageParams], Any]:
        async with session(listing.parent) as (client, _result):
            first = await open_list(client, listing, LIST)
            second = await open_list(client, other, LIST)
            hover = await client.text_document_hover_async(types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=listing.as_uri()),
                position=types.Position(line=2, character=50)))
            return first, second, list(client.messages), hover

    first, second, messages, hover = run(scenario())
    assert (first, second, hover) == ([], [], None)
    (message,) = messages
    assert message.type == types.MessageType.Error
    assert message.message.startswith(f"kdlint: {listing.parent / 'pyproject.toml'}: [tool.kdlint]")
    assert "sort" in message.message


def test_what_kdlint_does_not_check_gets_no_diagnostics(listing: Path) -> None:
    async def scenario() -> tuple[list[types.Diagnostic], list[types.Diagnostic], list[types.Diagnostic]]:
        async with session(listing.parent) as (client, _result):
            text = await open_list(client, listing.with_suffix(".txt"), LIST, language="plaintext")
            markdown_by_name = await open_list(client, listing.with_suffix(".markdown"), LIST, language="plaintext")
            untitled = types.TextDocumentItem(uri="untitled:Untitled-1", language_id="markdown", version=1, text=LIST)
            client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=untitled))
            untitled_found = await published(client, "untitled:Untitled-1")
            never_opened = types.TextDocumentIdentifier(uri=(listing.parent / "missing.md").as_uri())
            hover = await client.text_document_hover_async(types.HoverParams(
                text_document=never_opened, position=types.Position(line=0, character=0)))
            assert hover is None and client.messages == []  # nothing to say, nothing gone wrong
            return text, markdown_by_name, untitled_found

    text, markdown_by_name, untitled = run(scenario())
    assert text == []
    assert summary(markdown_by_name) == summary(untitled) == expected("utf-16")


def test_an_exit_without_shutdown_exits_1(listing: Path) -> None:
    async def scenario() -> int | None:
        client = make_test_lsp_client()
        await client.start_io(sys.executable, "-m", "kdlint", "server", cwd=str(listing.parent))
        await client.initialize_session(types.InitializeParams(capabilities=client_capabilities(VSCODE)))
        client.exit(None)
        assert client._server is not None
        code = await client._server.wait()
        await client.stop()
        return code

    assert run(scenario()) == 1


def test_only_the_server_command_imports_pygls(listing: Path) -> None:
    listing.write_text(LIST)
    code = ("import sys; from kdlint.cli import main\n"
            "import contextlib, io\n"
            "for argv in (['--help'], ['check', sys.argv[1]], ['fix', '--diff', sys.argv[1]], ['rule', 'KD108']):\n"
            "    with contextlib.redirect_stdout(io.StringIO()): main(argv)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol', 'cattrs', 'attrs')\n"
            "             or m.startswith('kdlint.lsp')))\n")
    done = subprocess.run([sys.executable, "-c", code, str(listing)], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "[]"


def test_positions_count_code_units_of_each_encoding() -> None:
    assert [units("a🔥知", encoding) for encoding in ("utf-16", "utf-8", "utf-32")] == [4, 8, 3]
    source = SourceText("🔥x\nab\n")
    positions = Positions(source)
    assert positions.position(1, 2) == types.Position(line=0, character=2)
    assert positions.position(2, 9) == types.Position(line=1, character=2)  # past the end: the line's end
    assert positions.position(9, 1) == types.Position(line=2, character=0)  # past the last line: the text's end
    assert positions.at_offset(len(source.text)) == types.Position(line=2, character=0)
    bom = Positions(SourceText("ab", bom=True))  # the editor's text holds the BOM; kdlint's does not
    assert bom.position(1, 1) == types.Position(line=0, character=1)


@pytest.mark.parametrize(("old", "new", "edit"), [
    ("a\nb\nc\n", "a\nB\nc\n", (2, 4, "B\n")),
    ("a\r\nb\r\n", "a\r\nB\r\n", (3, 6, "B\r\n")),  # whole lines: never between CR and LF
    ("a\nb", "a\nbc", (2, 3, "bc")),  # no final newline
    ("a\n", "a\n", (2, 2, "")),
    ("a\nb\n", "b\n", (0, 2, "")),
])
def test_fix_all_replaces_only_the_lines_that_change(old: str, new: str, edit: tuple[int, int, str]) -> None:
    assert changed_lines(old, new) == edit
    start, end, text = edit
    assert old[:start] + text + old[end:] == new


def test_code_action_kinds_asked_for() -> None:
    assert wanted(FIX_ALL, None) and wanted(FIX_ALL, ["source"]) and wanted(FIX_ALL, ["source.fixAll"])
    assert not wanted(FIX_ALL, ["quickfix"]) and not wanted("quickfix", ["source"])
    assert not wanted(FIX_ALL, ["source.fix"])  # a prefix of the kind's words, not of its letters
