"""The pull-request review bot: prepare a payload from the checked-out head, post it as one review.

Preparing reads the pull request's files and needs no token; posting needs a
token and never reads the pull request's files. The two can run in different
jobs with different permissions (see .github/workflows/).
"""
