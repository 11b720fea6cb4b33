"""A rebuild from the very inputs of the published site keeps it (publishing/unchanged.py);
any changed input, a clock past the window, or a hand-edited published file builds again.

Whole builds with the real `pelican` command and the example site.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from tests.conftest import EXAMPLE_BUILD_TIME, run_build
from tests.helpers import folder_digest
from tests.plugins.publishing.rebuilds import POST, POST_PAGE, Site, append, window_of

KEPT = "Nothing changed"


def test_a_rebuild_keeps_the_site_until_an_input_changes(site_copy: Path, tmp_path: Path) -> None:
    site = Site(tmp_path, site_copy)
    first = site.build()
    assert KEPT not in first.log
    published = folder_digest(site.output)
    inode = site.output.stat().st_ino

    again = site.build()
    assert KEPT in again.log
    assert site.output.stat().st_ino == inode  # not replaced: the very folder stays
    assert folder_digest(site.output) == published

    # Each input, changed in turn, is built; the build after it is kept again.
    changes = [
        ("an edited post", lambda: append(site.content / POST, "A paragraph added today.")),
        ("a new comment", lambda: site.add_comment("A comment approved a minute ago.")),
        ("an edited template", lambda: append(site.theme / "templates" / "base.html", "")),
        ("a setting", lambda: site.env.update({"DIALOGUES_SITEURL": "https://example.org"})),
        ("a hand-edited page", lambda: append(site.output / POST_PAGE, "<!-- edited -->")),
    ]
    for what, change in changes:
        change()
        rebuilt = site.build()
        assert KEPT not in rebuilt.log, f"{what} was not built"
        assert KEPT in site.build().log, f"the build after {what} was not kept"

    page = (site.output / POST_PAGE).read_text(encoding="utf-8")
    assert "A paragraph added today." in page
    assert "A comment approved a minute ago." in page
    assert "<!-- edited -->" not in page


def test_a_clock_inside_the_window_builds_the_kept_site_and_one_past_it_does_not(
    site_copy: Path, tmp_path: Path
) -> None:
    """The window is sound: fresh builds at its first and last moments are byte for byte
    the site built at the clock that made it; just past its end something really changes."""
    site = Site(tmp_path, site_copy)
    site.build()
    kept = folder_digest(site.output)
    start, end = window_of(site.cache)
    built_at = datetime.fromisoformat(EXAMPLE_BUILD_TIME)
    assert start <= built_at < end

    def fresh(clock: datetime, name: str) -> dict[str, str]:
        build = run_build(
            site.content,
            tmp_path / name,
            build_time=clock.isoformat(),
            env={"DIALOGUES_CACHE_PATH": str(tmp_path / f"cache-{name}")},
            extra_settings={"THEME": json.dumps(str(site.theme))},
        )
        assert build.returncode == 0, build.log
        return folder_digest(build.output)

    assert fresh(start, "first") == kept
    assert fresh(end - timedelta(microseconds=1), "last") == kept
    # Each change is noted with the microsecond after it, so it has taken effect by then.
    assert fresh(end + timedelta(microseconds=1), "after") != kept

    site.clock = end.isoformat()
    assert KEPT not in site.build().log


def test_a_change_in_a_linked_folder_of_sources_is_built(site_copy: Path, tmp_path: Path) -> None:
    """Pelican reads sources through linked folders, so the record must look through them."""
    elsewhere = tmp_path / "shared-posts"
    (site_copy / "posts").rename(elsewhere)
    (site_copy / "posts").symlink_to(elsewhere, target_is_directory=True)
    site = Site(tmp_path, site_copy)
    site.build()
    assert KEPT in site.build().log

    append(elsewhere / Path(POST).name, "A paragraph added through the link.")
    assert KEPT not in site.build().log
    assert "A paragraph added through the link." in (site.output / POST_PAGE).read_text(
        encoding="utf-8"
    )


def test_a_kept_site_clears_what_a_failed_build_left_beside_it(
    site_copy: Path, tmp_path: Path
) -> None:
    """A failed build leaves its staging folder and the search index it was making; the next
    run removes both, even when it keeps the published site and writes nothing."""
    site = Site(tmp_path, site_copy)
    site.build()
    left = [Path(f"{site.output}.partial"), Path(f"{site.output}.partial.search")]
    for folder in left:
        (folder / "posts").mkdir(parents=True)
        (folder / "posts" / "half-written.html").write_text("<p>half", encoding="utf-8")

    assert KEPT in site.build().log
    assert [folder for folder in left if folder.exists()] == []
