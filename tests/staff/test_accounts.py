"""Accounts: argon2 hashes, sessions, named tokens (hashed, revocable, expiring), slowed wrong-password loops."""

from __future__ import annotations

import sqlite3
import time

import pytest

from ecosystem.accounts import AccountError, Accounts, LoginThrottled
from ecosystem.accounts.service import FREE_FAILURES

from .conftest import PASSWORD, STAFF


def test_first_account_is_made_by_the_command_line_and_none_exists_by_default(tmp_path):
    from typer.testing import CliRunner

    from ecosystem.cli import app

    accounts = Accounts(tmp_path / "store.etat")
    assert accounts.all() == []
    result = CliRunner().invoke(
        app,
        ["--store", str(tmp_path / "store"), "account", "create", "chef@exemple.org", "--password-stdin"],
        input="un mot de passe assez long\n",
    )
    assert result.exit_code == 0, result.output
    (account,) = accounts.all()
    assert (account.login, account.role) == ("chef@exemple.org", "equipe")
    assert accounts.sign_in("chef@exemple.org", "un mot de passe assez long")[0].id == account.id


def test_passwords_are_argon2_hashes_and_short_ones_are_refused(tmp_path):
    accounts = Accounts(tmp_path)
    accounts.create("a@b.c", PASSWORD, "equipe")
    (stored,) = sqlite3.connect(tmp_path / "etat.sqlite").execute("SELECT password_hash FROM accounts").fetchone()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    with pytest.raises(AccountError, match="trop court"):
        accounts.create("d@e.f", "court", "equipe")
    with pytest.raises(AccountError, match="organisation"):
        accounts.create("g@h.i", PASSWORD, "partenaire")


def test_a_wrong_password_loop_is_slowed_after_a_few_attempts(tmp_path):
    accounts = Accounts(tmp_path)
    accounts.create("a@b.c", PASSWORD, "equipe")
    for _ in range(FREE_FAILURES):
        with pytest.raises(AccountError):
            accounts.sign_in("a@b.c", "pas le bon")
    with pytest.raises(AccountError):
        accounts.sign_in("a@b.c", "pas le bon")  # the next attempt is allowed, then waits grow
    with pytest.raises(LoginThrottled) as throttled:
        accounts.sign_in("a@b.c", PASSWORD)  # even the right password waits its turn
    assert throttled.value.retry_after > 0
    assert "attendez" in throttled.value.message.fr
    time.sleep(throttled.value.retry_after + 0.05)
    assert accounts.sign_in("a@b.c", PASSWORD)[0].login == "a@b.c"
    assert accounts.wait_before_login("a@b.c") == 0


def test_tokens_are_stored_hashed_shown_once_revocable_and_expire(tmp_path):
    accounts = Accounts(tmp_path)
    account = accounts.create("a@b.c", PASSWORD, "equipe")
    token = accounts.create_token(account.id, "script de bilan", days=30)
    assert token.startswith("eco_")
    assert token not in (tmp_path / "etat.sqlite").read_bytes().decode("latin-1")
    assert accounts.token_identity(token).account.id == account.id
    (info,) = accounts.tokens()
    assert info.last_used is not None and info.active
    assert accounts.revoke_token(info.id)
    assert accounts.token_identity(token) is None
    other = accounts.create_token(account.id, "expire", days=1)
    with sqlite3.connect(tmp_path / "etat.sqlite") as db:
        db.execute("UPDATE tokens SET expires = '2000-01-01T00:00:00+00:00' WHERE name = 'expire'")
    assert accounts.token_identity(other) is None


def test_sign_in_through_the_form_sets_a_secure_session_cookie(staff_app, anonymous):
    import re

    page = anonymous.get("/connexion")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    response = anonymous.post(
        "/connexion", data={"identifiant": STAFF, "mot_de_passe": PASSWORD, "csrf": token}, follow_redirects=False
    )
    cookie = response.headers["set-cookie"]
    assert "eco_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    without = anonymous.post(
        "/connexion", data={"identifiant": STAFF, "mot_de_passe": PASSWORD, "csrf": "faux"}, follow_redirects=False
    )
    assert without.status_code == 403
    anonymous.cookies.clear()
