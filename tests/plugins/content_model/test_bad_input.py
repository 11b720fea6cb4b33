"""Bad sources and registries stop the build with file, line and what to do; nothing published."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import CONTENT, run_build
from tests.helpers import folder_digest, write_post
from tests.plugins.consultations.sources import (
    CLOCK,
    WEEK,
    iso,
    line_of,
    write_consultation,
    write_source,
)

GOOD = """Title: A good post
Date: 2026-03-02 09:30
Author: {author}
Department: {department}
Summary: A short summary."""


def first_registry_keys(content: Path) -> tuple[str, str]:
    people = (content / "people.toml").read_text()
    person = re.search(r"^\[([a-z0-9-]+)\]", people, re.M)
    department = re.search(r'^department\s*=\s*"([^"]+)"', people, re.M)
    assert person and department
    return person.group(1), department.group(1)


def good_front_matter(content: Path) -> str:
    author, department = first_registry_keys(content)
    return GOOD.format(author=author, department=department)


@pytest.fixture
def previous_site(site_copy: Path, build_site, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A good site already published to output/, to prove a failed build leaves it alone."""
    output = tmp_path / "output"
    build = build_site(site_copy, output)
    assert build.returncode == 0, build.log
    return output, folder_digest(output)


def replace_line(text: str, key: str, new: str | None) -> str:
    lines = [line for line in text.splitlines() if not line.startswith(f"{key}:")]
    if new is not None:
        lines.insert(1, new)
    return "\n".join(lines)


POST_CASES = {
    "unknown author": (
        lambda fm: fm.replace(fm.splitlines()[2], "Author: nobody-at-all"),
        3,
        "unknown Author 'nobody-at-all'",
    ),
    "unknown department": (
        lambda fm: fm.replace(fm.splitlines()[3], "Department: ministry-of-silly-walks"),
        4,
        "unknown Department 'ministry-of-silly-walks'",
    ),
    "missing title": (lambda fm: "\n".join(fm.splitlines()[1:]), 1, "missing Title"),
    "missing date": (lambda fm: replace_line(fm, "Date", None), 1, "missing Date"),
    "malformed date": (
        lambda fm: fm.replace("Date: 2026-03-02 09:30", "Date: 2nd March 2026"),
        2,
        "Date '2nd March 2026' is not a date: write it as 2026-03-14",
    ),
    "impossible date": (
        lambda fm: fm.replace("Date: 2026-03-02 09:30", "Date: 2026-02-30"),
        2,
        "Date '2026-02-30' is not a date",
    ),
    "unknown key": (
        lambda fm: fm + "\nAthor: someone",
        6,
        "unknown key 'Athor' (did you mean 'Author'?)",
    ),
    "bad comments mode": (
        lambda fm: fm + "\nComments: maybe",
        6,
        "Comments 'maybe' must be one of: open, closed, off",
    ),
    "line without a colon": (
        lambda fm: fm + "\nTags consultations",
        6,
        "'Tags consultations' is not a `Key: value` line",
    ),
    "withdrawn without reason": (
        lambda fm: fm + "\nWithdrawn: 2026-04-01",
        6,
        "Withdrawn must read 'date | note'",
    ),
}


@pytest.mark.parametrize("case", POST_CASES, ids=list(POST_CASES))
def test_bad_post_names_file_line_and_fix_and_publishes_nothing(
    case: str, site_copy: Path, build_site, previous_site
) -> None:
    output, before = previous_site
    change, line, message = POST_CASES[case]
    write_post(site_copy, "bad-post.md", change(good_front_matter(site_copy)))

    build = build_site(site_copy, output)

    assert build.returncode != 0
    assert f"posts/bad-post.md:{line}: {message}" in build.stderr
    assert "nothing was published" in build.stderr
    assert folder_digest(output) == before


def test_every_problem_is_reported_in_one_run(site_copy: Path, build_site) -> None:
    front_matter = good_front_matter(site_copy)
    write_post(site_copy, "one.md", front_matter.replace("Date: 2026-03-02 09:30", "Date: soon"))
    write_post(site_copy, "two.md", front_matter + "\nStatus: sort-of")

    build = build_site(site_copy)

    assert build.returncode != 0
    assert "posts/one.md:2: Date 'soon' is not a date" in build.stderr
    assert (
        "posts/two.md:6: Status 'sort-of' must be one of: published, draft, hidden" in build.stderr
    )
    assert "2 problems in the content" in build.stderr
    assert not build.output.exists()


