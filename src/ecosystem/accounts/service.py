"""Accounts and what proves who is asking: a session cookie (with its CSRF token) or a named API token."""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ecosystem.accounts.credentials import TOKEN_PREFIX, hash_password, hash_token, new_token, verify_password
from ecosystem.accounts.db import connect
from ecosystem.i18n import Message

__all__ = ["ROLES", "Account", "AccountError", "Accounts", "Identity", "LoginThrottled", "TokenInfo"]

ROLES = ("partenaire", "equipe")
"""Who may write: a partner edits its own organisation; staff edit anything and manage accounts."""
SESSION_LIFETIME = timedelta(hours=12)
MIN_PASSWORD = 12
FREE_FAILURES = 3
"""Wrong passwords allowed before each further attempt on the login waits (doubling, at most 30 s)."""
MAX_DELAY_S = 30.0


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


class AccountError(ValueError):
    def __init__(self, message: Message):
        super().__init__(str(message))
        self.message = message


class LoginThrottled(AccountError):
    """Too many wrong passwords for this login: wait ``retry_after`` seconds."""

    def __init__(self, retry_after: float):
        super().__init__(
            Message(
                "Trop d'essais : attendez {s} secondes avant de réessayer.",
                "Too many attempts: wait {s} seconds before trying again.",
            ).format(s=int(retry_after) + 1)
        )
        self.retry_after = retry_after


@dataclass(frozen=True)
class Account:
    id: int
    login: str
    role: str
    organisation: str | None
    created: str
    last_login: str | None
    disabled: bool

    @classmethod
    def from_row(cls, row) -> Account:
        return cls(
            row["id"],
            row["login"],
            row["role"],
            row["organisation"],
            row["created"],
            row["last_login"],
            bool(row["disabled"]),
        )


@dataclass(frozen=True)
class Identity:
    """Who is asking, and how: ``via`` is ``session``, ``token`` or ``local`` (the CLI on this machine)."""

    account: Account | None
    via: str
    csrf: str | None = None

    @property
    def role(self) -> str:
        return (
            "equipe"
            if self.account is None and self.via == "local"
            else (self.account.role if self.account else "public")
        )

    @property
    def signed_in(self) -> Account:
        """The account of a signed-in request (the access dependencies refuse the others before a route runs)."""
        if self.account is None:
            raise PermissionError("no signed-in account")
        return self.account

    @property
    def organisation(self) -> str | None:
        return self.account.organisation if self.account else None

    def may_edit(self, organisation: str | None) -> bool:
        """Staff edit anything; a partner only its own organisation."""
        return self.role == "equipe" or (
            self.role == "partenaire" and organisation is not None and organisation == self.organisation
        )


@dataclass(frozen=True)
class TokenInfo:
    id: int
    name: str
    account_id: int
    login: str
    created: str
    expires: str
    last_used: str | None
    revoked: str | None

    @property
    def active(self) -> bool:
        return self.revoked is None and self.expires > _iso(_now())


