"""The state database: one SQLite file, owner-only, in a folder beside the store.

Beside, not inside: the store's folder belongs to Oxigraph (RocksDB), which should
find only its own files there. ``var/store`` → ``var/store.etat/``.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path

from ecosystem.settings import Settings

__all__ = ["connect", "state_dir"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS accounts (
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('partenaire', 'equipe')),
    organisation TEXT,
    created TEXT NOT NULL,
    last_login TEXT,
    disabled INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    csrf TEXT NOT NULL,
    created TEXT NOT NULL,
    expires TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    token_hash TEXT NOT NULL UNIQUE,
    created TEXT NOT NULL,
    expires TEXT NOT NULL,
    last_used TEXT,
    revoked TEXT
);
CREATE TABLE IF NOT EXISTS login_failures (
    login TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS journal (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    account_id INTEGER,
    organisation TEXT,
    origin TEXT NOT NULL,
    kind TEXT NOT NULL,
    note TEXT,
    delta BLOB NOT NULL,
    undoes INTEGER REFERENCES journal(id),
    undone_by INTEGER REFERENCES journal(id)
);
CREATE TABLE IF NOT EXISTS journal_subjects (
    entry INTEGER NOT NULL REFERENCES journal(id),
    subject TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS journal_subject ON journal_subjects(subject);
CREATE TABLE IF NOT EXISTS campaigns (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    contact TEXT NOT NULL,
    created TEXT NOT NULL,
    created_by INTEGER REFERENCES accounts(id),
    expires TEXT NOT NULL,
    closed TEXT,
    territories TEXT
);
CREATE TABLE IF NOT EXISTS campaign_links (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
    organisation TEXT NOT NULL,
    territory TEXT,
    facts INTEGER NOT NULL,
    nonce TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    reopened_after INTEGER,
    UNIQUE (campaign_id, organisation)
);
CREATE TABLE IF NOT EXISTS campaign_answers (
    id INTEGER PRIMARY KEY,
    link_id INTEGER NOT NULL REFERENCES campaign_links(id),
    at TEXT NOT NULL,
    comment TEXT,
    confirmed INTEGER NOT NULL,
    corrected INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS campaign_answer_link ON campaign_answers(link_id);
CREATE TABLE IF NOT EXISTS campaign_items (
    id INTEGER PRIMARY KEY,
    answer_id INTEGER NOT NULL REFERENCES campaign_answers(id),
    item TEXT NOT NULL,
    decision TEXT CHECK (decision IN ('acceptee', 'rejetee')),
    decided TEXT,
    decided_by INTEGER REFERENCES accounts(id),
    journal_entry INTEGER REFERENCES journal(id)
);
CREATE TABLE IF NOT EXISTS campaign_events (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
    at TEXT NOT NULL,
    account_id INTEGER REFERENCES accounts(id),
    kind TEXT NOT NULL CHECK (kind IN ('prolongation', 'reouverture')),
    detail TEXT NOT NULL
);
"""
SCHEMA_VERSION = 2
"""``PRAGMA user_version`` of :data:`_SCHEMA`. Version 2: a campaign's territories, a link reopened after its
answer (an organisation may answer again: several answers per link), and what staff changed in a campaign."""
_TO_VERSION_2 = """
ALTER TABLE campaigns ADD COLUMN territories TEXT;
ALTER TABLE campaign_links ADD COLUMN reopened_after INTEGER;
CREATE TABLE campaign_answers_v2 (
    id INTEGER PRIMARY KEY,
    link_id INTEGER NOT NULL REFERENCES campaign_links(id),
    at TEXT NOT NULL,
    comment TEXT,
    confirmed INTEGER NOT NULL,
    corrected INTEGER NOT NULL
);
INSERT INTO campaign_answers_v2 SELECT id, link_id, at, comment, confirmed, corrected FROM campaign_answers;
DROP TABLE campaign_answers;
ALTER TABLE campaign_answers_v2 RENAME TO campaign_answers;
CREATE INDEX IF NOT EXISTS campaign_answer_link ON campaign_answers(link_id);
CREATE TABLE IF NOT EXISTS campaign_events (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
    at TEXT NOT NULL,
    account_id INTEGER REFERENCES accounts(id),
    kind TEXT NOT NULL CHECK (kind IN ('prolongation', 'reouverture')),
    detail TEXT NOT NULL
);
"""


def state_dir(settings: Settings) -> Path:
    """``<store>.etat``: the accounts, journal and campaigns database, the local server's socket and credential."""
    store = Path(settings.store)
    return store.with_name(store.name + ".etat")


def _private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, 0o700)
    return path


@contextmanager
def connect(folder: Path):
    """A connection to the database in ``folder`` (created owner-only); commits on success."""
    _private_dir(folder)
    path = folder / "etat.sqlite"
    new = not path.exists()
    if new:
        path.touch(mode=0o600)
    connection = sqlite3.connect(path, timeout=15, isolation_level=None)
    connection.row_factory = sqlite3.Row
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        _upgrade(connection, new)
        connection.execute("PRAGMA foreign_keys=ON")
        connection.execute("BEGIN IMMEDIATE")
        yield connection
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    finally:
        connection.close()


def _upgrade(connection: sqlite3.Connection, new: bool) -> None:
    """Create the schema, or bring an older database to :data:`SCHEMA_VERSION` in one transaction.

    Run before foreign keys are enforced, as SQLite's way of changing a table (a copy, then the
    copy renamed) requires; the rows are kept as they were."""
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version >= SCHEMA_VERSION:
        return
    if new or not _has_schema(connection):
        connection.executescript(_SCHEMA)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        return
    connection.execute("BEGIN IMMEDIATE")
    try:
        if connection.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:  # not done meanwhile
            for statement in filter(str.strip, _TO_VERSION_2.split(";")):
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def _has_schema(connection: sqlite3.Connection) -> bool:
    return connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'campaign_items'").fetchone() is not None
