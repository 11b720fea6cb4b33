"""Archive packages of a finished build, for records offices (`make archive`, docs/archive.md).

Not a Pelican plugin: it runs after the build, on the finished output folder, and writes into
dist/ a SHA-256 manifest, a BagIt bag, a WARC and a WACZ, each reproducible from the same
output and SOURCE_DATE_EPOCH. `python -m archive verify` runs each format's own validator.
"""
