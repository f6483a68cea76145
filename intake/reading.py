"""Everything one email says about an application: the form's fields and the works.

The form may be typed into the body (plain text, or HTML only), attached as a filled-in
DOCX or PDF, or both; the copies are merged, the body winning where they disagree, and
every field remembers which copy it came from.
"""

from __future__ import annotations

from dataclasses import dataclass

from hub.mail.letter import Letter
from intake.form.fields import HTML, FormReading
from intake.form.formtext import read_form_text
from intake.form.htmltext import html_to_text
from intake.parts import WorkList, collect_works


@dataclass(frozen=True)
class EmailReading:
    form: FormReading
    works: WorkList
    text: str  # the body as text, for choosing the answer's language


def read_email(letter: Letter) -> EmailReading:
    plain = letter.text_plain.strip()
    html_text = html_to_text(letter.text_html) if letter.text_html.strip() else ""
    form = read_form_text(plain) if plain else FormReading()
    if html_text:
        # Mail clients write the HTML part from the same words; it fills what the plain
        # part lost (a table flattened badly), never overrides it.
        form = form.merge(read_form_text(html_text, source=HTML))
    works = collect_works(letter, form)
    for attached in works.form_readings:
        form = form.merge(attached)
    return EmailReading(form=form, works=works, text=plain or html_text)
