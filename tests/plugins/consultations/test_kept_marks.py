"""The "You said / We did" marking is kept between builds, and never served for other text."""

from __future__ import annotations

from pathlib import Path

import pytest
from consultations import kept_marks
from consultations.kept_marks import KeptMarks
from consultations.responses import mark_sections

RESPONSE = "<h2>Parks</h2><h3>You said</h3><p>More benches.</p><h3>We did</h3><p>Added 40.</p>"


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    marked: list[str] = []

    def counting(html: str) -> tuple[str, set[str]]:
        marked.append(html)
        return mark_sections(html)

    monkeypatch.setattr(kept_marks, "mark_sections", counting)
    monkeypatch.delenv("DIALOGUES_CACHE_PATH", raising=False)  # the settings name the cache
    return marked


def test_a_later_build_takes_the_kept_marking(tmp_path: Path, counted: list[str]) -> None:
    settings = {"BUILD_CACHE_PATH": str(tmp_path)}
    first = KeptMarks(settings)
    assert first.mark(RESPONSE) == mark_sections(RESPONSE)
    first.save()

    later = KeptMarks(settings)
    marked, kinds = later.mark(RESPONSE)

    assert counted == [RESPONSE]  # marked once, in the first build
    assert (marked, kinds) == mark_sections(RESPONSE)
    assert 'class="dialogues-you-said-we-did dialogues-you-said-we-did--did"' in marked


def test_edited_text_is_marked_again(tmp_path: Path, counted: list[str]) -> None:
    settings = {"BUILD_CACHE_PATH": str(tmp_path)}
    first = KeptMarks(settings)
    first.mark(RESPONSE)
    first.save()

    edited = RESPONSE.replace("<h3>We did</h3><p>Added 40.</p>", "")
    marked, kinds = KeptMarks(settings).mark(edited)

    assert counted == [RESPONSE, edited]
    assert kinds == {"you said"}
    assert "dialogues-you-said-we-did--did" not in marked


def test_without_a_cache_every_build_marks(counted: list[str]) -> None:
    settings = {"BUILD_CACHE_PATH": None}
    KeptMarks(settings).mark(RESPONSE)
    KeptMarks(settings).mark(RESPONSE)
    assert counted == [RESPONSE, RESPONSE]
