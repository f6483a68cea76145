"""Links and platform handles in an entrant's text, each taken as a profile or a work.

The form asks for the entrant's pages on social networks, and the works often come as links
too: a reel, a video, a shared folder on Google Drive or Yandex Disk. Entrants write them
with or without "https://", with the share button's tracking parameters, or as an `@handle`
after a platform's name ("Instagram: @aigerim_art"). `extract_links` finds them all,
`canonical_url` writes each link one way, so a link given twice counts once, and `link_kind`
tells a profile ("social") from a work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from intake.form.fields import FormField
from intake.form.label_words import LabelKind
from intake.form.labels import platform_mentions

_HOSTS = (
    r"instagram\.com|instagr\.am|tiktok\.com|youtube\.com|youtu\.be|facebook\.com|fb\.com"
    r"|fb\.watch|threads\.net|threads\.com|t\.me|telegram\.me|vk\.com|vk\.ru|x\.com"
    r"|twitter\.com|drive\.google\.com|docs\.google\.com|disk\.yandex\.(?:ru|kz|com)"
    r"|yadi\.sk|cloud\.mail\.ru|dropbox\.com|we\.tl|wetransfer\.com|mega\.nz|vimeo\.com"
    r"|1drv\.ms|onedrive\.live\.com"
)
SCHEME = re.compile(r"https?://", re.IGNORECASE)
URL = re.compile(
    rf"(?<![\w@.])(?:(?:https?://|www\.)[^\s<>\"'«»]+"
    rf"|(?:[a-z0-9-]+\.)*(?:{_HOSTS})(?![a-z0-9-])(?:/[^\s<>\"'«»]*)?)",
    re.IGNORECASE,
)
# What every link has: "://", or a dot with something after it ("www.", ".com", "t.me").
_MAY_LINK = re.compile(r"://|\.[^\s<>\"'«»]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_HANDLE = re.compile(r"(?<![\w@.])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)(?![\w@])")
_HANDLE_AFTER_PLATFORM = re.compile(
    r"\s*(?:[:：]|[-–—])\s*([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)(?![\w@/]|\.\w)"
)
_BARE_HANDLE = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?")
_PROFILE_URL = {
    "instagram": "https://www.instagram.com/{}",
    "tiktok": "https://www.tiktok.com/@{}",
    "youtube": "https://www.youtube.com/@{}",
    "facebook": "https://www.facebook.com/{}",
    "threads": "https://www.threads.net/@{}",
    "telegram": "https://t.me/{}",
    "vk": "https://vk.com/{}",
    "twitter": "https://x.com/{}",
}
_TRACKING = frozenset(
    {"igsh", "igshid", "si", "fbclid", "feature", "_t", "_r", "is_from_webapp",
     "sender_device", "utm_source", "utm_medium", "utm_campaign", "utm_content", "mibextid"}
)
_FILE_HOSTS = (
    "drive.google.com", "docs.google.com", "disk.yandex.ru", "disk.yandex.kz",
    "disk.yandex.com", "yadi.sk", "cloud.mail.ru", "dropbox.com", "we.tl", "wetransfer.com",
    "mega.nz", "vimeo.com", "1drv.ms", "onedrive.live.com", "youtu.be", "fb.watch",
    "vm.tiktok.com", "vt.tiktok.com",
)


def canonical_url(raw: str) -> str:
    """A link with a scheme, without trailing punctuation, tracking parameters or fragment."""
    url = raw.rstrip(".,;:!?»\"'")
    if url.endswith(")") and url.count("(") < url.count(")"):
        url = url[:-1]
    if not SCHEME.match(url):
        url = "https://" + url
    parts = urlsplit(url)
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in _TRACKING and not key.lower().startswith("utm_")
    ]
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path, urlencode(query), "")
    )


def link_kind(url: str) -> str | None:
    """"social" for a profile, "work" for a post, video or shared file, None when unsure."""
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.").removeprefix("m.")
    segments = [segment for segment in parts.path.split("/") if segment]
    first = segments[0].lower() if segments else ""
    if host in _FILE_HOSTS or any(host.endswith("." + known) for known in _FILE_HOSTS):
        return "work"
    if host in ("instagram.com", "instagr.am"):
        if first in ("p", "reel", "reels", "tv", "stories"):
            return "work"
        return "social" if first else None
    if host == "tiktok.com":
        return "work" if "video" in segments or "photo" in segments else "social"
    if host == "youtube.com":
        if first in ("watch", "shorts", "live", "embed", "playlist"):
            return "work"
        return "social" if first else None
    if host in ("facebook.com", "fb.com"):
        if first in ("watch", "reel", "videos") or "videos" in segments or "posts" in segments:
            return "work"
        if first == "share" and len(segments) > 1 and segments[1] in ("v", "r", "p"):
            return "work"
        return "social" if first else None
    if host in ("threads.net", "threads.com"):
        return "work" if "post" in segments else "social"
    if host in ("t.me", "telegram.me"):
        return "work" if len(segments) > 1 else "social"
    if host in ("vk.com", "vk.ru"):
        return "work" if first.startswith(("video", "clip", "wall")) else "social"
    if host in ("x.com", "twitter.com"):
        return "work" if "status" in segments else "social"
    return None


@dataclass
class Links:
    """Links found in a text, split into profiles (social) and works; `add` adds to them."""

    social: list[str] = field(default_factory=list)
    work: list[str] = field(default_factory=list)
    # The key of every link in either list, kept as links are added: a text's links are
    # added several times over (each labelled value, then the whole text), and comparing
    # with the known links one by one re-parsed every one of them at every addition.
    _keys: set[str] = field(default_factory=set, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._keys.update(_link_key(known) for known in (*self.social, *self.work))

    def add(self, kind: str, url: str) -> None:
        target = self.social if kind == "social" else self.work
        key = _link_key(url)
        if key not in self._keys:
            self._keys.add(key)
            target.append(url)


def _link_key(url: str) -> str:
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.").removeprefix("m.")
    return f"{host}{parts.path.rstrip('/').lower()}?{parts.query}"


def strip_links(text: str) -> str:
    """`text` without its links and @handles, whose digits are not follower counts."""
    return _HANDLE.sub(" ", URL.sub(" ", text))


def extract_links(text: str, context: LabelKind | None = None, platform: str | None = None
                  ) -> Links:
    """Every link and platform handle in `text`, classified.

    `context` is the label the text was the value of: under the social-links label an
    unfamiliar link or a bare `@handle` is taken as a profile; anywhere else an unfamiliar
    link is taken as a work (this is an application mail: links are mostly the works), and
    a `@handle` only counts when a platform is named before it on the same line.
    """
    links = Links()
    for line in text.split("\n"):
        # Quick tests first, as most lines of a mail have neither a link nor a handle (the
        # link and handle patterns are tried from every character of the line).
        may_link = _MAY_LINK.search(line) is not None
        if may_link:
            for raw in URL.findall(line):
                url = canonical_url(raw)
                kind = link_kind(url)
                if kind is None:
                    kind = "social" if context is FormField.SOCIAL_LINKS else "work"
                links.add(kind, url)
        if "@" not in line and not _ASCII_LETTER.search(line):
            continue  # no @handle, and no handle after a platform's name (it has a Latin letter)
        mentions = platform_mentions(line)
        # Links blanked out with a character that is neither a space nor part of a handle.
        line_without_urls = (
            URL.sub(lambda m: "\x00" * len(m.group()), line) if may_link else line
        )
        for handle in _HANDLE.finditer(line_without_urls):
            named = [name for start, _, name in mentions if start < handle.start()]
            chosen = named[-1] if named else platform
            if chosen in _PROFILE_URL:
                links.add("social", _PROFILE_URL[chosen].format(handle.group(1)))
            elif context is FormField.SOCIAL_LINKS:
                links.add("social", "@" + handle.group(1))
        # "Instagram: sabina.ahm", "TikTok - sabina_tt": a handle without the @, after a
        # platform's name and a colon or dash.
        for _, end, name in mentions:
            after = _HANDLE_AFTER_PLATFORM.match(line_without_urls, end)
            if after and name in _PROFILE_URL and _ASCII_LETTER.search(after.group(1)):
                links.add("social", _PROFILE_URL[name].format(after.group(1)))
    # "Instagram: aigerim_art": a handle without the @, as the whole value of a platform label.
    bare = text.strip()
    if platform in _PROFILE_URL and not links.social and _BARE_HANDLE.fullmatch(bare):
        links.add("social", _PROFILE_URL[platform].format(bare))
    return links
