"""The demo's last act: what the organizers get once the jury has scored.

Two things, each looked for where an organizer would find it:

- the digest that `baiqau digest` queued and sent through the outbox over SMTP, read back
  from the organizer's INBOX over IMAP and matched to what baiqau wrote by its Message-ID:
  the plain text, the HTML and the chart the HTML shows;
- the results protocol that `baiqau results --protocol` wrote, in Kazakh and in Russian,
  on disk, and rendered to PDF (LibreOffice) and to a PNG per page (poppler's pdftoppm)
  where those are installed. The demo has to run on a fresh machine without them, so
  without them it says what it skipped and why, and the DOCX files are still there.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from email.message import EmailMessage
from pathlib import Path

from sqlmodel import Session, col, select

from baiqau.demo.letters import ORGANIZER_ADDRESS
from baiqau.demo.mailserver import DemoMailServer, header_text
from hub.config import Config
from hub.db import make_engine
from hub.models import OutboundMessage

DIGEST_PURPOSE = "digest"  # reports.digest's purpose of the email, as the outbox keeps it
PROTOCOL_LANGUAGES = ("kk", "ru")
RENDER_SECONDS = 180  # LibreOffice's first start on a slow machine makes its profile
PAGE_DPI = 100  # a landscape A4 page is then 1170 x 830 pixels: its smallest print reads


@dataclass(frozen=True)
class DigestArrival:
    """The organizer's digest: what baiqau wrote, and what arrived in their INBOX."""

    mailbox: str  # the organizer's address: the digest is in its INBOX
    written_subject: str  # as the outbox has it ("" when no digest was queued)
    message_id: str
    state: str  # the outbox row's: sent, or why not
    message: EmailMessage | None  # as it arrived, over IMAP (None: it did not)

    @property
    def subject(self) -> str:
        return header_text(self.message, "Subject") if self.message is not None else ""

    @property
    def parts(self) -> list[str]:
        """The content types of its leaves, in order: text/plain, text/html, image/png."""
        if self.message is None:
            return []
        return [part.get_content_type() for part in self.message.walk()
                if not part.is_multipart()]

    def body(self, kind: str) -> str:
        """The `plain` or `html` body as a mail client shows it ("" for none)."""
        part = self.message.get_body(preferencelist=(kind,)) if self.message else None
        return str(part.get_content()) if part is not None else ""

    @property
    def chart_shown(self) -> bool:
        """Whether the HTML shows the PNG the email carries (cid:), as mail clients need."""
        if self.message is None:
            return False
        html = self.body("html")
        return any(part.get_content_type() == "image/png"
                   and f"cid:{str(part['Content-ID'] or '').strip('<>')}" in html
                   for part in self.message.walk())

    @property
    def problem(self) -> str:
        if not self.message_id:
            return "baiqau digest queued no digest for the organizer"
        if self.message is None:
            return f"the digest ({self.state}) is not in {self.mailbox}'s INBOX"
        if self.subject != self.written_subject:
            return f"the digest arrived as {self.subject!r}, written {self.written_subject!r}"
        if not (self.body("plain") and self.body("html") and self.chart_shown):
            return f"the digest lacks a part: it has {', '.join(self.parts)}"
        return ""


@dataclass(frozen=True)
class ProtocolFiles:
    """One language's protocol: the DOCX baiqau wrote, and its renderings if any."""

    language: str
    docx: Path
    pdf: Path | None = None
    pages: list[Path] = field(default_factory=list)  # a PNG per page


@dataclass(frozen=True)
class Paperwork:
    digest: DigestArrival
    protocols: list[ProtocolFiles]
    skipped: str  # why the protocol was not rendered (or not to PNG); "" when it was

    @property
    def problems(self) -> list[str]:
        found = [self.digest.problem] if self.digest.problem else []
        found += [f"the {files.language} protocol is not at {files.docx}"
                  for files in self.protocols if not files.docx.is_file()]
        return found


def protocol_path(folder: Path, language: str) -> Path:
    return folder / f"protocol-{language}.docx"