def test_person_with_unknown_department_names_registry_line(site_copy: Path, build_site) -> None:
    people = site_copy / "people.toml"
    people.write_text(
        people.read_text()
        + '\n[new-person]\nname = "New Person"\nrole = "Adviser"\ndepartment = "no-such-dept"\n'
    )
    line = people.read_text().splitlines().index('department = "no-such-dept"') + 1

    build = build_site(site_copy)

    assert build.returncode != 0
    assert not build.output.exists(), "nothing was published"
    assert f"people.toml:{line}: unknown department 'no-such-dept' for [new-person]" in build.stderr


def test_unknown_registry_key_is_an_error(site_copy: Path, build_site) -> None:
    departments = site_copy / "departments.toml"
    departments.write_text(
        departments.read_text()
        + '\n[new-office]\nname = "New Office"\nsummary = "S"\nbudget = "1"\n'
    )
    line = len(departments.read_text().splitlines())

    build = build_site(site_copy)

    assert build.returncode != 0
    assert not build.output.exists(), "nothing was published"
    assert f"departments.toml:{line}: unknown key 'budget' in [new-office]" in build.stderr


def test_registry_syntax_error_names_line(site_copy: Path, build_site) -> None:
    departments = site_copy / "departments.toml"
    departments.write_text(departments.read_text() + '\n[broken\nname = "x"\n')
    line = departments.read_text().splitlines().index("[broken") + 1

    build = build_site(site_copy)

    assert build.returncode != 0
    assert not build.output.exists(), "nothing was published"
    assert f"departments.toml:{line}: not valid TOML" in build.stderr


def test_malformed_build_clock_is_one_clear_line(build_site, site_copy: Path) -> None:
    build = build_site(site_copy, build_time="next tuesday")

    assert build.returncode == 2
    assert not build.output.exists(), "nothing was published"
    assert "error: DIALOGUES_BUILD_TIME 'next tuesday' is not an ISO 8601 time" in build.stderr
    assert "Traceback" not in build.log


def test_internal_link_to_a_missing_file_names_the_line(site_copy: Path, build_site) -> None:
    write_post(
        site_copy,
        "bad-post.md",
        good_front_matter(site_copy),
        "Intro.\n\nSee [the rules]({filename}/pages/no-such-page.md).",
    )

    build = build_site(site_copy)

    assert build.returncode != 0
    assert not build.output.exists(), "nothing was published"
    assert "posts/bad-post.md:9: link {filename}/pages/no-such-page.md points at no file" in (
        build.stderr
    )


def test_internal_link_to_a_draft_is_refused(site_copy: Path, build_site) -> None:
    write_post(site_copy, "draft.md", good_front_matter(site_copy) + "\nStatus: draft")
    write_post(
        site_copy,
        "linker.md",
        good_front_matter(site_copy) + "\nSlug: linker",
        "See [the draft]({filename}draft.md).",
    )

    build = build_site(site_copy)

    assert build.returncode != 0
    assert not build.output.exists(), "nothing was published"
    assert "posts/linker.md:8: link {filename}draft.md points at a draft" in build.stderr


def test_two_posts_with_one_slug_name_both_files(site_copy: Path, build_site) -> None:
    write_post(site_copy, "first.md", good_front_matter(site_copy) + "\nSlug: same-slug")
    write_post(site_copy, "second.md", good_front_matter(site_copy) + "\nSlug: same-slug")

    build = build_site(site_copy)

    assert build.returncode != 0
    assert not build.output.exists(), "nothing was published"
    assert (
        "posts/second.md:1: writes the same page (posts/2026/same-slug/index.html) as "
        in build.stderr
    )
    assert "posts/first.md: give one of them a different Slug" in build.stderr


# The checks a source needs its zone, the clock or other files for stop the build too.
DATED = """Title: {title}
Date: {date}
Author: {author}
Department: {department}
Summary: A post written by a test."""


