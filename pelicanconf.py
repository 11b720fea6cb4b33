"""Development settings: build the example site for previewing from output/ on disk."""

from __future__ import annotations

import os

SITENAME = "Dialogues: government blogs and consultations"
SITE_OWNER = "The Cabinet Office Digital Engagement Team"
SITEURL = ""
RELATIVE_URLS = True
PATH = "content"
TIMEZONE = "Europe/London"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"
THEME = "themes/dialogues"

PLUGIN_PATHS = ["plugins"]
# "publishing" must stay last: it stops on problems and moves the finished site into place.
PLUGINS = [
    "content_model",
    "govuk_theme",
    "registries_pages",
    "comments",
    "consultations",
    "documents",
    "pilots",
    "official_replies",
    "participation",
    "pre_election",
    "feeds",
    "permanent_urls",
    "sitemap",
    "metadata",
    "sharing",
    "bilingual",
    "search",
    "publishing",
]

# The build clock (publishing invariant 1); DIALOGUES_BUILD_TIME overrides it.
BUILD_TIME = None  # None means "now"

# Content types live in their own folders; only posts are Pelican articles.
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
ARTICLE_EXCLUDES = ["consultations", "responses", "transcripts", "replies", "comments", "pages"]
PAGE_EXCLUDES = ["consultations", "responses", "transcripts", "replies", "comments", "posts"]
STATIC_PATHS = ["images"]
PEOPLE_REGISTRY = "people.toml"
DEPARTMENTS_REGISTRY = "departments.toml"

# Previewing from disk (file://) needs links that name index.html; publishconf.py
# drops it so published URLs are clean directory paths.
INDEX_SUFFIX = "index.html"
ARTICLE_URL = "posts/{date:%Y}/{slug}/" + INDEX_SUFFIX
ARTICLE_SAVE_AS = "posts/{date:%Y}/{slug}/index.html"
PAGE_URL = "{slug}/" + INDEX_SUFFIX
PAGE_SAVE_AS = "{slug}/index.html"
# Translations (`Lang: cy`; docs/bilingual.md) at their original's address under /cy/.
ARTICLE_LANG_URL = "{lang}/" + ARTICLE_URL
ARTICLE_LANG_SAVE_AS = "{lang}/" + ARTICLE_SAVE_AS
PAGE_LANG_URL = "{lang}/" + PAGE_URL
PAGE_LANG_SAVE_AS = "{lang}/" + PAGE_SAVE_AS
TAG_URL = "tags/{slug}/" + INDEX_SUFFIX
TAG_SAVE_AS = "tags/{slug}/index.html"
TAGS_URL = "tags/" + INDEX_SUFFIX
TAGS_SAVE_AS = "tags/index.html"
ARCHIVES_URL = "archives/" + INDEX_SUFFIX
ARCHIVES_SAVE_AS = "archives/index.html"
YEAR_ARCHIVE_URL = "archives/{date:%Y}/" + INDEX_SUFFIX
YEAR_ARCHIVE_SAVE_AS = "archives/{date:%Y}/index.html"
PERSON_URL = "people/{key}/" + INDEX_SUFFIX
PERSON_SAVE_AS = "people/{key}/index.html"
PEOPLE_URL = "people/" + INDEX_SUFFIX
PEOPLE_SAVE_AS = "people/index.html"
DEPARTMENT_URL = "departments/{key}/" + INDEX_SUFFIX
DEPARTMENT_SAVE_AS = "departments/{key}/index.html"
DEPARTMENTS_URL = "departments/" + INDEX_SUFFIX
DEPARTMENTS_SAVE_AS = "departments/index.html"

# Departments and people replace Pelican's categories and authors.
USE_FOLDER_AS_CATEGORY = False
DEFAULT_CATEGORY = "posts"
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "tags", "archives"]
WITH_FUTURE_DATES = True  # the publishing plugin applies the build clock itself
SLUGIFY_SOURCE = "basename"  # a post without Slug takes its file name, as docs/content.md says

DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/" + INDEX_SUFFIX, "{base_name}/page/{number}/index.html"),
)

# Feeds are written by the feeds plugin with feedgen, never by Pelican itself.
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
FEED_ATOM = None
FEED_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {},
        "markdown.extensions.codehilite": {"css_class": "highlight"},
    },
    "output_format": "html5",
}

# Comments (the comments plugin): the embedded store unless DIALOGUES_COMMENTS_STORE says otherwise.
COMMENTS_STORE = "sqlite:///var/comments.db"
COMMENTS_ON_OUTAGE = "fail"  # or "snapshot"
COMMENTS_SNAPSHOT_MAX_AGE_HOURS = 48
COMMENTS_SUBMIT_URL = None  # a link to the store's submission form, if it has one

# Feeds (the feeds plugin; docs/feeds.md): Atom and RSS 2.0 for the site, each department,
# person, tag and comment thread, and official replies, listed on /subscribe/ and in OPML.
FEEDS_PATH = "feeds"  # the folder of every feed in the output
FEEDS_MAX_ITEMS = 20  # posts in the site, department, person and tag feeds
FEEDS_COMMENTS_MAX_ITEMS = 50  # comments in each thread's feed and in official replies
FEEDS_CLOSING_SOON_DAYS = 14  # "closing soon": consultations closing within this many days
FEEDS_DEVELOPMENT_URL = "http://127.0.0.1:8000"  # feeds' absolute links while SITEURL is ""
FEEDS_ID_AUTHORITY = "dialogues.example.gov.uk"  # tag: URI ids; never change once published
FEEDS_ID_DATE = "2025-01-01"  # a day the authority's domain was yours; never change it either

