"""The works: one to three, in the regulation's formats, each attachment within the limit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from intake.findings import (
    ATTACHMENT_TOO_LARGE,
    NO_WORKS,
    TOO_MANY_WORKS,
    UNSUPPORTED_FORMAT,
    Finding,
    failed,
    passed,
)
from intake.rules.submission import MULTIMEDIA, PHOTO, UNSUPPORTED, VIDEO, Work, WorkSummary
from intake.rules.works import check_works

LIMIT = 25 * 1024 * 1024


def check(works: Sequence[WorkSummary], max_works: int = 3, min_works: int = 1
          ) -> list[Finding]:
    return check_works(works, min_works=min_works, max_works=max_works, max_bytes=LIMIT)


def videos(count: int) -> list[Work]:
    return [Work(VIDEO, f"бейне_{n}.mp4", 10_000_000) for n in range(1, count + 1)]


def test_three_works_pass_and_four_are_too_many() -> None:
    assert check(videos(3)) == [passed("works", "3")]
    assert check(videos(4)) == [failed("works", TOO_MANY_WORKS, "4 > 3")]
    assert check(videos(1)) == [passed("works", "1")]


def test_no_works() -> None:
    assert check([]) == [failed("works", NO_WORKS, "0")]
    assert check([], min_works=0) == [passed("works", "0")]


def test_every_format_of_the_regulation_counts_and_links_are_works() -> None:
    works = [
        Work(PHOTO, "Бурабай.jpg", 4_000_000),
        Work(MULTIMEDIA, "жоба.pptx", 9_000_000),
        Work(VIDEO, "https://www.youtube.com/watch?v=dQw4w9WgXcQ", None, is_link=True),
    ]
    assert check(works) == [passed("works", "3")]


def test_an_attachment_at_the_limit_counts_and_one_byte_more_does_not() -> None:
    assert check([Work(VIDEO, "дәл.mp4", LIMIT)]) == [passed("works", "1")]
    assert check([Work(VIDEO, "үлкен.mp4", LIMIT + 1)]) == [
        failed("works", NO_WORKS, "0"),
        failed("works", ATTACHMENT_TOO_LARGE, f"үлкен.mp4: {LIMIT + 1} > {LIMIT}"),
    ]


def test_a_link_is_never_too_large() -> None:
    link = Work(VIDEO, "https://disk.yandex.kz/i/abc", 10 * LIMIT, is_link=True)
    assert check([link]) == [passed("works", "1")]


def test_unsupported_works_do_not_count_and_each_is_named() -> None:
    works = [*videos(3), Work(UNSUPPORTED, "жұмыстар.rar", 1_000), Work("audio", "ән.mp3", 10)]
    assert check(works) == [
        passed("works", "3"),
        failed("works", UNSUPPORTED_FORMAT, "жұмыстар.rar"),
        failed("works", UNSUPPORTED_FORMAT, "ән.mp3"),
    ]


def test_only_the_works_that_count_are_too_many() -> None:
    works = [*videos(3), Work(VIDEO, "тым_үлкен.mov", LIMIT * 2)]
    assert check(works) == [
        passed("works", "3"),
        failed("works", ATTACHMENT_TOO_LARGE, f"тым_үлкен.mov: {LIMIT * 2} > {LIMIT}"),
    ]


@dataclass(frozen=True)
class ReaderWork:
    """A work as another module might describe it: more fields, same four members."""

    kind: str
    size: int | None
    title: str
    is_link: bool
    sha256: str


def test_any_object_with_the_four_members_is_a_work() -> None:
    works: list[WorkSummary] = [ReaderWork(VIDEO, 100, "a.mp4", False, "00" * 32)]
    assert check(works) == [passed("works", "1")]
