"""The one way a file is refused: a Chinese reason, printed after the file's name."""


class Refused(Exception):
    """This file cannot become an item; the message says why and what to do."""
