"""The entrant's audience: links to their social pages and the declared subscriber count."""

from __future__ import annotations

from intake.findings import (
    FEW_SUBSCRIBERS,
    SOCIAL_LINKS_MISSING,
    SUBSCRIBERS_MISSING,
    failed,
    passed,
)
from intake.rules.social import check_social_links
from intake.rules.subscribers import check_subscribers

LINKS = ["https://www.instagram.com/aigerim.shortvideo", "https://www.tiktok.com/@aigerim_vlog"]


def test_social_links_required() -> None:
    assert check_social_links(LINKS, required=True) == [passed("social_links", "2")]
    assert check_social_links([], required=True) == [failed("social_links", SOCIAL_LINKS_MISSING)]
    assert check_social_links(["  "], required=True) == [
        failed("social_links", SOCIAL_LINKS_MISSING)
    ]


def test_social_links_optional() -> None:
    assert check_social_links([], required=False) == [passed("social_links", "0")]
    assert check_social_links(LINKS[:1], required=False) == [passed("social_links", "1")]


def test_subscribers_at_the_boundary() -> None:
    assert check_subscribers(5000, 5000) == [passed("subscribers", "5000")]
    assert check_subscribers(4999, 5000) == [
        failed("subscribers", FEW_SUBSCRIBERS, "4999 < 5000", fixable=True)
    ]
    assert check_subscribers(120_000, 5000) == [passed("subscribers", "120000")]
    assert check_subscribers(0, 5000) == [
        failed("subscribers", FEW_SUBSCRIBERS, "0 < 5000", fixable=True)
    ]


def test_subscribers_not_declared() -> None:
    assert check_subscribers(None, 5000) == [failed("subscribers", SUBSCRIBERS_MISSING)]


def test_no_minimum_asks_for_nothing() -> None:
    assert check_subscribers(None, 0) == [passed("subscribers", "")]
    assert check_subscribers(12, 0) == [passed("subscribers", "12")]
