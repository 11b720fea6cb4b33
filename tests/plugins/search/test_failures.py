"""Bad search settings and a missing or broken Pagefind stop the build with one clear line and
leave the published site as it was; the reproducibility rewrite refuses what it cannot read."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from search.settings import SearchSettingsError, search_settings
from search.stable import SIGNATURE, UnexpectedFormat, canonical_filter, stabilise

from tests.helpers import folder_digest


def test_every_bad_setting_is_named_at_once() -> None:
    with pytest.raises(SearchSettingsError) as raised:
        search_settings(
            {
                "SEARCH_SAVE_AS": "/abs/search.htm",
                "SEARCH_URL": "https://elsewhere.example/search/",
                "SEARCH_IGNORE": [".ok", "h2 ~ p", ""],
            }
        )
    message = str(raised.value)
    for fragment in ("SEARCH_SAVE_AS '/abs/search.htm'", "SEARCH_URL", "'h2 ~ p'", "''"):
        assert fragment in message
    assert "SEARCH_IGNORE '.ok'" not in message


def test_defaults_follow_the_site_url_style() -> None:
    preview = search_settings({"INDEX_SUFFIX": "index.html"})
    published = search_settings({"INDEX_SUFFIX": ""})
    assert (preview.url, published.url) == ("search/index.html", "search/")
    assert preview.script_save_as == "search/search.js"
    assert search_settings({"SEARCH_SAVE_AS": "find.html"}).script_save_as == "search.js"


def test_a_bad_setting_stops_the_build_in_one_line(site_copy, build_site) -> None:
    build = build_site(site_copy, extra_settings={"SEARCH_IGNORE": '["h2 + p"]'})

    assert build.returncode == 2
    errors = [line for line in build.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "SEARCH_IGNORE selector 'h2 + p'" in errors[0]
    assert "Traceback" not in build.log


def test_without_pagefind_nothing_is_published(
    example_build, site_copy, build_site, tmp_path
) -> None:
    output = tmp_path / "output"
    shutil.copytree(example_build.output, output)  # the site as last published
    before = folder_digest(output)

    build = build_site(site_copy, output, env={"PAGEFIND_BINARY_PATH": str(tmp_path / "none")})

    assert build.returncode == 5
    assert "error: search: the Pagefind binary is not installed" in build.stderr
    assert "Traceback" not in build.log
    assert folder_digest(output) == before


def cbor_text(value: str) -> bytes:
    data = value.encode()
    assert len(data) < 24
    return bytes([0x60 | len(data)]) + data


def test_filter_values_are_put_in_order_without_re_encoding_them() -> None:
    entry = {
        name: bytes([0x82]) + cbor_text(name) + bytes([0x81, n]) for n, name in enumerate("cab")
    }
    shuffled = bytes([0x82]) + cbor_text("type") + bytes([0x83]) + b"".join(entry.values())

    ordered = canonical_filter(shuffled)

    assert (
        ordered
        == bytes([0x82]) + cbor_text("type") + bytes([0x83]) + entry["a"] + entry["b"] + entry["c"]
    )
    with pytest.raises(UnexpectedFormat):
        canonical_filter(shuffled[:-1])


def test_a_bundle_from_an_unknown_pagefind_version_is_refused(tmp_path: Path) -> None:
    (tmp_path / "pagefind-entry.json").write_text(
        json.dumps({"version": "9.0.0", "languages": {}}), encoding="utf-8"
    )
    (tmp_path / "filter").mkdir()
    (tmp_path / "filter" / "en_0000000.pf_filter").write_bytes(gzip.compress(SIGNATURE))

    with pytest.raises(UnexpectedFormat, match=r"Pagefind 9\.0\.0 is not"):
        stabilise(tmp_path)


def test_a_failing_pagefind_stops_the_build_with_its_message(
    example_build, site_copy, build_site, tmp_path
) -> None:
    output = tmp_path / "output"
    shutil.copytree(example_build.output, output)
    before = folder_digest(output)
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'Error: out of cheese' >&2\nexit 3\n", encoding="utf-8")
    broken.chmod(0o755)

    build = build_site(site_copy, output, env={"PAGEFIND_BINARY_PATH": str(broken)})

    assert build.returncode == 5
    assert "error: search: Pagefind failed to index the site: Error: out of cheese" in build.stderr
    assert folder_digest(output) == before
