"""Campaigns, their links, the answers and the staff's decisions: operational data in the state database.

The same SQLite file as the accounts and the journal (:mod:`ecosystem.accounts.db`), never
the RDF store: only the changes staff accept reach the graph, through the write path.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ecosystem.accounts.db import connect
from ecosystem.campaign.tokens import campaign_key, end_of_day, is_open, link_token, new_nonce, token_hash
from ecosystem.i18n import Message

__all__ = ["WITHOUT_TERRITORY", "AlreadyAnswered", "Campaign", "Campaigns", "Event", "Invitee", "Item", "Link"]

DECISIONS = ("acceptee", "rejetee")
WITHOUT_TERRITORY = "sans-territoire"
"""In a campaign's territories: the organisations the map gives no territory."""


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def _iso(moment: datetime.datetime) -> str:
    return moment.isoformat(timespec="seconds")


class AlreadyAnswered(ValueError):
    """This link's organisation has already sent its answer."""


@dataclass(frozen=True)
class Campaign:
    id: int
    name: str
    contact: str
    created: str
    expires: str
    closed: str | None
    territories: tuple[str, ...] | None = None
    """The territories whose organisations were invited (IRIs, :data:`WITHOUT_TERRITORY` for those with none);
    None: every organisation of the map."""

    @property
    def open(self) -> bool:
        return is_open(self.expires, self.closed, _now())

    @property
    def last_day(self) -> datetime.date:
        return datetime.date.fromisoformat(self.expires[:10])


@dataclass(frozen=True)
class Invitee:
    """An organisation invited: its actor IRI, its first territory (for the progress table), its number of facts."""

    organisation: str
    territory: str | None
    facts: int


@dataclass(frozen=True)
class Link:
    id: int
    campaign: Campaign
    organisation: str
    territory: str | None
    facts: int
    nonce: str
    token_hash: str
    answered: str | None
    """When its organisation answered (since the link was last reopened), or None."""
    confirmed: int
    corrected: int
    reopened: bool = False
    """Reopened by staff after an answer: the organisation may answer again."""

    @property
    def open(self) -> bool:
        return self.campaign.open


@dataclass(frozen=True)
class Event:
    """Something staff changed in a campaign: its last day moved (``prolongation``), a link reopened (``reouverture``)."""

    at: str
    kind: str
    detail: dict


@dataclass(frozen=True)
class Item:
    """One proposed change of one answer, and what staff decided."""

    id: int
    answer_id: int
    organisation: str
    answered: str
    change: dict
    decision: str | None
    decided: str | None


_LINKS = (
    "SELECT l.*, c.name, c.contact, c.created, c.expires, c.closed, c.territories, a.at AS answered, "
    "coalesce(a.confirmed, 0) AS confirmed, coalesce(a.corrected, 0) AS corrected "
    "FROM campaign_links l JOIN campaigns c ON c.id = l.campaign_id LEFT JOIN campaign_answers a ON a.id = ("
    "SELECT max(id) FROM campaign_answers WHERE link_id = l.id AND id > coalesce(l.reopened_after, 0))"
)
"""A link and its current answer: the latest one since the link was last reopened."""


def _campaign(row) -> Campaign:
    ident = row["campaign_id"] if "campaign_id" in row.keys() else row["id"]  # noqa: SIM118 (a sqlite3.Row: keys() is its only test)
    territories = tuple(json.loads(row["territories"])) if row["territories"] else None
    return Campaign(ident, row["name"], row["contact"], row["created"], row["expires"], row["closed"], territories)


def _link(row) -> Link:
    return Link(
        row["id"],
        _campaign(row),
        row["organisation"],
        row["territory"],
        row["facts"],
        row["nonce"],
        row["token_hash"],
        row["answered"],
        row["confirmed"],
        row["corrected"],
        row["reopened_after"] is not None and row["answered"] is None,
    )


