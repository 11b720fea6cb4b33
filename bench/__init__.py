"""The build benchmark (`make bench`, `python -m bench`): a generated site of a chosen size,
built by Dialogues and by plain Pelican side by side. See docs/performance.md."""
