"""The works of one email: the files sent as works and the links to works, each once.

`collect_works` puts together what `intake.parts` sorted and `intake.form.attached` read
into one `WorkList`, where every attachment is either a work or in `ignored`:

- `works`: the files sorted as works and the PDFs that are not the form, in the letter's
  order, then the links to works in the body and in the attached forms, each work once
  however its link is written (`intake.works.links`);
- `form_attachments` (with their readings in `form_readings`): the filled-in form;
- `ignored`: every attachment that is not a work, with the reason (an `Ignored` value).
  The form is listed here too.

Counting the works against the limit of three is the rules' business, not this module's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from hub.mail.letter import Attachment
from intake.form.attached import AttachedForms
from intake.form.fields import FormReading
from intake.parts import Part, Parts
from intake.works.links import link_works
from intake.works.work import UNSUPPORTED, Work


@dataclass
class WorkList:
    """What one email brings; `form_readings[i]` is what was read from `form_attachments[i]`.

    Each reading's sources name the sender's file name, not the stored part's.
    """

    works: list[Work] = field(default_factory=list)
    form_attachments: list[Attachment] = field(default_factory=list)
    form_readings: list[FormReading] = field(default_factory=list)
    ignored: list[tuple[Attachment, str]] = field(default_factory=list)

    @property
    def unsupported(self) -> list[Work]:
        return [work for work in self.works if work.kind == UNSUPPORTED]


def collect_works(parts: Parts, attached: AttachedForms, body_links: Sequence[str]) -> WorkList:
    """The email's works, forms and ignored attachments, from its sorted and read parts.

    `body_links` are the work links read from the body; the attached forms' links follow.
    """
    files = sorted([*parts.works, *attached.works], key=lambda part: part.index)
    ignored = sorted([*parts.ignored, *attached.ignored], key=lambda item: item[0].index)
    links = [*body_links]
    for _, reading in attached.forms:
        links.extend(reading.work_links)
    return WorkList(
        works=[_file_work(part) for part in files] + link_works(links),
        form_attachments=[part.attachment for part, _ in attached.forms],
        form_readings=[reading for _, reading in attached.forms],
        ignored=[(part.attachment, reason) for part, reason in ignored],
    )


def _file_work(part: Part) -> Work:
    kind = part.kind
    return Work(
        kind=str(kind.category) if kind.is_work else UNSUPPORTED,
        title=part.title,
        is_link=False,
        size=part.attachment.size,
        sha256=part.attachment.sha256,
        attachment_index=part.index,
        format=kind.format,
    )
