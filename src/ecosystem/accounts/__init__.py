"""Accounts, sessions, API tokens and the journal's database: SQLite beside the store.

Nothing here ever reaches the RDF store, the SPARQL endpoint or the exports: the
database lives in its own folder (:func:`state_dir`), readable by its owner only.
Three roles, explained on one page (docs/guide-equipe.md): ``public`` (no account),
``partenaire`` (edits its own organisation), ``equipe`` (everything).
"""

from ecosystem.accounts.db import state_dir
from ecosystem.accounts.service import (
    ROLES,
    Account,
    AccountError,
    Accounts,
    Identity,
    LoginThrottled,
    TokenInfo,
)

__all__ = ["ROLES", "Account", "AccountError", "Accounts", "Identity", "LoginThrottled", "TokenInfo", "state_dir"]
