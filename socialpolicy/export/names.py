"""Names a Word export writes and a reviewed copy is read back by: the authors of our own tracked changes
and comments, and the bookmarks. Kept apart from :mod:`socialpolicy.export.docx` so that reading a review
(and the app's start-up) does not load python-docx."""

from __future__ import annotations

import re

from socialpolicy import digest

AUTHOR = "Social Policy Studio"
CHECKER = "Social Policy Studio checker"
REVIEW_BOOKMARK = "review-notes"
_BOOKMARK_OK = re.compile(r"[^A-Za-z0-9_]")


def bookmark_name(anchor: str) -> str:
    """A Word bookmark name for an anchor: letters, digits and underscores, at most 40 characters."""
    name = _BOOKMARK_OK.sub("_", anchor)
    if not name[:1].isalpha():
        name = "b_" + name
    if len(name) > 40:
        name = name[:31] + "_" + digest.sha1_hex(anchor)[:8]
    return name
