"""`kdlint server`: the language server, over standard input and output.

pygls is imported here, when the command runs, and nowhere else: no other
command's start-up pays for it.
"""

from __future__ import annotations

import click


@click.command()
@click.option("--stdio", is_flag=True, help="Speak over standard input and output (the default and only way; "
              "accepted because editors' LSP clients pass it).")
@click.pass_context
def server(ctx: click.Context, stdio: bool) -> None:
    """Run the language server (LSP over standard input and output) for editors.

    Diagnostics for each Markdown document as it is edited, with the configuration `kdlint check` would use for
    it; quick fixes from the fixes and `source.fixAll.kdlint` (what `kdlint fix` writes); the rule's
    documentation on hover.
    """
    from ..lsp.server import serve

    ctx.exit(serve())
