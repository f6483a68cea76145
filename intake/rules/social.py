"""Social links: links to the entrant's social pages (regulation 3.2 and 7.2).

Appendix 1 says "if any", but 7.2 lists the links among what an application must contain,
and the jury needs the account to judge the audience (3.4): the config decides
(`require_social_links`). Missing links are fixable by a reply.
"""

from __future__ import annotations

from collections.abc import Sequence

from intake.findings import SOCIAL_LINKS_MISSING, Finding, failed, passed

RULE = "social_links"


def check_social_links(links: Sequence[str], required: bool) -> list[Finding]:
    """Pass with the number of links given, or `social_links_missing` when required."""
    given = [link for link in links if link.strip()]
    if not given and required:
        return [failed(RULE, SOCIAL_LINKS_MISSING)]
    return [passed(RULE, str(len(given)))]
