"""The sequence's dates as an iCalendar file (RFC 5545), with the maintained `icalendar`.

All-day events: the school fixes the hour. Each event's UID is derived from the session's
teacher link through a one-way hash, so that importing the file again updates the events
instead of doubling them, while the file holds no link and no token.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from icalendar import Calendar, Event

PRODUCT = "-//Declic//Sequence//FR"


def sequence_calendar(sequence, titles: dict, token: str, now: dt.datetime) -> bytes:
    """The calendar of a dated sequence: one all-day event per step (`titles[(kind,
    number)]`: (summary, description) in the page's language)."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    seed = hashlib.sha256(b"declic calendar\0" + token.encode("ascii")).hexdigest()[:24]
    for step in sequence.events:
        if step.date is None:
            continue
        summary, description = titles[(step.kind, step.number)]
        event = Event()
        event.add("uid", f"{seed}-{step.kind}-{step.number}@declic")
        event.add("dtstamp", now)
        event.add("dtstart", step.date)
        event.add("dtend", step.date + dt.timedelta(days=1))
        event.add("summary", summary)
        event.add("description", description)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
