"""A running Isso server (`isso+http://host:port`), read through its public HTTP API.

Isso's per-thread endpoint (`GET /?uri=...`) needs every thread's URI and one request
each, so the build would make a request per page. Instead the adapter reads everything
published in one request, `GET /latest?limit=N`, which returns all approved comments of
all threads with their thread URI (Isso 0.12.6+; the server must set
`[general] latest-enabled = true`). Its text is Isso's rendered HTML, which the bridge
sanitises again with its own allow-list.

`/latest` leaves out deleted comments, so a reply may point at a parent it did not
return: for each such thread, and only then, one more request (`GET /?uri=...&plain=1`)
fetches Isso's tombstones. Pending comments are not visible over HTTP at all; Isso
never publishes emails over its API, and its website and hash fields are dropped here.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable, Iterator
from datetime import datetime
from typing import Any, Final
from urllib.parse import urlsplit

import requests

from comments_bridge.errors import NotFound, ReadOnlyStore, StoreDataError, StoreUnavailable
from comments_bridge.model import BodyFormat, CommentStatus, Removal, StoredComment
from comments_bridge.stores import isso_records

log = logging.getLogger(__name__)

LATEST_LIMIT: Final = 2**31 - 1
TIMEOUT: Final = (5.0, 120.0)


class IssoHttpStore:
    """Approved comments (and referenced tombstones) of every thread of an Isso server."""

    def __init__(
        self,
        base_url: str,
        *,
        session: requests.Session | None = None,
        timeout: float | tuple[float, float] = TIMEOUT,
    ) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not an http(s) URL: {base_url!r}")
        self._base = base_url.rstrip("/")
        port = f":{parts.port}" if parts.port else ""
        self._name = f"isso+{parts.scheme}://{parts.hostname}{port}{parts.path.rstrip('/')}"
        self._session = session or requests.Session()
        self._timeout = timeout

    @property
    def name(self) -> str:
        return self._name

    def read_all(self, statuses: Collection[CommentStatus] | None = None) -> list[StoredComment]:
        latest = self._get("/latest", {"limit": str(LATEST_LIMIT)})
        if not isinstance(latest, list):
            raise StoreDataError(f"{self._name}/latest: expected a JSON list of comments")
        records = [
            self._record(item, f"{self._name}/latest", index, BodyFormat.HTML)
            for index, item in enumerate(latest)
        ]
        records.extend(self._tombstones(records))
        if statuses is not None:
            records = [r for r in records if r.status in statuses]
        return sorted(records, key=lambda r: (r.thread, r.created, r.id))

    def _tombstones(self, records: list[StoredComment]) -> list[StoredComment]:
        known = {r.id for r in records}
        missing: dict[str, set[str]] = {}
        for record in records:
            if record.parent is not None and record.parent not in known:
                missing.setdefault(record.thread, set()).add(record.parent)
        found: list[StoredComment] = []
        for thread in sorted(missing):
            where = f"{self._name}/?uri={thread}"
            document = self._get("/", {"uri": thread, "plain": "1"})
            for index, item in enumerate(_walk(document, where)):
                if str(item.get("id")) in missing[thread] and item.get("mode") == 4:
                    found.append(
                        self._record({**item, "uri": thread}, where, index, BodyFormat.MARKDOWN)
                    )
        log.debug(
            "%s: %d tombstone(s) fetched from %d thread(s)", self._name, len(found), len(missing)
        )
        return found

    def get(self, comment_id: str) -> StoredComment:
        for record in self.read_all():
            if record.id == comment_id:
                return record
        raise NotFound(f"{self._name}: no published comment with id {comment_id!r}")

    def add(self, records: Iterable[StoredComment]) -> int:
        raise ReadOnlyStore(f"{self._name}: comments reach Isso through its own comment form")

    def set_status(
        self, comment_id: str, status: CommentStatus, reason: str | None = None
    ) -> StoredComment:
        raise ReadOnlyStore(f"{self._name}: moderate Isso comments in Isso's own admin interface")

    def removals_since(self, since: datetime) -> list[Removal] | None:
        return None

    def close(self) -> None:
        self._session.close()

    def _get(self, path: str, params: dict[str, str]) -> Any:
        url = self._base + path
        try:
            response = self._session.get(url, params=params, timeout=self._timeout)
        except requests.ConnectionError as error:
            raise StoreUnavailable(f"{self._name}: cannot connect ({_reason(error)})") from None
        except requests.Timeout:
            raise StoreUnavailable(f"{self._name}: no answer in time") from None
        except requests.RequestException as error:
            raise StoreUnavailable(f"{self._name}: request failed ({error})") from None
        if response.status_code == 404 and path == "/latest":
            raise StoreUnavailable(
                f"{self._name}: Isso's /latest endpoint is switched off; set "
                "`latest-enabled = true` in the [general] section of the Isso configuration"
            )
        if response.status_code != 200:
            raise StoreUnavailable(f"{self._name}{path}: answered HTTP {response.status_code}")
        try:
            return response.json()
        except ValueError:
            raise StoreDataError(f"{self._name}{path}: answer is not JSON") from None

    def _record(self, item: Any, where: str, index: int, body_format: BodyFormat) -> StoredComment:
        if not isinstance(item, dict):
            raise StoreDataError(f"{where}: comment {index}: expected a JSON object")
        try:
            return isso_records.record(
                comment_id=item.get("id"),
                thread=item.get("uri"),
                parent=item.get("parent"),
                created=item.get("created"),
                mode=item.get("mode"),
                text=item.get("text"),
                author=item.get("author"),
                body_format=body_format,
            )
        except ValueError as error:
            raise StoreDataError(
                f"{where}: comment {index} (id {item.get('id')!r}): {error}"
            ) from None


def _walk(document: Any, where: str) -> Iterator[dict[str, Any]]:
    """Every comment in a thread answer: top-level ones and their replies."""
    if not isinstance(document, dict) or not isinstance(document.get("replies"), list):
        raise StoreDataError(f"{where}: expected an object with a 'replies' list")
    for item in document["replies"]:
        if isinstance(item, dict):
            yield item
            replies = item.get("replies")
            if isinstance(replies, list):
                yield from (reply for reply in replies if isinstance(reply, dict))


def _reason(error: requests.ConnectionError) -> str:
    text = str(error)
    return "connection refused" if "refused" in text.lower() else text
