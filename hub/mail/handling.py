"""What a handler of one kind of mail gets: the message, read, and a way to answer it
inside the transaction that handles it (answers leave only after the commit)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlmodel import Session

from hub.config import Language
from hub.context import Context
from hub.mail.letter import Letter
from hub.mail.lookups import Lookups
from hub.mail.outbox import Answer, queue_answer
from hub.models import InboundMessage
from hub.texts import render


@dataclass
class Handling:
    """What a handler gets: the message, read, and a way to answer inside the transaction."""

    context: Context
    session: Session
    message: InboundMessage
    letter: Letter
    language: Language
    lookups: Lookups = field(default_factory=Lookups)

    def answer(self, answer: Answer) -> None:
        queue_answer(self.session, answer, config=self.context.config,
                     clock=self.context.clock, inbound_id=self.message.id,
                     ledger=self.lookups)

    def reply(self, template: str, /, dedup_key: str, purpose: str,
              language: Language | None = None, **values: object) -> None:
        """Answer the sender with a template, threaded onto their mail; in the language of
        this email unless told otherwise (an application keeps its first language)."""
        language = language or self.language
        names = self.context.config.contest.name
        text = render(template, language, contest=names.get(language) or self.contest_name,
                      **values)
        references = [*self.letter.references, self.letter.message_id]
        self.answer(Answer(
            dedup_key=dedup_key,
            to_address=self.letter.sender,
            to_name=self.letter.sender_name,
            subject=text.subject,
            body_text=text.body,
            purpose=purpose,
            language=language.value,
            in_reply_to=self.letter.message_id,
            references=" ".join(ref for ref in references if ref),
        ))

    @property
    def contest_name(self) -> str:
        names = self.context.config.contest.name
        return names.get(self.language) or next(iter(names.values()))


Handler = Callable[[Handling], None]
