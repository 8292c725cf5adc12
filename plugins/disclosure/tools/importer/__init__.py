"""``invoke import``: existing 公文 (.docx, .doc, .wps, .pdf, .ofd, .txt) become catalogue items.

A file goes through: a reader (one per format) → ``lines.Line``s with what the format tells
about layout → ``reflow`` (whole paragraphs) → ``gongwen`` (the parts GB/T 9704-2012 fixes) →
``classify`` (type and genre) → ``item`` (front matter and Markdown) → ``run`` (the command).
"""
