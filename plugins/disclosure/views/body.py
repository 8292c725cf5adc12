"""A body's Markdown → sanitized HTML, and the plain-text summary derived from that HTML.

Sanitizing happens here, once: nh3 keeps only the allowlisted tags, attributes and URL schemes.
The summary (``<meta name="description">``, catalog.json) is read off the sanitized HTML, so no
Markdown or HTML source can leak into it.
"""

import re
from html.parser import HTMLParser

import nh3
from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import InlineProcessor

MARKDOWN_EXTENSIONS = ["markdown.extensions.extra", "markdown.extensions.sane_lists"]
ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt",
    "em", "h2", "h3", "h4", "h5", "h6", "hr", "img", "ins", "li", "ol", "p", "pre",
    "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "h2": {"id"}, "h3": {"id"}, "h4": {"id"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
HEADER_CELL = re.compile(r"<th(?=[ >])(?![^>]*scope=)")
HEADING = re.compile(r"<(/?)h1([ >])")
SUMMARY_LENGTH = 120
PARAGRAPH = "p"
SUMMARY_BLOCKS = (PARAGRAPH, "li")  # where a summary may come from, in order of preference
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
# Every inline pattern of MARKDOWN_EXTENSIONS (INLINE_PATTERNS, which tests/test_model.py checks) needs
# one of these in the text it matches.
INLINE_SIGNS = ("`", "\\", "[", "<", "  \n", "&", "*", "_")
INLINE_PATTERNS = ("backtick", "escape", "footnote", "reference", "link", "image_link", "image_reference",
                   "short_reference", "short_image_ref", "autolink", "automail", "linebreak", "html", "entity", "em_strong")
INLINE_PRIORITY = 20  # Python-Markdown's own for its inline processor, which this one replaces
SPACE_BESIDE_CJK = re.compile(r"\s+(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])|(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])\s+")


def new_markdown():
    return Markdown(extensions=[*MARKDOWN_EXTENSIONS, _PlainTextFirst()], output_format="html")


class _PlainTextFirst(Extension):
    """Python-Markdown tries each of its fifteen inline patterns on every piece of text; most of a
    Chinese body has no sign of inline markup, and is passed over here: a third of the rendering time."""

    def extendMarkdown(self, md):
        md.treeprocessors.register(_PlainTextFirstInline(md), "inline", INLINE_PRIORITY)


class _PlainTextFirstInline(InlineProcessor):
    def _InlineProcessor__handleInline(self, data, patternIndex=0):  # noqa: N802 (the method it replaces)
        if not any(sign in data for sign in INLINE_SIGNS):
            return data
        return super()._InlineProcessor__handleInline(data, patternIndex)


def sanitize(markup):
    """Keep only the allowlisted tags, attributes and URL schemes."""
    return nh3.clean(markup, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes=URL_SCHEMES, link_rel=None)


def render_markdown(markdown, text):
    """Markdown → sanitized HTML; body headings start at h2 under the page title."""
    markup = markdown.reset().convert(text)
    markup = HEADING.sub(r"<\1h2\2", markup)
    return HEADER_CELL.sub('<th scope="col"', sanitize(markup))


def summary_of(markup, skip=()):
    """The first paragraph of sanitized HTML as plain text, cut to SUMMARY_LENGTH characters; the
    first list item if no paragraph has text.

    Paragraphs whose text is in ``skip`` (placeholders of generated content) are passed over.
    """
    def usable(text):
        text = _plain(text)
        return text if text and text not in skip else ""

    blocks = _Blocks(usable)
    try:
        blocks.feed(markup)
        blocks.close()
    except _Found:  # the first paragraph is all it needs: the rest of the body is not parsed
        pass
    text = blocks.found or next(filter(None, map(blocks.usable, blocks.items)), "")
    return text if len(text) <= SUMMARY_LENGTH else text[:SUMMARY_LENGTH] + "……"


def _plain(text):
    return SPACE_BESIDE_CJK.sub("", " ".join(text.split())) if CJK.search(text) else " ".join(text.split())


class _Found(Exception):
    pass


class _Blocks(HTMLParser):
    """The text of the first usable outermost paragraph, and of every outermost list item before it."""

    def __init__(self, usable):
        super().__init__(convert_charrefs=True)
        self.usable = usable  # a block's text → its plain text if a summary can be made of it, else a false value
        self.found, self.items = "", []
        self.open = None  # (tag, [text pieces]) of the block being read
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        if self.open is None and tag in SUMMARY_BLOCKS:
            self.open, self.depth = (tag, []), 0
        elif self.open is not None and tag == self.open[0]:
            self.depth += 1

    def handle_endtag(self, tag):
        if self.open is None or tag != self.open[0]:
            return
        if self.depth:
            self.depth -= 1
            return
        text, self.open = "".join(self.open[1]), None
        if tag != PARAGRAPH:
            self.items.append(text)
        elif found := self.usable(text):
            self.found = found
            raise _Found

    def handle_data(self, data):
        if self.open is not None:
            self.open[1].append(data)
