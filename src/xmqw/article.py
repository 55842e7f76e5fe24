"""One document → one article record: cleaning, city, facts.

This is the only place that strings the stages together for a single article;
the corpus stores what it returns and the index loads it.
"""

from __future__ import annotations

from typing import Any

from xmqw import __version__

#: Bumped when the record layout changes; `ingest --rebuild` re-derives records.
RECORD_FORMAT = 1


def analyse(text: str) -> dict[str, Any]:
    """Clean decoded text and extract its metadata and facts, as a JSON-ready dict."""
    from xmqw.cleaning import clean_article
    from xmqw.extract import extract_facts
    from xmqw.gazetteer import detect_city

    cleaned = clean_article(text)
    place = detect_city(cleaned.title or "", cleaned.text)
    year = int(cleaned.published[:4]) if cleaned.published else None
    facts = extract_facts(cleaned.text, year=year)
    return {
        "title": cleaned.title,
        "published": cleaned.published,
        "source": cleaned.source,
        "reporters": list(cleaned.reporters),
        "editors": list(cleaned.editors),
        "city": place.city if place else None,
        "province": place.province if place else None,
        "script": cleaned.script,
        "chars": len(cleaned.text),
        "flags": list(cleaned.flags),
        "captions": list(cleaned.captions),
        "log": dict(cleaned.log),
        "text": cleaned.text,
        "facts": {
            "projects": [p.to_dict() for p in facts.projects],
            "rates": [r.to_dict() for r in facts.rates],
            "totals": [t.to_dict() for t in facts.totals],
        },
        "format": RECORD_FORMAT,
        "xmqw": __version__,
    }
