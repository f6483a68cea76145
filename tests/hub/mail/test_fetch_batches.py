"""Fetch batches stay within their count and byte budget and keep UID order."""

from __future__ import annotations

from hub.mail.mailbox import MessageMeta
from hub.mail.poller import fetch_batches

LARGE = 1000


def metas(*sizes: int) -> list[MessageMeta]:
    return [MessageMeta(uid=uid, size=size, internaldate=None)
            for uid, size in enumerate(sizes, start=1)]


def uids(batches: list[list[MessageMeta]]) -> list[list[int]]:
    return [[meta.uid for meta in batch] for batch in batches]


def test_small_messages_batch_by_count() -> None:
    assert uids(fetch_batches(metas(*[10] * 5), most=2, large=LARGE)) == [[1, 2], [3, 4], [5]]


def test_small_messages_batch_by_bytes() -> None:
    # Four near-large messages fill the 4 * LARGE budget; the fifth starts a new batch.
    sizes = [LARGE] * 5
    assert uids(fetch_batches(metas(*sizes), most=100, large=LARGE)) == [[1, 2, 3, 4], [5]]


def test_a_large_message_closes_its_batch_and_order_is_kept() -> None:
    batches = fetch_batches(metas(10, 5000, 10, 10), most=100, large=LARGE)
    assert uids(batches) == [[1, 2], [3, 4]]
    assert [meta.uid for batch in batches for meta in batch] == [1, 2, 3, 4]


def test_nothing_to_fetch() -> None:
    assert fetch_batches([], most=10, large=LARGE) == []
