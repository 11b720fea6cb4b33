"""`make archive`: a manifest, a BagIt bag, a WARC and a WACZ of exactly the production build,
reproducible, each valid by its own validator, and each invalid after one changed byte."""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pelican.settings import read_settings
from warcio.archiveiterator import ArchiveIterator

from tests.conftest import REPO
from tests.helpers import folder_digest

from .conftest import EPOCH, Archive, archive_command, package

SITE = "https://dialogues.example.gov.uk"
MOMENT = datetime.fromtimestamp(int(EPOCH), UTC)


def records(warc: Path) -> dict[str, dict[str, str]]:
    """URL → WARC headers of every response record."""
    with warc.open("rb") as handle:
        return {
            record.rec_headers.get_header("WARC-Target-URI"): dict(record.rec_headers.headers)
            for record in ArchiveIterator(handle)
            if record.rec_type == "response"
        }


def url_of(relative: str) -> str:
    return f"{SITE}/" + relative.removesuffix("index.html")


def verify(dist: Path) -> tuple[int, dict[str, str]]:
    result = archive_command("verify", str(dist))
    lines = dict(line.split(": ", 1) for line in result.stdout.splitlines() if ": " in line)
    return result.returncode, lines


def test_the_packages_hold_exactly_the_build_and_verify(archive: Archive) -> None:
    built = folder_digest(archive.output)
    manifest = {
        path: digest
        for digest, path in (
            line.split("  ", 1) for line in archive.one("*.sha256").read_text().splitlines()
        )
    }
    assert manifest == built
    bag_payload = folder_digest(archive.one("*-bag") / "data")
    assert bag_payload == built
    warc = records(archive.one("*.warc.gz"))
    assert set(warc) == {url_of(relative) for relative in built}

    status, lines = verify(archive.dist)

    assert status == 0, lines
    for kind in ("bag", "warc", "wacz", "agreement"):
        assert lines[kind].startswith("valid"), lines
    assert "archive:" in archive.stdout and "in " in archive.stdout.splitlines()[-1]


def test_bag_has_sha256_and_sha512_manifests_and_names_the_organisation(archive: Archive) -> None:
    bag = archive.one("*-bag")
    for algorithm in ("sha256", "sha512"):
        assert (bag / f"manifest-{algorithm}.txt").is_file()
        assert (bag / f"tagmanifest-{algorithm}.txt").is_file()
    info = dict(line.split(": ", 1) for line in (bag / "bag-info.txt").read_text().splitlines())
    organisation = read_settings(str(REPO / "publishconf.py"))["ARCHIVE_ORGANISATION"]
    assert organisation and info["Source-Organization"] == organisation
    assert info["Bagging-Date"] == MOMENT.strftime("%Y-%m-%d")
    assert info["External-Identifier"] == f"{SITE}/"


def test_warc_records_are_dated_from_source_date_epoch(archive: Archive) -> None:
    warc = records(archive.one("*.warc.gz"))
    assert warc
    assert {headers["WARC-Date"] for headers in warc.values()} == {"2026-11-20T12:00:00Z"}
    with gzip.open(archive.one("*.warc.gz"), "rb") as handle:
        assert handle.read(9) == b"WARC/1.1\r"


def test_packaging_twice_gives_identical_bytes_and_ids_follow_content(
    archive: Archive, tmp_path: Path
) -> None:
    again = package(archive.output, tmp_path / "again")
    assert folder_digest(again.dist) == folder_digest(archive.dist)

    changed = tmp_path / "changed"
    shutil.copytree(archive.output, changed)
    (changed / "about" / "index.html").write_bytes(
        (changed / "about" / "index.html").read_bytes() + b"\n"
    )
    other = package(changed, tmp_path / "other")
    before, after = records(archive.one("*.warc.gz")), records(other.one("*.warc.gz"))
    differ = {
        url for url in before if before[url]["WARC-Record-ID"] != after[url]["WARC-Record-ID"]
    }
    assert differ == {f"{SITE}/about/"}


def test_wacz_lists_every_sitemap_page_with_its_title(archive: Archive) -> None:
    with zipfile.ZipFile(archive.one("*.wacz")) as wacz:
        lines = wacz.read("pages/pages.jsonl").decode("utf-8").splitlines()
        names = set(wacz.namelist())
    header, *pages = (json.loads(line) for line in lines)
    assert header["format"] == "json-pages-1.0"
    sitemap = (archive.output / "sitemap.xml").read_text()
    urls = {page["url"] for page in pages}
    assert urls and all(f"<loc>{url}</loc>" in sitemap for url in urls)
    # Documents (the documents plugin) are in the sitemap but are not pages.
    page_locs = [
        line for line in sitemap.splitlines() if line.strip().endswith(("/</loc>", ".html</loc>"))
    ]
    assert len(page_locs) == len(urls)
    assert all(page["title"] and page["ts"] == "2026-11-20T12:00:00Z" for page in pages)
    assert {"datapackage.json", "datapackage-digest.json", "indexes/index.cdx.gz"} <= names


def _id(records_by_url: dict[str, dict[str, str]], url: str) -> str:
    return records_by_url[url]["WARC-Record-ID"]


def flip_byte(path: Path, fraction: float) -> None:
    data = bytearray(path.read_bytes())
    position = int(len(data) * fraction)
    data[position] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("kind", "target", "fraction"),
    [
        ("bag", "*-bag/data/index.html", 0.5),
        ("bag", "*-bag/bag-info.txt", 0.5),
        ("bag", "*-bag/manifest-sha512.txt", 0.9),
        ("warc", "*.warc.gz", 0.25),
        ("warc", "*.warc.gz", 0.5),
        ("warc", "*.warc.gz", 0.9),
        ("wacz", "*.wacz", 0.25),
        ("wacz", "*.wacz", 0.75),
    ],
)
def test_one_changed_byte_fails_that_formats_own_validation(
    archive: Archive, tmp_path: Path, kind: str, target: str, fraction: float
) -> None:
    dist = tmp_path / "dist"
    shutil.copytree(archive.dist, dist)
    (damaged,) = dist.glob(target)
    original = hashlib.sha256(damaged.read_bytes()).hexdigest()

    flip_byte(damaged, fraction)

    assert hashlib.sha256(damaged.read_bytes()).hexdigest() != original
    status, lines = verify(dist)
    assert status == 1
    assert lines[kind].startswith("INVALID"), lines


def test_packaging_a_development_build_is_refused(example_build, tmp_path: Path) -> None:
    result = archive_command(
        "package", "-s", "pelicanconf.py", str(example_build.output), str(tmp_path / "dist")
    )
    assert result.returncode == 2
    assert "SITEURL" in result.stdout and "publishconf.py" in result.stdout
    assert not (tmp_path / "dist").exists()
