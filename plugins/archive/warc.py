"""The WARC (ISO 28500): one `response` record per output file, at the address it is served at.

Reproducible: every record is dated SOURCE_DATE_EPOCH, and its WARC-Record-ID is a name-based
UUID of its URL and the SHA-256 of its content, so the same output gives the same bytes.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import datetime
from io import BytesIO

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .files import OutputFile
from .settings import ArchiveSettings

WARC_VERSION = "WARC/1.1"
# The namespace of this project's record ids (a fixed, random UUID: never change it).
RECORD_NAMESPACE = uuid.UUID("5b0f3c1e-8d5a-4e57-9a3e-2f9b1d6c7a40")


def warc_date(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def record_id(*parts: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(RECORD_NAMESPACE, chr(10).join(parts))}>"


def _warcinfo(writer: WARCWriter, filename: str, settings: ArchiveSettings, manifest: str) -> None:
    fields = {
        "software": "Dialogues (warcio)",
        "format": "WARC File Format 1.1",
        "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
        "isPartOf": settings.name,
        "description": f"The website {settings.title}, as published at {settings.site_url}/",
        "publisher": settings.organisation,
    }
    payload = "".join(f"{key}: {value}\r\n" for key, value in fields.items()).encode("utf-8")
    headers = {
        "WARC-Record-ID": record_id("warcinfo", filename, manifest),
        "WARC-Date": warc_date(settings.moment),
        "WARC-Filename": filename,
        "Content-Type": "application/warc-fields",
    }
    record = writer.create_warc_record(
        "", "warcinfo", payload=BytesIO(payload), length=len(payload), warc_headers_dict=headers
    )
    writer.write_record(record)


def _response(writer: WARCWriter, file: OutputFile, settings: ArchiveSettings) -> None:
    with open(file.path, "rb") as handle:
        body = handle.read()
    http_headers = StatusAndHeaders(
        "200 OK",
        [("Content-Type", file.content_type), ("Content-Length", str(len(body)))],
        protocol="HTTP/1.1",
    )
    headers = {
        "WARC-Record-ID": record_id("response", file.url, file.sha256),
        "WARC-Date": warc_date(settings.moment),
    }
    record = writer.create_warc_record(
        file.url,
        "response",
        payload=BytesIO(body),
        length=len(body),
        http_headers=http_headers,
        warc_headers_dict=headers,
    )
    writer.write_record(record)


def write_warc(path: str, files: list[OutputFile], settings: ArchiveSettings, manifest: str) -> int:
    """Write the WARC; return how many response records it holds."""
    filename = path.rsplit("/", 1)[-1]
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True, warc_version=WARC_VERSION)
        _warcinfo(writer, filename, settings, manifest)
        for file in files:
            _response(writer, file, settings)
    return len(files)


def responses(path: str) -> Iterator[tuple[str, str, bytes]]:
    """(URL, WARC-Date, payload) of every response record, checking digests as it reads."""
    with open(path, "rb") as handle:
        for record in ArchiveIterator(handle, check_digests=True):
            if record.rec_type == "response":
                body = record.content_stream().read()
                yield (
                    record.rec_headers.get_header("WARC-Target-URI"),
                    record.rec_headers.get_header("WARC-Date"),
                    body,
                )
