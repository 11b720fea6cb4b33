"""The BagIt bag (RFC 8493): the output as its payload, with SHA-256 and SHA-512 manifests."""

from __future__ import annotations

import logging
import shutil

import bagit

from .settings import ArchiveSettings

logger = logging.getLogger(__name__)

CHECKSUMS = ["sha256", "sha512"]


def bag_info(settings: ArchiveSettings) -> dict[str, str]:
    info = {
        "Source-Organization": settings.organisation,
        "External-Description": f"The website {settings.title}, as published at "
        f"{settings.site_url}/",
        "External-Identifier": f"{settings.site_url}/",
        "Bagging-Date": settings.moment.strftime("%Y-%m-%d"),
    }
    if settings.contact_email:
        info["Contact-Email"] = settings.contact_email
    return info


def make_bag(output: str, bag_dir: str, settings: ArchiveSettings) -> bagit.Bag:
    """Copy the output, then bag the copy in place (bagit moves it into data/)."""
    shutil.rmtree(bag_dir, ignore_errors=True)
    shutil.copytree(output, bag_dir)
    return bagit.make_bag(bag_dir, bag_info(settings), checksums=CHECKSUMS)


def validate_bag(bag_dir: str) -> str:
    """bagit's own full validation: every manifest, every checksum, Payload-Oxum, tag files."""
    bag = bagit.Bag(bag_dir)
    bag.validate(fast=False)
    return f"{len(bag.payload_entries())} files, {' + '.join(bag.algorithms)}"
