"""Deterministic English-looking prose for generated posts and comments.

Every function takes its own `random.Random`, so one post's text depends only on its seed:
regenerating a site gives the same bytes, and editing one post changes nothing else.
"""

from __future__ import annotations

import random
from typing import Final

NOUNS: Final = [
    "council",
    "budget",
    "bus",
    "route",
    "timetable",
    "school",
    "attendance",
    "recycling",
    "target",
    "food",
    "waste",
    "caddy",
    "flood",
    "warning",
    "energy",
    "bill",
    "standing",
    "charge",
    "tariff",
    "meter",
    "panel",
    "forum",
    "webchat",
    "response",
    "evidence",
    "proposal",
    "guidance",
    "consultation",
    "household",
    "tenant",
    "landlord",
    "village",
    "green",
    "park",
    "library",
    "clinic",
    "pharmacy",
    "nurse",
    "teacher",
    "apprenticeship",
    "college",
    "pension",
    "benefit",
    "claim",
    "licence",
    "permit",
    "inspection",
    "survey",
    "dataset",
    "statistic",
    "estimate",
    "margin",
    "trial",
    "pilot",
    "scheme",
    "grant",
    "contract",
    "supplier",
    "service",
    "website",
    "form",
    "letter",
    "deadline",
    "appeal",
    "decision",
    "report",
    "committee",
    "minister",
    "official",
    "volunteer",
    "charity",
    "community",
    "neighbourhood",
    "region",
    "county",
    "coastline",
    "river",
    "footpath",
    "bridge",
    "junction",
    "crossing",
    "depot",
    "railway",
    "station",
    "ticket",
    "fare",
]
VERBS: Final = [
    "publish",
    "review",
    "change",
    "fund",
    "support",
    "explain",
    "measure",
    "collect",
    "replace",
    "protect",
    "improve",
    "reduce",
    "extend",
    "simplify",
    "test",
    "compare",
    "share",
    "update",
    "answer",
    "consider",
    "propose",
    "agree",
    "plan",
    "deliver",
    "monitor",
    "assess",
    "open",
    "close",
    "extend",
    "consult",
    "analyse",
    "record",
    "report",
    "announce",
]
ADJECTIVES: Final = [
    "local",
    "national",
    "rural",
    "urban",
    "clearer",
    "simpler",
    "fairer",
    "weekly",
    "monthly",
    "annual",
    "provisional",
    "final",
    "open",
    "public",
    "independent",
    "shared",
    "small",
    "large",
    "new",
    "existing",
    "accessible",
    "digital",
    "practical",
    "realistic",
    "affordable",
    "reliable",
    "early",
    "late",
    "regional",
    "statutory",
    "voluntary",
]
OPENERS: Final = (
    "Today we are",
    "Last year we were",
    "Over the summer we started",
    "Many of you asked us about",
    "Councils told us they were",
    "We have been",
    "From April we will be",
    "Our officials are",
    "The panel recommended",
    "In the consultation people said we should be",
)
LINK_HOSTS: Final = ("www.example.gov.uk", "data.example.gov.uk", "www.example.org")


def words(rng: random.Random, count: int) -> str:
    chosen = []
    for index in range(count):
        pool = (NOUNS, ADJECTIVES, NOUNS, VERBS)[index % 4]
        chosen.append(rng.choice(pool))
    return " ".join(chosen)


def sentence(rng: random.Random, *, markup: bool = True) -> str:
    """A sentence of 10 to 24 words, sometimes with emphasis or a link."""
    opener = rng.choice(OPENERS)
    gerund = rng.choice(VERBS).rstrip("e") + "ing"
    rest = words(rng, rng.randint(7, 20))
    if markup and rng.random() < 0.12:
        rest += f" *{rng.choice(ADJECTIVES)}*"
    if markup and rng.random() < 0.08:
        rest += f" **{rng.choice(NOUNS)}**"
    if markup and rng.random() < 0.06:
        host = rng.choice(LINK_HOSTS)
        noun = rng.choice(NOUNS)
        rest += f" ([{noun} details](https://{host}/{noun.replace(' ', '-')}))"
    return f"{opener} {gerund} the {rest}."


def paragraph(rng: random.Random, sentences: int | None = None) -> str:
    return " ".join(sentence(rng) for _ in range(sentences or rng.randint(3, 6)))


def heading(rng: random.Random) -> str:
    return f"{rng.choice(VERBS).capitalize()} the {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"


def bullet_list(rng: random.Random, numbered: bool = False) -> str:
    items = rng.randint(3, 6)
    return "\n".join(
        f"{f'{n + 1}.' if numbered else '-'} {words(rng, rng.randint(4, 10)).capitalize()}"
        for n in range(items)
    )


def table(rng: random.Random) -> str:
    rows = [f"| {rng.choice(NOUNS)} | {rng.randint(10, 9_000):,} |" for _ in range(4)]
    return "\n".join(["| What | How many |", "|---|---|", *rows])


def article(rng: random.Random, target_words: int, links: list[str]) -> str:
    """A post body of about `target_words` words: sections with headings, paragraphs, lists,
    a quote or a table now and then, and links to earlier posts (`{filename}` paths)."""
    blocks: list[str] = [paragraph(rng, 3)]
    count = len(blocks[0].split())
    while count < target_words:
        roll = rng.random()
        if roll < 0.12:
            block = f"## {heading(rng)}"
        elif roll < 0.22:
            block = bullet_list(rng, numbered=rng.random() < 0.4)
        elif roll < 0.26:
            block = f"> {sentence(rng, markup=False)}"
        elif roll < 0.28:
            block = table(rng)
        elif roll < 0.36 and links:
            target = rng.choice(links)
            block = f"We wrote about this [in an earlier post]({{filename}}{target}). " + sentence(
                rng
            )
        else:
            block = paragraph(rng)
        blocks.append(block)
        count += len(block.split())
    return "\n\n".join(blocks)


def comment_body(rng: random.Random) -> str:
    """What people write under a post: a few sentences, sometimes a quote, a list or a link."""
    parts = [" ".join(sentence(rng) for _ in range(rng.randint(1, 3)))]
    if rng.random() < 0.15:
        parts.insert(0, f"> {sentence(rng, markup=False)}")
    if rng.random() < 0.1:
        parts.append(bullet_list(rng))
    if rng.random() < 0.02:
        parts.append("<script>alert('typed, not run')</script>")
    return "\n\n".join(parts)


def title(rng: random.Random) -> str:
    return f"{heading(rng)} in {rng.choice(ADJECTIVES)} areas"


def slugify(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())
