"""`make check` finds every problem in one run, without building, one line per problem, each
`path:line: what is wrong and what to do`; and it is fast on the example site."""

from __future__ import annotations

import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from content_model.schema import CONSULTATION_FIELDS

from tests.conftest import CONTENT, EXAMPLE_BUILD_TIME, REPO, SEED_COMMENTS
from tests.helpers import write_post
from tests.plugins.consultations.sources import (
    CLOCK,
    WEEK,
    iso,
    line_of,
    seed_comments,
    write_consultation,
    write_source,
)
from tests.plugins.content_model.test_bad_input import good_front_matter

STORE = f"json:///{SEED_COMMENTS}"
SAID_DID = "## Topic\n\n### You said\n\nThings.\n\n### We did\n\nOther things."
POST = """Title: {title}
Date: {date}
Author: david-mensah
Department: cabinet-office
Summary: A post written by a test."""


def run_check(
    content: Path, settings: str = "pelicanconf.py", store: str | None = STORE
) -> subprocess.CompletedProcess[str]:
    environment = {"PYTHONPATH": "plugins", "PATH": "/usr/bin:/bin"}
    environment["DIALOGUES_BUILD_TIME"] = EXAMPLE_BUILD_TIME
    if store:
        environment["DIALOGUES_COMMENTS_STORE"] = store
    return subprocess.run(
        [sys.executable, "-m", "content_model.check", "-s", settings, str(content)],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def first_with(status: str, prefix: str = "/consultations/") -> str:
    return next(
        c["id"] for c in seed_comments() if c["status"] == status and c["thread"].startswith(prefix)
    )


def post(content: Path, name: str, date: str, extra: str = "", body: str = "Text.") -> Path:
    front_matter = POST.format(title=name, date=date) + (f"\n{extra}" if extra else "")
    return write_post(content, f"{name}.md", front_matter, body)


def cpu_seconds_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def test_example_content_passes_well_under_five_seconds() -> None:
    """Measured in processor time, which other work on a busy machine does not inflate."""
    before = cpu_seconds_of_children()
    result = run_check(CONTENT)
    spent = cpu_seconds_of_children() - before

    assert result.returncode == 0, result.stdout + result.stderr
    assert "sources and both registries are fine" in result.stdout
    assert "note:" not in result.stdout  # the comment store was read and citations checked
    assert spent < 2.5, f"make check took {spent:.2f}s of processor time on the example site"


def test_every_problem_in_every_file_in_one_run(site_copy: Path, tmp_path: Path) -> None:
    front_matter = good_front_matter(site_copy)
    write_post(site_copy, "a.md", front_matter.replace("2026-03-02 09:30", "yesterday"))
    write_post(site_copy, "b.md", front_matter + "\nSlug: a", "![](chart.png)")
    write_post(site_copy, "c.md", front_matter + "\nSlug: a")

    result = run_check(site_copy)

    lines = result.stdout.splitlines()
    assert result.returncode == 1
    assert f"{site_copy}/posts/a.md:2: Date 'yesterday' is not a date: write it as " in (
        result.stdout
    )
    assert (
        f"{site_copy}/posts/b.md:8: image chart.png has no alt text: describe it inside ![...], "
        "or write ![ ] if it is only decoration" in lines
    )
    assert (
        f"{site_copy}/posts/c.md:1: has the same slug and URL (posts/2026/a/) as "
        f"{site_copy}/posts/b.md: give one of them a different Slug" in lines
    )
    assert lines[-1].startswith("check: 3 problem(s) in")
    assert not (tmp_path / "output").exists() and not (REPO / "output.partial").exists()


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, str]]:
    """One content folder with a problem of every kind, checked once: (stdout, expected)."""
    content = tmp_path_factory.mktemp("broken") / "content"
    shutil.copytree(CONTENT, content)
    expected: dict[str, str] = {}

    def expect(case: str, path: Path, line: int, message: str) -> None:
        expected[case] = f"{path}:{line}: {message}"

    closed = (iso(CLOCK - 6 * WEEK), iso(CLOCK - 2 * WEEK))

    path = post(content, "gap", "2026-03-29 01:30")
    expect(
        "local time the clocks skip",
        path,
        2,
        "Date '2026-03-29 01:30' does not exist in Europe/London: the clocks go forward over "
        "it. Add the offset you mean, +00:00 or +01:00, e.g. '2026-03-29 01:30+00:00'",
    )
    path = post(content, "twice", "2026-10-25 01:30")
    expect(
        "local time the clocks repeat",
        path,
        2,
        "Date '2026-10-25 01:30' happens twice in Europe/London: the clocks go back over it. "
        "Add the offset you mean, +01:00 for the first or +00:00 for the second, e.g. "
        "'2026-10-25 01:30+01:00'",
    )
    path = post(content, "early-note", "2026-05-01 09:00", "Correction: 2026-04-30 | Too early.")
    expect(
        "correction before publication",
        path,
        6,
        "Correction is dated 2026-04-30, before Date (2026-05-01 09:00): date it at or after "
        "publication",
    )
    path = post(content, "early-change", "2026-05-01 09:00", "Modified: 2026-04-01")
    expect(
        "modified before publication",
        path,
        6,
        "Modified is before Date (2026-05-01 09:00): a change comes after publication, so "
        "correct one of the two",
    )
    path = post(content, "stranger", "2026-05-02 09:00")
    path.write_text(path.read_text().replace("Author: david-mensah", "Author: david-mensha"))
    expect(
        "unknown person",
        path,
        3,
        "unknown Author 'david-mensha' (did you mean 'david-mensah'?): use a key from the people "
        "registry (content/people.toml) or add the person there",
    )
    path = post(content, "bad-date", "2nd May 2026")
    expect(
        "malformed date",
        path,
        2,
        "Date '2nd May 2026' is not a date: write it as 2026-03-14 or 2026-03-14 09:30 "
        "(optionally with an offset, +00:00)",
    )
    path = post(content, "no-alt", "2026-05-03 09:00", body="![](chart.png)")
    expect(
        "image without alt text",
        path,
        7,
        "image chart.png has no alt text: describe it inside ![...], or write ![ ] if it is "
        "only decoration",
    )
    path = post(
        content,
        "links",
        "2026-05-04 09:00",
        body="See [rule 12]({filename}/pages/discussion-rules.md#rule-12).\n\n"
        "And [the missing page]({filename}/pages/nowhere.md).\n\n"
        "And [the news]({filename}/posts/embargoed.md).\n\n"
        "And [an old address](/posts/2025/no-such-post/).",
    )
    rules = ", ".join(f"rule-{n}" for n in range(1, 11))
    expect(
        "rule anchor that does not exist",
        path,
        line_of(path, "rule 12"),
        "link {filename}/pages/discussion-rules.md#rule-12 points at #rule-12, which that page "
        f"does not have: use one of {rules}",
    )
    expect(
        "link to no file",
        path,
        line_of(path, "missing page"),
        "link {filename}/pages/nowhere.md points at no file: give a path under "
        f"{content}/ that exists, starting with /",
    )
    post(content, "embargoed", "2026-12-24 18:00")
    expect(
        "link to an embargoed post",
        path,
        line_of(path, "the news"),
        "link {filename}/posts/embargoed.md points at a source embargoed until 2026-12-24 18:00 "
        "Europe/London: until then the link is broken and gives the address away. Remove the "
        "link, or publish this no earlier than its target",
    )
    expect(
        "site path that nothing publishes",
        path,
        line_of(path, "an old address"),
        "link /posts/2025/no-such-post/ is not an address this site publishes: link to the "
        "source instead, as {filename}/folder/file.md, and the build writes the right address",
    )
    first = post(content, "same-one", "2026-05-05 09:00", "Slug: same")
    second = post(content, "same-two", "2026-05-06 09:00", "Slug: same")
    expect(
        "two sources with one URL",
        second,
        1,
        f"has the same slug and URL (posts/2026/same/) as {first}: give one of them a "
        "different Slug",
    )
    page = write_source(content, "pages", "archive-page", "Title: Archive\nSlug: archives", "Hi.")
    expect(
        "a page at one of the site's own addresses",
        page,
        2,
        "Slug 'archives' gives this page the address of one of the site's own pages "
        "(archives/, set by ARCHIVES_SAVE_AS): choose another Slug",
    )

    path = write_consultation(content, "bad-key", *closed, "Close: 2026-01-01")
    expect(
        "unknown front-matter key",
        path,
        line_of(path, "Close:"),
        "unknown key 'Close' (did you mean 'Closes'?); allowed keys: "
        + ", ".join(key.capitalize() for key in CONSULTATION_FIELDS),
    )
    path = write_consultation(content, "backwards", iso(CLOCK - WEEK), iso(CLOCK - 2 * WEEK))
    expect(
        "consultation closing before it opens",
        path,
        3,
        "Closes is not after Opens: a consultation closes after it opens",
    )
    path = write_consultation(content, "named-rules-missing", *closed, "Rules: house-rules")
    expect(
        "rules page that does not exist",
        path,
        line_of(path, "Rules:"),
        "Rules 'house-rules' is not the slug of a published page: give the Slug of a "
        "discussion-rules page in content/pages/, or leave Rules out for the site's own",
    )
    path = write_consultation(content, "rules-without-anchors", *closed, "Rules: about")
    expect(
        "rules page without rule anchors",
        path,
        line_of(path, "Rules:"),
        f"the discussion rules on {content}/pages/about.md have no rule anchors to cite: give "
        "each rule a heading like '## Rule 1: Be respectful {#rule-1}'",
    )

    write_consultation(content, "answered", *closed)
    pending, removed = first_with("pending"), first_with("removed")
    path = write_source(
        content,
        "responses",
        "citing",
        f"Title: Citing\nDate: {iso(CLOCK - WEEK)}\nConsultation: answered",
        f"## Topic\n\n### You said\n\nA [pending one]({{comment}}{pending}) and\n"
        f"a [removed one]({{comment}}{removed}).\n\n### We did\n\nThings.",
    )
    expect(
        "citation of a pending comment",
        path,
        line_of(path, "pending one"),
        f"cites comment {pending}, which is not published (it is pending, rejected or does not "
        "exist): cite an approved comment by the id in its #comment-<id> anchor",
    )
    expect(
        "citation of a removed comment",
        path,
        line_of(path, "removed one"),
        f"cites comment {removed}, which a moderator removed: cite a published comment instead",
    )
    path = write_source(
        content,
        "responses",
        "orphan",
        f"Title: Orphan\nDate: {iso(CLOCK - WEEK)}\nConsultation: no-such-consultation",
        SAID_DID,
    )
    expect(
        "response to a consultation that does not exist",
        path,
        3,
        "Consultation 'no-such-consultation' is not the slug of any consultation in "
        "content/consultations/: use the consultation's file name (without .md) or its Slug",
    )
    write_consultation(content, "not-yet-closed", *closed)
    path = write_source(
        content,
        "responses",
        "premature",
        f"Title: Premature\nDate: {iso(CLOCK - 3 * WEEK)}\nConsultation: not-yet-closed",
        SAID_DID,
    )
    closes = (CLOCK - 2 * WEEK).isoformat()
    expect(
        "response dated before its consultation closes",
        path,
        2,
        f"this response is dated before its consultation closes ({closes}): date it at or "
        "after the closing time",
    )
    write_consultation(content, "unstructured", *closed)
    path = write_source(
        content,
        "responses",
        "shapeless",
        f"Title: Shapeless\nDate: {iso(CLOCK - WEEK)}\nConsultation: unstructured",
        "We listened and we will act.",
    )
    expect(
        "response without You said and We did",
        path,
        line_of(path, "We listened"),
        "a response needs 'You said' and 'We did' sections; 'You said' and 'We did' are "
        "missing: add a heading for each, e.g. '### You said' and '### We did' under a "
        "'## topic' heading",
    )
    path = write_source(
        content,
        "transcripts",
        "chat",
        f"Title: Chat\nDate: {iso(CLOCK - WEEK)}\nConsultation: answered",
        "Question: Ruth, Hull\nWhy?\n\nAnswer: nobody-we-know\nBecause.",
    )
    expect(
        "transcript answered by an unknown person",
        path,
        line_of(path, "Answer:"),
        "unknown person 'nobody-we-know' answering: use a key from the people registry "
        "(content/people.toml)",
    )
    pending_post = first_with("pending", "/posts/")
    path = write_source(
        content,
        "replies",
        "too-soon",
        f"Date: {iso(CLOCK - WEEK)}\nComment: {pending_post}\nPerson: david-mensah",
        "Thank you.",
    )
    expect(
        "git reply to a comment that is not published",
        path,
        2,
        f"this reply answers comment {pending_post}, which is not published (it is pending, "
        "rejected or does not exist): reply only to an approved comment, by the id in its "
        "#comment-<id> anchor",
    )

    people = content / "people.toml"
    people.write_text(
        people.read_text()
        + '\n[new-person]\nname = "New Person"\nrole = "Adviser"\ndepartment = "no-such-dept"\n'
    )
    expect(
        "person in an unknown department",
        people,
        line_of(people, 'department = "no-such-dept"'),
        "unknown department 'no-such-dept' for [new-person]; use a key from departments.toml",
    )
    deleted = content / "posts" / "2025-06-estimated-energy-bills.md"
    deleted.unlink()
    listed = content / "published-urls.txt"
    redirects = content / "redirects.toml"
    expect(
        "published URL whose source was deleted",
        listed,
        line_of(listed, "/posts/2025/estimated-energy-bills/"),
        "/posts/2025/estimated-energy-bills/ was published and would disappear: keep it "
        "(withdraw a post with Withdrawn:, never delete it) or add a redirect for it to "
        f"{redirects}",
    )
    redirects.write_text(
        redirects.read_text() + '"/posts/2025/gone-away/" = "/posts/2025/never-was/"\n'
    )
    expect(
        "redirect to an address nothing publishes",
        redirects,
        len(redirects.read_text().splitlines()),
        "/posts/2025/gone-away/ redirects to /posts/2025/never-was/, which the sources do not "
        "publish: point it at a published URL",
    )
    path = post(content, "list-of-tags", "2026-05-01 09:00", "Tags: [moderation, participation]")
    expect(
        "tags written as a list",
        path,
        6,
        "Tags '[moderation, participation]' is written as a list: write the tags separated by "
        "commas, without brackets or quotes, e.g. 'Tags: moderation, participation'",
    )
    path = post(content, "quoted-tags", "2026-05-01 09:00", 'Tags: "waste", recycling')
    expect(
        "quoted tag",
        path,
        6,
        "Tags '\"waste\", recycling' has a tag in quotes: write the tags separated by "
        "commas, without brackets or quotes, e.g. 'Tags: waste, recycling'",
    )

    result = run_check(content)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout, expected