def read_digest(config: Config, server: DemoMailServer) -> DigestArrival:
    """The newest digest baiqau wrote to the organizer, and the copy in their INBOX."""
    engine = make_engine(config.database_url)
    try:
        with Session(engine) as session:
            row = session.exec(
                select(OutboundMessage)
                .where(OutboundMessage.purpose == DIGEST_PURPOSE,
                       OutboundMessage.to_address == ORGANIZER_ADDRESS)
                .order_by(col(OutboundMessage.id).desc())).first()
    finally:
        engine.dispose()
    if row is None:
        return DigestArrival(ORGANIZER_ADDRESS, "", "", "", None)
    arrived = [mail for mail in server.received(ORGANIZER_ADDRESS)
               if _bare(mail["Message-ID"]) == _bare(row.message_id)]
    return DigestArrival(ORGANIZER_ADDRESS, row.subject, row.message_id, row.state.value,
                         arrived[0] if arrived else None)


def _bare(message_id: object) -> str:
    return str(message_id or "").strip().strip("<>")


class Rendering:
    """LibreOffice rendering the protocols to PDF, started before the digest is sent so that
    the two overlap (LibreOffice takes two to three seconds to start), then each PDF to a
    PNG per page. `soffice` and `pdftoppm` are the programs' paths (`installed`), None where
    they are missing; `finish` says what was skipped and why."""

    def __init__(self, documents: Sequence[ProtocolFiles], folder: Path,
                 soffice: str | None) -> None:
        self.documents, self.folder = list(documents), folder
        self.process: subprocess.Popen[bytes] | None = None
        self.failure = ""
        if soffice is None:
            self.failure = ("LibreOffice (soffice) is not installed, so the protocol is not "
                            "rendered to PDF and PNG; open the DOCX in Word or LibreOffice")
            return
        try:
            # One start of LibreOffice for every file, with its profile in the demo's
            # folder: the user's own may be in use by their open office suite.
            self.process = subprocess.Popen(
                [soffice, f"-env:UserInstallation={(folder / 'office').resolve().as_uri()}",
                 "--headless", "--convert-to", "pdf", "--outdir", str(folder),
                 *(str(files.docx) for files in self.documents)],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        except OSError as error:
            self.failure = f"LibreOffice could not start: {error}"

    def finish(self, pdftoppm: str | None) -> tuple[list[ProtocolFiles], str]:
        """The files, each with its PDF and pages where rendered; and what was skipped."""
        if self.process is None:
            return self.documents, self.failure
        try:
            output, _ = self.process.communicate(timeout=RENDER_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.communicate()
            return self.documents, f"LibreOffice took over {RENDER_SECONDS} s and was stopped"
        rendered = [replace(files, pdf=files.docx.with_suffix(".pdf"))
                    for files in self.documents]
        missing = [files.docx.name for files in rendered
                   if files.pdf is None or not files.pdf.is_file()]
        if self.process.returncode or missing:
            said = output.decode("utf-8", "replace").strip()
            return self.documents, (f"LibreOffice exited {self.process.returncode} without "
                                    f"a PDF of {', '.join(missing) or 'every file'}: {said}")
        if pdftoppm is None:
            return rendered, "pdftoppm (poppler-utils) is not installed: PDF only, no PNG pages"
        return _paged(rendered, self.folder, pdftoppm)


def _paged(rendered: list[ProtocolFiles], folder: Path,
           pdftoppm: str) -> tuple[list[ProtocolFiles], str]:
    paged = []
    for files in rendered:
        assert files.pdf is not None  # Rendering.finish made them
        try:
            subprocess.run([pdftoppm, "-r", str(PAGE_DPI), "-png", str(files.pdf),
                            str(files.pdf.with_suffix(""))],
                           check=True, capture_output=True, timeout=RENDER_SECONDS)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
            return rendered, f"pdftoppm could not render {files.pdf.name}: {error}"
        # pdftoppm numbers the pages -1, -2 (-01 from ten pages on): sorted by number.
        pages = sorted(folder.glob(f"{files.pdf.stem}-*.png"),
                       key=lambda page: int(page.stem.rsplit("-", 1)[1]))
        paged.append(replace(files, pages=pages))
    return paged, ""


def installed(program: str, *aliases: str) -> str | None:
    """The path of `program` (or of an alias of it) on PATH, or None."""
    return next((found for name in (program, *aliases) if (found := shutil.which(name))),
                None)
