"""Webchat and panel transcripts: `Question:` and `Answer:` blocks in the body of a source.

    Question: Ruth, Hull
    Why should taxpayers fund political parties?

    Answer: priya-raman
    They already do, in part...

`Question:` takes the asker's display name as it appeared in the chat; `Answer:` takes a key of
the people registry. Text before the first question is the introduction. A question may have
several answers, or none (it is shown as not answered). Every mistake is a (line, message).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from content_model.registries import suggestion

MARKER = re.compile(r"^(?P<kind>Question|Answer):[ \t]*(?P<who>.*?)\s*$")


@dataclass
class Answer:
    person: Any  # a registry Person
    html: str


@dataclass
class Exchange:
    number: int
    asker: str
    html: str
    answers: list[Answer] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"question-{self.number}"


@dataclass
class _Block:
    kind: str
    who: str
    line: int
    lines: list[str] = field(default_factory=list)


def _blocks(body: list[str], first_line: int) -> tuple[list[str], list[_Block]]:
    introduction: list[str] = []
    blocks: list[_Block] = []
    for offset, text in enumerate(body):
        marker = MARKER.match(text)
        if marker:
            blocks.append(_Block(marker["kind"], marker["who"], first_line + offset))
        elif blocks:
            blocks[-1].lines.append(text)
        else:
            introduction.append(text)
    return introduction, blocks


def parse_transcript(
    body: list[str],
    first_line: int,
    people: dict[str, Any],
    render: Callable[[str], str],
    reported: Callable[[str], bool] = lambda _key: False,
) -> tuple[str, list[Exchange], list[tuple[int, str]]]:
    """The introduction's HTML, the exchanges and the problems of a transcript's body lines.

    `first_line` is the file's line number of `body[0]`, so problems point into the source.
    `reported(key)` says a missing person's problem is the registry's, reported there.
    """
    introduction, blocks = _blocks(body, first_line)
    exchanges: list[Exchange] = []
    problems: list[tuple[int, str]] = []
    for block in blocks:
        text = "\n".join(block.lines).strip()
        if block.kind == "Question":
            if not block.who:
                problems.append(
                    (block.line, "Question needs who asked: 'Question: <display name>'")
                )
            if not text:
                problems.append(
                    (block.line, "this Question has no text: write it on the lines below")
                )
            exchanges.append(Exchange(len(exchanges) + 1, block.who, render(text)))
            continue
        person = people.get(block.who)
        if person is None and reported(block.who):
            continue
        if person is None:
            hint = suggestion(block.who, list(people))
            problems.append(
                (
                    block.line,
                    f"unknown person '{block.who}' answering{hint}: "
                    "use a key from the people registry (content/people.toml)",
                )
            )
        elif not exchanges:
            problems.append(
                (
                    block.line,
                    "an Answer comes before any Question: start with 'Question: <display name>'",
                )
            )
        elif not text:
            problems.append((block.line, "this Answer has no text: write it on the lines below"))
        else:
            exchanges[-1].answers.append(Answer(person, render(text)))
    if not blocks:
        problems.append(
            (
                first_line,
                "a transcript needs questions and answers: write 'Question: <display name>' "
                "and 'Answer: <person key>' lines, each followed by its text",
            )
        )
    return render("\n".join(introduction).strip()), exchanges, problems