CASES = [
    "local time the clocks skip",
    "local time the clocks repeat",
    "correction before publication",
    "modified before publication",
    "unknown person",
    "malformed date",
    "image without alt text",
    "rule anchor that does not exist",
    "link to no file",
    "link to an embargoed post",
    "site path that nothing publishes",
    "two sources with one URL",
    "a page at one of the site's own addresses",
    "unknown front-matter key",
    "consultation closing before it opens",
    "rules page that does not exist",
    "rules page without rule anchors",
    "citation of a pending comment",
    "citation of a removed comment",
    "response to a consultation that does not exist",
    "response dated before its consultation closes",
    "response without You said and We did",
    "transcript answered by an unknown person",
    "git reply to a comment that is not published",
    "person in an unknown department",
    "published URL whose source was deleted",
    "redirect to an address nothing publishes",
    "tags written as a list",
    "quoted tag",
]


@pytest.mark.parametrize("case", CASES)
def test_each_problem_is_one_line_with_file_line_and_fix(broken, case: str) -> None:
    stdout, expected = broken
    assert expected[case] in stdout.splitlines(), stdout


def test_every_problem_is_reported_and_counted_in_one_run(broken) -> None:
    stdout, expected = broken
    assert set(CASES) == set(expected)
    lines = stdout.splitlines()
    assert lines[-1].startswith(f"check: {len(lines) - 1} problem(s) in ")
    assert all(":" in line for line in lines[:-1])


