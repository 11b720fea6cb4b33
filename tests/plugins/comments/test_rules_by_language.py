"""Which discussion rules a page's comments cite: those in the page's own language."""

from __future__ import annotations

from types import SimpleNamespace

from comments.rules import rules_by_language


def test_a_translation_of_the_rules_gives_its_own_titles_and_address() -> None:
    welsh = SimpleNamespace(
        lang="cy",
        url="cy/discussion-rules/",
        content='<h2 id="rule-1">Rheol 1: Byddwch yn barchus</h2>',
        translations=[],
    )
    english = SimpleNamespace(
        lang="en",
        url="discussion-rules/",
        content='<h2 id="rule-1">Rule 1: Be respectful</h2><h2 id="rule-2">Rule 2: No spam</h2>',
        translations=[welsh],
    )

    found = rules_by_language(english)

    page, rules = found["cy"]
    assert page is welsh
    assert rules["rule-1"].title == "Rheol 1: Byddwch yn barchus"
    assert rules["rule-1"].url == "cy/discussion-rules/#rule-1"
    assert rules["rule-2"].url == "discussion-rules/#rule-2"  # not translated: the original's
    assert found["en"][1]["rule-1"].title == "Rule 1: Be respectful"
    assert rules_by_language(None) == {}
