"""Publishing invariants 1 and 2: drafts and embargoed posts reach no output file; hidden posts
reach only their own page; a failed build leaves the published site exactly as it was."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.conftest import EXAMPLE_BUILD_TIME
from tests.helpers import files_containing, folder_digest, write_post
from tests.plugins.content_model.test_bad_input import good_front_matter

CLOCK = datetime.fromisoformat(EXAMPLE_BUILD_TIME.replace("Z", "+00:00"))


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S+00:00")


def canary_post(
    content: Path, name: str, word: str, extra: str = "", date: str | None = None
) -> None:
    front_matter = good_front_matter(content).replace("Title: A good post", f"Title: {word} post")
    if date:
        front_matter = front_matter.replace("Date: 2026-03-02 09:30", f"Date: {date}")
    write_post(
        content,
        name,
        front_matter + f"\nSlug: {name.removesuffix('.md')}\nTags: {word}tag{extra}",
        f"The secret word is {word}.",
    )


def test_drafts_and_future_posts_reach_no_file_and_hidden_only_its_page(site_copy, build_site):
    canary_post(site_copy, "draft-canary.md", "zebradraftcanary", "\nStatus: draft")
    one_second_late = iso(CLOCK + timedelta(seconds=1))
    canary_post(site_copy, "future-canary.md", "quokkafuturecanary", date=one_second_late)
    canary_post(site_copy, "hidden-canary.md", "axolotlhiddencanary", "\nStatus: hidden")

    build = build_site(site_copy)

    assert build.returncode == 0, build.log
    assert files_containing(build.output, "zebradraftcanary") == []
    assert files_containing(build.output, "quokkafuturecanary") == []
    assert files_containing(build.output, "axolotlhiddencanary") == [
        "posts/2026/hidden-canary/index.html"
    ]
    assert not (build.output / "drafts").exists()


def test_embargoed_post_appears_at_its_time_and_not_a_second_before(
    site_copy, build_site, tmp_path
):
    embargo = CLOCK - timedelta(hours=1)
    canary_post(site_copy, "embargoed.md", "pangolinembargo", date=iso(embargo))
    builds = {
        name: build_site(site_copy, tmp_path / name, build_time=(embargo + offset).isoformat())
        for name, offset in (
            ("second before", -timedelta(seconds=1)),
            ("at", timedelta()),
            ("second after", timedelta(seconds=1)),
        )
    }

    assert all(b.returncode == 0 for b in builds.values()), [b.log for b in builds.values()]
    assert files_containing(builds["second before"].output, "pangolinembargo") == []
    for name in ("at", "second after"):
        appears_in = files_containing(builds[name].output, "pangolinembargo")
        assert "posts/2026/embargoed/index.html" in appears_in, name
        assert "index.html" in appears_in, name  # listed on the home page once published
        assert "feeds/all.atom.xml" in appears_in, name


def test_scheduled_correction_and_withdrawal_take_effect_at_their_time(
    site_copy, build_site, tmp_path
):
    moment = CLOCK - timedelta(hours=1)
    notes = (
        f"\nCorrection: {iso(moment)} | We corrected the okapicorrection figure."
        f"\nWithdrawn: {iso(moment)} | Withdrawn because of the ibiswithdrawal."
    )
    canary_post(site_copy, "noted.md", "tapirnoted", notes, date=iso(moment - timedelta(days=1)))
    slug = "noted"
    page = f"posts/2026/{slug}/index.html"

    before = build_site(
        site_copy, tmp_path / "before", build_time=(moment - timedelta(seconds=1)).isoformat()
    )
    after = build_site(
        site_copy, tmp_path / "after", build_time=(moment + timedelta(seconds=1)).isoformat()
    )

    assert before.returncode == 0 and after.returncode == 0, before.log + after.log
    for word in ("okapicorrection", "ibiswithdrawal"):
        assert files_containing(before.output, word) == [], word
        assert page in files_containing(after.output, word), word
    assert f"posts/2026/{slug}/" in before.read("index.html")
    assert f"posts/2026/{slug}/" not in after.read("index.html")  # withdrawn: off the listings
    assert "<title>tapirnoted post</title>" in before.read("feeds/all.atom.xml")
    assert "<title>Withdrawn: tapirnoted post</title>" in after.read("feeds/all.atom.xml")


def test_failed_build_leaves_previous_output_byte_for_byte(site_copy, build_site, tmp_path):
    output = tmp_path / "output"
    first = build_site(site_copy, output)
    assert first.returncode == 0, first.log
    before = folder_digest(output)
    # A page whose template does not exist fails while pages are being written, part-way.
    (site_copy / "pages" / "broken.md").write_text(
        "Title: Broken\nSlug: broken\nTemplate: no-such-template\n\nText.\n"
    )

    second = build_site(site_copy, output)

    assert second.returncode != 0
    assert folder_digest(output) == before


def test_successful_rebuild_replaces_output_and_drops_deleted_pages(
    site_copy, build_site, tmp_path
):
    output = tmp_path / "output"
    canary_post(site_copy, "short-lived.md", "ephemeralmarmot")
    assert build_site(site_copy, output).returncode == 0
    assert files_containing(output, "ephemeralmarmot")

    (site_copy / "posts" / "short-lived.md").unlink()
    rebuild = build_site(site_copy, output)

    assert rebuild.returncode == 0, rebuild.log
    assert files_containing(output, "ephemeralmarmot") == []
    assert not Path(str(output) + ".partial").exists()