def test_a_consultation_without_any_discussion_rules(site_copy: Path) -> None:
    (site_copy / "pages" / "discussion-rules.md").unlink()
    path = write_consultation(site_copy, "ruleless", iso(CLOCK - WEEK), iso(CLOCK + WEEK))

    result = run_check(site_copy)

    assert (
        f"{path}:1: this consultation has no discussion rules: the site has no published page "
        "with Slug 'discussion-rules'. Publish one, or name a rules page with 'Rules: <slug>'"
        in result.stdout.splitlines()
    )
    assert result.returncode == 1


def test_a_store_that_cannot_be_read_is_one_line_and_the_rest_is_checked(
    site_copy: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "no-such-store.db"
    bad = post(site_copy, "still-checked", "tomorrow")

    result = run_check(site_copy, store=f"sqlite:///{missing}")

    notes = [line for line in result.stdout.splitlines() if line.startswith("note:")]
    assert len(notes) == 1
    assert f"the comment store sqlite:///{missing} cannot be read" in notes[0]
    assert "were not checked; everything else was" in notes[0]
    assert f"{bad}:2: Date 'tomorrow' is not a date" in result.stdout
    assert result.returncode == 1
    assert not missing.exists(), "checking must never create a store"


def test_an_unreadable_store_alone_does_not_fail_the_check(tmp_path: Path) -> None:
    result = run_check(CONTENT, store=f"sqlite:///{tmp_path / 'none.db'}")

    assert result.returncode == 0, result.stdout
    assert "note: the comment store" in result.stdout


def test_a_time_zone_that_does_not_exist_names_the_setting(tmp_path: Path) -> None:
    settings = tmp_path / "badzone.py"
    settings.write_text(
        f"from pelicanconf import *  # noqa\n\nPATH = '{CONTENT}'\nTIMEZONE = 'Europe/Lundon'\n"
    )

    result = run_check(CONTENT, settings=str(settings))

    assert result.stdout.splitlines()[0] == (
        f"{settings}:4: TIMEZONE 'Europe/Lundon' is not a time zone: use a name such as "
        "'Europe/London'"
    )
    assert result.returncode == 1


def test_a_source_saved_with_a_byte_order_mark_is_read_as_pelican_reads_it(
    site_copy: Path, build_site
) -> None:
    """Some Windows editors start a UTF-8 file with an invisible byte-order mark. Pelican
    reads past it; the check said the first line was not a `Key: value` line."""
    path = post(site_copy, "saved-on-windows", "2026-01-05T09:00:00+00:00")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())

    result = run_check(site_copy)

    assert result.returncode == 0, result.stdout
    build = build_site(site_copy, build_time=EXAMPLE_BUILD_TIME)
    assert build.returncode == 0, build.log
    assert "<h1" in build.read("posts/2026/saved-on-windows/index.html")
    assert "saved-on-windows" in build.read("posts/2026/saved-on-windows/index.html")


