"""Passwords (argon2id, argon2-cffi's defaults: RFC 9106's second recommended profile) and random tokens.

Session, CSRF and API tokens are 256-bit random values, so one SHA-256 is enough to store
them (nothing to brute-force); passwords are chosen by people, so they get argon2id.
"""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

__all__ = ["TOKEN_PREFIX", "hash_password", "hash_token", "new_token", "verify_password"]

_HASHER = PasswordHasher()
TOKEN_PREFIX = "eco_"
"""API tokens start with this, so a leaked one is easy to recognise (and to grep for)."""


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(stored: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def new_token(prefix: str = "") -> str:
    return prefix + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """The stored form of a random token: its SHA-256, in hex.

    >>> len(hash_token("x")), hash_token("x") == hash_token("x")
    (64, True)
    """
    return hashlib.sha256(token.encode()).hexdigest()
