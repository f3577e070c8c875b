"""Content negotiation: does a request's Accept header prefer HTML to JSON?"""

from __future__ import annotations


def _quality(accept: str) -> dict[str, float]:
    """Media range → q, as RFC 9110 §12.5.1 writes them (`text/html;q=0.9`); a bad q counts as 0."""
    qualities: dict[str, float] = {}
    for item in accept.split(","):
        media, *params = (part.strip() for part in item.split(";"))
        if not media:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        qualities[media.lower()] = max(q, qualities.get(media.lower(), 0.0))
    return qualities


def _q_for(qualities: dict[str, float], media: str) -> float:
    kind = media.split("/")[0]
    for key in (media, f"{kind}/*", "*/*"):
        if key in qualities:
            return qualities[key]
    return 0.0


def prefers_html(accept: str | None) -> bool:
    """True when HTML is acceptable and ranked above JSON: a browser, not `curl` (`*/*`) or an SDK."""
    qualities = _quality(accept or "")
    html = _q_for(qualities, "text/html")
    return html > 0 and html > _q_for(qualities, "application/json")
