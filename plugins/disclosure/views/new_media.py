"""政务新媒体: each unit's accounts (agency.yaml ``new_media``) on a page of its section, and the
portal's matrix of every unit's accounts.

Each account gets a QR code generated at build time (segno, no network) as inline SVG: dark
modules on a light ground whatever the display mode, with a text alternative that names the
account and its address; the address is also printed as text and as a link, so nobody needs the
code. Only addresses that data/site.yaml's ``external_links`` allows get here (data.external_links).
"""

import functools
import io

import segno
from markupsafe import Markup

from . import urls
from .pages import Page

TITLE = "政务新媒体"
MATRIX_TITLE = "政务新媒体矩阵"
QR_ERROR_LEVEL = "m"  # 15 % of the code may be damaged or covered
QR_DARK, QR_LIGHT = "#000", "#fff"


@functools.lru_cache(maxsize=4096)  # the preview makes every unit's codes again on each rebuild
def qr_svg(url, label, element_id):
    """The QR code of ``url`` as an inline SVG image named ``label``."""
    out = io.BytesIO()
    segno.make(url, error=QR_ERROR_LEVEL, micro=False).save(
        out, kind="svg", xmldecl=False, svgns=True, omitsize=True, dark=QR_DARK, light=QR_LIGHT, border=4,
        svgclass="qr-code", lineclass=None, title=label, svgid=element_id)
    svg = out.getvalue().decode("utf-8")
    # One accessible name: role=img takes the title's text; the title has an id to point at.
    svg = svg.replace("<svg ", f'<svg role="img" aria-labelledby="{element_id}-title" ', 1)
    svg = svg.replace("<title>", f'<title id="{element_id}-title">', 1)
    return Markup(svg)


def account_views(unit):
    """Each account of a unit, with its QR code."""
    views = []
    for number, account in enumerate(unit.agency.get("new_media") or (), start=1):
        element_id = f"qr-{unit.slug}-{number}"
        label = f"{account['platform']}“{account['name']}”的二维码，扫码打开 {account['url']}"
        views.append({"platform": account["platform"], "name": account["name"], "url": account["url"],
                      "qr": qr_svg(account["url"], label, element_id), "id": element_id})
    return views


def pages(site):
    """Each unit's 政务新媒体 page (only a unit with accounts opens the column), and the portal's matrix."""
    matrix = []
    for unit in site.units.values():
        accounts = account_views(unit)
        if not accounts:
            continue
        url = urls.within(unit, urls.NEW_MEDIA)
        listed = {"name": unit.name, "url": url, "id": f"media-{unit.slug}", "accounts": accounts}
        matrix.append(dict(listed, heading=True))  # the matrix names each unit and links to its page
        yield Page(url, "new_media", {"title": TITLE, "units": [dict(listed, heading=False)], "intro": _intro(unit.name),
                                      "trail": [{"name": unit.name, "url": urls.within(unit)}, {"name": TITLE}]}, unit=unit)
    if matrix:
        yield Page(urls.NEW_MEDIA, "new_media", {"title": MATRIX_TITLE, "units": matrix, "intro": _intro(site.portal["name"] + "各单位"),
                                                 "trail": [{"name": MATRIX_TITLE}]})


def _intro(owner):
    return f"{owner}开设的政务新媒体账号。用手机扫描二维码，或打开二维码下方的网址，即可关注。"
