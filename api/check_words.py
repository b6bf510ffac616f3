"""The pre-initiative check in plain words: a sentence per result, a level, words not stems,
region-wide matches set apart, the partners' thresholds said as rules.

The analysis (:mod:`ecosystem.analysis.check`) returns data and codes; this module adds the
reader's words, in French or English. Nothing here changes a score.
"""

from __future__ import annotations

from ecosystem import formatting
from ecosystem.analysis.check import JOIN_THRESHOLD
from ecosystem.analysis.text import words_for
from ecosystem.analysis.thresholds import OverSolicitationRule

__all__ = ["LEVELS", "SCOPES", "explain", "level"]

LEVELS = ((0.6, "forte", "strong"), (JOIN_THRESHOLD, "moyenne", "medium"), (0.0, "faible", "weak"))
"""Score → level: « moyenne » from the score at which the check suggests joining, « forte » from 0.6
(the same issue on the same territory with shared members or mandate words)."""


SCOPES = {"inclus": "regionale", "disjoint": "ailleurs"}
"""An instance's territory relation → the group the page lists it in: a region-wide instance covering the
initiative's territory, one on another territory; the others (the same territory, one inside it, none
given) are ``locale``."""


def level(score: float, lang: str = "fr") -> tuple[str, str]:
    """The level's code and its name for the reader.

    >>> level(0.74), level(0.45, "en"), level(0.1)
    (('forte', 'forte'), ('moyenne', 'medium'), ('faible', 'faible'))
    """
    for floor, fr, en in LEVELS:
        if score >= floor:
            return fr, (en if lang == "en" else fr)
    return "faible", "weak" if lang == "en" else "faible"


def _t(lang: str, fr: str, en: str) -> str:
    return en if lang == "en" else fr


def _issues_part(matches: list[dict], lang: str) -> str | None:
    same = [m["nom_enjeu"] for m in matches if m["relation"] == "meme"]
    near = [m for m in matches if m["relation"] != "meme"]
    parts = []
    if same:
        parts.append(
            _t(lang, "Même enjeu : ", "Same issue: ")
            + ", ".join(name.lower() if lang == "fr" else name for name in same)
        )
    for m in near:
        wider = m["relation"] == "plus-etroit"  # the instance's issue is broader than the initiative's
        parts.append(
            _t(
                lang,
                f"enjeu {'plus large' if wider else 'plus précis'} : {m['nom_correspond']} (pour {m['nom_enjeu']})",
                f"{'broader' if wider else 'narrower'} issue: {m['nom_correspond']} (for {m['nom_enjeu']})",
            )
        )
    return _sep(lang).join(parts) or None


def _sep(lang: str) -> str:
    return "; " if lang == "en" else " ; "


def _territory_part(territory: dict, lang: str) -> str | None:
    relation, mine, theirs = territory.get("relation"), territory.get("nom_a"), territory.get("nom_b")
    if relation == "meme":
        return _t(lang, f"même territoire ({theirs})", f"same territory ({theirs})")
    if relation == "inclus":
        return _t(
            lang,
            f"instance régionale ({theirs}, qui comprend {mine})",
            f"region-wide instance ({theirs}, which includes {mine})",
        )
    if relation == "englobe":
        return _t(lang, f"instance locale de {theirs}, dans {mine}", f"local instance of {theirs}, within {mine}")
    if relation == "disjoint":
        return _t(lang, f"autre territoire ({theirs})", f"another territory ({theirs})")
    return None


def _members_part(shared: list[dict], lang: str) -> str | None:
    if not shared:
        return None
    names = ", ".join(m["nom"] for m in shared)
    count = len(shared)
    return _t(
        lang,
        f"{count} membre{'s' if count > 1 else ''} en commun : {names}",
        f"{count} member{'s' if count > 1 else ''} in common: {names}",
    )


def _shared_part(label_fr: str, label_en: str, items: list[dict], lang: str) -> str | None:
    return f"{_t(lang, label_fr, label_en)} : {', '.join(i['nom'] for i in items)}" if items else None


def sentence(entry: dict, words: list[str], lang: str) -> str:
    """« Même enjeu : sécurité alimentaire ; même territoire (Maskinongé) ; 2 membres en commun : … »."""
    c = entry["composantes"]
    parts = [
        _issues_part(c["enjeux"]["correspondances"], lang),
        _territory_part(c["territoire"], lang),
        _members_part(c["membres"]["communs"], lang),
        _t(lang, "mots du mandat en commun : ", "mandate words in common: ") + ", ".join(words) if words else None,
        _shared_part("même fonction", "same function", c["fonctions"]["communes"], lang),
        _shared_part("même population", "same population", c["populations"]["communes"], lang),
    ]
    text = _sep(lang).join(p for p in parts if p) or _t(
        lang, "Recoupement faible, sans élément commun nommé", "Weak overlap, no named element in common"
    )
    return text[0].upper() + text[1:] + "."


def rule_words(code: str, rule: OverSolicitationRule, lang: str) -> str:
    """An over-solicitation rule said as its threshold."""
    if code == "sieges":
        return _t(lang, f"plus de {rule.seats} sièges", f"more than {rule.seats} seats")
    if code == "heures":
        return _t(
            lang,
            f"plus de {formatting.hours(rule.hours, lang)} connues",
            f"more than {formatting.hours(rule.hours, lang)} known",
        )
    return _t(lang, "parmi les 10 % les plus sollicités", "among the 10% most solicited")


def explain(result: dict, projection, initiative_text: str, rule: OverSolicitationRule, lang: str = "fr") -> dict:
    """``result`` (the check's dict, :func:`~ecosystem.presentation.labelled` in the reader's language) with, per
    instance, ``phrase``, ``niveau``, ``portee`` (:data:`SCOPES`: the page groups by it) and ``mots`` as
    written; per partner, ``franchit_texte`` and ``deja_texte``."""
    nodes = projection.two_mode.nodes
    for entry in result["instances"]:
        text = entry["composantes"]["texte"]
        node = nodes[entry["b"]]
        text["mots"] = words_for(text.get("mots") or [], initiative_text, node.get("label"), node.get("mandate"))
        entry["phrase"] = sentence(entry, text["mots"], lang)
        entry["niveau"], entry["niveau_libelle"] = level(entry["score"], lang)
        entry["score_texte"] = formatting.number(entry["score"], lang, 2)
        entry["portee"] = SCOPES.get(entry["composantes"]["territoire"].get("relation"), "locale")
    for partner in result["partenaires"]:
        partner["franchit_texte"] = [rule_words(code, rule, lang) for code in partner["franchit"]]
        partner["deja_texte"] = [rule_words(code, rule, lang) for code in partner["deja_au_dessus"]]
    return result
