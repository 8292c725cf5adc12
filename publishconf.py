"""Settings for publishing (`invoke publish`): pelicanconf plus the public address and where to push."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: E402,F401,F403

# The public address, e.g. https://www.example.gov.cn/zwgk ; set SITEURL in CI. Pages stay
# relative either way; feeds and the sitemap need it to carry full addresses.
SITEURL = os.environ.get("SITEURL", "").rstrip("/")
FEED_DOMAIN = SITEURL
DELETE_OUTPUT_DIRECTORY = True

# `invoke publish` commits the site with ghp-import to this branch of this remote
# (`invoke publish --branch` overrides the branch).
PUBLISH_REMOTE = "origin"
PUBLISH_BRANCH = os.environ.get("PUBLISH_BRANCH", "gh-pages")
# A custom domain for GitHub/Gitee Pages, written to the CNAME file, e.g. zwgk.example.gov.cn.
PUBLISH_CNAME = os.environ.get("PUBLISH_CNAME", "")
