"""Texts people receive, rendered from Jinja2 templates in templates/<language>/.

A template has a `subject` block and a `body` block, so the subject of an answer is
written by the same hand, in the same language, as its body.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from hub.config import Language

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str


@cache
def environment(root: Path = TEMPLATES) -> Environment:
    return Environment(
        loader=FileSystemLoader(str(root)),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # plain-text mail; nothing here is rendered as HTML
    )


def render(template_name: str, language: Language | str, /, **values: Any) -> Rendered:
    template = environment().get_template(f"{Language(language).value}/{template_name}.txt")
    context = template.new_context(values)
    subject = "".join(template.blocks["subject"](context)).strip()
    body = "".join(template.blocks["body"](context)).strip() + "\n"
    return Rendered(subject=" ".join(subject.split()), body=body)


def explain(macro: str, language: Language | str, /, *args: Any) -> str:
    """One macro of templates/<language>/reasons.txt (``brief``, ``cause``, ...), stripped.

    ``explain("brief", "en", "age_unclear", "1990")`` is the line organizers read in
    their review letters: "age depends on the birthday: 1990 [age_unclear]".
    """
    module = environment().get_template(f"{Language(language).value}/reasons.txt").module
    return str(getattr(module, macro)(*args)).strip()


@cache
def html_environment(root: Path = TEMPLATES) -> Environment:
    """The same templates folder, for HTML mail parts: every value escaped (a name with
    `<` in it stays text)."""
    return Environment(
        loader=FileSystemLoader(str(root)),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=True,
    )


def render_html(template_name: str, language: Language | str, /, **values: Any) -> str:
    """templates/<language>/<name>.html, rendered whole."""
    template = html_environment().get_template(f"{Language(language).value}/{template_name}.html")
    return template.render(**values)
