"""The campaign's pure parts: tokens and their expiry, an answer read into changes, the changes in words."""

from __future__ import annotations

import datetime
import os
import stat

from ecosystem.campaign.changes import Choices, read_answer
from ecosystem.campaign.facts import Coordinated, OrgFacts, Seat
from ecosystem.campaign.storage import Campaigns, Invitee
from ecosystem.campaign.tokens import (
    KEY_FILE,
    campaign_key,
    end_of_day,
    form_guard,
    guard_matches,
    is_open,
    link_token,
    token_hash,
)
from ecosystem.campaign.words import describe

UTC = datetime.UTC
ROLES = frozenset({"r/membre", "r/porteur", "r/partenaire"})
CHOICES = Choices(
    ROLES, frozenset({"t/a", "t/b"}), frozenset({"x/communautaire", "x/municipal"}), frozenset({"e/habitation"})
)
FACTS = OrgFacts(
    "a/org",
    ("t/a",),
    ("x/municipal",),
    (
        Seat("s/1", "i/un", ("r/membre",), None, "2019-09-01"),
        Seat("s/2", "i/deux", ("r/partenaire",), "12", None),
        Seat("s/3", "i/trois", ("r/membre",)),
    ),
    (Coordinated("i/un", "Concerter les acteurs."),),
)
KNOWN = {"table quatre": "i/quatre", "table un": "i/un"}


def resolve(text):
    return KNOWN.get(text.lower()), []


def as_sent(**changed):
    """The pre-filled form, as a browser sends it untouched, with ``changed`` fields replaced."""
    sent = {
        "territoire": ["t/a"],
        "secteur": ["x/municipal"],
        "s0-iri": ["s/1"],
        "s0-role": ["r/membre"],
        "s0-depuis": ["2019-09-01"],
        "s1-iri": ["s/2"],
        "s1-role": ["r/partenaire"],
        "s1-heures": ["12"],
        "s2-iri": ["s/3"],
        "s2-role": ["r/membre"],
        "c0-iri": ["i/un"],
        "c0-mandat": ["Concerter les acteurs."],
    }
    sent.update({key.replace("_", "-"): value for key, value in changed.items()})
    return lambda key: sent.get(key, [])


def test_a_token_is_random_stored_hashed_and_reproducible_only_with_the_key(tmp_path):
    key = campaign_key(tmp_path)
    assert len(key) == 32 and campaign_key(tmp_path) == key
    assert stat.S_IMODE(os.stat(tmp_path / KEY_FILE).st_mode) == 0o600
    campaigns = Campaigns(tmp_path)
    campaign = campaigns.create(
        "Essai",
        "info@consortium.example",
        datetime.date.today(),
        [Invitee("a/org", "t/a", 4), Invitee("a/autre", None, 1)],
        None,
    )
    links = campaigns.links(campaign)
    tokens = [campaigns.token(link) for link in links]
    assert len(set(tokens)) == 2 and all(len(t) >= 43 for t in tokens)
    assert [campaigns.find(t).organisation for t in tokens] == ["a/org", "a/autre"]
    database = (tmp_path / "etat.sqlite").read_bytes()
    assert all(t.encode() not in database for t in tokens) and all(token_hash(t).encode() in database for t in tokens)
    assert (
        link_token(bytes(32), links[0].nonce) != tokens[0]
    )  # another key, another token: the nonce alone opens nothing
    assert campaigns.find(tokens[0][:-1] + ("A" if tokens[0][-1] != "A" else "B")) is None


def test_a_link_expires_after_its_last_day_or_when_the_campaign_is_closed(tmp_path):
    last = datetime.date(2027, 1, 31)
    assert is_open(end_of_day(last), None, datetime.datetime(2027, 1, 31, 23, 59, tzinfo=UTC))
    assert not is_open(end_of_day(last), None, datetime.datetime(2027, 2, 1, 0, 0, tzinfo=UTC))
    assert not is_open(end_of_day(last), "2027-01-10T10:00:00+00:00", datetime.datetime(2027, 1, 11, tzinfo=UTC))
    campaigns = Campaigns(tmp_path)
    campaign_id = campaigns.create(
        "Essai", "info@consortium.example", datetime.date.today(), [Invitee("a/org", None, 1)], None
    )
    link = campaigns.links(campaign_id)[0]
    assert link.open
    campaigns.close(campaign_id)
    assert not campaigns.find(campaigns.token(link)).open


def test_the_form_guard_belongs_to_one_link():
    key = b"k" * 32
    assert guard_matches(key, "h1", form_guard(key, "h1"))
    assert (
        not guard_matches(key, "h2", form_guard(key, "h1"))
        and not guard_matches(key, "h1", "")
        and not guard_matches(key, "h1", ["x"])
    )


def test_an_untouched_form_confirms_every_fact():
    changes, errors = read_answer(FACTS, as_sent(), CHOICES, resolve)
    assert errors == {}
    assert changes == [{"kind": "confirmer", "subjects": ["a/org", "i/un", "s/1", "s/2", "s/3"]}]
    assert FACTS.count == 5


