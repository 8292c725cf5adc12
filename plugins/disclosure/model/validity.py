"""Validity (有效性) of a normative document: derived from its dates, the documents that amend
or repeal it, and a day; never typed by hand.
"""

import datetime

IN_FORCE = ("effective", "amended")  # validity states of a document that still applies


def effective_since(record):
    return record.meta.get("effective_date") or record.meta.get("publish_date")


def in_effect_by(record, day):
    effective = effective_since(record)
    return isinstance(effective, datetime.date) and effective <= day


def validity(record, day):
    """The validity key of a normative document on ``day``; '' for other types."""
    if record.type != "normative":
        return ""
    meta = record.meta
    if not in_effect_by(record, day):
        return "not_yet_effective"
    if any(in_effect_by(r, day) for r in record.links["repealed_by"]):
        return "repealed"
    expiry = meta.get("expiry_date")
    if isinstance(expiry, datetime.date) and expiry < day:
        return "expired"
    if any(in_effect_by(r, day) for r in record.links["amended_by"]):
        return "amended"
    return "effective"


def end_of_force(record, day):
    """``(date, state)`` when a document repealed or expired by ``day`` stopped applying, else None.

    A repeal counts from the day the repealing document takes effect; an expiry
    from the document's own ``expiry_date`` (有效期至).
    """
    state = validity(record, day)
    if state == "repealed":
        return min(effective_since(r) for r in record.links["repealed_by"] if in_effect_by(r, day)), state
    if state == "expired":
        return record.meta["expiry_date"], state
    return None
