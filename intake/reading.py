"""Everything one email says about an application: the form's fields and the works.

Reading goes one way: sort the attachments (`intake.parts`), read the form from the body,
read the attachments that may be the form (`intake.form.attached`) and merge them into it,
then collect the works (`intake.works.collect`). The form may be typed into the body (plain
text, or HTML only), attached as a filled-in DOCX or PDF, or both; the copies are merged,
the body winning where they disagree, and every field remembers which copy it came from.

Every contest's labels are read (so a value ends where any label begins); the fields the
contest's form does not have (`[intake] fields`) are then dropped, and without `works`
among them no attachment or link is taken as a work: the raw email keeps them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from hub.intake_config import DEFAULT_FIELDS
from hub.mail.htmltext import html_to_text
from hub.mail.letter import Letter
from intake.form.attached import read_attached_forms
from intake.form.fields import HTML, WORKS_FIELD, FormReading
from intake.form.formtext import read_form_text
from intake.parts import sort_parts
from intake.works.collect import WorkList, collect_works


@dataclass(frozen=True)
class EmailReading:
    form: FormReading
    works: WorkList
    text: str  # the body as text, for choosing the answer's language


def read_email(letter: Letter, fields: Sequence[str] = DEFAULT_FIELDS) -> EmailReading:
    parts = sort_parts(letter)
    plain = letter.text_plain.strip()
    html_text = html_to_text(letter.text_html) if letter.text_html.strip() else ""
    body = read_form_text(plain) if plain else FormReading()
    if html_text:
        # Mail clients write the HTML part from the same words; it fills what the plain
        # part lost (a table flattened badly), never overrides it.
        body = body.merge(read_form_text(html_text, source=HTML))
    attached = read_attached_forms(parts.forms)
    form = body
    for _, reading in attached.forms:
        form = form.merge(reading)
    # The body's links as read, not the merged form's: merging folds case to drop repeats,
    # and a YouTube id is case-sensitive.
    works = collect_works(parts, attached, body.work_links)
    if WORKS_FIELD not in fields:
        works = replace(works, works=[])
    return EmailReading(form=form.only(fields), works=works, text=plain or html_text)
