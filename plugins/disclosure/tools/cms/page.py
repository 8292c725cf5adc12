"""admin/index.html: the editor's page, with its own Content-Security-Policy.

Decap CMS needs what the public site never allows: ``'unsafe-eval'`` (its config validator compiles
code) and inline styles (its components style themselves at run time). So the editor lives on an
origin of its own, never under output/; everything it loads comes from admin/ itself, and it connects
only to its own origin, the code-hosting platform of data/site.yaml and, on a clerk's computer,
decap-server on 127.0.0.1.
"""

import html
from urllib.parse import urlsplit

from .config import LOCAL_PORT

SCRIPTS = ("disclosure-cms.js", "decap-cms.js")  # ours first: it asks Decap to wait until its widgets are registered


def content_security_policy(site):
    """The admin CSP: only 'self', the platform and the local decap-server; eval and inline styles for Decap."""
    cms = site.portal.get("cms") or {}
    platform = ""
    if cms.get("url"):
        parts = urlsplit(cms["url"])
        platform = f" {parts.scheme}://{parts.netloc}"
    local = f" http://127.0.0.1:{LOCAL_PORT}"
    return "; ".join((
        "default-src 'none'",
        "script-src 'self' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        f"img-src 'self' data: blob:{platform}",
        "font-src 'self' data:",
        f"connect-src 'self'{platform}{local}",
        "frame-src 'self' blob:",
        "worker-src 'self' blob:",
        "manifest-src 'self'",
        "base-uri 'self'",
        "form-action 'self'",
        "object-src 'none'",
    ))


def index_html(site, title):
    scripts = "\n".join(f'<script src="{name}"></script>' for name in SCRIPTS)
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{html.escape(content_security_policy(site))}">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>{html.escape(title)}</title>
<link rel="icon" href="data:,">
<link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
<noscript>网页编辑器需要启用 JavaScript。</noscript>
{scripts}
</body>
</html>
"""