class Campaigns:
    """The campaigns of the state database in ``folder`` (see :func:`ecosystem.accounts.state_dir`)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    @cached_property
    def key(self) -> bytes:
        """The campaign key (read once per instance: one instance serves one request)."""
        return campaign_key(self.folder)

    def token(self, link: Link) -> str:
        """The token of ``link``'s private address, for staff to send."""
        return link_token(self.key, link.nonce)

    def create(
        self,
        name: str,
        contact: str,
        ends: datetime.date,
        invited: list[Invitee],
        account_id: int | None,
        territories: list[str] | None = None,
    ) -> int:
        """A new campaign ending at the end of ``ends``, with one private link per invited organisation.

        ``territories``: the territories the invitations were limited to (kept to say so), None for all."""
        if not name.strip() or len(name) > 200 or not contact.strip() or len(contact) > 300:
            raise ValueError(
                str(
                    Message(
                        "Nom et moyen de joindre le Consortium : obligatoires, courts.",
                        "Name and contact: required, short.",
                    )
                )
            )
        key = self.key
        with connect(self.folder) as db:
            cursor = db.execute(
                "INSERT INTO campaigns (name, contact, created, created_by, expires, territories) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    name.strip(),
                    contact.strip(),
                    _iso(_now()),
                    account_id,
                    end_of_day(ends),
                    json.dumps(sorted(territories)) if territories is not None else None,
                ),
            )
            campaign_id = int(cursor.lastrowid or 0)
            for invitee in invited:
                nonce = new_nonce()
                db.execute(
                    "INSERT INTO campaign_links (campaign_id, organisation, territory, facts, nonce, token_hash) VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        campaign_id,
                        invitee.organisation,
                        invitee.territory,
                        invitee.facts,
                        nonce,
                        token_hash(link_token(key, nonce)),
                    ),
                )
        return campaign_id

    def all(self) -> list[Campaign]:
        with connect(self.folder) as db:
            return [_campaign(r) for r in db.execute("SELECT * FROM campaigns ORDER BY created DESC, id DESC")]

    def get(self, campaign_id: int) -> Campaign | None:
        with connect(self.folder) as db:
            row = db.execute("SELECT * FROM campaigns WHERE id = ?", (campaign_id,)).fetchone()
        return _campaign(row) if row else None

    def close(self, campaign_id: int) -> None:
        """End the campaign now: its links then say it has ended."""
        with connect(self.folder) as db:
            db.execute("UPDATE campaigns SET closed = ? WHERE id = ? AND closed IS NULL", (_iso(_now()), campaign_id))

    def extend(self, campaign_id: int, last_day: datetime.date, account_id: int | None) -> bool:
        """Move the last day of a campaign not closed to a later ``last_day``; its links answer until then.

        False when the campaign is closed or the day is not later than the current last day."""
        with connect(self.folder) as db:
            row = db.execute("SELECT expires FROM campaigns WHERE id = ? AND closed IS NULL", (campaign_id,)).fetchone()
            if row is None or last_day <= datetime.date.fromisoformat(row["expires"][:10]):
                return False
            db.execute("UPDATE campaigns SET expires = ? WHERE id = ?", (end_of_day(last_day), campaign_id))
            detail = {"avant": row["expires"][:10], "apres": last_day.isoformat()}
            self._event(db, campaign_id, "prolongation", detail, account_id)
        return True

    def reopen(self, link: Link, account_id: int | None) -> bool:
        """Let ``link``'s organisation answer again; its earlier answer and staff's decisions on it stay.

        False when the link has no answer to set aside (never answered, or already reopened)."""
        with connect(self.folder) as db:
            latest = db.execute("SELECT max(id) AS id FROM campaign_answers WHERE link_id = ?", (link.id,)).fetchone()
            cursor = db.execute(
                "UPDATE campaign_links SET reopened_after = ? WHERE id = ? AND coalesce(reopened_after, 0) < ?",
                (latest["id"], link.id, latest["id"] or 0),
            )
            if cursor.rowcount != 1:
                return False
            self._event(db, link.campaign.id, "reouverture", {"organisation": link.organisation}, account_id)
        return True

    @staticmethod
    def _event(db, campaign_id: int, kind: str, detail: dict, account_id: int | None) -> None:
        db.execute(
            "INSERT INTO campaign_events (campaign_id, at, account_id, kind, detail) VALUES (?, ?, ?, ?, ?)",
            (campaign_id, _iso(_now()), account_id, kind, json.dumps(detail, ensure_ascii=False, sort_keys=True)),
        )

    def events(self, campaign_id: int) -> list[Event]:
        """What staff changed in the campaign since it started, oldest first."""
        with connect(self.folder) as db:
            rows = db.execute(
                "SELECT at, kind, detail FROM campaign_events WHERE campaign_id = ? ORDER BY id", (campaign_id,)
            )
            return [Event(r["at"], r["kind"], json.loads(r["detail"])) for r in rows]

    def links(self, campaign_id: int) -> list[Link]:
        with connect(self.folder) as db:
            return [_link(r) for r in db.execute(_LINKS + " WHERE l.campaign_id = ? ORDER BY l.id", (campaign_id,))]

    def find(self, token: str) -> Link | None:
        """The link a token opens (whether or not its campaign is still open), or None."""
        with connect(self.folder) as db:
            row = db.execute(_LINKS + " WHERE l.token_hash = ?", (token_hash(token),)).fetchone()
        return _link(row) if row else None

    def answer(self, link: Link, changes: list[dict], comment: str | None) -> int:
        """Keep an organisation's answer: one row per proposed change, all waiting for staff."""
        confirmed = sum(len(c["subjects"]) for c in changes if c["kind"] == "confirmer")
        corrected = len(
            {c.get("subject") or c.get("instance") or c.get("name") for c in changes if c["kind"] != "confirmer"}
        )
        with connect(self.folder) as db:
            current = db.execute(
                "SELECT 1 FROM campaign_answers a JOIN campaign_links l ON l.id = a.link_id "
                "WHERE a.link_id = ? AND a.id > coalesce(l.reopened_after, 0)",
                (link.id,),
            )
            if current.fetchone():
                raise AlreadyAnswered(link.organisation)
            cursor = db.execute(
                "INSERT INTO campaign_answers (link_id, at, comment, confirmed, corrected) VALUES (?, ?, ?, ?, ?)",
                (link.id, _iso(_now()), comment, confirmed, corrected),
            )
            answer_id = int(cursor.lastrowid or 0)
            db.executemany(
                "INSERT INTO campaign_items (answer_id, item) VALUES (?, ?)",
                [(answer_id, json.dumps(c, ensure_ascii=False, sort_keys=True)) for c in changes],
            )
        return answer_id

    def comments(self, campaign_id: int) -> dict[str, str]:
        """Organisation → the comment its latest answer carried (when it wrote one)."""
        with connect(self.folder) as db:
            rows = db.execute(
                "SELECT l.organisation, a.comment FROM campaign_answers a JOIN campaign_links l ON l.id = a.link_id "
                "WHERE l.campaign_id = ? AND a.comment IS NOT NULL ORDER BY a.id",
                (campaign_id,),
            )
            return {r["organisation"]: r["comment"] for r in rows}

    def items(self, campaign_id: int, item_id: int | None = None) -> list[Item]:
        query = (
            "SELECT i.*, l.organisation, a.at AS answered FROM campaign_items i JOIN campaign_answers a ON a.id = i.answer_id "
            "JOIN campaign_links l ON l.id = a.link_id WHERE l.campaign_id = ?"
        )
        with connect(self.folder) as db:
            rows = db.execute(
                query + (" AND i.id = ?" if item_id is not None else "") + " ORDER BY a.at, i.id",
                (campaign_id, *(() if item_id is None else (item_id,))),
            ).fetchall()
        return [
            Item(
                r["id"],
                r["answer_id"],
                r["organisation"],
                r["answered"],
                json.loads(r["item"]),
                r["decision"],
                r["decided"],
            )
            for r in rows
        ]

    def decide(self, item_id: int, decision: str, account_id: int | None, journal_entry: int | None = None) -> bool:
        """Record staff's decision on a change still waiting; False when it was already decided."""
        assert decision in DECISIONS, decision
        with connect(self.folder) as db:
            cursor = db.execute(
                "UPDATE campaign_items SET decision = ?, decided = ?, decided_by = ?, journal_entry = ? "
                "WHERE id = ? AND decision IS NULL",
                (decision, _iso(_now()), account_id, journal_entry, item_id),
            )
        return cursor.rowcount == 1
