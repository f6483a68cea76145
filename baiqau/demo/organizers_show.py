"""What the demo prints of its last act: the digest as the organizer received it, and where
the protocol's files are; and, at the very end, where to find both.

In the style of `baiqau.demo.show`: nothing here talks to the mail server or the
database; everything shown was read back by `baiqau.demo.organizers`.
"""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from baiqau.demo.organizers import DigestArrival, Paperwork, ProtocolFiles
from baiqau.demo.show import as_mail_client_shows, relative

LANGUAGES = {"kk": "Kazakh", "ru": "Russian"}


def show_digest(console: Console, digest: DigestArrival) -> None:
    if digest.message is None:
        console.print(Text(f"The digest did not arrive: {digest.problem}", style="bold red"))
        return
    title = f"the digest, in {digest.mailbox}'s INBOX (read back over IMAP)"
    console.print(Panel(as_mail_client_shows(digest.message), title=title, title_align="left"))
    chart = "shown inside the HTML" if digest.chart_shown else "NOT shown by the HTML"
    console.print(f"Its parts: {', '.join(digest.parts)}; the PNG is the chart, {chart}.")


def show_protocols(console: Console, protocols: list[ProtocolFiles], skipped: str) -> None:
    rendered = [protocol for protocol in protocols if protocol.pdf is not None]
    if rendered:
        pages = " and ".join(f"{len(protocol.pages)} ({protocol.language})"
                             for protocol in rendered)
        console.print(f"LibreOffice rendered each protocol to PDF; pages as PNG: {pages}.")
    if skipped:
        console.print(Text(f"Not rendered: {skipped}.", style="yellow"))


def show_where(console: Console, paperwork: Paperwork) -> None:
    """The last lines of the demo: where the organizer's two results are."""
    digest = paperwork.digest
    console.print(f"The organizers' digest is in the INBOX of {digest.mailbox}, subject:")
    console.print(Text(f"  {digest.subject or '(it did not arrive)'}"))
    for protocol in paperwork.protocols:
        language = LANGUAGES.get(protocol.language, protocol.language)
        if protocol.pdf is not None:
            how = f", rendered to PDF and {len(protocol.pages)} PNG page(s)"
        else:
            how = " (not rendered, as said above)" if paperwork.skipped else ""
        console.print(f"The results protocol in {language}{how}:")
        # A path a line, so that a terminal's width never breaks one in two.
        for path in [protocol.docx, *([protocol.pdf] if protocol.pdf else []),
                     *protocol.pages]:
            console.print(Text(f"  {relative(path)}"))
