"""The watch on content objects' changeable parts (content_model/page_reads.py): every read is
noted while a page renders, by whatever path, and the answers are what they were."""

from __future__ import annotations

from typing import Any

from content_model import page_reads


class Post:
    """A content object in miniature: a body attribute, a memoising property over it, and a
    comment section set later by a plugin."""

    calls = 0

    def __init__(self, body: str) -> None:
        self._content = body

    @property
    def content(self) -> str:
        Post.calls += 1
        return self._content.upper()

    def get_summary(self, _siteurl: str) -> str:
        return self._content[:5]


def test_reads_of_watched_parts_are_noted_only_while_a_page_renders() -> None:
    page_reads.watch([Post])
    first, second = Post("hello world"), Post("another post")
    second.comments = ["a comment"]  # type: ignore[attr-defined]

    assert first.content == "HELLO WORLD"  # no page is rendering: nothing is noted
    page_reads.start_reading()
    assert first.get_summary("") == "hello"
    assert second.comments == ["a comment"]  # type: ignore[attr-defined]
    read = page_reads.stop_reading()

    assert read == {(id(first), "text"), (id(second), "comments")}
    page_reads.start_reading()
    assert page_reads.stop_reading() == set()


def test_a_watched_class_answers_as_before() -> None:
    page_reads.watch([Post])
    page_reads.watch([Post])  # twice: one watch
    post = Post("body")
    assert post.content == "BODY"
    assert not hasattr(post, "comments")  # never set: still no such attribute
    post._content = "changed"
    assert post.content == "CHANGED"
    del post._content
    assert not hasattr(post, "_content")
    assert isinstance(Post.__dict__["content"], page_reads._Watched)


def test_a_subclass_is_watched_through_its_parent_s_property() -> None:
    class Consultation(Post):
        pass

    page_reads.watch([Post])
    page_reads.watch([Consultation])
    consultation = Consultation("consult")
    page_reads.start_reading()
    assert consultation.content == "CONSULT"
    read: set[Any] = page_reads.stop_reading()
    assert read == {(id(consultation), "text")}


def test_a_kept_answer_notes_every_group_of_the_object() -> None:
    page_reads.watch([Post])
    post = Post("body")
    page_reads.start_reading()
    page_reads.note(post)
    assert page_reads.stop_reading() == {(id(post), group) for group in page_reads.PARTS}
