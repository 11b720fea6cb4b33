"""`make verify-archive`: each format's own full validation, then a check that they agree.

bagit validates the bag (every manifest and checksum), warcio checks every record's digests
and indexes the WARC, py-wacz validates the WACZ; then the manifest, the bag's payload and the
WARC's records must describe the very same files with the same SHA-256 digests.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import io
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

import bagit
from warcio.archiveiterator import ArchiveIterator
from warcio.checker import Checker
from warcio.indexer import Indexer

from .bag import validate_bag
from .files import url_for
from .manifest import read_manifest
from .wacz_file import validate_wacz
from .warc import responses


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """warcio prints each decompression error; the result line says what went wrong."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        yield


@dataclass(frozen=True)
class Result:
    name: str
    passed: bool
    detail: str

    def __str__(self) -> str:
        return f"{self.name}: {'valid' if self.passed else 'INVALID'} ({self.detail})"


@dataclass(frozen=True)
class Found:
    manifest: str
    bag: str
    warc: str
    wacz: str


def find_packages(dist: str) -> Found:
    """The one package of each format in dist/; anything else is an error to report."""
    kinds = {"manifest": "*.sha256", "bag": "*-bag", "warc": "*.warc.gz", "wacz": "*.wacz"}
    found = {}
    for kind, pattern in kinds.items():
        matches = sorted(glob.glob(os.path.join(dist, pattern)))
        if len(matches) != 1:
            raise FileNotFoundError(
                f"{dist} should hold exactly one {pattern}, not {len(matches)}: run `make archive`"
            )
        found[kind] = matches[0]
    return Found(**found)


def check_bag(path: str) -> Result:
    try:
        return Result("bag", True, f"bagit: {validate_bag(path)}")
    except (bagit.BagError, OSError, ValueError) as error:
        return Result("bag", False, f"bagit: {error}")


def check_warc(path: str) -> Result:
    """warcio's `check` (every digest) and `index` (every record parses)."""
    chatter = io.StringIO()
    try:
        with contextlib.redirect_stdout(chatter), contextlib.redirect_stderr(io.StringIO()):
            status = Checker(_Arguments([path], verbose=False)).process_all()
            Indexer("offset,warc-type,warc-target-uri", [path], None).process_all()
    except Exception as error:  # a damaged gzip member raises from inside warcio
        return Result("warc", False, f"warcio: {type(error).__name__}: {error}")
    if status != 0:
        problems = " ".join(chatter.getvalue().split())
        return Result("warc", False, f"warcio check: {problems[:500]}")
    records, end, unchecked = read_every_record(path)
    size = os.path.getsize(path)
    if unchecked or end != size:
        where = f"record(s) at byte {', '.join(map(str, unchecked[:5]))}" if unchecked else ""
        return Result(
            "warc",
            False,
            f"warcio read {records} records to byte {end} of {size}; "
            f"{where or 'the rest'} could not be checked: the compressed data is damaged",
        )
    return Result("warc", True, f"warcio check and index: {records} records, digests match")


def read_every_record(path: str) -> tuple[int, int, list[int]]:
    """Records read, the byte the last one ends at, and the offsets of records whose digests
    could not be checked. warcio reports a damaged gzip member by reading on without
    checking (`check` then passes), so every record must have passed its digest check."""
    count, end, unchecked = 0, 0, []
    with open(path, "rb") as handle, quiet():
        records = ArchiveIterator(handle, check_digests=True)
        for record in records:
            record.content_stream().read()
            records.read_to_end(record)
            count += 1
            end = records.get_record_offset() + records.get_record_length()
            if record.digest_checker.passed is not True:
                unchecked.append(records.get_record_offset())
    return count, end, unchecked


def check_wacz(path: str) -> Result:
    passed, detail = validate_wacz(path)
    return Result("wacz", passed, f"wacz validate: {detail}")


def check_agreement(found: Found) -> Result:
    """The manifest, the bag's payload and the WARC hold the same files, byte for byte."""
    try:
        manifest = read_manifest(found.manifest)
        bag = bagit.Bag(found.bag)
        bag_digests = {
            name.removeprefix("data/"): digests["sha256"]
            for name, digests in bag.payload_entries().items()
        }
        if bag_digests != manifest:
            differ = sorted(set(bag_digests.items()) ^ set(manifest.items()))[:3]
            return Result("agreement", False, f"the bag and the manifest differ: {differ}")
        site = _site_of(bag)
        expected = {url_for(site, relative): digest for relative, digest in manifest.items()}
        with quiet():
            archived = {
                url: hashlib.sha256(body).hexdigest() for url, _date, body in responses(found.warc)
            }
        if archived != expected:
            differ = sorted(set(archived.items()) ^ set(expected.items()))[:3]
            return Result("agreement", False, f"the WARC and the manifest differ: {differ}")
        with zipfile.ZipFile(found.wacz) as wacz, open(found.warc, "rb") as warc:
            inside = wacz.read(f"archive/{os.path.basename(found.warc)}")
            if inside != warc.read():
                return Result("agreement", False, "the WACZ holds a different WARC")
    except Exception as error:
        return Result("agreement", False, f"{type(error).__name__}: {error}")
    return Result("agreement", True, f"{len(manifest)} files identical in manifest, bag and WARC")


def _site_of(bag: bagit.Bag) -> str:
    identifier = bag.info.get("External-Identifier", "")
    return str(identifier).rstrip("/")


@dataclass
class _Arguments:
    inputs: list[str]
    verbose: bool


def verify(dist: str) -> list[Result]:
    found = find_packages(dist)
    return [
        check_bag(found.bag),
        check_warc(found.warc),
        check_wacz(found.wacz),
        check_agreement(found),
    ]
