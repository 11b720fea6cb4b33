"""Bad consultation-archive sources stop the build with the file, the line and what to do,
every problem in one run, and nothing is published. Drafts and embargoed sources reach no file;
hidden ones only their own page. `make check` covers the new folders too."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import timedelta

import pytest

from tests.conftest import CONTENT, REPO, run_build
from tests.helpers import files_containing, write_post
from tests.plugins.consultations.sources import (
    CLOCK,
    WEEK,
    iso,
    line_of,
    seed_comments,
    write_consultation,
    write_source,
)

SAID_DID = "## Topic\n\n### You said\n\nThings.\n\n### We did\n\nOther things."


def first_with(status: str) -> str:
    return next(
        c["id"]
        for c in seed_comments()
        if c["status"] == status and c["thread"].startswith("/consultations/")
    )


PENDING, REMOVED = first_with("pending"), first_with("removed")


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    """One build of many broken sources, and where each problem is."""
    content = tmp_path_factory.mktemp("broken") / "content"
    shutil.copytree(CONTENT, content)
    closed = (iso(CLOCK - 6 * WEEK), iso(CLOCK - 2 * WEEK))
    write_consultation(content, "bad-closed", *closed)
    where: dict[str, tuple[str, int]] = {}

    citing = write_source(
        content,
        "responses",
        "bad-citations",
        f"Title: Bad citations\nDate: {iso(CLOCK - WEEK)}\nConsultation: bad-closed",
        f"""## Topic

### You said

A [pending one]({{comment}}{PENDING}) and
a [removed one]({{comment}}{REMOVED}), and
an [unknown one]({{comment}}99999) and [no id at all]({{comment}}).

### We did

