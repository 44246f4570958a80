"""OpenReview's API (v2): `/notes?id=ID` read into a `Paper`.

In API v2 each content field is `{"value": ...}` (`content.title.value`,
`content.authors.value`, `content.venue.value` like "ICLR 2023 poster"); a
plain value, as API v1 wrote it, is read too. The venue names the year; a
note without one takes the year of its `pdate` or `cdate` (milliseconds since
1970). A submission that is not accepted ("Submitted to ICLR 2023", a
withdrawn or rejected one) has no venue: it is not published.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from .client import ServiceClient
from .payload import listed, mapping, parse_json, text
from .record import NotFound, NotVerified, Paper, Service
from .text import author_name
from .transport import BadAnswer, Unavailable

_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_UNPUBLISHED = re.compile(r"^submitted to\b|withdrawn|rejected|desk.reject", re.IGNORECASE)
# What follows the year in a venue says how the paper was presented, not where.
_PRESENTATION = re.compile(r"^(?:(?:conference|poster|oral|spotlight|notable|top|accept(?:ed)?|paper|"
                           r"\d+%|[-,()])\s*)+$", re.IGNORECASE)


def _value(content: dict[str, Any], name: str) -> Any:
    field = content.get(name)
    return field.get("value") if isinstance(field, dict) else field


def venue_and_year(venue: str | None) -> tuple[str | None, int | None]:
    """ "ICLR 2023 poster" -> ("ICLR", 2023); "Submitted to ICLR 2023" -> (None, 2023)."""
    if venue is None:
        return None, None
    found = _YEAR.search(venue)
    year = int(found.group()) if found else None
    if _UNPUBLISHED.search(venue):
        return None, year
    if found is None:
        return venue, None
    before, after = venue[: found.start()].strip(), venue[found.end() :].strip()
    rest = "" if not after or _PRESENTATION.match(after) else f" {after}"
    return (before + rest).strip() or None, year


def _date_year(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        return None
    try:
        return datetime.fromtimestamp(value / 1000, UTC).year
    except (OverflowError, OSError, ValueError):
        return None


def parse_note(note: dict[str, Any], forum: str) -> Paper:
    """The paper of one note."""
    content = mapping(note.get("content"), "an OpenReview note's content")
    title = text(_value(content, "title"))
    if title is None:
        raise BadAnswer("the OpenReview note has no title")
    names = [author_name(name) for name in listed(_value(content, "authors")) if isinstance(name, str)]
    venue, venue_year = venue_and_year(text(_value(content, "venue")))
    return Paper(service=Service.OPENREVIEW, source_key=forum, title=title,
                 authors=tuple(name for name in names if name),
                 year=venue_year or _date_year(note.get("pdate")) or _date_year(note.get("cdate")),
                 venue=venue, openreview_id=forum, url=f"https://openreview.net/forum?id={forum}")


class OpenReviewClient(ServiceClient):
    """Papers by OpenReview forum id."""

    service = Service.OPENREVIEW

    def note(self, forum: str) -> Paper | NotFound | NotVerified:
        """The record of a forum id (its submission's note)."""
        kept = self.cached(forum)
        if kept is not None:
            return kept
        missing = NotFound(self.service, f"OpenReview has no note {forum}")
        try:
            reply = self.transport.get(self.service, f"{self.endpoint}/notes", {"id": forum})
            if reply.status in (400, 404) and b"NotFound" in reply.body:
                answer: Paper | NotFound = missing
            elif reply.status != 200:
                raise BadAnswer(f"HTTP {reply.status}")
            else:
                notes = listed(mapping(parse_json(reply.body, self.service), "OpenReview's answer").get("notes"))
                own = [note for note in notes if isinstance(note, dict) and note.get("id") == forum]
                answer = parse_note(own[0], forum) if own else missing
        except (Unavailable, BadAnswer) as exc:
            return NotVerified(self.service, exc.reason)
        self.keep(forum, answer)
        return answer
