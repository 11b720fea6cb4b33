"""`python -m comments_bridge`."""

import os
import sys

from comments_bridge.cli import main

SIGPIPE_STATUS = 141  # as a shell reports a tool ended by SIGPIPE (128 + 13)


def run() -> int:
    """Run the command line; if whoever reads its output stops reading (`list | head`),
    stop quietly, as other command-line tools do, instead of printing a traceback."""
    try:
        code = main()
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        # Whatever is still buffered would fail again as Python exits: send it nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return SIGPIPE_STATUS


if __name__ == "__main__":  # guarded: spawned render workers import this module too
    raise SystemExit(run())
