"""Make Pagefind's output byte-identical from one build to the next (publishing invariant 3).

Pagefind 1.5 writes its page fragments and word index deterministically, but each filter file
lists its values in the order of a randomly seeded hash map. The index Pagefind writes is
correct either way; only its bytes differ. Here each filter file's values are put in a fixed
order, and the files that name it by its hash (the language's `.pf_meta`, then
`pagefind-entry.json`) are renamed and rewritten to match.

Each `.pf_filter` and `.pf_meta` file is gzip of `pagefind_dcd` followed by CBOR; a filter file
is the array [name, [[value, [page numbers]], ...]]. Only that outer shape is read; each
value's entry is moved as raw bytes, so nothing Pagefind wrote is re-encoded.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"
ENTRY_FILE = "pagefind-entry.json"
TEXT, ARRAY = 3, 4
# Versions whose bundle layout is described above; check it again before adding one.
KNOWN_VERSIONS = ("1.5.2",)


class UnexpectedFormat(ValueError):
    """The bundle is not laid out as the pinned Pagefind version writes it."""


def _head(data: bytes, at: int) -> tuple[int, int, int]:
    """A CBOR item's major type and argument, and where its content starts."""
    if at >= len(data):
        raise UnexpectedFormat("the file ends in the middle of an item")
    major, extra = data[at] >> 5, data[at] & 31
    if extra < 24:
        return major, extra, at + 1
    size = {24: 1, 25: 2, 26: 4, 27: 8}.get(extra)
    if size is None:
        raise UnexpectedFormat("an item of indefinite length")
    return major, int.from_bytes(data[at + 1 : at + 1 + size], "big"), at + 1 + size


def _skip(data: bytes, at: int) -> int:
    """Where the item starting at `at` ends (integers, strings and arrays only)."""
    major, argument, at = _head(data, at)
    if major in (0, 1):
        return at
    if major in (2, TEXT):
        return at + argument
    if major == ARRAY:
        for _ in range(argument):
            at = _skip(data, at)
        return at
    raise UnexpectedFormat(f"an item of CBOR major type {major}")


def _text(data: bytes, at: int) -> str:
    major, length, start = _head(data, at)
    if major != TEXT:
        raise UnexpectedFormat("a filter value that is not text")
    return data[start : start + length].decode("utf-8")


def _items(payload: bytes) -> list[tuple[int, int]]:
    """Where each item of the top-level array starts and ends."""
    major, count, at = _head(payload, 0)
    if major != ARRAY:
        raise UnexpectedFormat("a file that is not a CBOR array")
    spans = []
    for _ in range(count):
        end = _skip(payload, at)
        spans.append((at, end))
        at = end
    if at != len(payload):
        raise UnexpectedFormat("bytes after the top-level array")
    return spans


def _sorted_entries(data: bytes, at: int) -> bytes:
    """The array at `at`, whose entries are arrays led by text, in order of that text."""
    major, count, start = _head(data, at)
    if major != ARRAY:
        raise UnexpectedFormat("a list that is not an array")
    entries, position = [], start
    for _ in range(count):
        end = _skip(data, position)
        major, _, text_at = _head(data, position)
        if major != ARRAY:
            raise UnexpectedFormat("a list entry that is not an array")
        entries.append((_text(data, text_at), data[position:end]))
        position = end
    return data[at:start] + b"".join(raw for _, raw in sorted(entries))


def canonical_filter(payload: bytes) -> bytes:
    """The filter file [name, [[value, pages], ...]] with its values in order."""
    spans = _items(payload)
    if len(spans) != 2:
        raise UnexpectedFormat("a filter file that is not [name, values]")
    return payload[: spans[1][0]] + _sorted_entries(payload, spans[1][0])


def canonical_meta(meta: bytes, renames: dict[str, str]) -> bytes:
    """The metadata with its list of filter files (its fourth item, [[name, file], ...])
    naming the new files, in order of name. The file names keep their length, so the CBOR
    text strings holding them stay well formed."""
    spans = _items(meta)
    if len(spans) < 4:
        raise UnexpectedFormat("metadata without a list of filters")
    start, end = spans[3]
    filters = meta[start:end]
    for before, after in renames.items():
        filters = filters.replace(before.encode(), after.encode())
    return meta[:start] + _sorted_entries(filters, 0) + meta[end:]


def _read(path: Path) -> bytes:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise UnexpectedFormat(f"{path.name} does not start with Pagefind's signature")
    return data[len(SIGNATURE) :]


def _write(path: Path, payload: bytes) -> None:
    path.write_bytes(gzip.compress(SIGNATURE + payload, compresslevel=9, mtime=0))


def _renamed(old: str, payload: bytes) -> str:
    """`en_a2df47e` → `en_` and as many hex digits of the payload's SHA-256."""
    language, _, digits = old.rpartition("_")
    if not language or not digits:
        raise UnexpectedFormat(f"a hashed name {old!r} without a language")
    return f"{language}_{hashlib.sha256(payload).hexdigest()[: len(digits)]}"


def stabilise(bundle: Path) -> None:
    """Rewrite the bundle's filter files, metadata and entry so equal input gives equal bytes."""
    try:
        entry = json.loads((bundle / ENTRY_FILE).read_text(encoding="utf-8"))
        languages = entry["languages"]
        version = entry["version"]
    except (OSError, ValueError, KeyError) as error:
        raise UnexpectedFormat(f"{ENTRY_FILE} cannot be read: {error}") from None
    if version not in KNOWN_VERSIONS:
        raise UnexpectedFormat(
            f"Pagefind {version} is not a version whose bundle this plugin knows how to make "
            f"reproducible; install pagefind[bin]=={KNOWN_VERSIONS[-1]}"
        )
    renames: dict[str, str] = {}
    for path in sorted((bundle / "filter").glob("*.pf_filter")):
        payload = canonical_filter(_read(path))
        new = _renamed(path.stem, payload)
        renames[path.stem] = new
        path.unlink()
        _write(path.with_name(f"{new}.pf_filter"), payload)
    for language in languages.values():
        old = language["hash"]
        meta = bundle / f"pagefind.{old}.pf_meta"
        payload = canonical_meta(_read(meta), renames)
        language["hash"] = _renamed(old, payload)
        meta.unlink()
        _write(bundle / f"pagefind.{language['hash']}.pf_meta", payload)
    # Pagefind lists a bilingual site's languages in no fixed order (docs/bilingual.md).
    entry["languages"] = dict(sorted(languages.items()))
    (bundle / ENTRY_FILE).write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