def _problem_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stdout.splitlines() if not line.startswith("check: ")]


def test_a_typo_in_a_published_post_is_one_problem(site_copy: Path) -> None:
    """The post cannot be read, so nothing it publishes is known: its published URLs are not
    reported as about to disappear, nor is anyone told to withdraw or redirect it."""
    path = site_copy / "posts" / "2026-01-moderation-figures-2025.md"
    path.write_text(path.read_text().replace("Author: james-carter", "Author: james-cartr"))

    lines = _problem_lines(run_check(site_copy))

    assert lines == [
        f"{path}:3: unknown Author 'james-cartr' (did you mean 'james-carter'?): use a key "
        "from the people registry (content/people.toml) or add the person there"
    ]


def test_a_person_missing_a_field_is_one_problem(site_copy: Path, build_site) -> None:
    """James Carter signs posts and official replies; without his role, the registry says
    so once, and neither `make check` nor the build reports each post that names him."""
    people = site_copy / "people.toml"
    text = people.read_text()
    people.write_text(text.replace('role = "Community Moderation Lead"\n', ""))

    lines = _problem_lines(run_check(site_copy))

    assert len(lines) == 1 and lines[0].startswith(f"{people}:"), lines
    assert "role" in lines[0]
    build = build_site(site_copy, build_time=EXAMPLE_BUILD_TIME)
    assert build.returncode != 0 and "Traceback" not in build.log
    errors = [line for line in build.log.splitlines() if str(site_copy) in line]
    assert errors and all("people.toml" in line for line in errors), errors