def test_corrections_removals_additions_and_a_new_instance_are_each_one_change():
    sent = as_sent(
        s0_role=["r/porteur"],
        s1_heures=["12,0"],
        s2_retirer=["1"],
        secteur=["x/communautaire", "x/municipal"],
        n0_instance=["Table quatre"],
        n0_role=["r/membre"],
        n0_heures=["7,5"],
        p_nom=["Table à créer"],
        p_enjeux=["e/habitation"],
        p_territoire=["t/b"],
    )
    changes, errors = read_answer(FACTS, sent, CHOICES, resolve)
    assert errors == {}
    assert {
        "kind": "corriger",
        "subject": "a/org",
        "field": "sectors",
        "before": ["x/municipal"],
        "after": ["x/communautaire", "x/municipal"],
    } in changes
    assert {
        "kind": "corriger",
        "subject": "s/1",
        "field": "roles",
        "before": ["r/membre"],
        "after": ["r/porteur"],
    } in changes
    assert not any(
        c.get("subject") == "s/2" for c in changes if c["kind"] == "corriger"
    )  # 12,0 h is the 12 h the graph has
    assert {"kind": "retirer", "subject": "s/3", "instance": "i/trois"} in changes
    assert {"kind": "ajouter", "instance": "i/quatre", "roles": ["r/membre"], "hours": "7.5", "since": None} in changes
    assert {
        "kind": "proposer",
        "name": "Table à créer",
        "issues": ["e/habitation"],
        "territory": "t/b",
        "roles": [],
    } in changes
    assert changes[-1] == {"kind": "confirmer", "subjects": ["i/un", "s/2"]}


def test_hours_added_to_a_seat_without_any_and_a_mandate_emptied():
    changes, _ = read_answer(FACTS, as_sent(s0_heures=["30"], c0_mandat=[""]), CHOICES, resolve)
    assert {"kind": "corriger", "subject": "s/1", "field": "hours", "before": [], "after": ["30"]} in changes
    assert {
        "kind": "corriger",
        "subject": "i/un",
        "field": "mandate",
        "before": ["Concerter les acteurs."],
        "after": [],
    } in changes


def test_what_an_answer_may_not_say_is_refused_field_by_field():
    sent = as_sent(
        s0_heures=["beaucoup"],
        s1_depuis=["2019-13-45"],
        s0_role=["r/inventé"],
        n0_instance=["Table inconnue"],
        n1_instance=["table un"],
        p_nom=["X"],
        p_territoire=["t/zzz"],
    )
    changes, errors = read_answer(FACTS, sent, CHOICES, resolve)
    assert set(errors) == {"s0-heures", "s1-depuis", "s0-role", "n0-instance", "n1-instance", "p-territoire"}
    assert "proposez-la plus bas" in errors["n0-instance"].fr and "déjà" in errors["n1-instance"].fr
    assert "beaucoup" not in str(changes)


def test_an_ambiguous_instance_name_lists_what_it_may_mean():
    _, errors = read_answer(
        FACTS, as_sent(n0_instance=["table"]), CHOICES, lambda text: (None, ["Table un", "Table quatre"])
    )
    assert "Table un ; Table quatre" in errors["n0-instance"].fr


NAMES = {
    "r/membre": "membre",
    "r/porteur": "porteur",
    "i/un": "Table un",
    "i/trois": "Table trois",
    "i/quatre": "Table quatre",
    "a/org": "Organisme A",
    "t/b": "Territoire B",
    "e/habitation": "Habitation",
    "x/municipal": "Municipal",
    "x/communautaire": "Communautaire",
}


def label(iri, lang):
    return NAMES[iri]


SEATS = {"s/1": "i/un", "s/3": "i/trois"}.get


def test_each_change_reads_before_and_after_in_words_without_an_iri():
    role = describe(
        {"kind": "corriger", "subject": "s/1", "field": "roles", "before": ["r/membre"], "after": ["r/porteur"]},
        label,
        "fr",
        SEATS,
    )
    assert (role["kind"], role["what"], role["before"], role["after"]) == (
        "Correction",
        "Siège à Table un — rôle",
        "membre",
        "porteur",
    )
    hours = describe(
        {"kind": "corriger", "subject": "s/1", "field": "hours", "before": [], "after": ["30"]}, label, "en", SEATS
    )
    assert (hours["what"], hours["before"], hours["after"]) == (
        "Seat on Table un — hours per year",
        "not stated",
        "30 h/year",
    )
    since = describe(
        {"kind": "corriger", "subject": "s/1", "field": "since", "before": ["2019-09-01"], "after": []},
        label,
        "fr",
        SEATS,
    )
    assert (since["before"], since["after"]) == ("1 septembre 2019", "non précisé")
    gone = describe({"kind": "retirer", "subject": "s/3", "instance": "i/trois"}, label, "fr", SEATS)
    assert (gone["what"], gone["after"]) == ("Siège à Table trois", "n'y siège plus")
    added = describe(
        {"kind": "ajouter", "instance": "i/quatre", "roles": ["r/membre"], "hours": "7.5", "since": "2024-01-15"},
        label,
        "fr",
        SEATS,
    )
    assert added["after"] == "membre · 7,5\u00a0h/an · depuis le 15 janvier 2024"
    new = describe(
        {"kind": "proposer", "name": "Table à créer", "issues": ["e/habitation"], "territory": "t/b", "roles": []},
        label,
        "fr",
        SEATS,
    )
    assert (new["what"], new["after"]) == ("Table à créer", "rôle : non précisé · Territoire B · enjeux : Habitation")
    sector = describe(
        {
            "kind": "corriger",
            "subject": "a/org",
            "field": "sectors",
            "before": ["x/municipal"],
            "after": ["x/municipal", "x/communautaire"],
        },
        label,
        "fr",
        SEATS,
    )
    assert (sector["what"], sector["after"]) == ("Organisme A — secteur", "Communautaire, Municipal")
    for words in (role, hours, since, gone, added, new, sector):
        assert not any(iri in str(v) for iri in [*NAMES, "s/1", "s/3"] for v in words.values()), words


def test_a_new_instance_bearing_a_known_name_is_refused():
    _, errors = read_answer(FACTS, as_sent(p_nom=["TABLE UN"]), CHOICES, resolve)
    assert "déjà sur la carte" in errors["p-nom"].fr
