"""One work as the rules and the store see it: an attached file or a link, and its kind.

The regulation asks for up to three works "in any format (video, multimedia projects)"
(3.3) and Appendix 1 lists photo, video and multimedia. A fourth kind, "unsupported", is a
file meant as a work in a format the jury cannot take (an archive, a program, an unknown
file); the rules answer it with `unsupported_format`.
"""

from __future__ import annotations

from dataclasses import dataclass

PHOTO = "photo"
VIDEO = "video"
MULTIMEDIA = "multimedia"
UNSUPPORTED = "unsupported"
WORK_KINDS = (PHOTO, VIDEO, MULTIMEDIA, UNSUPPORTED)


@dataclass
class Work:
    """One work: an attached file or a link.

    `kind` is "photo", "video", "multimedia" or "unsupported"; `title` is the sender's
    file name (or "attachment-N.ext" when the file had none) or the URL; `format` is the
    file's format by content ("mp4", "jpeg", "exe") or the link's platform ("youtube").
    """

    kind: str
    title: str
    is_link: bool
    size: int | None = None  # None for links
    sha256: str | None = None  # None for links
    url: str | None = None  # only for links
    attachment_index: int | None = None  # position in `Letter.attachments`; None for links
    format: str = ""

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "title": self.title,
            "is_link": self.is_link,
            "size": self.size,
            "sha256": self.sha256,
            "url": self.url,
            "format": self.format,
        }
