"""The first answer an entrant gets: "your email arrived, here is what we found in it".

Until the application form is read and checked, this is how the contest mailbox
answers a person: at once, in their language, with a number to quote and the list of
files it received, so nobody has to wonder whether their video got through.
"""

from __future__ import annotations

from intake.pipeline import Handling


def acknowledge_receipt(handling: Handling) -> None:
    message = handling.message
    works = [
        attachment.filename or attachment.content_type
        for attachment in handling.letter.attachments
        if not attachment.inline
    ]
    handling.reply(
        "receipt",
        dedup_key=f"receipt:{message.sha256}",
        purpose="receipt",
        number=message.id,
        name=handling.letter.sender_name,
        amendment=message.kind.value == "amendment",
        files=works,
    )
