"""Which links in an application are works, of what kind, and when two are the same work.

The links come from the body and from the form attachments (`FormReading.work_links`). A
link's kind is what the address says: YouTube, TikTok videos, Instagram reels, VK video and
clips, Facebook videos and reels, Vimeo, Rutube are "video"; a TikTok photo post is
"photo"; an Instagram, Facebook, Threads, VK, Telegram or X post may hold photos, a video or
both, so it is "multimedia"; a file on Google Drive, Yandex Disk, Cloud Mail.ru, Dropbox
and the like is "multimedia" unless the address ends in a file name whose extension says
video or photo. A link to a profile is never a work. The same link twice counts once, also
when written differently (youtu.be/X and youtube.com/watch?v=X, an Instagram reel with and
without tracking parameters).
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import parse_qs, unquote, urlsplit

from intake.form.links import canonical_url, link_kind
from intake.works.work import MULTIMEDIA, PHOTO, VIDEO, Work


def link_works(urls: Iterable[str]) -> list[Work]:
    """The works the links point to, in their order, each work once however it is written."""
    works: list[Work] = []
    seen: set[str] = set()
    for url in urls:
        work = link_work(url)
        if work is None or work.url is None:
            continue
        key = link_identity(work.url)
        if key not in seen:
            seen.add(key)
            works.append(work)
    return works


_VIDEO_EXTENSIONS = frozenset(
    {"mp4", "mov", "m4v", "3gp", "avi", "mkv", "webm", "wmv", "flv", "mts", "m2ts", "mpg",
     "mpeg"}
)
_PHOTO_EXTENSIONS = frozenset(
    {"jpg", "jpeg", "png", "heic", "heif", "webp", "gif", "bmp", "tif", "tiff", "dng", "avif"}
)
_FILE_HOSTS: tuple[tuple[str, str], ...] = (
    ("drive.google.com", "google-drive"),
    ("docs.google.com", "google-drive"),
    ("disk.yandex.ru", "yandex-disk"),
    ("disk.yandex.kz", "yandex-disk"),
    ("disk.yandex.com", "yandex-disk"),
    ("yadi.sk", "yandex-disk"),
    ("cloud.mail.ru", "cloud-mail-ru"),
    ("dropbox.com", "dropbox"),
    ("we.tl", "wetransfer"),
    ("wetransfer.com", "wetransfer"),
    ("mega.nz", "mega"),
    ("1drv.ms", "onedrive"),
    ("onedrive.live.com", "onedrive"),
)


def link_work(url: str) -> Work | None:
    """The work a link points to; None for a link to a profile, which is not a work."""
    address = canonical_url(url)
    if link_kind(address) == "social":
        return None
    kind, platform = classify_link(address)
    return Work(kind=kind, title=address, is_link=True, url=address, format=platform)


def classify_link(url: str) -> tuple[str, str]:
    """The kind of work a link points to ("video", "photo", "multimedia"), and its platform."""
    parts = urlsplit(url)
    host = _host(parts.netloc)
    segments = [unquote(segment) for segment in parts.path.split("/") if segment]
    first = segments[0].lower() if segments else ""
    lowered = [segment.lower() for segment in segments]
    if _on(host, "youtube.com", "youtu.be", "youtube-nocookie.com"):
        return VIDEO, "youtube"
    if _on(host, "tiktok.com"):
        return (PHOTO if "photo" in lowered else VIDEO), "tiktok"
    if _on(host, "instagram.com", "instagr.am"):
        is_video = bool({"reel", "reels", "tv"} & set(lowered))
        return (VIDEO if is_video else MULTIMEDIA), "instagram"
    if _on(host, "fb.watch"):
        return VIDEO, "facebook"
    if _on(host, "facebook.com", "fb.com"):
        shared_video = first == "share" and len(lowered) > 1 and lowered[1] in ("v", "r")
        is_video = shared_video or bool({"watch", "reel", "reels", "videos"} & set(lowered))
        return (VIDEO if is_video else MULTIMEDIA), "facebook"
    if _on(host, "vkvideo.ru"):
        return VIDEO, "vk"
    if _on(host, "vk.com", "vk.ru"):
        return (VIDEO if first.startswith(("video", "clip")) else MULTIMEDIA), "vk"
    if _on(host, "vimeo.com"):
        return VIDEO, "vimeo"
    if _on(host, "rutube.ru"):
        return VIDEO, "rutube"
    if _on(host, "ok.ru"):
        return (VIDEO if first in ("video", "live") else MULTIMEDIA), "ok"
    if _on(host, "dzen.ru"):
        return (VIDEO if first in ("video", "shorts") else MULTIMEDIA), "dzen"
    if _on(host, "threads.net", "threads.com"):
        return MULTIMEDIA, "threads"
    if _on(host, "t.me", "telegram.me"):
        return MULTIMEDIA, "telegram"
    if _on(host, "x.com", "twitter.com"):
        return MULTIMEDIA, "x"
    platform = next((name for domain, name in _FILE_HOSTS if _on(host, domain)), host)
    return _kind_by_name(segments, parts.query), platform


def _kind_by_name(segments: list[str], query: str) -> str:
    """"video" or "photo" when the link ends in a file name saying so, else "multimedia"."""
    names = segments[-1:] + [value for values in parse_qs(query).values() for value in values]
    for name in names:
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if extension in _VIDEO_EXTENSIONS:
            return VIDEO
        if extension in _PHOTO_EXTENSIONS:
            return PHOTO
    return MULTIMEDIA


def link_identity(url: str) -> str:
    """A key equal for two links to the same work: the video's id where the platform has one."""
    parts = urlsplit(canonical_url(url))
    host = _host(parts.netloc)
    segments = [segment for segment in parts.path.split("/") if segment]
    lowered = [segment.lower() for segment in segments]
    if _on(host, "youtube.com", "youtu.be", "youtube-nocookie.com"):
        video = _youtube_id(host, lowered, segments, parts.query)
        if video:
            return f"youtube:{video}"
    for platform, markers in (
        ("instagram", ("p", "reel", "reels", "tv")),
        ("tiktok", ("video", "photo")),
    ):
        if _on(host, f"{platform}.com"):
            for at, segment in enumerate(lowered[:-1]):
                if segment in markers:
                    return f"{platform}:{segments[at + 1]}"
    return f"{host}{parts.path.rstrip('/')}?{parts.query}"


def _youtube_id(host: str, lowered: list[str], segments: list[str], query: str) -> str | None:
    if host == "youtu.be":
        return segments[0] if segments else None
    if lowered[:1] == ["watch"]:
        return parse_qs(query).get("v", [None])[0]
    if len(segments) > 1 and lowered[0] in ("shorts", "live", "embed", "v"):
        return segments[1]
    return None


def _host(netloc: str) -> str:
    host = netloc.lower().rsplit("@", 1)[-1].split(":", 1)[0]
    for prefix in ("www.", "m.", "mobile.", "web."):
        host = host.removeprefix(prefix)
    return host


def _on(host: str, *domains: str) -> bool:
    return any(host == domain or host.endswith("." + domain) for domain in domains)
