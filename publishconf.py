"""Production settings: absolute, clean URLs for the published site and its archive."""

from __future__ import annotations

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("DIALOGUES_SITEURL", "https://dialogues.example.gov.uk")
RELATIVE_URLS = False
INDEX_SUFFIX = ""
ARTICLE_URL = "posts/{date:%Y}/{slug}/"
PAGE_URL = "{slug}/"
ARTICLE_LANG_URL = "{lang}/" + ARTICLE_URL
PAGE_LANG_URL = "{lang}/" + PAGE_URL
TAG_URL = "tags/{slug}/"
TAGS_URL = "tags/"
ARCHIVES_URL = "archives/"
YEAR_ARCHIVE_URL = "archives/{date:%Y}/"
PERSON_URL = "people/{key}/"
PEOPLE_URL = "people/"
DEPARTMENT_URL = "departments/{key}/"
DEPARTMENTS_URL = "departments/"
CONSULTATION_URL = "consultations/{slug}/"
CONSULTATION_LANG_URL = "{lang}/" + CONSULTATION_URL
CONSULTATIONS_URL = "consultations/"
CONSULTATIONS_FACET_URL = "consultations/{facet}/{value}/"
RESPONSE_URL = "consultations/{consultation}/response/"
TRANSCRIPT_URL = "consultations/{consultation}/transcripts/{slug}/"
EVALUATION_URL = "evaluation/"
SITEMAP_URL = "sitemap/"
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
