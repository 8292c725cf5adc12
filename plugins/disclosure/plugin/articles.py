"""The documents' pages written on every core.

Pelican writes its articles one after another: at 10,000 documents that is the build's longest stretch
on one core. A large site's are written by forked workers instead, a run of documents each; what the
build hears of each page written (the sitemap's entry, the progress count) comes back from them.
As they go, and as they finish, the memory the build and its workers hold is read; the most of it
(``DOCUMENTS_MEMORY``) is the most a large build takes, which the search index may use too
(``tools.search_index``).
"""

import os
from itertools import chain

from pelican import signals
from pelican.contents import Content

from .. import settings as config
from ..model.forking import forked_pool, tree_memory
from ..model.problems import FILE_ATTRIBUTE
from .sitemap import SITEMAP

PARALLEL_FROM = 400  # documents: below this, starting the workers costs more than they save
RUN = 100  # documents a worker writes before it reports them
# Documents a worker writes before a fresh one takes over: each page it writes copies the part of the
# build's memory it reads, about 17 KB a document, which only its end gives back.
DOCUMENTS_PER_WORKER = 5_000
# Runs between two readings of the memory the documents take: a worker grows until a fresh one takes
# its place, so the memory when the last runs end is not the most they took. A reading walks every
# page of the tree: 65 ms for 2.5 GB (docs/scaling.md), 40 readings at 100,000 documents.
RUNS_PER_READING = DOCUMENTS_PER_WORKER // RUN // 2
PELICAN_MEMOIZED = ("get_content", "get_summary")  # Content's methods whose cache keeps every page asked about


class WritingFailed(Exception):
    """A worker could not write a document's page; the message is the worker's error."""


def write_articles(generator, write, articles):
    """As Pelican's ``generate_articles`` writes them (the preview's rebuilds write a few this way)."""
    for article in articles:
        signals.article_generator_write_article.send(generator, content=article)
        write(article.save_as, generator.get_template(article.template), generator.context, article=article,
              category=getattr(article, "category", None), override_output=hasattr(article, "override_save_as"),
              url=article.url, blog=True)


def write_on_every_core(generator):
    """Give Pelican's articles generator a ``generate_articles`` that shares the pages among workers."""
    one_by_one = generator.generate_articles

    def generate_articles(write):
        articles = list(chain(generator.translations, generator.articles,
                              generator.hidden_translations, generator.hidden_articles))
        workers = os.cpu_count() or 1
        if len(articles) < PARALLEL_FROM or workers < 2:
            return one_by_one(write)
        return _write_in_workers(generator, write, articles, workers)

    generator.generate_articles = generate_articles


_job = None  # (generator, write, articles): what the forked workers inherit


def _write_in_workers(generator, write, articles, workers):
    global _job
    _job = generator, write, articles
    settings, context = generator.settings, generator.context
    sitemap, progress = settings[SITEMAP], context.get(config.PROGRESS)
    try:
        taken = 0
        with forked_pool(workers, DOCUMENTS_PER_WORKER // RUN) as pool:
            for done, entries in enumerate(pool.imap(_write_run, range(0, len(articles), RUN)), 1):
                if isinstance(entries, WritingFailed):
                    raise entries
                sitemap.entries.update(entries)
                if progress:
                    for _ in entries:
                        progress("页面", next(context[config.PAGES_WRITTEN]), None)
                if done % RUNS_PER_READING == 0:
                    taken = max(taken, tree_memory(os.getpid()))
            settings[config.DOCUMENTS_MEMORY] = max(taken, tree_memory(os.getpid()))  # the workers are still there
    finally:
        _job = None


def _write_run(start):
    """In a worker: write ``RUN`` documents from ``start``; their sitemap entries, or what went wrong."""
    generator, write, articles = _job
    sitemap = generator.settings[SITEMAP]
    generator.context[config.PROGRESS] = None  # the parent shows the progress
    sitemap.entries = {}
    try:
        for article in articles[start:start + RUN]:
            write_articles(generator, write, [article])
        forget_memoized()  # each page's text, kept otherwise: 280 MB more at the peak of 100,000 documents
    except Exception as exc:  # an exception may not survive pickling: its type and message do
        failed = WritingFailed(f"{type(exc).__name__}: {exc}")
        setattr(failed, FILE_ATTRIBUTE, getattr(exc, FILE_ATTRIBUTE, article.source_path))
        return failed
    return sitemap.entries


def forget_memoized():
    """Empty the caches of Pelican's memoized methods, which keep every page they were asked about
    (``get_content``: its whole text) for as long as the process lives."""
    for method in PELICAN_MEMOIZED:
        Content.__dict__[method].cache.clear()
