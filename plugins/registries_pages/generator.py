"""Writes people/<key>/, people/, departments/<key>/ and departments/ from the registries."""

from __future__ import annotations

from operator import attrgetter
from typing import Any

from content_model.problems import BUILD_PROBLEMS
from content_model.reader import registries_for
from pelican.generators import Generator


class RegistriesGenerator(Generator):
    shares_writing = True  # writes through the writer only (content_model/shared_writing.py)

    def generate_context(self) -> None:
        registries = registries_for(self.settings)
        BUILD_PROBLEMS.extend(registries.problems)
        for department in registries.departments.values():
            department.articles = []
        for person in registries.people.values():
            person.articles = []
        for article in self.context.get("articles", []):
            article.person.articles.append(article)
            article.department.articles.append(article)
        self.people = sorted(registries.people.values(), key=attrgetter("name"))
        self.departments = sorted(registries.departments.values(), key=attrgetter("name"))
        self.context["PEOPLE"] = registries.people
        self.context["DEPARTMENTS"] = registries.departments

    def generate_output(self, writer: Any) -> None:
        relative = self.settings["RELATIVE_URLS"]
        for person in self.people:
            writer.write_file(
                person.save_as,
                self.get_template("person"),
                self.context,
                person=person,
                articles=person.articles,
                relative_urls=relative,
                url=person.url,
            )
        for department in self.departments:
            writer.write_file(
                department.save_as,
                self.get_template("department"),
                self.context,
                department=department,
                articles=department.articles,
                people=sorted(department.people, key=attrgetter("name")),
                relative_urls=relative,
                url=department.url,
            )
        writer.write_file(
            self.settings["PEOPLE_SAVE_AS"],
            self.get_template("people"),
            self.context,
            people=self.people,
            relative_urls=relative,
            url=self.settings["PEOPLE_URL"],
        )
        writer.write_file(
            self.settings["DEPARTMENTS_SAVE_AS"],
            self.get_template("departments"),
            self.context,
            departments=self.departments,
            relative_urls=relative,
            url=self.settings["DEPARTMENTS_URL"],
        )
