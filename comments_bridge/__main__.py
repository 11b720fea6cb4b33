"""`python -m comments_bridge`."""

from comments_bridge.cli import main

if __name__ == "__main__":  # guarded: spawned render workers import this module too
    raise SystemExit(main())