def test_a_registry_that_is_not_toml_is_one_problem(site_copy: Path, build_site) -> None:
    """Nobody in it is known, so every post, transcript and official reply named someone
    unknown: 307 problems from one missing quote, and the build's warnings about comments
    above its one line of error."""
    people = site_copy / "people.toml"
    people.write_text(people.read_text().replace('name = "David Mensah"', "name = David Mensah"))

    lines = _problem_lines(run_check(site_copy))

    assert len(lines) == 1 and lines[0].startswith(f"{people}:"), lines
    assert "not valid TOML" in lines[0]
    build = build_site(site_copy, build_time=EXAMPLE_BUILD_TIME)
    assert build.returncode != 0 and "Traceback" not in build.log
    assert "error: 1 problem in the content; nothing was published" in build.log
    assert "WARNING" not in build.log, build.log


def test_the_readmes_example_post_passes_the_check_and_builds_as_written(
    site_copy: Path, build_site
) -> None:
    """A press officer's first post is the README's: it must pass as written, at the address
    the README gives, and its sample mistake must read as the check writes it."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Writing a post", 1)[1]
    name = re.search(r"Create `content/posts/([^`]+)`", section)[1]
    example = re.search(r"```markdown\n(.*?)```", section, re.S)[1]
    (site_copy / "posts" / name).write_text(example, encoding="utf-8")

    assert _problem_lines(run_check(site_copy)) == []
    build = build_site(site_copy, build_time="2026-12-02T09:00:00Z")
    assert build.returncode == 0, build.log
    address = re.search(r"`Slug` is the post's address, `/([^`]+)`", section)[1]
    assert "New bus routes for rural towns" in build.read(address + "index.html")

    mistake = re.search(
        r"`content/posts/bad\.md:(\d+): (unknown Author '([^']+)'[^`]*?)\.\.\.`", section
    )
    line, message, typo = int(mistake[1]), mistake[2], mistake[3]
    bad = site_copy / "posts" / "bad.md"
    bad.write_text(example.replace("Author: gareth-lewis", f"Author: {typo}"), encoding="utf-8")
    assert any(
        problem.startswith(f"{bad}:{line}: {message}")
        for problem in _problem_lines(run_check(site_copy))
    )
