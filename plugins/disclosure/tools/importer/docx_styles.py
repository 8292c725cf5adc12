"""Word formatting that a paragraph inherits: from itself, then its style and the styles that
style is based on. Real 公文 set most of it directly; templates set the rest in styles."""

from docx.oxml.ns import qn


def style_chain(style):
    """A style and the styles it is based on, nearest first."""
    while style is not None:
        yield style
        style = style.base_style


def paragraph_property(paragraph, *tags):
    """The first element at the tag path (e.g. "w:pPr", "w:jc") in the paragraph or its styles."""
    path = "/".join(qn(tag) for tag in tags)
    for element in [paragraph._p, *(style.element for style in style_chain(paragraph.style))]:
        found = element.find(path)
        if found is not None:
            return found
    return None
