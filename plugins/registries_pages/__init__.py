"""A page for every person and department in the registries, and an index of each.

Departments and people replace Pelican's categories and authors: a post names its minister or
official and its department by registry key, and readers follow either to everything they wrote.
"""

from __future__ import annotations

from typing import Any

from pelican import signals

from .generator import RegistriesGenerator


def add_generator(pelican: Any) -> type[RegistriesGenerator]:
    return RegistriesGenerator


def register() -> None:
    signals.get_generators.connect(add_generator)
