"""The private links of a campaign: random tokens, stored hashed, that expire.

A link's token is derived from a random nonce (:func:`secrets.token_urlsafe`) under the
server's campaign key (32 random bytes in its own owner-only file of the state folder):
``token = base64url(HMAC-SHA256(key, nonce))``. The database keeps the nonce and the token's
SHA-256 only, so a copy of the database alone gives no working link, while staff can still
display and export the links they have to send (the tool sends no mail). Each link's form
carries its own anti-forgery value, derived the same way from the token's hash.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import os
import secrets
from pathlib import Path

from ecosystem.accounts.credentials import hash_token

__all__ = [
    "KEY_FILE",
    "campaign_key",
    "form_guard",
    "guard_matches",
    "is_open",
    "link_token",
    "new_nonce",
    "token_hash",
]

KEY_FILE = "campagnes.cle"


def campaign_key(folder: Path) -> bytes:
    """The campaign key of the state ``folder``, created owner-only on first use."""
    path = Path(folder) / KEY_FILE
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as out:
            out.write(secrets.token_bytes(32))
    return path.read_bytes()


def new_nonce() -> str:
    return secrets.token_urlsafe(16)


def _mac(key: bytes, text: str) -> str:
    return base64.urlsafe_b64encode(hmac.new(key, text.encode(), hashlib.sha256).digest()).decode().rstrip("=")


def link_token(key: bytes, nonce: str) -> str:
    """The token of the link whose nonce is ``nonce``: 43 URL-safe characters.

    >>> key = bytes(32)
    >>> link_token(key, "a") == link_token(key, "a"), link_token(key, "a") == link_token(key, "b"), len(link_token(key, "a"))
    (True, False, 43)
    """
    return _mac(key, "lien:" + nonce)


def token_hash(token: str) -> str:
    """What the database keeps of a token (its SHA-256), the same as for sessions and API tokens."""
    return hash_token(token)


def form_guard(key: bytes, stored_hash: str) -> str:
    """The anti-forgery value of one link's form (the CSRF token of a page without a session)."""
    return _mac(key, "formulaire:" + stored_hash)


def guard_matches(key: bytes, stored_hash: str, given: object) -> bool:
    """Whether ``given`` is this link's anti-forgery value (compared in constant time).

    >>> key = bytes(32)
    >>> guard_matches(key, "h", form_guard(key, "h")), guard_matches(key, "h", form_guard(key, "autre")), guard_matches(key, "h", None)
    (True, False, False)
    """
    return isinstance(given, str) and secrets.compare_digest(given.encode(), form_guard(key, stored_hash).encode())


def is_open(expires: str, closed: str | None, now: datetime.datetime) -> bool:
    """Whether a link still answers: before its campaign's end, and the campaign not closed early.

    ``expires`` is an ISO moment with its offset (the end of the last day, UTC).

    >>> now = datetime.datetime(2026, 12, 3, 12, tzinfo=datetime.UTC)
    >>> is_open("2026-12-03T23:59:59+00:00", None, now), is_open("2026-12-02T23:59:59+00:00", None, now)
    (True, False)
    >>> is_open("2026-12-31T23:59:59+00:00", "2026-12-01T10:00:00+00:00", now)
    False
    """
    return closed is None and datetime.datetime.fromisoformat(expires) > now


def end_of_day(day: datetime.date) -> str:
    """The moment a campaign ends: the last second of its last day, UTC.

    >>> end_of_day(datetime.date(2027, 1, 31))
    '2027-01-31T23:59:59+00:00'
    """
    return datetime.datetime.combine(day, datetime.time(23, 59, 59), datetime.UTC).isoformat()
