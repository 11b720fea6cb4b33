"""`python -m comments_bridge`: what moderators and the Makefile run.

Every command takes `--store URL` (default: $DIALOGUES_COMMENTS_STORE, else
sqlite:///var/comments.db) and ends with one line saying what it did. A failure is one
line on stderr, `error: ...`, and an exit code: 2 usage or store URL, 3 store
unavailable, 4 bad data, 1 anything else.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from contextlib import closing
from pathlib import Path
from typing import Final

from comments_bridge import interchange, timestamps
from comments_bridge.errors import (
    BridgeError,
    StoreDataError,
    StoreUnavailable,
    StoreURLError,
)
from comments_bridge.freeze import freeze_thread
from comments_bridge.model import CommentStatus, is_rule_anchor
from comments_bridge.moderation import decide, import_comments, official_reply
from comments_bridge.read import load_comments
from comments_bridge.snapshot import save_snapshot
from comments_bridge.store import CommentStore
from comments_bridge.stores import DEFAULT_URL, ENVIRONMENT_VARIABLE, configured_url, open_store

log = logging.getLogger(__name__)

EXIT_OTHER: Final = 1
EXIT_USAGE: Final = 2
EXIT_UNAVAILABLE: Final = 3
EXIT_BAD_DATA: Final = 4

PERSONAL_DATA_WARNING: Final = (
    "warning: this export contains personal data (email and IP addresses): "
    "keep it out of git and delete it when done"
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse has printed usage and the problem
        return stop.code if isinstance(stop.code, int) else EXIT_USAGE
    _configure_logging(args.verbose)
    command: Callable[[argparse.Namespace], str] = args.run
    try:
        summary = command(args)
    except StoreURLError as error:
        return _fail(error, EXIT_USAGE)
    except StoreUnavailable as error:
        return _fail(error, EXIT_UNAVAILABLE)
    except StoreDataError as error:
        return _fail(error, EXIT_BAD_DATA)
    except BridgeError as error:
        return _fail(error, EXIT_OTHER)
    if summary:
        print(summary)
    return 0


def _fail(error: Exception, code: int) -> int:
    print(f"error: {error}", file=sys.stderr)
    return code


def _configure_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_LowercaseLevel("%(levelname)s: %(message)s"))
    root = logging.getLogger("comments_bridge")
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO if verbose else logging.WARNING)
    root.propagate = False


class _LowercaseLevel(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).replace(record.levelname, record.levelname.lower(), 1)


def _rule(text: str) -> str:
    if not is_rule_anchor(text):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a rule anchor: name the rule broken, like rule-3"
        )
    return text


def _thread(text: str) -> str:
    if not text.startswith("/"):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a URL path: write it like /consultations/x/"
        )
    return text


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m comments_bridge",
        description="Moderate the embedded comment store and move comments between stores.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="say more on stderr")
    store = argparse.ArgumentParser(add_help=False)
    store.add_argument(
        "--store",
        metavar="URL",
        default=None,
        help=f"comment store URL (default: ${ENVIRONMENT_VARIABLE}, else {DEFAULT_URL})",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(
        name: str, run: Callable[[argparse.Namespace], str], text: str
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, parents=[store], help=text, description=text)
        sub.set_defaults(run=run)
        return sub

    sub = command("import", _import, "add an interchange file's comments to the store")
    sub.add_argument("file", type=Path, metavar="FILE")
    sub = command("export", _export, "write every comment, personal data included")
    sub.add_argument("--out", type=Path, metavar="FILE", help="file to write (default: stdout)")
    sub = command("list", _list, "list comments with one status")
    sub.add_argument(
        "--status",
        choices=[s.value for s in CommentStatus],
        default=CommentStatus.PENDING.value,
        help="(default: pending)",
    )
    sub = command("approve", _approve, "publish a comment")
    sub.add_argument("id", metavar="ID")
    sub = command("reject", _reject, "turn a comment down; it is never published")
    sub.add_argument("id", metavar="ID")
    sub = command("remove", _remove, "take a published comment down, naming the rule it broke")
    sub.add_argument("id", metavar="ID")
    sub.add_argument("--reason", type=_rule, required=True, metavar="rule-N")
    sub = command("reply", _reply, "record an official reply to a comment")
    sub.add_argument("id", metavar="ID")
    sub.add_argument("--person", required=True, metavar="KEY", help="people-registry key")
    sub.add_argument("--body", required=True, metavar="TEXT", help="the reply, in Markdown")
    sub.add_argument("--author", metavar="NAME", help="display name (default: the person key)")
    sub = command("pull", _pull, "read the store and refresh the outage snapshot")
    sub.add_argument("--snapshot", type=Path, required=True, metavar="PATH")
    command("check", _check, "is the store reachable, and how many comments per status")
    sub = command("freeze", _freeze, "write a thread's public comments to a file for git")
    sub.add_argument("--thread", type=_thread, required=True, metavar="PATH")
    sub.add_argument("--out", type=Path, required=True, metavar="FILE")
    return parser


def _url(args: argparse.Namespace) -> str:
    return args.store or configured_url()


def _open(args: argparse.Namespace, *, create: bool = False) -> closing[CommentStore]:
    return closing(open_store(_url(args), create=create))


def _import(args: argparse.Namespace) -> str:
    records = interchange.read(args.file)  # all checked before the store is touched
    with _open(args, create=True) as store:
        result = import_comments(store, records)
        kept = f" ({result.kept} already there, left as they were)" if result.kept else ""
        return (
            f"imported {_count(result.added, 'comment')} from {args.file} into {store.name}{kept}"
        )


def _export(args: argparse.Namespace) -> str:
    with _open(args) as store:
        records = store.read_all()
        name = store.name
    print(PERSONAL_DATA_WARNING, file=sys.stderr)
    if args.out is None:
        json.dump(
            interchange.document(records, personal=True), sys.stdout, ensure_ascii=False, indent=1
        )
        sys.stdout.write("\n")
        print(f"exported {_count(len(records), 'comment')} from {name}", file=sys.stderr)
        return ""
    interchange.write(args.out, records, personal=True)
    return f"exported {_count(len(records), 'comment')} from {name} to {args.out}"


def _list(args: argparse.Namespace) -> str:
    status = CommentStatus(args.status)
    with _open(args) as store:
        records = store.read_all([status])
    for record in records:
        excerpt = _printable(record.body)
        if len(excerpt) > 70:
            excerpt = excerpt[:69] + "…"
        author = _printable(record.author) or "(anonymous)"
        created = timestamps.to_text(record.created)
        print(f"{record.id}\t{record.thread}\t{created}\t{author}: {excerpt}")
    return _count(len(records), f"{status} comment")


def _decide(args: argparse.Namespace, status: CommentStatus, reason: str | None = None) -> str:
    with _open(args) as store:
        record = decide(store, args.id, status, reason)
    because = f" for breaking {reason}" if reason else ""
    return f"{status} comment {record.id} on {record.thread}{because}"


def _approve(args: argparse.Namespace) -> str:
    return _decide(args, CommentStatus.APPROVED)


def _reject(args: argparse.Namespace) -> str:
    return _decide(args, CommentStatus.REJECTED)


def _remove(args: argparse.Namespace) -> str:
    return _decide(args, CommentStatus.REMOVED, args.reason)


def _reply(args: argparse.Namespace) -> str:
    with _open(args) as store:
        reply = official_reply(
            store, args.id, person=args.person, body=args.body, author=args.author
        )
    return (
        f"recorded official reply {reply.id} by {args.person} "
        f"to comment {args.id} on {reply.thread}"
    )


def _pull(args: argparse.Namespace) -> str:
    comments = load_comments(_url(args))
    save_snapshot(comments, args.snapshot)
    threads = _count(len(comments.threads), "thread")
    return f"snapshot of {_count(len(comments), 'comment')} in {threads} written to {args.snapshot}"


def _check(args: argparse.Namespace) -> str:
    with _open(args) as store:
        counts = interchange.summary(store.read_all())
        name = store.name
    listed = ", ".join(f"{counts[s]} {s}" for s in CommentStatus)
    note = " (Isso shows only published comments over HTTP)" if name.startswith("isso+http") else ""
    return f"{name} is reachable: {listed}{note}"


def _freeze(args: argparse.Namespace) -> str:
    with _open(args) as store:
        count = freeze_thread(store, args.thread, args.out)
    return f"froze {_count(count, 'comment')} of {args.thread} into {args.out}"


def _printable(text: str) -> str:
    """One line a terminal shows as text: a comment cannot send escape sequences."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
