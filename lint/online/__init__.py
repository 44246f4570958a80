"""kdlint online: the paper metadata services behind `kdlint add` and `kdlint verify`.

`record` holds what every service answers with, in one shape (`Paper`); the
clients of the individual services turn their payloads into it.
"""
