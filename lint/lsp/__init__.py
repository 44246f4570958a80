"""The language server (`kdlint server`): kdlint's findings, fixes and rule documentation in an editor.

`server` speaks LSP over standard input and output (pygls); `positions` turns
kdlint's positions (1-based lines, columns in code points) into the editor's
(0-based lines, characters in the code units both sides agreed on, UTF-16
unless the editor offers another). Only `kdlint server` imports this package:
no other command pays for pygls.
"""
