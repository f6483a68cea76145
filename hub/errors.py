"""The two kinds of trouble a message can cause, kept apart on purpose.

`Rejected` is the sender's fault (an unreadable form, a missing field): it becomes an
answer in their language and the message counts as handled. Any other exception is
ours: the message is quarantined for a person, and never answered with a traceback.
"""

from __future__ import annotations


class Rejected(Exception):
    """The sender must fix something; `code` is a stable reason code from DESIGN.md."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail
