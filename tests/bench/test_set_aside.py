"""What the benchmark replaces is moved aside, and deleted only once every build is measured."""

from __future__ import annotations

from pathlib import Path

from bench import site
from bench.set_aside import SetAside


def test_a_replaced_tree_leaves_its_place_and_is_deleted_at_the_end(tmp_path: Path) -> None:
    set_aside = SetAside(tmp_path / "set-aside")
    for round_ in range(2):  # the same name twice: each kept under a name of its own
        output = tmp_path / "output"
        (output / "posts").mkdir(parents=True)
        (output / "posts" / "index.html").write_text(f"round {round_}", encoding="utf-8")
        set_aside.move(output)
        assert not output.exists()
    kept = sorted(p.read_text() for p in (tmp_path / "set-aside").rglob("index.html"))
    assert kept == ["round 0", "round 1"]

    set_aside.move(tmp_path / "never-made")  # nothing to move: no error
    set_aside.remove()

    assert not (tmp_path / "set-aside").exists()


def test_generating_again_sets_the_old_content_aside(tmp_path: Path) -> None:
    set_aside = SetAside(tmp_path / "set-aside")
    site.generate(tmp_path / "site", 5, 2, set_aside=set_aside.move)
    (tmp_path / "site" / "content" / "posts" / "stray.md").write_text("old", encoding="utf-8")

    site.generate(tmp_path / "site", 5, 2, set_aside=set_aside.move)

    assert not (tmp_path / "site" / "content" / "posts" / "stray.md").exists()
    assert list((tmp_path / "set-aside").rglob("stray.md")) != []
