"""Problems found in the sources, collected so one build or check reports all of them at once.

Readers and validators add problems instead of raising, because Pelican swallows a reader's
exception after logging it and carries on with half a site. The publishing plugin raises
:class:`ContentError` once every source has been read, before anything is written.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one source file: where it is and what to do about it."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ContentError(SystemExit):
    """The sources have problems; nothing was published.

    A SystemExit, because the problems are already listed one per line and a traceback
    from Pelican's top level would bury them; exit status 1.
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        noun = "problem" if len(problems) == 1 else "problems"
        self.summary = f"{len(problems)} {noun} in the content; nothing was published"
        super().__init__(1)

    def __str__(self) -> str:
        return self.summary


def display_path(path: str) -> str:
    """A path as the person running the build typed it: relative to the working folder."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return path
    return path if relative.startswith("..") else relative


class ProblemLog:
    """The problems of the current build, in file and line order, without repeats."""

    def __init__(self) -> None:
        self._problems: set[Problem] = set()

    def add(self, path: str, line: int, message: str) -> None:
        self._problems.add(Problem(display_path(path), line, message))

    def extend(self, problems: list[Problem]) -> None:
        self._problems.update(problems)

    def clear(self) -> None:
        self._problems.clear()

    def sorted(self) -> list[Problem]:
        return sorted(self._problems)

    def __bool__(self) -> bool:
        return bool(self._problems)


BUILD_PROBLEMS = ProblemLog()


def stop_build(message: str, exit_code: int = 1) -> SystemExit:
    """Print one `error:` line and return the exit to raise: for settings and stores, which
    have no file and line, and where a traceback would hide the message."""
    sys.stderr.write(f"error: {message}\n")
    sys.stderr.flush()
    return SystemExit(exit_code)


def stop_on_problems() -> None:
    """If the build has problems, list every one, one `file:line: message` per line, then
    stop before anything is written."""
    if BUILD_PROBLEMS:
        problems = BUILD_PROBLEMS.sorted()
        BUILD_PROBLEMS.clear()
        error = ContentError(problems)
        sys.stderr.write("".join(f"{problem}\n" for problem in problems))
        sys.stderr.write(f"error: {error}\n")
        sys.stderr.flush()
        raise error
