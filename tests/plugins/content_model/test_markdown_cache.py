"""The Markdown cache gives exactly what Pelican's reader gives, and never an old rendering."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest
from content_model import markdown_cache, reading_order
from content_model.markdown_cache import FILE_NAME, MarkdownCache, render
from content_model.reader import DialoguesMarkdownReader
from pelican.generators import ArticlesGenerator
from pelican.readers import MarkdownReader
from pelican.settings import read_settings

from tests.conftest import REPO

POST = "posts/2025-02-food-waste-collections-have-your-say.md"


def settings_for(content: Path, cache: Path | None) -> dict[str, Any]:
    settings = read_settings(
        str(REPO / "pelicanconf.py"),
        override={"PATH": str(content), "BUILD_CACHE_PATH": str(cache) if cache else None},
    )
    MarkdownReader(settings)  # as in a build: the reader adds the meta extension to MARKDOWN
    return settings


def read(content: Path, cache: Path | None, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.delenv("DIALOGUES_CACHE_PATH", raising=False)
    reader = DialoguesMarkdownReader(settings_for(content, cache))
    result = reader.read(str(content / POST))
    markdown_cache.save_build_cache()  # what the end of reading does in a build
    return result


def test_a_cached_read_is_the_read_without_a_cache(
    site_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    without = read(site_copy, None, monkeypatch)
    cold = read(site_copy, tmp_path / "cache", monkeypatch)
    warm = read(site_copy, tmp_path / "cache", monkeypatch)

    assert (tmp_path / "cache" / FILE_NAME).exists()
    assert cold == without
    assert warm == without
    assert "<h2" in warm[0] and warm[1]["summary"]


def test_render_does_what_pelicans_markdown_reader_does(site_copy: Path) -> None:
    settings = settings_for(site_copy, None)
    reader = MarkdownReader(settings)
    content, metadata = reader.read(str(site_copy / POST))
    text = (site_copy / POST).read_text(encoding="utf-8")

    rendered = render(text, settings["MARKDOWN"], settings["FORMATTED_FIELDS"])

    assert rendered.html == content
    assert list(rendered.formatted.values()) == [metadata["summary"]]


TRICKY = """Title: Tricky
Summary: A *summary* with HTML[^1] and a HTML abbreviation.

# Heading

Text with a footnote[^1] and HTML.

*[HTML]: Hypertext Markup Language

[^1]: The footnote.

# Heading

| a | b |
|---|---|
| 1 | 2 |

```python
print("code")
```
"""


def test_one_renderer_for_many_sources_gives_what_pelican_gives_for_each(
    site_copy: Path, tmp_path: Path
) -> None:
    settings = settings_for(site_copy, None)
    sources = [Path(p) for p in markdown_cache.markdown_sources(str(site_copy), ["posts"])]
    # Footnotes, abbreviations and headings that repeat are what an object used again
    # could carry over from one text to the next; each comes twice, between others.
    tricky = tmp_path / "tricky.md"
    tricky.write_text(TRICKY, encoding="utf-8")
    sequence = [tricky, *sources[:5], tricky, *sources[5:], tricky]

    for source in sequence:
        content, metadata = MarkdownReader(settings).read(str(source))
        rendered = render(
            source.read_text(encoding="utf-8"), settings["MARKDOWN"], settings["FORMATTED_FIELDS"]
        )
        assert rendered.html == content, source
        assert list(rendered.formatted.values()) == [metadata["summary"]], source
    assert 'id="heading_1"' in content and "fnref" in content and "<abbr" in content


def test_an_edited_source_is_rendered_again(
    site_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read(site_copy, tmp_path / "cache", monkeypatch)
    source = site_copy / POST
    text = source.read_text(encoding="utf-8")
    source.write_text(
        text.replace("Summary: We propose", "Summary: *Edited* summary. We propose")
        + "\nA paragraph about the walrusediting canary.\n",
        encoding="utf-8",
    )

    content, metadata = read(site_copy, tmp_path / "cache", monkeypatch)

    assert "walrusediting canary" in content
    assert metadata["summary"].startswith("<p><em>Edited</em> summary.")


def test_other_markdown_settings_do_not_share_renderings(site_copy: Path, tmp_path: Path) -> None:
    settings = settings_for(site_copy, None)
    text = (site_copy / POST).read_text(encoding="utf-8")
    first = MarkdownCache(tmp_path, settings["MARKDOWN"], settings["FORMATTED_FIELDS"])
    first.rendered(text)
    first.save()

    other = dict(settings["MARKDOWN"], output_format="xhtml")
    second = MarkdownCache(tmp_path, other, settings["FORMATTED_FIELDS"])

    assert second.entries == {}
    assert MarkdownCache(tmp_path, settings["MARKDOWN"], settings["FORMATTED_FIELDS"]).entries


def test_sources_a_build_no_longer_reads_leave_the_cache(site_copy: Path, tmp_path: Path) -> None:
    settings = settings_for(site_copy, None)
    cache = MarkdownCache(tmp_path, settings["MARKDOWN"], settings["FORMATTED_FIELDS"])
    cache.rendered("Title: Gone\n\nThe okapideleted canary.")
    cache.rendered("Title: Kept\n\nStill here.")
    cache.save()
    cache = MarkdownCache(tmp_path, settings["MARKDOWN"], settings["FORMATTED_FIELDS"])
    cache.rendered("Title: Kept\n\nStill here.")
    cache.save()

    assert b"okapideleted" not in (tmp_path / FILE_NAME).read_bytes()
    assert b"Still here" in (tmp_path / FILE_NAME).read_bytes()


def test_many_new_sources_are_rendered_on_workers_exactly_as_one_by_one(
    site_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(markdown_cache, "PARALLEL_FROM", 2)
    # As in a build: Pelican imports plugins without putting their folder on sys.path, so
    # spawned workers do not inherit it.
    monkeypatch.setattr(sys, "path", [p for p in sys.path if Path(p).name != "plugins"])
    settings = settings_for(site_copy, None)
    sources = markdown_cache.markdown_sources(str(site_copy), ["posts", "pages"])
    one_by_one = MarkdownCache(tmp_path / "a", settings["MARKDOWN"], settings["FORMATTED_FIELDS"])
    on_workers = MarkdownCache(tmp_path / "b", settings["MARKDOWN"], settings["FORMATTED_FIELDS"])

    on_workers.prepare(sources, workers=2)
    texts = [Path(source).read_text(encoding="utf-8") for source in sources]
    expected = [one_by_one.rendered(text) for text in texts]
    # Reading goes on while the workers render: none may be rendered here.
    monkeypatch.setattr(markdown_cache, "render", _not_here)
    found = [on_workers.rendered(text) for text in texts]
    on_workers.save()

    assert "workers failed" not in caplog.text
    assert len(sources) > 20
    assert found == expected
    assert len(on_workers.entries) == len(sources)


def _not_here(*_: Any) -> None:
    raise AssertionError("rendered while reading, not by the workers")


def test_sources_are_listed_in_the_order_the_generators_read_them(site_copy: Path) -> None:
    sources = markdown_cache.markdown_sources(str(site_copy), ["posts", "pages"])
    relative = [os.path.relpath(source, site_copy) for source in sources]
    posts = [path for path in relative if path.startswith("posts")]
    assert relative == posts + [path for path in relative if path.startswith("pages")]
    reading_order.install()  # as the plugin does when Pelican registers it
    settings = settings_for(site_copy, None)
    generator = ArticlesGenerator(
        context={}, settings=settings, path=str(site_copy), theme="", output_path=""
    )
    assert generator.get_files(["posts"]) == posts
