"""Preview settings (`make preview`): drafts and embargoed content built into preview/, every
page marked "Preview: not published" and asking not to be indexed. The publishing plugin
refuses to write a preview into output/, where the published site lives."""

from __future__ import annotations

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

PREVIEW = True
OUTPUT_PATH = "preview"
PUBLISHED_OUTPUT_PATH = "output"  # never written by a preview
