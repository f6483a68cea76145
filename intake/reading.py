"""Everything one email says about an application: the form's fields and the works.

Reading goes one way: sort the attachments (`intake.parts`), read the form from the body,
read the attachments that may be the form (`intake.form.attached`) and merge them into it,
then collect the works (`intake.works.collect`). The form may be typed into the body (plain
text, or HTML only), attached as a filled-in DOCX or PDF, or both; the copies are merged,
the body winning where they disagree, and every field remembers which copy it came from.
"""

from __future__ import annotations

from dataclasses import dataclass

from hub.mail.htmltext import html_to_text
from hub.mail.letter import Letter
from intake.form.attached import read_attached_forms
from intake.form.fields import HTML, FormReading
from intake.form.formtext import read_form_text
from intake.parts import sort_parts
from intake.works.collect import WorkList, collect_works


@dataclass(frozen=True)
class EmailReading:
    form: FormReading
    works: WorkList
    text: str  # the body as text, for choosing the answer's language


def read_email(letter: Letter) -> EmailReading:
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
    return EmailReading(form=form, works=works, text=plain or html_text)
