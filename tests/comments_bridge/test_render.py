"""A large read renders on every core and gives exactly what one core gives."""

from __future__ import annotations

from comments_bridge.model import BodyFormat
from comments_bridge.render import render_all
from comments_bridge.sanitise import Sanitiser
from tests.comments_bridge.hostile import generated_vectors


def test_worker_processes_give_the_same_html_in_the_same_order() -> None:
    bodies = [(text, BodyFormat.MARKDOWN) for text in generated_vectors()[:600]]
    bodies += [("<p onclick=x>Isso <em>HTML</em></p>", BodyFormat.HTML)] * 3
    sanitiser = Sanitiser()
    one_core = render_all(bodies, sanitiser, workers=1)
    two_workers = render_all(bodies, sanitiser, workers=2, parallel_from=0)
    assert two_workers == one_core
    assert one_core[-1] == "<p>Isso <em>HTML</em></p>"
