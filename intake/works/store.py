"""Keeping an application's works: files copied out of the email, links as they are.

An attached file is kept under storage/works/<number>/ with a name baiqau makes (never
the sender's), hard-linked from the decoded part where the filesystem allows. The same
file or link sent again is kept once. A file that cannot be a work (an unsupported
format, over the size limit) is not kept; it is only reported for the email that
brought it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence

from sqlmodel import Session, col, select

from hub.mail.letter import Letter
from hub.models import Application, InboundMessage, Work
from hub.storage import RawStore
from intake.rules.submission import SUPPORTED_KINDS
from intake.works.collect import WorkList
from intake.works.work import Work as FoundWork


def current_works(session: Session, application: Application) -> list[Work]:
    return list(session.exec(
        select(Work).where(Work.application_id == application.id, col(Work.withdrawn).is_(False))
        .order_by(col(Work.id))
    ).all())


def keep_works(session: Session, store: RawStore, application: Application,
               message: InboundMessage, letter: Letter, found: WorkList, *, kept: list[Work],
               replace: bool, max_bytes: int) -> tuple[list[Work], list[FoundWork]]:
    """Add this email's works to the application's `kept` ones.

    Returns the application's works now, and the ones of this email that were not kept.
    With `replace` (the entrant was asked to choose, having sent too many), the works of
    this email take the place of the earlier ones, if it brings any.
    """
    if replace and any(_keepable(work, max_bytes) for work in found.works):
        for row in kept:
            row.withdrawn = True
        kept = []
    kept = list(kept)
    known = {row.sha256 or row.url for row in kept}
    refused: list[FoundWork] = []
    for work in found.works:
        if not _keepable(work, max_bytes):
            refused.append(work)
            continue
        key = work.sha256 or work.url or ""
        if key in known:
            continue
        known.add(key)
        row = Work(application_id=application.id or 0, inbound_id=message.id, kind=work.kind,
                   title=work.title, is_link=work.is_link, url=work.url or "",
                   size=work.size, sha256=work.sha256 or "")
        if work.attachment_index is not None:
            row.path = _keep_file(store, application.number, len(known), work,
                                  letter.attachments[work.attachment_index].path)
        session.add(row)
        kept.append(row)
    return kept, refused


def _keepable(work: FoundWork, max_bytes: int) -> bool:
    return work.kind in SUPPORTED_KINDS and (work.size is None or work.size <= max_bytes)


def _keep_file(store: RawStore, number: str, position: int, work: FoundWork,
               source: os.PathLike[str]) -> str:
    extension = "".join(ch for ch in work.format.lower() if ch.isalnum())[:8] or "bin"
    relpath = f"works/{number}/{position:02d}-{(work.sha256 or '')[:12]}.{extension}"
    target = store.path(relpath)
    store.ensure_dir(target.parent)
    if not target.exists():
        try:
            os.link(source, target)
        except OSError:  # another filesystem, or links not allowed: copy instead
            shutil.copyfile(source, target)
    return relpath


def titles(works: Sequence[Work]) -> list[str]:
    return [work.title for work in works]
