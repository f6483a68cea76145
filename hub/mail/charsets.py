"""Turning a text part's bytes into text when its declared charset cannot be trusted.

Kazakh and Russian mail comes in UTF-8, windows-1251, KOI8-R and kz1048 (the Kazakh
Windows code page), and its labels lie: a phone app says us-ascii over UTF-8, an old
Outlook says UTF-8 over windows-1251. Valid UTF-8 with non-ASCII bytes is trusted first
(other encodings almost never form it by accident); then the declared charset; then
charset-normalizer guesses among the Cyrillic code pages people here really use.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

# What Kazakh and Russian senders really use, for the guess: a short list keeps
# charset-normalizer from picking a Greek or Turkish page for a Cyrillic text.
CYRILLIC_PAGES = ["utf_8", "cp1251", "koi8_r", "kz1048", "cp866", "iso8859_5", "mac_cyrillic"]
# Labels seen in the wild that Python's codec registry does not know by that name.
ALIASES = {
    "kz-1048": "kz1048", "kz_1048": "kz1048", "rk1048": "kz1048", "strk1048-2002": "kz1048",
    "win-1251": "cp1251", "cp-1251": "cp1251", "x-cp1251": "cp1251", "koi8r": "koi8_r",
    "x-mac-cyrillic": "mac_cyrillic", "ks_c_5601-1987": "cp949", "iso-8859-8-i": "iso8859_8",
    "gb2312": "gbk", "x-user-defined": "cp1251", "x-unknown": "", "unknown-8bit": "",
}


def codec_name(declared: str | None) -> str:
    """The Python codec for a declared charset, or '' when it is missing or unknown."""
    if not declared:
        return ""
    name = declared.strip().strip('"').lower()
    name = ALIASES.get(name, name)
    if not name:
        return ""
    try:
        return codecs.lookup(name).name
    except (LookupError, ValueError):  # ValueError: a NUL in the label
        return ""


def decode_text(data: bytes, declared: str | None, *, truncated: bool = False) -> str:
    """Text from a text part's bytes. `truncated`: the bytes were cut at a size limit, so
    the last character may be incomplete (and is dropped rather than spoil the guess)."""
    codec = codec_name(declared)
    # Charsets whose bytes would also pass as ASCII or UTF-8 (ISO-2022-JP is all 7-bit
    # escapes): only their own label reads them.
    if codec.startswith(("utf-16", "utf-32", "utf-7", "iso2022", "hz")):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            pass
    if data.isascii():
        return data.decode("ascii")
    for cut in range(4 if truncated else 1):
        try:
            return data[: len(data) - cut].decode("utf-8")
        except UnicodeDecodeError:
            continue
    if codec and codec != "utf-8":
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            pass
    guess = from_bytes(data, cp_isolation=CYRILLIC_PAGES).best()
    if guess is not None:
        return str(guess)
    return data.decode("utf-8", "replace")
