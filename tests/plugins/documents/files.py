"""Small, valid documents written from scratch, so tests know what each one holds.

A PDF with a given number of pages of plain text, an OpenDocument text file and a CSV: the
same writers made the example site's documents in content/documents/.
"""

from __future__ import annotations

import zipfile
from pathlib import Path


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_bytes(title: str, pages: list[list[str]]) -> bytes:
    """A PDF 1.4 file: one page of Helvetica text per item of `pages`, with a real xref table."""
    count = len(pages)
    page_ids = [4 + 2 * index for index in range(count)]
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: (
            "<< /Type /Pages /Kids ["
            + " ".join(f"{number} 0 R" for number in page_ids)
            + f"] /Count {count} >>"
        ).encode(),
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    }
    for number, lines in zip(page_ids, pages, strict=True):
        text = ["BT", "/F1 12 Tf", "14 TL", "72 770 Td"]
        text += [f"({_escape(line)}) Tj T*" for line in lines]
        text.append("ET")
        stream = "\n".join(text).encode("cp1252")
        objects[number] = (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {number + 1} 0 R >>"
        ).encode()
        objects[number + 1] = (
            f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream"
        )
    info = len(objects) + 1
    objects[info] = f"<< /Title ({_escape(title)}) /Producer (Dialogues tests) >>".encode()
    body = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(body)
        body += f"{number} 0 obj\n".encode() + objects[number] + b"\nendobj\n"
    xref = len(body)
    body += f"xref\n0 {info + 1}\n0000000000 65535 f \n".encode()
    body += b"".join(f"{offsets[n]:010d} 00000 n \n".encode() for n in range(1, info + 1))
    body += f"trailer\n<< /Size {info + 1} /Root 1 0 R /Info {info} 0 R >>\n".encode()
    body += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(body)


def write_pdf(path: Path, title: str, pages: list[list[str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pdf_bytes(title, pages))
    return path


ODT_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" \
manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" \
manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""


def write_odt(path: Path, heading: str, paragraphs: list[str]) -> Path:
    """An OpenDocument text file: the mimetype first and stored, then the content."""
    from xml.sax.saxutils import escape

    body = f'<text:h text:outline-level="1">{escape(heading)}</text:h>' + "".join(
        f"<text:p>{escape(paragraph)}</text:p>" for paragraph in paragraphs
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:text>{body}</office:text></office:body>"
        "</office:document-content>\n"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    fixed = (2026, 1, 1, 0, 0, 0)
    with zipfile.ZipFile(path, "w") as archive:
        for name, data, method in (
            ("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED),
            ("content.xml", content, zipfile.ZIP_DEFLATED),
            ("META-INF/manifest.xml", ODT_MANIFEST, zipfile.ZIP_DEFLATED),
        ):
            info = zipfile.ZipInfo(name, fixed)
            info.compress_type = method
            archive.writestr(info, data)
    return path
