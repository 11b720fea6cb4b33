"""Bad sources and registries stop the build with file, line and what to do; nothing published."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import folder_digest, write_post

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
    assert f"departments.toml:{line}: unknown key 'budget' in [new-office]" in build.stderr


def test_registry_syntax_error_names_line(site_copy: Path, build_site) -> None:
    departments = site_copy / "departments.toml"
    departments.write_text(departments.read_text() + '\n[broken\nname = "x"\n')
    line = departments.read_text().splitlines().index("[broken") + 1

    build = build_site(site_copy)

    assert build.returncode != 0
    assert f"departments.toml:{line}: not valid TOML" in build.stderr


def test_malformed_build_clock_is_one_clear_line(build_site, site_copy: Path) -> None:
    build = build_site(site_copy, build_time="next tuesday")

    assert build.returncode == 2
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
    assert "posts/linker.md:8: link {filename}draft.md points at a draft" in build.stderr


def test_two_posts_with_one_slug_name_both_files(site_copy: Path, build_site) -> None:
    write_post(site_copy, "first.md", good_front_matter(site_copy) + "\nSlug: same-slug")
    write_post(site_copy, "second.md", good_front_matter(site_copy) + "\nSlug: same-slug")

    build = build_site(site_copy)

    assert build.returncode != 0
    assert (
        "posts/second.md:1: writes the same page (posts/2026/same-slug/index.html) as "
        in build.stderr
    )
    assert "posts/first.md: give one of them a different Slug" in build.stderr