# Permanent records (plugins permanent_urls, sitemap, metadata; `make archive`; docs/archive.md).
LOCALE = ("C.UTF-8", "C")  # English month names whatever the machine's locale (reproducible)
PUBLISHED_URLS = "published-urls.txt"  # under content/: every URL path ever published
PUBLISHED_URLS_IGNORE = ["pagefind/*"]  # files named by their content's hash, not addresses
REDIRECTS = "redirects.toml"  # under content/: "/old/path/" = "/new/path/", one per line
SITEMAP_URL = "sitemap/" + INDEX_SUFFIX
SITEMAP_SAVE_AS = "sitemap/index.html"
SITEMAP_EXCLUDE = ["404.html"]  # output files no sitemap lists (hidden content never is)
ARCHIVE_NAME = None  # dist/<name>.warc.gz etc.; None: the host of SITEURL
ARCHIVE_ORGANISATION = SITE_OWNER  # Source-Organization in the BagIt bag's bag-info.txt
ARCHIVE_CONTACT_EMAIL = None  # Contact-Email in bag-info.txt, if the records office wants one

# Consultations, responses, transcripts, official replies from git, participation figures and
# the pre-election period (plugins consultations, official_replies, participation,
# pre_election; docs/consultations.md). Responses and transcripts live under their
# consultation; a consultation's comment thread is its clean path, /consultations/<slug>/.
CONSULTATION_URL = "consultations/{slug}/" + INDEX_SUFFIX
CONSULTATION_SAVE_AS = "consultations/{slug}/index.html"
CONSULTATION_LANG_URL = "{lang}/" + CONSULTATION_URL  # a translation: docs/bilingual.md
CONSULTATION_LANG_SAVE_AS = "{lang}/" + CONSULTATION_SAVE_AS
CONSULTATIONS_URL = "consultations/" + INDEX_SUFFIX
CONSULTATIONS_SAVE_AS = "consultations/index.html"
CONSULTATIONS_FACET_URL = "consultations/{facet}/{value}/" + INDEX_SUFFIX
CONSULTATIONS_FACET_SAVE_AS = "consultations/{facet}/{value}/index.html"
RESPONSE_URL = "consultations/{consultation}/response/" + INDEX_SUFFIX
RESPONSE_SAVE_AS = "consultations/{consultation}/response/index.html"
TRANSCRIPT_URL = "consultations/{consultation}/transcripts/{slug}/" + INDEX_SUFFIX
TRANSCRIPT_SAVE_AS = "consultations/{consultation}/transcripts/{slug}/index.html"
RESPONSE_OVERDUE_WEEKS = 12  # a closed consultation without a response after this is overdue
EVALUATION_URL = "evaluation/" + INDEX_SUFFIX
EVALUATION_SAVE_AS = "evaluation/index.html"
PARTICIPATION_CSV_SAVE_AS = "evaluation/participation.csv"
PARTICIPATION_JSON_SAVE_AS = "evaluation/participation.json"
PARTICIPATION_WEEKLY_CSV_SAVE_AS = "evaluation/comments-per-week.csv"
# Pre-election periods, past and planned, as (start, end) in the site's zone: while the build
# clock is inside one, comments are closed everywhere and every page carries a banner.
PRE_ELECTION_PERIODS = [("2026-03-26", "2026-05-07")]

# Documents attached to posts, consultations and responses (docs/documents.md).
DOCUMENTS_MAX_MB = 20  # a larger file fails `make check` and the build, with its file and line
ACCESSIBLE_FORMAT_CONTACT = "alternative-formats@dialogues.example.gov.uk"  # an email or a form URL
# Open Graph and social cards (the sharing plugin; docs/sharing.md): a page's `Image: path | alt`,
# else this (path under content/, alt text), else no picture.
SHARING_IMAGE = None
# Consultations run as pilots (`Pilot: yes`) ask for feedback on the exercise here (email or URL).
PILOT_FEEDBACK_CONTACT = "pilots@dialogues.example.gov.uk"
# Bilingual sites (the bilingual plugin; docs/bilingual.md): a source with `Lang: cy` and its
# original's Slug is its Welsh translation, published under /cy/. English only: ["en"].
LANGUAGES = ["en", "cy"]
BILINGUAL_REQUIRED = ["pages/about.md", "pages/discussion-rules.md"]  # in every language
# The site's own words in each other language (docs/bilingual.md); a missing one stays English.
SITE_TRANSLATIONS = {
    "cy": {
        "SITENAME": "Deialogau: blogiau ac ymgynghoriadau'r llywodraeth",
        "SITE_OWNER": "Tîm Ymgysylltu Digidol Swyddfa'r Cabinet",
    },
}

LOAD_CONTENT_CACHE = False
CACHE_CONTENT = False
DELETE_OUTPUT_DIRECTORY = False

if os.environ.get("DIALOGUES_SITEURL"):
    SITEURL = os.environ["DIALOGUES_SITEURL"]
