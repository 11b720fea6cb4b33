"""Connecting to the shared moderation database, and saying in one line what went wrong.

libpq reads the URL (`postgresql://user:pass@host:port/db`, `postgresql:///db?host=/run/dir`)
and, like every PostgreSQL tool, fills what it leaves out from the standard environment
variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PGPASSFILE, PGSERVICE...).
psycopg is imported only when a store is opened. No password reaches a message: a store
is named by host, port and database alone, and driver messages are scrubbed of the URL's
secrets (libpq quotes a malformed URL whole).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import parse_qsl, unquote

from comments_bridge.errors import (
    BridgeError,
    MissingDriver,
    StoreDataError,
    StoreUnavailable,
    StoreURLError,
)

if TYPE_CHECKING:
    import psycopg

DEFAULT_PORT: Final = "5432"
CONNECT_TIMEOUT: Final = 10
"""Seconds; without a limit libpq waits for ever on a host that drops packets."""
APPLICATION_NAME: Final = "dialogues"
SECRET_OPTIONS: Final = frozenset({"password", "sslpassword"})
_USERINFO: Final = re.compile(r"^([a-z+]+://)([^/?#]*@)", re.IGNORECASE)
_WHERE_FAILED: Final = re.compile(r"^\s*connection to server (?:at|on) .*? failed:")
_MISSING_DATABASE: Final = re.compile(r'database ".*" does not exist')
_LOGIN_REFUSED: Final = re.compile(
    r'authentication failed|no password supplied|pg_hba\.conf rejects|role ".*" does not exist'
)


def load_driver(where: str) -> ModuleType:
    """psycopg, or `MissingDriver` naming the extra that installs it."""
    try:
        import psycopg
    except ImportError:
        raise MissingDriver(
            f"{where}: the PostgreSQL store needs the psycopg driver: "
            "pip install 'dialogues[postgresql]'"
        ) from None
    return psycopg


@dataclass(frozen=True)
class Target:
    """A database to connect to: the URL as given, and how messages may name it."""

    url: str
    name: str
    options: dict[str, str]
    secrets: tuple[str, ...]

    def scrub(self, text: str) -> str:
        """Driver text made safe to show: secrets masked, one line."""
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return one_line(text)


def target(url: str) -> Target:
    """Check a URL with libpq's own parser, without connecting."""
    secrets = _secrets_in(url)
    rough_name = _without_credentials(url)
    driver = load_driver(rough_name)
    try:
        options = driver.conninfo.conninfo_to_dict(url)
    except driver.ProgrammingError as error:
        detail = Target(url, rough_name, {}, secrets).scrub(str(error))
        raise StoreURLError(f"{rough_name!r}: not a valid PostgreSQL URL: {detail}") from None
    options = {key: str(value) for key, value in options.items()}
    port = options.get("port", "")
    if port and not all(part.isdigit() for part in port.split(",")):
        raise StoreURLError(f"{rough_name!r}: the port must be a number, not {port!r}")
    secrets += tuple(options[key] for key in SECRET_OPTIONS if options.get(key))
    scheme = url.partition("://")[0].lower()
    name = public_name(
        scheme,
        options.get("host") or os.environ.get("PGHOST", ""),
        port or os.environ.get("PGPORT", ""),
        options.get("dbname") or os.environ.get("PGDATABASE", ""),
    )
    return Target(url, name, options, tuple(sorted(set(secrets), key=len, reverse=True)))


def public_name(scheme: str, host: str, port: str, database: str) -> str:
    """A URL naming the database without user or password: what every message shows."""
    shown_port = port if port and port != DEFAULT_PORT else ""
    if host.startswith("/"):
        query = f"?host={host}" + (f"&port={shown_port}" if shown_port else "")
        return f"{scheme}:///{database}{query}"
    if ":" in host and "," not in host:
        host = f"[{host}]"
    return f"{scheme}://{host}{':' + shown_port if shown_port else ''}/{database}"


def connect(where: Target) -> psycopg.Connection[Any]:
    """An autocommit connection (the store opens its own transactions), or one line why not."""
    driver = load_driver(where.name)
    extra: dict[str, Any] = {}
    if "connect_timeout" not in where.options and "PGCONNECT_TIMEOUT" not in os.environ:
        extra["connect_timeout"] = CONNECT_TIMEOUT
    if "application_name" not in where.options and "PGAPPNAME" not in os.environ:
        extra["application_name"] = APPLICATION_NAME
    try:
        connection: psycopg.Connection[Any] = driver.connect(where.url, autocommit=True, **extra)
    except driver.Error as error:
        raise refused(where, error) from None
    return connection


def refused(where: Target, error: Exception) -> BridgeError:
    """Why a connection failed, told apart: login, database, or the server itself."""
    detail = where.scrub(str(error))
    if _MISSING_DATABASE.search(detail):
        return StoreUnavailable(
            f"{where.name}: {detail}; create it (createdb) and import comments into it "
            "with `python -m comments_bridge import FILE --store URL`"
        )
    if _LOGIN_REFUSED.search(detail):
        return StoreUnavailable(
            f"{where.name}: the server refused the login: {detail}; check the user and "
            "password (in the URL, PGUSER and PGPASSWORD, or ~/.pgpass)"
        )
    return StoreUnavailable(
        f"{where.name}: cannot connect: {detail}; is the server running and accepting "
        "connections there?"
    )


@contextmanager
def translated(where: Target) -> Iterator[None]:
    """Driver errors after connecting, as the bridge's outage/bad-data distinction."""
    import psycopg

    try:
        yield
    except psycopg.OperationalError as error:
        raise StoreUnavailable(f"{where.name}: {where.scrub(str(error))}") from None
    except psycopg.errors.InsufficientPrivilege as error:
        raise BridgeError(
            f"{where.name}: {where.scrub(str(error))}; grant this role what "
            "docs/postgresql.md lists for it"
        ) from None
    except psycopg.Error as error:
        raise StoreDataError(f"{where.name}: {where.scrub(str(error))}") from None


def one_line(text: str) -> str:
    """libpq's first meaningful line, without its `connection failed:` framing and hints."""
    lines = []
    for raw in text.splitlines():
        line = raw.strip().removeprefix("- ")
        for prefix in ("connection failed: ", "connection is bad: "):
            line = line.removeprefix(prefix)
        if not line or line.startswith(("Is the server running", "Multiple connection attempts")):
            continue
        line = _WHERE_FAILED.sub("", line.replace("FATAL:", ""))
        lines.append(" ".join(line.split()))
    return lines[0] if lines else "no reason given"


def _without_credentials(url: str) -> str:
    """The URL less its user, password and password options, before libpq has read it."""
    bare = _USERINFO.sub(r"\1", url)
    base, question, query = bare.partition("?")
    if not question:
        return bare
    kept = [
        f"{key}={value}"
        for key, value in parse_qsl(query, keep_blank_values=True)
        if key not in SECRET_OPTIONS and key != "user"
    ]
    return base + ("?" + "&".join(kept) if kept else "")


def _secrets_in(url: str) -> tuple[str, ...]:
    """Every spelling of the URL's passwords, escaped and unescaped, to mask in messages."""
    found: list[str] = []
    userinfo = _USERINFO.match(url)
    if userinfo and ":" in userinfo.group(2):
        found.append(userinfo.group(2)[:-1].partition(":")[2])
    query = url.partition("?")[2]
    for raw in query.split("&"):
        key, _, value = raw.partition("=")
        if unquote(key) in SECRET_OPTIONS:
            found.append(value)
    return tuple(
        secret for raw in found if raw for secret in {raw, unquote(raw), unquote(raw, "latin-1")}
    )
