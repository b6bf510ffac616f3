"""Both languages all the way: English pages carry none of the vocabularies' French labels; French pages
write decimal commas and dates in words (Babel); the map data speaks the reader's language too."""

from __future__ import annotations

import html
import json
import re

import pytest

from ecosystem.projection import build_projection

CHECK = "/verifier?verifier=1&enjeux=securite-alimentaire&territoire=maskinonge&partenaires=ciusss-mcq&partenaires=mrc-maskinonge&heures_par_an=12,5"
PAGES = [
    "/",
    "/acteurs",
    "/acteurs/ciusss-mcq",
    "/acteurs/mrc-maskinonge",
    "/instances",
    "/instances/conseil-des-partenaires",
    "/territoires/maskinonge",
    "/enjeux/securite-alimentaire",
    "/verifier",
    CHECK,
    "/tableau-de-bord",
    "/revisions",
    "/accessibilite",
    "/nulle-part",
    "/analyses",
    "/analyses/sur-sollicitation",
    "/analyses/mandats-dupliques",
    "/analyses/surconcertation",
    "/analyses/structure",
    "/exports",
    "/api/carte?territoire=maskinonge",
    "/api/carte?couleur=type",
    "/api/carte?couleur=territoire",
    "/api/instances/conseil-des-partenaires",
    "/faits-a-confirmer",
    "/faits-a-confirmer?territoire=shawinigan",
]
MONTHS_FR = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"


def visible(text: str) -> str:
    """A page's text as read: tags, scripts and attribute values left out; mandates and source passages
    (data text, French only) too."""
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
    text = re.sub(
        r'<p class="mandate">.*?</p>|<ul class="sources">.*?</ul>|<(a|cite) class="source"[^>]*>.*?</\1>',
        " ",
        text,
        flags=re.S,
    )
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def without_data_text(value):
    """JSON without the data's own texts (mandates, source titles and passages): French only by nature."""
    if isinstance(value, dict):
        return {k: without_data_text(v) for k, v in value.items() if k not in ("mandat", "lieu", "titre", "iri")}
    if isinstance(value, list):
        return [without_data_text(v) for v in value]
    return value


@pytest.fixture(scope="module")
def proper_names(web_store) -> list[str]:
    """Names of actors, instances and territories: proper names, French in both languages (« Comité local… »)."""
    projection = build_projection(web_store)
    names = {a.get("label") for _, a in projection.two_mode.nodes(data=True)} | {
        a.get("acronym") for _, a in projection.two_mode.nodes(data=True)
    }
    names |= {e["label"] for e in projection.territories.values()}
    return sorted((n for n in names if n), key=len, reverse=True)


@pytest.fixture(scope="module")
def french_only_labels(web_store) -> set[str]:
    """The vocabularies' French labels that differ from their English ones (« Sécurité alimentaire », « Membre »…)."""
    projection = build_projection(web_store)
    return {
        entry["label"]
        for entry in projection.concepts.values()
        if entry.get("label_en")
        and entry["label"].casefold() != entry["label_en"].casefold()
        and len(entry["label"]) > 3
    }


@pytest.mark.parametrize("path", PAGES)
def test_english_pages_carry_no_french_vocabulary_label(client, french_only_labels, proper_names, path):
    response = client.get(path + ("&" if "?" in path else "?") + "lang=en")
    text = (
        visible(response.text)
        if "html" in response.headers["content-type"]
        else json.dumps(without_data_text(response.json()), ensure_ascii=False)
    )
    for name in proper_names:
        text = text.replace(name, " ")
    found = sorted(label for label in french_only_labels if re.search(rf"(?<!\w){re.escape(label)}(?!\w)", text))
    assert not found, found
    assert "h/an" not in text and "siège(s)" not in text


def test_french_pages_write_decimal_commas_and_dates_in_words(client):
    answer = visible(client.get(CHECK).text)
    assert re.search(r"12,5\s?h/an", answer) and "12.5" not in answer
    english = visible(client.get(CHECK + "&lang=en").text)
    assert "12.5 h/year" in english and "12,5" not in english
    dashboard = visible(client.get("/tableau-de-bord").text)
    assert re.search(rf"\b\d{{1,2}} ({MONTHS_FR}) \d{{4}}\b", dashboard)
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", dashboard)
    assert re.search(r"\b[A-Z][a-z]+ \d{1,2}, \d{4}\b", visible(client.get("/tableau-de-bord?lang=en").text))


def test_map_tooltips_and_legend_follow_the_reader(client):
    french = client.get("/api/carte?taille=charge").json()
    english = client.get("/api/carte?taille=charge&lang=en").json()
    assert any("h/an" in n["title"] for n in french["nodes"]) and not any(
        "h/an" in n["title"] for n in english["nodes"]
    )
    assert french["legende"]["echelle"][0]["libelle"].replace("\u00a0", " ") == "10 h/an"
    assert english["legende"]["echelle"][0]["libelle"] == "10 h/year"
    decimals = [n["title"] for n in french["nodes"] if re.search(r"\d[.,]\d\s?h/an", n["title"])]
    assert all("," in re.search(r"\d[.,]\d", title).group() for title in decimals)
