"""Settings for publishing: pelicanconf plus the public address of the site."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: E402,F401,F403

# The public address, e.g. https://www.example.gov.cn/zwgk ; set SITEURL in CI.
SITEURL = os.environ.get("SITEURL", "")
FEED_DOMAIN = SITEURL
DELETE_OUTPUT_DIRECTORY = True