class Accounts:
    """The accounts database in ``folder`` (see :func:`ecosystem.accounts.state_dir`)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    # Accounts --------------------------------------------------------------

    def create(self, login: str, password: str, role: str, organisation: str | None = None) -> Account:
        login = login.strip().lower()
        if role not in ROLES:
            raise AccountError(
                Message(
                    "Rôle inconnu : {r} (partenaire ou equipe).", "Unknown role: {r} (partenaire or equipe)."
                ).format(r=role)
            )
        if role == "partenaire" and not organisation:
            raise AccountError(
                Message("Un compte partenaire nomme son organisation.", "A partner account names its organisation.")
            )
        if not login or len(login) > 200:
            raise AccountError(Message("Identifiant vide ou trop long.", "Empty or too long login."))
        if len(password) < MIN_PASSWORD:
            raise AccountError(
                Message(
                    "Mot de passe trop court : {n} caractères au moins.", "Password too short: at least {n} characters."
                ).format(n=MIN_PASSWORD)
            )
        with connect(self.folder) as db:
            if db.execute("SELECT 1 FROM accounts WHERE login = ?", (login,)).fetchone():
                raise AccountError(
                    Message("Ce compte existe déjà : {l}.", "This account already exists: {l}.").format(l=login)
                )
            cursor = db.execute(
                "INSERT INTO accounts (login, password_hash, role, organisation, created) VALUES (?, ?, ?, ?, ?)",
                (login, hash_password(password), role, organisation, _iso(_now())),
            )
            return Account.from_row(db.execute("SELECT * FROM accounts WHERE id = ?", (cursor.lastrowid,)).fetchone())

    def all(self) -> list[Account]:
        with connect(self.folder) as db:
            return [Account.from_row(r) for r in db.execute("SELECT * FROM accounts ORDER BY role DESC, login")]

    def get(self, account_id: int) -> Account | None:
        with connect(self.folder) as db:
            row = db.execute("SELECT * FROM accounts WHERE id = ?", (account_id,)).fetchone()
        return Account.from_row(row) if row else None

    def set_disabled(self, account_id: int, disabled: bool) -> None:
        with connect(self.folder) as db:
            db.execute("UPDATE accounts SET disabled = ? WHERE id = ?", (int(disabled), account_id))
            if disabled:
                db.execute("DELETE FROM sessions WHERE account_id = ?", (account_id,))
                db.execute(
                    "UPDATE tokens SET revoked = ? WHERE account_id = ? AND revoked IS NULL", (_iso(_now()), account_id)
                )

    # Sign-in ---------------------------------------------------------------

    def wait_before_login(self, login: str) -> float:
        """Seconds this login must still wait before its next attempt (0: may try now)."""
        with connect(self.folder) as db:
            row = db.execute(
                "SELECT failures, last FROM login_failures WHERE login = ?", (login.strip().lower(),)
            ).fetchone()
        if row is None or row["failures"] < FREE_FAILURES:
            return 0.0
        delay = min(MAX_DELAY_S, 2.0 ** (row["failures"] - FREE_FAILURES))
        elapsed = (_now() - datetime.fromisoformat(row["last"])).total_seconds()
        return max(0.0, delay - elapsed)

    def sign_in(self, login: str, password: str) -> tuple[Account, str, str]:
        """The account, a new session token and its CSRF token; raises on a wrong login or password.

        After :data:`FREE_FAILURES` wrong passwords, each attempt waits longer (the wait is
        refused with :class:`LoginThrottled`, so a loop is slowed whatever it sends).
        """
        login = login.strip().lower()
        wait = self.wait_before_login(login)
        if wait > 0:
            raise LoginThrottled(wait)
        with connect(self.folder) as db:
            row = db.execute("SELECT * FROM accounts WHERE login = ?", (login,)).fetchone()
        # Verify against a real hash even for an unknown login, so timing does not tell which logins exist.
        stored = row["password_hash"] if row else _dummy_hash()
        if not verify_password(stored, password) or row is None or row["disabled"]:
            self._failed(login)
            time.sleep(0.2)
            raise AccountError(Message("Identifiant ou mot de passe incorrect.", "Wrong login or password."))
        token, csrf = new_token(), new_token()
        now = _now()
        with connect(self.folder) as db:
            db.execute("DELETE FROM login_failures WHERE login = ?", (login,))
            db.execute("DELETE FROM sessions WHERE expires < ?", (_iso(now),))
            db.execute(
                "INSERT INTO sessions VALUES (?, ?, ?, ?, ?)",
                (hash_token(token), row["id"], csrf, _iso(now), _iso(now + SESSION_LIFETIME)),
            )
            db.execute("UPDATE accounts SET last_login = ? WHERE id = ?", (_iso(now), row["id"]))
        return Account.from_row(row), token, csrf

    def _failed(self, login: str) -> None:
        with connect(self.folder) as db:
            db.execute(
                "INSERT INTO login_failures VALUES (?, 1, ?) ON CONFLICT(login) DO UPDATE SET failures = failures + 1, last = excluded.last",
                (login, _iso(_now())),
            )

    def session(self, token: str) -> Identity | None:
        with connect(self.folder) as db:
            row = db.execute(
                "SELECT s.csrf, a.* FROM sessions s JOIN accounts a ON a.id = s.account_id "
                "WHERE s.token_hash = ? AND s.expires > ? AND a.disabled = 0",
                (hash_token(token), _iso(_now())),
            ).fetchone()
        return Identity(Account.from_row(row), "session", row["csrf"]) if row else None

    def sign_out(self, token: str) -> None:
        with connect(self.folder) as db:
            db.execute("DELETE FROM sessions WHERE token_hash = ?", (hash_token(token),))

    # API tokens ------------------------------------------------------------

    def create_token(self, account_id: int, name: str, days: int = 90) -> str:
        """A new named token for ``account_id``, valid ``days`` days; returned once, stored hashed."""
        if not name.strip() or len(name) > 100:
            raise AccountError(
                Message("Donnez un nom au jeton (100 caractères au plus).", "Name the token (at most 100 characters).")
            )
        if not 1 <= days <= 366:
            raise AccountError(Message("Durée : de 1 à 366 jours.", "Lifetime: 1 to 366 days."))
        token, now = new_token(TOKEN_PREFIX), _now()
        with connect(self.folder) as db:
            db.execute(
                "INSERT INTO tokens (name, account_id, token_hash, created, expires) VALUES (?, ?, ?, ?, ?)",
                (name.strip(), account_id, hash_token(token), _iso(now), _iso(now + timedelta(days=days))),
            )
        return token

    def token_identity(self, token: str) -> Identity | None:
        """The identity a token proves, or None when it is unknown, revoked or expired."""
        now = _iso(_now())
        with connect(self.folder) as db:
            row = db.execute(
                "SELECT t.id AS token_id, a.* FROM tokens t JOIN accounts a ON a.id = t.account_id WHERE t.token_hash = ? "
                "AND t.revoked IS NULL AND t.expires > ? AND a.disabled = 0",
                (hash_token(token), now),
            ).fetchone()
            if row is None:
                return None
            db.execute("UPDATE tokens SET last_used = ? WHERE id = ?", (now, row["token_id"]))
        return Identity(Account.from_row(row), "token")

    def tokens(self, account_id: int | None = None) -> list[TokenInfo]:
        query = "SELECT t.*, a.login FROM tokens t JOIN accounts a ON a.id = t.account_id"
        with connect(self.folder) as db:
            rows = db.execute(
                query + (" WHERE t.account_id = ?" if account_id else "") + " ORDER BY t.created DESC",
                (account_id,) if account_id else (),
            ).fetchall()
        return [
            TokenInfo(
                r["id"],
                r["name"],
                r["account_id"],
                r["login"],
                r["created"],
                r["expires"],
                r["last_used"],
                r["revoked"],
            )
            for r in rows
        ]

    def revoke_token(self, token_id: int, account_id: int | None = None) -> bool:
        """Revoke one token (only ``account_id``'s when given); False if there was none to revoke."""
        with connect(self.folder) as db:
            cursor = db.execute(
                "UPDATE tokens SET revoked = ? WHERE id = ? AND revoked IS NULL"
                + (" AND account_id = ?" if account_id else ""),
                (_iso(_now()), token_id, *((account_id,) if account_id else ())),
            )
        return cursor.rowcount == 1


@functools.cache
def _dummy_hash() -> str:
    """A real hash to verify unknown logins against; made at the first sign-in, not at every command's start."""
    return hash_password("not a password: evens out the timing of unknown logins")
