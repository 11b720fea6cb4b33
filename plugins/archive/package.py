"""`make archive`: package a finished production build into dist/, every format from one list.

Writes <name>.sha256 (manifest), <name>-bag/ (BagIt), <name>.warc.gz and <name>.wacz, where
<name> is ARCHIVE_NAME (the site's host by default). Earlier packages of that name are replaced.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass

from .bag import make_bag
from .files import output_files
from .manifest import manifest_text
from .pages import page_count, pages_jsonl
from .settings import ArchiveSettings
from .wacz_file import write_wacz
from .warc import warc_date, write_warc

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Packages:
    manifest: str
    bag: str
    warc: str
    wacz: str
    files: int
    pages: int

    def sizes(self) -> dict[str, int]:
        bag_size = sum(
            os.path.getsize(os.path.join(root, name))
            for root, _dirs, names in os.walk(self.bag)
            for name in names
        )
        return {
            "manifest": os.path.getsize(self.manifest),
            "bag": bag_size,
            "warc": os.path.getsize(self.warc),
            "wacz": os.path.getsize(self.wacz),
        }


def package_paths(dist: str, name: str) -> dict[str, str]:
    return {
        "manifest": os.path.join(dist, f"{name}.sha256"),
        "bag": os.path.join(dist, f"{name}-bag"),
        "warc": os.path.join(dist, f"{name}.warc.gz"),
        "wacz": os.path.join(dist, f"{name}.wacz"),
    }


def package(
    output: str,
    dist: str,
    settings: ArchiveSettings,
    progress: Callable[[str], None] = logger.info,
) -> Packages:
    files = output_files(output, settings.site_url)
    paths = package_paths(dist, settings.name)
    os.makedirs(dist, exist_ok=True)
    for path in paths.values():
        if os.path.isdir(path):
            shutil.rmtree(path)
        elif os.path.exists(path):
            os.remove(path)

    progress(f"manifest: {len(files)} files")
    manifest = manifest_text(files)
    with open(paths["manifest"], "w", encoding="utf-8", newline="\n") as handle:
        handle.write(manifest)

    progress("bag: copying and checksumming the output (SHA-256, SHA-512)")
    make_bag(output, paths["bag"], settings)

    progress("warc: one response record per file")
    write_warc(paths["warc"], files, settings, manifest)

    progress("wacz: indexing the WARC and listing its pages")
    pages = pages_jsonl(output, files, settings.title, warc_date(settings.moment))
    with tempfile.TemporaryDirectory() as scratch:
        pages_file = os.path.join(scratch, "pages.jsonl")
        with open(pages_file, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(pages)
        write_wacz(paths["wacz"], paths["warc"], pages_file, settings)
    return Packages(**paths, files=len(files), pages=page_count(pages))
