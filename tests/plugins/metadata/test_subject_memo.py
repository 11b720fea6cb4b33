"""A page's subject is looked up once per render, and never carried over to another page."""

from __future__ import annotations

from typing import Any

from jinja2 import DictLoader, Environment, pass_context
from metadata.subjects import subject_of


class Post:
    """A content object whose `save_as` counts how often it is worked out, as Pelican's is."""

    asked = 0

    def __init__(self, title: str, save_as: str) -> None:
        self.title = title
        self._save_as = save_as

    @property
    def save_as(self) -> str:
        Post.asked += 1
        return self._save_as


@pass_context
def subject_title(context: Any) -> str:
    subject = subject_of(context)
    return subject.title if subject is not None else "none"


def environment(template: str) -> Environment:
    env = Environment(loader=DictLoader({"page.html": template}), autoescape=True)
    env.globals["subject_title"] = subject_title
    return env


def test_each_render_finds_its_own_subject() -> None:
    env = environment("{{ subject_title() }}|{{ subject_title() }}")
    first = Post("First", "posts/first/index.html")
    second = Post("Second", "posts/second/index.html")

    pages = [
        env.get_template("page.html").render(article=post, output_file=post.save_as)
        for post in (first, second, first)
    ]

    assert pages == ["First|First", "Second|Second", "First|First"]


def test_a_listing_has_no_subject_even_after_a_post() -> None:
    env = environment("{{ subject_title() }}")
    post = Post("A post", "posts/a/index.html")
    env.get_template("page.html").render(article=post, output_file="posts/a/index.html")

    listing = env.get_template("page.html").render(article=post, output_file="tags/x/index.html")

    assert listing == "none"


def test_a_subject_the_template_sets_is_found() -> None:
    env = environment("{{ subject_title() }}|{% set article = other %}{{ subject_title() }}")
    post = Post("The post", "posts/a/index.html")
    other = Post("Another", "posts/a/index.html")

    page = env.get_template("page.html").render(
        article=post, other=other, output_file="posts/a/index.html"
    )

    assert page == "The post|Another"


def test_many_questions_in_one_render_work_save_as_out_once() -> None:
    env = environment("{% for _ in range(100) %}{{ subject_title() }}{% endfor %}")
    post = Post("P", "posts/p/index.html")
    Post.asked = 0

    env.get_template("page.html").render(article=post, output_file="posts/p/index.html")

    assert Post.asked == 1
