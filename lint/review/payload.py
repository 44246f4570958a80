"""The review payload: everything the posting step needs, and nothing it must trust beyond text.

schema/review.schema.json is generated from these models
(`python -m kdlint.review.payload`); the posting step validates the payload
against the models before using it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from ..diagnostics import Severity
from ..schemas import load_json, schema_text
from ..source import InputError

VERSION = 1
MAX_SUGGESTION = 60_000  # characters: with the message, a comment stays under GitHub's 65,536
MAX_MESSAGE = 2000


class ReviewFinding(BaseModel):
    model_config = ConfigDict(extra="forbid")

    path: str = Field(min_length=1, max_length=4096, description="Repository-relative POSIX path.")
    start_line: int = Field(ge=1, description="First line the finding (or its suggestion) covers.")
    end_line: int = Field(ge=1, description="Last line, inclusive.")
    code: str = Field(pattern=r"^KD\d{3}$")
    name: str = Field(max_length=100)
    message: str = Field(max_length=MAX_MESSAGE)
    severity: Severity
    fingerprint: str = Field(pattern=r"^[0-9a-f]{32}$")
    in_diff: bool = Field(description="Every line of start_line..end_line is inside a hunk of the pull request.")
    suggestion: str | None = Field(
        None, max_length=MAX_SUGGESTION,
        description="The exact replacement text of lines start_line..end_line (safe fixes only), without a final "
                    "newline; null when the finding has no safe fix.")

    also_fixes: list[Annotated[str, StringConstraints(pattern=r"^KD\d{3}$")]] = Field(
        default_factory=list, max_length=100,
        description="Codes of the other findings on these lines whose safe fixes the suggestion applies too.")

    @model_validator(mode="after")
    def _range(self) -> ReviewFinding:
        if self.end_line < self.start_line:
            raise ValueError("end_line is before start_line")
        return self


class ReviewPayload(BaseModel):
    model_config = ConfigDict(extra="forbid", title="kdlint review payload")

    version: int = Field(VERSION, description="The payload format.")
    head_sha: str = Field(pattern=r"^[0-9a-f]{40}$", description="The commit the findings are about.")
    base: str | None = Field(None, max_length=256, description="The revision the pull request is compared with.")
    files: list[str] = Field(default_factory=list, description="The Markdown files that were checked.")
    findings: list[ReviewFinding] = Field(max_length=10_000)


def write(payload: ReviewPayload, target: Path) -> None:
    target.write_text(payload.model_dump_json(indent=2) + "\n", encoding="utf-8")


def load(path: Path) -> ReviewPayload:
    payload = load_json(path, ReviewPayload, "kdlint review payload")
    if payload.version != VERSION:
        raise InputError(f"{path}: review payload version {payload.version} is not supported")
    return payload


if __name__ == "__main__":  # python -m kdlint.review.payload > schema/review.schema.json
    print(schema_text(ReviewPayload.model_json_schema()), end="")