Nothing.""",
    )
    where["pending"] = (str(citing), line_of(citing, "pending one"))
    where["removed"] = (str(citing), line_of(citing, "removed one"))
    where["unknown"] = (str(citing), line_of(citing, "unknown one"))
    where["no id"] = (str(citing), line_of(citing, "no id at all"))

    orphan = write_source(
        content,
        "responses",
        "orphan",
        f"Title: Orphan\nDate: {iso(CLOCK - WEEK)}\nConsultation: no-such-consultation",
        SAID_DID,
    )
    where["orphan"] = (str(orphan), 3)

    write_consultation(content, "bad-early", *closed)
    early = write_source(
        content,
        "responses",
        "early",
        f"Title: Early\nDate: {iso(CLOCK - 3 * WEEK)}\nConsultation: bad-early",
        SAID_DID,
    )
    where["early"] = (str(early), 2)

    write_consultation(content, "bad-unstructured", *closed)
    shapeless = write_source(
        content,
        "responses",
        "shapeless",
        f"Title: Shapeless\nDate: {iso(CLOCK - WEEK)}\nConsultation: bad-unstructured",
        "We listened and we will act.",
    )
    where["shapeless"] = (str(shapeless), line_of(shapeless, "We listened"))

    transcript = write_source(
        content,
        "transcripts",
        "bad-transcript",
        f"Title: Bad transcript\nDate: {iso(CLOCK - WEEK)}\nConsultation: bad-closed",
        "Answer: david-mensah\nToo early.\n\n"
        "Question: Ruth\nWhy?\n\nAnswer: nobody-we-know\nBecause.",
    )
    where["answer first"] = (str(transcript), line_of(transcript, "Answer: david-mensah"))
    where["unknown person"] = (str(transcript), line_of(transcript, "Answer: nobody-we-know"))

    platform = write_consultation(
        content, "bad-platform", *closed, "Rules: no-such-rules\nResponse: no-such-response"
    )
    platform.write_text(platform.read_text().replace("Platform: forum", "Platform: radio"))
    where["platform"] = (str(platform), line_of(platform, "Platform: radio"))
    rules = write_consultation(content, "bad-rules", *closed, "Rules: no-such-rules")
    where["rules"] = (str(rules), line_of(rules, "Rules:"))
    named = write_consultation(content, "bad-response", *closed, "Response: no-such-response")
    where["response"] = (str(named), line_of(named, "Response:"))

    backwards = write_consultation(
        content,
        "bad-dates",
        iso(CLOCK - WEEK),
        iso(CLOCK - 2 * WEEK),
        f"Announced: {iso(CLOCK - timedelta(days=1))}",
    )
    where["backwards"] = (str(backwards), line_of(backwards, "Closes:"))
    where["announced"] = (str(backwards), line_of(backwards, "Announced:"))

    post = write_post(
        content,
        "bad-post-consultation.md",
        "Title: A post\nDate: 2026-03-02 09:30\nAuthor: david-mensah\nDepartment: cabinet-office"
        "\nSummary: A post.\nConsultation: no-such-consultation",
    )
    where["post"] = (str(post), 6)

    result = run_build(content, content.parent / "output")
    return result, where


EXPECTED = {
    "pending": f"cites comment {PENDING}, which is not published",
    "removed": f"cites comment {REMOVED}, which a moderator removed",
    "unknown": "cites comment 99999, which is not published",
    "no id": "{comment} needs the id of the comment it cites",
    "orphan": "Consultation 'no-such-consultation' is not the slug of any consultation",
    "early": "this response is dated before its consultation closes",
    "shapeless": "a response needs 'You said' and 'We did' sections",
    "answer first": "an Answer comes before any Question",
    "unknown person": "unknown person 'nobody-we-know' answering",
    "platform": "Platform 'radio' must be one of: blog, forum, webchat, panel",
    "rules": "Rules 'no-such-rules' is not the slug of a published page",
    "response": "Response 'no-such-response' is not the slug of any response",
    "post": "Consultation 'no-such-consultation' is not the slug of any consultation",
    "backwards": "Closes is not after Opens",
    "announced": "Announced is after Opens",
}


@pytest.mark.parametrize("case", EXPECTED)
def test_each_problem_names_file_line_and_what_to_do(broken, case):
    build, where = broken
    path, line = where[case]
    assert f"{path}:{line}: {EXPECTED[case]}" in build.stderr, build.stderr


def test_a_broken_archive_publishes_nothing(broken):
    build, _where = broken
    assert build.returncode != 0
    assert "nothing was published" in build.stderr
    assert not build.output.exists()
    assert "Traceback" not in build.log


@pytest.fixture(scope="module")
def canaries(tmp_path_factory):
    content = tmp_path_factory.mktemp("canaries") / "content"
    shutil.copytree(CONTENT, content)
    closed = (iso(CLOCK - 6 * WEEK), iso(CLOCK - 2 * WEEK))
    write_consultation(content, "draft-one", *closed, "Status: draft", "wombatdraftcanary")
    write_consultation(content, "hidden-one", *closed, "Status: hidden", "ibexhiddencanary")
    write_consultation(content, "listed-one", *closed)
    write_source(
        content,
        "responses",
        "draft-response",
        f"Title: Draft\nDate: {iso(CLOCK - WEEK)}\nConsultation: listed-one\nStatus: draft",
        SAID_DID + "\n\nnarwhaldraftresponse",
    )
    future = iso(CLOCK + timedelta(seconds=1))
    write_source(
        content,
        "transcripts",
        "future-transcript",
        f"Title: Future\nDate: {future}\nConsultation: listed-one",
        "Question: Ruth\nlemurfuturetranscript?\n\nAnswer: david-mensah\nYes.",
    )
    result = run_build(content, content.parent / "output")
    assert result.returncode == 0, result.log
    return result


def test_drafts_and_future_sources_reach_no_file(canaries):
    for word in ("wombatdraftcanary", "draft-one", "narwhaldraftresponse", "lemurfuturetranscript"):
        assert files_containing(canaries.output, word) == [], word
    assert not (canaries.output / "consultations/listed-one/response").exists()
    phase = "consultations/listed-one/index.html"
    assert 'data-phase="closed"' in canaries.read(phase)


def test_hidden_consultation_has_its_page_and_no_listing(canaries):
    pages = [
        p for p in files_containing(canaries.output, "ibexhiddencanary") if p.endswith(".html")
    ]
    assert pages == ["consultations/hidden-one/index.html"]
    for listing in ("consultations/index.html", "evaluation/index.html"):
        assert "hidden-one" not in canaries.read(listing)
    for data in ("participation.json", "participation.csv", "comments-per-week.csv"):
        assert "hidden-one" not in canaries.read(f"evaluation/{data}")


def test_make_check_reports_consultation_archive_sources(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    bad = write_consultation(content, "checked", "2026-01-01", "soon", "Engagement: shouting")
    reply = write_source(content, "replies", "checked-reply", "Date: 2026-01-01\nPerson: x", "Hi.")

    result = subprocess.run(
        [sys.executable, "-m", "content_model.check", "-s", "pelicanconf.py", str(content)],
        cwd=REPO,
        env={"PYTHONPATH": "plugins", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 1
    assert f"{bad}:3: Closes 'soon' is not a date" in result.stdout
    line = line_of(bad, "Engagement: shouting")
    assert f"{bad}:{line}: Engagement 'shouting' must be one of" in result.stdout
    assert f"{reply}:1: missing Comment" in result.stdout
    assert f"{reply}:2: unknown Person 'x'" in result.stdout
