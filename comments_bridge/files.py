"""Reading and writing the bridge's JSON files, so a crash never leaves half a file."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from comments_bridge.errors import StoreDataError, StoreUnavailable


def read_json(path: Path) -> Any:
    """Parse a JSON file; a missing file is an outage, a broken one is bad data."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise StoreUnavailable(f"{path}: file not found") from None
    except UnicodeDecodeError as error:
        raise StoreDataError(f"{path}: not UTF-8 text ({error.reason})") from None
    except OSError as error:
        raise StoreUnavailable(f"{path}: cannot read ({error.strerror})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise StoreDataError(
            f"{path}: not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"
        ) from None


def write_json(path: Path, document: Any) -> None:
    """Write through a temporary file in the same folder, then rename over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            json.dump(document, stream, ensure_ascii=False, indent=1, sort_keys=False)
            stream.write("\n")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
