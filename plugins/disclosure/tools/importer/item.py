"""A parsed 公文 and its guesses → one item: its front matter (written by ``tools.front_matter``) and Markdown body."""

from . import body
from .gongwen import LONGEST_TITLE_LINE
from .patterns import ATTACHMENT_HEADING, SENTENCE_END, starts_block


def front_matter(document, guess, index_number, publish_date, attachments, genres):
    """The contract's keys for an imported document; keys nothing could be found for are left out."""
    meta = {"title": document.title, "type": guess.type, "index_number": index_number, "publish_date": publish_date}
    if document.written_date and document.written_date <= publish_date:
        meta["written_date"] = document.written_date
    if document.issuer:
        meta["issuer"] = document.issuer
    if document.doc_number:
        meta["doc_number"] = document.doc_number
    if guess.genre in genres:
        meta["genre"] = guess.genre
    if guess.effective_date:
        meta["effective_date"] = guess.effective_date
    meta["keywords"] = []
    if attachments:
        meta["attachments"] = attachments
    return meta


def body_markdown(document, keep_attachment_note):
    """The 正文, then the 附件说明 (when no attachment list can carry it), the 附注 and the
    attachments printed after the 落款."""
    parts = [body.markdown(document.body)]
    if keep_attachment_note and document.attachments:
        items = document.attachments
        parts.append(body.escape("附件：" + ("".join(items) if len(items) == 1 else
                                           "　".join(f"{n}.{title}" for n, title in enumerate(items, start=1)))))
    parts += [body.escape(note) for note in document.notes]
    if document.appendix:
        parts.append(_appendix(document.appendix))
    return "\n\n".join(part for part in parts if part)


def _appendix(paragraphs):
    """Attachments printed after the 落款, each from its 附件N line, under a heading with its title."""
    sections = []
    for paragraph in paragraphs:
        if ATTACHMENT_HEADING.match(paragraph.text) or not sections:
            sections.append([paragraph])
        else:
            sections[-1].append(paragraph)
    return "\n\n".join(_attachment_section(section) for section in sections)


def _attachment_section(paragraphs):
    first, rest = paragraphs[0].text, paragraphs[1:]
    if not ATTACHMENT_HEADING.match(first):
        return body.markdown(paragraphs)  # text after the 落款 that is not an attachment stays as it is
    heading = first.rstrip("：:")
    if rest and _is_attachment_title(rest[0].text):
        heading, rest = f"{heading}　{rest[0].text}", rest[1:]
    return "\n\n".join([f"## {body.escape(heading)}", body.markdown(rest)] if rest else [f"## {body.escape(heading)}"])


def _is_attachment_title(text):
    return len(text) <= LONGEST_TITLE_LINE and not text.endswith(tuple(SENTENCE_END)) and not starts_block(text)