@pytest.fixture(scope="module")
def broken_moments(tmp_path_factory: pytest.TempPathFactory):
    """A published site, then one build of many sources that are wrong about time or links:
    (the failed build, the expected lines, the output's digest before the failed build)."""
    root = tmp_path_factory.mktemp("moments")
    content = root / "content"
    shutil.copytree(CONTENT, content)
    output = root / "output"
    first = run_build(content, output)
    assert first.returncode == 0, first.log
    before = folder_digest(output)
    author, department = first_registry_keys(content)
    expected = {}

    def post(name: str, date: str, extra: str = "", body: str = "Text.") -> Path:
        front_matter = DATED.format(title=name, date=date, author=author, department=department)
        return write_post(content, f"{name}.md", front_matter + extra, body)

    path = post("skipped", "2026-03-29 01:30")
    expected["local time the clocks skip"] = (
        f"{path}:2: Date '2026-03-29 01:30' does not exist in Europe/London: the clocks go "
        "forward over it. Add the offset you mean, +00:00 or +01:00, e.g. "
        "'2026-03-29 01:30+00:00'"
    )
    path = post("repeated", "2026-10-25 01:15")
    expected["local time the clocks repeat"] = (
        f"{path}:2: Date '2026-10-25 01:15' happens twice in Europe/London: the clocks go back "
        "over it. Add the offset you mean, +01:00 for the first or +00:00 for the second, e.g. "
        "'2026-10-25 01:15+01:00'"
    )
    path = post("early-note", "2026-05-01 09:00", "\nCorrection: 2026-04-30 | Too early.")
    expected["correction before publication"] = (
        f"{path}:6: Correction is dated 2026-04-30, before Date (2026-05-01 09:00): date it at "
        "or after publication"
    )
    path = post("early-withdrawal", "2026-05-01 09:00", "\nWithdrawn: 2026-04-01 | Never mind.")
    expected["withdrawal before publication"] = (
        f"{path}:6: Withdrawn is dated 2026-04-01, before Date (2026-05-01 09:00): date it at "
        "or after publication"
    )
    path = post(
        "anchors",
        "2026-05-02 09:00",
        body="Under [rule 11]({filename}/pages/discussion-rules.md#rule-11), we remove it.",
    )
    rules = ", ".join(f"rule-{n}" for n in range(1, 11))
    expected["rule anchor that does not exist"] = (
        f"{path}:7: link {{filename}}/pages/discussion-rules.md#rule-11 points at #rule-11, "
        f"which that page does not have: use one of {rules}"
    )
    post("news", iso(CLOCK + WEEK))
    path = post("leak", "2026-05-03 09:00", body="Read [tomorrow's news]({filename}news.md).")
    until = f"{(CLOCK + WEEK):%Y-%m-%d %H:%M}"
    expected["link to an embargoed post"] = (
        f"{path}:7: link {{filename}}news.md points at a source embargoed until {until} "
        "Europe/London: until then the link is broken and gives the address away. Remove the "
        "link, or publish this no earlier than its target"
    )
    path = write_consultation(
        content, "noted", iso(CLOCK - 6 * WEEK), iso(CLOCK - 2 * WEEK), "Correction: last week"
    )
    expected["consultation change note without a date"] = (
        f"{path}:{line_of(path, 'Correction:')}: Correction must read 'date | note', e.g. "
        "'2026-05-01 | Figures corrected'"
    )
    path = write_source(
        content,
        "transcripts",
        "noted-transcript",
        f"Title: Noted\nDate: {iso(CLOCK - WEEK)}\nConsultation: noted\n"
        f"Withdrawn: {iso(CLOCK - 2 * WEEK)} | Posted too soon.",
        "Question: Ruth\nWhy?\n\nAnswer: david-mensah\nBecause.",
    )
    expected["transcript withdrawn before it was published"] = (
        f"{path}:4: Withdrawn is dated {iso(CLOCK - 2 * WEEK)}, before Date "
        f"({iso(CLOCK - WEEK)}): date it at or after publication"
    )

    broken = run_build(content, output)
    return broken, expected, before


MOMENT_CASES = [
    "local time the clocks skip",
    "local time the clocks repeat",
    "correction before publication",
    "withdrawal before publication",
    "rule anchor that does not exist",
    "link to an embargoed post",
    "consultation change note without a date",
    "transcript withdrawn before it was published",
]


@pytest.mark.parametrize("case", MOMENT_CASES)
def test_time_and_link_problems_stop_the_build_with_file_line_and_fix(
    broken_moments, case: str
) -> None:
    build, expected, _before = broken_moments
    assert expected[case] in build.stderr.splitlines(), build.stderr


def test_a_build_with_time_and_link_problems_publishes_nothing(broken_moments) -> None:
    build, expected, before = broken_moments
    assert set(MOMENT_CASES) == set(expected)
    assert build.returncode != 0
    assert f"{len(expected)} problems in the content; nothing was published" in build.stderr
    assert folder_digest(build.output) == before
    assert "Traceback" not in build.log
