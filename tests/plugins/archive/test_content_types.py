"""The media type each archived file is recorded (and replayed) with."""

from __future__ import annotations

import pytest
from archive.files import content_type
from documents.formats import FORMATS


@pytest.mark.parametrize("extension", sorted(FORMATS))
def test_every_document_format_a_consultation_may_attach_keeps_its_type(extension: str) -> None:
    """An OpenDocument or Office file recorded as application/octet-stream is replayed as an
    unknown download; the documents plugin accepts these formats, so the archive knows them."""
    recorded = content_type(f"consultations/x/impact-assessment{extension}")
    assert recorded.split(";")[0] == FORMATS[extension].media_type


def test_feeds_and_pages_keep_their_own_types() -> None:
    assert content_type("feeds/posts.atom.xml") == "application/atom+xml"
    assert content_type("posts/2026/x/index.html") == "text/html; charset=utf-8"
    assert content_type("open-data/participation.csv") == "text/csv; charset=utf-8"
    assert content_type("data/unknown.bin") == "application/octet-stream"
