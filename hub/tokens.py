"""Tokens: the secret on every score sheet (`J-7Q4K9M`), every voter's ballot (`V-...`)
and every organizers' digest (`O-...`) that a reply must carry to count.

A token reads like `J-7Q4K9M`: six characters from an alphabet with no 0/O, 1/I/L
to confuse, so a juror can read it aloud over the phone. It is made as HMAC-SHA256
of a random nonce (kept in the juror's row) under a random key kept in the storage
folder, outside the database (`keys/tokens.key`, mode 0600). So the service can put the
token on every sheet and reminder, while a copy of the database alone shows only the
nonce and the token's SHA-256, which are worth nothing to a forger. A new contest
(a new storage folder) has a new key: a token from an earlier contest is no token here.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from pathlib import Path

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 6
KEY_FILE = Path("keys") / "tokens.key"
JUROR = "J"
ORGANIZER = "O"
VOTER = "V"
KEY_BYTES = 32

# People type a token with Cyrillic letters that look like the Latin ones.
_LOOKALIKES = str.maketrans("АВЕКМНОРСТХУЗЈаеорсхукј", "ABEKMHOPCTXY3JAEOPCXYKJ")
_TOKEN = re.compile(
    rf"(?<![A-Z0-9])([JOV])\s?[-‐‑–—]?\s?([{ALPHABET}]{{{LENGTH}}})(?![A-Z0-9])")


def new_nonce() -> str:
    return secrets.token_hex(16)


def make_token(key: bytes, nonce: str, prefix: str = JUROR) -> str:
    digest = hmac.new(key, f"{prefix}:{nonce}".encode() if prefix != JUROR
                      else nonce.encode("ascii"), hashlib.sha256).digest()
    number = int.from_bytes(digest[:16], "big")
    letters = []
    for _ in range(LENGTH):
        number, index = divmod(number, len(ALPHABET))
        letters.append(ALPHABET[index])
    return f"{prefix}-" + "".join(letters)


def organizer_token(key: bytes, email: str) -> str:
    """An organizer's token: the same on every digest, so a reply to any of them counts."""
    return make_token(key, email.lower(), ORGANIZER)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def find_tokens(text: str, prefix: str = JUROR) -> list[str]:
    """Every token-shaped string of that kind in `text` ("J-XXXXXX"), first seen first."""
    folded = text.translate(_LOOKALIKES).upper()
    found = dict.fromkeys(f"{match.group(1)}-{match.group(2)}" for match in
                          _TOKEN.finditer(folded) if match.group(1) == prefix)
    return list(found)


def load_key(storage: Path) -> bytes:
    """The contest's token key, made on first use; never in the database."""
    path = storage / KEY_FILE
    try:
        key = path.read_bytes()
    except FileNotFoundError:
        return _create_key(path)
    if len(key) != KEY_BYTES:
        raise ValueError(f"{path} is not a baiqau token key ({len(key)} bytes); "
                         "restore it from a backup: without it no sheet's token can be checked")
    return key


def _create_key(path: Path) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(KEY_BYTES)
    temporary = path.with_suffix(".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(descriptor, key)
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    try:
        # Two processes making the key at once: the first link wins, both use its key.
        os.link(temporary, path)
    except FileExistsError:
        key = path.read_bytes()
    finally:
        temporary.unlink(missing_ok=True)
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
    return key
