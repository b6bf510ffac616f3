"""Les données de la Mauricie (data/mauricie/*.ttl) : complètes, sourcées et valides.

Ce que ces tests vérifient : chaque fichier se lit, aucun nœud anonyme, chaque acteur,
instance, participation, territoire, partie du plan et événement porte un nom en
français et sa source, les formes SHACL sont respectées, les organisations que nomme
le plan et les 38 participations publiques sont présentes, seules les instances
dont les sources ne donnent pas le nom sont « à confirmer », les faits ajoutés depuis
les pages publiques ont une adresse et une année attestée que leur source donne, les
anciens noms renvoient à leur successeur et aucune personne n'est nommée.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, SKOS

from ecosystem.analysis.indicators import MEASURES

ROOT = Path(__file__).parents[1]
DATA = ROOT / "data" / "mauricie"
ONTOLOGY = ROOT / "ontology"

ECO = Namespace("https://w3id.org/ecosysteme/ontologie#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
ID = Namespace("https://w3id.org/ecosysteme/id/")
VOCAB = "https://w3id.org/ecosysteme/vocab/"
A_CONFIRMER = URIRef(VOCAB + "statuts/a-confirmer")
PLAN_SOURCE = ID["source/plan-action-2024-2028"]

HAUT_SAINT_MAURICE = "http://consortium-mauricie.org/en-mauricie/haut-saint-maurice"
DES_CHENAUX = "http://consortium-mauricie.org/en-mauricie/des-chenaux"
ENTENTE_2022 = (
    "https://www.newswire.ca/fr/news-releases/plus-de-1-1-m-pour-le-developpement-social-en-mauricie-827552465.html"
)
ENTENTE_2023 = (
    "https://www.newswire.ca/fr/news-releases/"
    "fonds-regions-et-ruralite-une-somme-de-600-000-pour-la-concertation-en-mauricie-831461809.html"
)

# Les 38 participations publiées : (instance, acteur, rôle, page source).
PUBLIC_MEMBERSHIPS = [
    *[
        ("comite-local-developpement-social-haut-saint-maurice", actor, "membre", HAUT_SAINT_MAURICE)
        for actor in (
            "cle-la-tuque",
            "cld-haut-saint-maurice",
            "sadc-haut-saint-maurice",
            "cdc-haut-saint-maurice",
            "ville-la-tuque",
            "municipalite-la-bostonnais",
            "municipalite-lac-edouard",
            "csde",
            "cje-haut-saint-maurice",
            "caalt",
            "transport-adapte-collectif-haut-saint-maurice",
            "paroisse-st-martin-de-tours",
            "csss-haut-saint-maurice",
        )
    ],
    *[
        ("comite-developpement-social-des-chenaux", actor, "membre", DES_CHENAUX)
        for actor in (
            "csss-vallee-de-la-batiscan",
            "cld-des-chenaux",
            "cle-sainte-genevieve-de-batiscan",
            "sadc-vallee-de-la-batiscan",
            "cdc-des-chenaux",
            "cje-trois-rivieres-mrc-des-chenaux",
        )
    ],
    *[
        ("entente-developpement-social-2022", actor, "partenaire", ENTENTE_2022)
        for actor in (
            "mamh",
            "ciusss-mcq",
            "mtess",
            "centraide-centre-ouest",
            "mrc-maskinonge",
            "mrc-mekinac",
            "mrc-des-chenaux",
            "ville-trois-rivieres",
            "ville-shawinigan",
            "ville-la-tuque",
        )
    ],
    ("entente-developpement-social-2022", "consortium", "mandataire", ENTENTE_2022),
    *[
        ("entente-concertation-regionale-2023", actor, "partenaire", ENTENTE_2023)
        for actor in (
            "mamh",
            "mrc-maskinonge",
            "mrc-mekinac",
            "mrc-des-chenaux",
            "ville-la-tuque",
            "ville-shawinigan",
            "ville-trois-rivieres",
            "conseil-nation-atikamekw",
        )
    ],
]

# Les organisations et instances que nomme le plan.
REQUIRED_ACTORS = {
    "consortium": "Consortium en développement social de la Mauricie",
    "ciusss-mcq": "CIUSSS de la Mauricie-et-du-Centre-du-Québec",
    "cfcm": "Centre de formation communautaire de la Mauricie",
    "tcmfm": "Table de concertation du mouvement des femmes de la Mauricie",
    "crsa": "Centre de recherche sociale appliquée",
    "tir-shv": "TIR-SHV",
    "pole": "Pôle",
    "rqds": "Réseau québécois en développement social",
    "mamh": "Ministère des Affaires municipales et de l'Habitation",
    "services-quebec": "Services Québec",
    "chaire-approches-communautaires-inegalites-sante": (
        "Chaire de recherche sur les approches communautaires et les inégalités sociales de santé"
    ),
}
LOCAL_CONCERTATIONS = {
    "comite-local-developpement-social-haut-saint-maurice": "la-tuque",
    "comite-developpement-social-des-chenaux": "les-chenaux",
    "concertation-locale-maskinonge": "maskinonge",
    "concertation-locale-mekinac": "mekinac",
    "concertation-locale-shawinigan": "shawinigan",
    "concertation-locale-trois-rivieres": "trois-rivieres",
}
REQUIRED_INSTANCES = {
    "conseil-des-partenaires": "Conseil des partenaires du Consortium",
    "table-des-elus-mauricie": "Table des élus de la Mauricie",
    "car-mauricie": "Conférence administrative régionale",
    "comite-travail-developpement-social-car": "Comité de travail",
    "coalition-systeme-alimentaire-territorial": "Coalition pour un système alimentaire territorial de la Mauricie",
    "demarche-mauricienne": "Démarche mauricienne",
    "demarche-etre-mieux-ensemble": "Démarche Être mieux ensemble",
    "mobilisation-cdc": "Mobilisation des corporations de développement communautaire",
    "alliance-pour-la-solidarite": "Alliance pour la solidarité",
    "entente-developpement-social-2022": "Entente sectorielle",
    "entente-concertation-regionale-2023": "Entente sectorielle",
    "entente-developpement-social-2024-2028": "Entente sectorielle en développement social en Mauricie 2024-2028",
    "chantier-habitation": "habitation",
    "chantier-securite-alimentaire": "sécurité alimentaire",
    "chantier-inegalites-sociales": "inégalités sociales",
    "projet-fat": "Formation-Accompagnement-Transfert",
}
# Instances dont les sources impliquent l'existence sans en donner le nom.
UNNAMED_INSTANCES = {
    "concertation-locale-shawinigan",
    "concertation-locale-trois-rivieres",
    "chantier-habitation",
    "chantier-securite-alimentaire",
    "chantier-inegalites-sociales",
}
SIX_TERRITORIES = {
    "les-chenaux": "mrc",
    "maskinonge": "mrc",
    "mekinac": "mrc",
    "la-tuque": "territoire-equivalent",
    "shawinigan": "territoire-equivalent",
    "trois-rivieres": "territoire-equivalent",
}
SOURCED_CLASSES = [
    ECO.Actor,
    ECO.Instance,
    ORG.Membership,
    ECO.Territory,
    ECO.ActionPlan,
    ECO.Value,
    ECO.Axis,
    ECO.Finding,
    ECO.Objective,
    ECO.DesiredChange,
    ECO.Indicator,
    ECO.Strategy,
    ECO.Deliverable,
    ECO.MonitoringTool,
    ECO.Event,
]


def _files() -> list[Path]:
    return sorted(DATA.glob("*.ttl"))


@pytest.fixture(scope="module")
def graph() -> Graph:
    g = Graph()
    for path in _files():
        g.parse(path, format="turtle")
    return g


@pytest.fixture(scope="module")
def ontology() -> Graph:
    g = Graph()
    for name in ("ecosysteme.ttl", "vocabularies.ttl"):
        g.parse(ONTOLOGY / name, format="turtle")
    return g


def _fr_labels(g: Graph, node) -> list[str]:
    return [str(o) for o in g.objects(node, SKOS.prefLabel) if isinstance(o, Literal) and o.language == "fr"]


def _has_type(g: Graph, node, cls) -> bool:
    return (node, RDF.type, cls) in g


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_each_file_parses_on_its_own(path):
    g = Graph().parse(path, format="turtle")
    assert len(g) > 0


def test_the_expected_files_exist():
    names = {p.name for p in _files()}
    assert {
        "sources.ttl",
        "territoires.ttl",
        "acteurs.ttl",
        "instances.ttl",
        "participations.ttl",
        "plan-action.ttl",
        "evenements.ttl",
    } <= names


def test_no_blank_nodes(graph):
    blanks = [t for t in graph if any(isinstance(term, BNode) for term in t)]
    assert not blanks, blanks[:5]


def test_every_resource_has_a_french_name_and_a_source(graph):
    problems = []
    for cls in SOURCED_CLASSES:
        for node in set(graph.subjects(RDF.type, cls)):
            if cls is not ORG.Membership and not _fr_labels(graph, node):
                problems.append(f"{node} : pas de skos:prefLabel @fr")
            sources = list(graph.objects(node, PROV.wasDerivedFrom))
            if not sources or not all(isinstance(s, URIRef) for s in sources):
                problems.append(f"{node} : pas de prov:wasDerivedFrom (IRI)")
            if not list(graph.objects(node, ECO.sourceLocation)):
                problems.append(f"{node} : pas d'eco:sourceLocation")
    assert not problems, "\n".join(problems)


def test_every_source_is_described(graph):
    used = set(graph.objects(None, PROV.wasDerivedFrom))
    assert PLAN_SOURCE in used
    for source in used:
        assert _has_type(graph, source, ECO.Source), source
        titles = list(graph.objects(source, DCTERMS.title))
        assert any(isinstance(t, Literal) and t.language == "fr" for t in titles), source


def test_actors_and_instances_are_also_org_terms(graph):
    for actor in graph.subjects(RDF.type, ECO.Actor):
        assert _has_type(graph, actor, ORG.Organization), actor
        assert str(actor).startswith(str(ID["acteur/"])), actor
    for instance in graph.subjects(RDF.type, ECO.Instance):
        assert _has_type(graph, instance, ORG.OrganizationalCollaboration), instance
        assert str(instance).startswith(str(ID["instance/"])), instance


def test_shacl_conforms(graph, ontology):
    shapes = Graph().parse(ONTOLOGY / "shapes.ttl", format="turtle")
    data = graph + ontology  # the vocabularies must be in the data graph for scheme checks
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none", advanced=True)
    assert conforms, text


def test_region_and_six_territories(graph):
    region = ID["territoire/mauricie"]
    assert (region, ECO.territoryType, URIRef(VOCAB + "types-territoire/region")) in graph
    for slug, kind in SIX_TERRITORIES.items():
        territory = ID[f"territoire/{slug}"]
        assert _has_type(graph, territory, ECO.Territory), slug
        assert (territory, SKOS.broader, region) in graph, slug
        assert (territory, ECO.territoryType, URIRef(VOCAB + f"types-territoire/{kind}")) in graph, slug
    children = {s for s in graph.subjects(SKOS.broader, region)}
    assert children == {ID[f"territoire/{slug}"] for slug in SIX_TERRITORIES}


def test_la_tuque_municipalities_and_atikamekw_communities(graph):
    la_tuque = ID["territoire/la-tuque"]
    municipality = URIRef(VOCAB + "types-territoire/municipalite")
    community = URIRef(VOCAB + "types-territoire/communaute-autochtone")
    for slug in ("la-tuque-ville", "la-bostonnais", "lac-edouard"):
        node = ID[f"territoire/{slug}"]
        assert (node, SKOS.broader, la_tuque) in graph and (node, ECO.territoryType, municipality) in graph
    codes = {"wemotaci": "2490802", "opitciwan": "2490804", "coucoucache": None}
    for slug, code in codes.items():
        node = ID[f"territoire/{slug}"]
        assert (node, SKOS.broader, la_tuque) in graph and (node, ECO.territoryType, community) in graph
        found = [str(c) for c in graph.objects(node, ECO.geographicCode)]
        assert found == ([code] if code else [])
    assert "Obedjiwan" in {str(label) for label in graph.objects(ID["territoire/opitciwan"], SKOS.altLabel)}


def test_required_actors_are_present(graph):
    for slug, label in REQUIRED_ACTORS.items():
        node = ID[f"acteur/{slug}"]
        assert _has_type(graph, node, ECO.Actor), slug
        assert any(label in name for name in _fr_labels(graph, node)), (slug, _fr_labels(graph, node))
    # La Table des élus est une instance (d'élus), pas un acteur.
    assert not _has_type(graph, ID["acteur/table-des-elus-mauricie"], ECO.Actor)


def test_required_instances_are_present(graph):
    for slug, label in {**REQUIRED_INSTANCES}.items():
        node = ID[f"instance/{slug}"]
        assert _has_type(graph, node, ECO.Instance), slug
        assert any(label in name for name in _fr_labels(graph, node)), (slug, _fr_labels(graph, node))


def test_six_local_concertations_one_per_territory(graph):
    local = URIRef(VOCAB + "types-instance/concertation-locale")
    found = set(graph.subjects(ECO.instanceType, local))
    assert found == {ID[f"instance/{slug}"] for slug in LOCAL_CONCERTATIONS}
    for slug, territory in LOCAL_CONCERTATIONS.items():
        assert list(graph.objects(ID[f"instance/{slug}"], ECO.territory)) == [ID[f"territoire/{territory}"]]
    assert "Comité local de développement social du Haut Saint-Maurice" in _fr_labels(
        graph, ID["instance/comite-local-developpement-social-haut-saint-maurice"]
    )
    assert "Comité de développement social des Chenaux" in _fr_labels(
        graph, ID["instance/comite-developpement-social-des-chenaux"]
    )


def test_the_38_public_memberships(graph):
    assert len(PUBLIC_MEMBERSHIPS) == 38
    assert len(set(PUBLIC_MEMBERSHIPS)) == 38
    for instance, actor, role, source in PUBLIC_MEMBERSHIPS:
        node = ID[f"participation/{instance}/{actor}"]
        assert _has_type(graph, node, ORG.Membership), node
        assert list(graph.objects(node, ORG.member)) == [ID[f"acteur/{actor}"]], node
        assert list(graph.objects(node, ORG.organization)) == [ID[f"instance/{instance}"]], node
        assert URIRef(VOCAB + f"roles/{role}") in set(graph.objects(node, ORG.role)), node
        assert URIRef(source) in set(graph.objects(node, PROV.wasDerivedFrom)), node


def test_membership_iris_follow_instance_and_actor(graph):
    for node in graph.subjects(RDF.type, ORG.Membership):
        instance = graph.value(node, ORG.organization)
        actor = graph.value(node, ORG.member)
        expected = ID[f"participation/{str(instance).rsplit('/', 1)[1]}/{str(actor).rsplit('/', 1)[1]}"]
        assert node == expected
        assert _has_type(graph, actor, ECO.Actor) and _has_type(graph, instance, ECO.Instance)


def test_no_membership_dates_and_no_meeting_frequencies(graph):
    for prop in (ECO.startDate, ECO.endDate, ECO.hoursPerYear, ECO.meetingsPerYear, ECO.hoursPerMeeting):
        assert not list(graph.subject_objects(prop)), prop


def test_a_confirmer_instances_are_exactly_the_unnamed_ones(graph):
    flagged = {
        str(node).rsplit("/", 1)[1]
        for node in graph.subjects(ECO.informationStatus, A_CONFIRMER)
        if _has_type(graph, node, ECO.Instance)
    }
    assert flagged == UNNAMED_INSTANCES
    for slug in UNNAMED_INSTANCES:
        assert any("à confirmer" in name for name in _fr_labels(graph, ID[f"instance/{slug}"])), slug


def test_acronym_only_actors_are_a_confirmer(graph):
    for slug in ("tir-shv", "pole"):
        assert (ID[f"acteur/{slug}"], ECO.informationStatus, A_CONFIRMER) in graph


def test_plan_has_values_objective_and_three_axes(graph):
    plan = ID["plan/2024-2028"]
    assert _has_type(graph, plan, ECO.ActionPlan)
    assert len(set(graph.objects(plan, ECO.hasValue))) == 5
    objective = graph.value(plan, ECO.generalObjective)
    assert objective is not None and objective.language == "fr"
    axes = set(graph.objects(plan, ECO.hasAxis))
    assert axes == {ID[f"plan/2024-2028/axe/{a}"] for a in ("concertation", "accompagnement", "transfert-diffusion")}
    for axis in axes:
        assert _has_type(graph, axis, ECO.Axis)
        for prop in (
            ECO.hasFinding,
            ECO.hasObjective,
            ECO.hasDesiredChange,
            ECO.hasIndicator,
            ECO.hasStrategy,
            ECO.hasDeliverable,
            ECO.hasMonitoringTool,
            ECO.responsible,
        ):
            assert list(graph.objects(axis, prop)), (axis, prop)


def test_indicators_and_their_targets(graph):
    indicators = set(graph.subjects(RDF.type, ECO.Indicator))
    assert len(indicators) == 13
    for indicator in indicators:
        assert list(graph.objects(indicator, ECO.target)), indicator
    base = "plan/2024-2028/axe/"
    expected = {
        "concertation/indicateur/abc": ("100", "%", None, "abc-workshop-coverage"),
        "concertation/indicateur/plan-integre-regional": ("75", "%", "2028", None),
        "accompagnement/indicateur/satisfaction-soutien": ("80", "%", None, None),
        "accompagnement/indicateur/taux-participation": ("75", "%", None, None),
        "accompagnement/indicateur/rencontres-chantiers": (
            "2",
            "rencontres par an",
            None,
            "regional-meetings-per-worksite",
        ),
        "accompagnement/indicateur/evenement-thematique": (
            "1",
            "événement aux deux ans",
            None,
            "thematic-event-every-two-years",
        ),
        "transfert-diffusion/indicateur/campagne-allocation-logement": (
            "1",
            "campagne par an",
            None,
            "campaigns-per-year",
        ),
        "transfert-diffusion/indicateur/outil-synthese": ("1", "outil par étude", None, "synthesis-tools-per-study"),
        "transfert-diffusion/indicateur/prix-norbert-rodrigue": (
            "1",
            "candidature par an",
            None,
            "applications-per-year",
        ),
    }
    for path, (value, unit, year, computed) in expected.items():
        node = ID[base + path]
        assert node in indicators, path
        target_value = graph.value(node, ECO.targetValue)
        assert target_value.datatype == XSD.decimal and float(target_value) == float(value), path
        assert str(graph.value(node, ECO.targetUnit)) == unit, path
        target_date = graph.value(node, ECO.targetDate)
        assert (target_date is None) if year is None else (target_date == Literal(year, datatype=XSD.gYear)), path
        found = graph.value(node, ECO.computedFrom)
        assert (found is None) if computed is None else (str(found) == computed), path
    computed_from = {str(o) for o in graph.objects(None, ECO.computedFrom)}
    assert computed_from == {c for *_, c in expected.values() if c} and computed_from <= set(MEASURES)


def test_responsibles_are_known_actors_or_instances(graph):
    for _, target in graph.subject_objects(ECO.responsible):
        assert _has_type(graph, target, ECO.Actor) or _has_type(graph, target, ECO.Instance), target


def test_every_concept_used_exists_in_the_vocabularies(graph, ontology):
    for s, p, o in graph:
        if isinstance(o, URIRef) and str(o).startswith(VOCAB):
            assert (o, RDF.type, SKOS.Concept) in ontology, (s, p, o)


def test_planned_events_have_no_invented_dates(graph):
    events = set(graph.subjects(RDF.type, ECO.Event))
    assert events
    for event in events:
        assert (event, ECO.informationStatus, A_CONFIRMER) in graph, event
        assert not list(graph.objects(event, PROV.startedAtTime)), event
        assert not list(graph.objects(event, PROV.endedAtTime)), event


# Les instances ajoutées depuis des pages publiques : instance → territoire.
NEW_INSTANCES = {
    "comite-regional-securite-alimentaire": "mauricie",
    "comite-regional-habitation": "mauricie",
    "comite-regional-transport-collectif": "mauricie",
    "comite-directeur-consortium": "mauricie",
    "entente-developpement-social-2016": "mauricie",
    "recherche-habitation-logement-social-2024": "mauricie",
    "comite-securite-alimentaire-shawinigan": "shawinigan",
    "table-concertation-securite-alimentaire-trois-rivieres": "trois-rivieres",
    "concertation-securite-alimentaire-la-tuque": "la-tuque",
    "complice": "shawinigan",
    "operation-sac-a-dos-complice": "shawinigan",
    "radar-trois-rivieres": "trois-rivieres",
    "sous-comite-transport-collectif-des-chenaux": "les-chenaux",
    "sous-comite-exode-jeunes-des-chenaux": "les-chenaux",
    "sous-comite-isolement-social-des-chenaux": "les-chenaux",
    "sous-groupe-qualite-vie-mekinac": "mekinac",
    "sous-groupe-communication-mekinac": "mekinac",
}
# Participations ajoutées, par instance.
NEW_MEMBERSHIP_COUNTS = {
    "comite-regional-securite-alimentaire": 6,
    "comite-securite-alimentaire-shawinigan": 2,
    "table-concertation-securite-alimentaire-trois-rivieres": 2,
    "concertation-securite-alimentaire-la-tuque": 2,
    "comite-regional-habitation": 13,
    "comite-regional-transport-collectif": 3,
    "comite-directeur-consortium": 6,
    "entente-developpement-social-2016": 7,
    "complice": 19,
    "operation-sac-a-dos-complice": 8,
    "concertation-locale-maskinonge": 2,
    "table-des-elus-mauricie": 7,
    "alliance-pour-la-solidarite": 2,
    "recherche-habitation-logement-social-2024": 5,
    "radar-trois-rivieres": 1,
}
NEW_SOURCE_COUNT = 30
# Des noms de personnes que les pages sources impriment (légendes, citations) : aucun
# ne doit se retrouver dans les données.
PERSON_NAMES = [
    "Nathalie Lefebvre",
    "Marie-Josée Routhier",
    "Laura-Kim Dumesnil",
    "Josée Pagé",
    "Danielle Forest",
    "Élaine Legault",
    "Michel Angers",
    "Jean-Yves Laforest",
    "Martine Rioux",
    "Marie-Ève Séguin",
    "Jean-Yves St-Arnaud",
    "Luc Martel",
    "Charlène Bolger",
    "Patricia St-Arnaud",
    "Réal Boisvert",
    "Jean Boulet",
    "Julie Colbert",
    "Stéphanie Milot",
    "Valérie Bellerose",
    "Andrée Laforest",
    "Martine Croteau",
    "Nathalie Arpin",
]
FOAF_PERSON = URIRef("http://xmlns.com/foaf/0.1/Person")


def _year(literal) -> int:
    return int(str(literal)[:4])


def _source_years(g: Graph, source) -> set[int]:
    """The years a source gives: its date, its attested year, the years its description names."""
    years = {_year(v) for p in (DCTERMS.date, ECO.attestedIn) for v in g.objects(source, p)}
    for comment in g.objects(source, URIRef("http://www.w3.org/2000/01/rdf-schema#comment")):
        years |= {int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", str(comment))}
    return years


def test_the_new_instances_are_there_on_their_territory(graph):
    for slug, territory in NEW_INSTANCES.items():
        node = ID[f"instance/{slug}"]
        assert _has_type(graph, node, ECO.Instance), slug
        assert list(graph.objects(node, ECO.territory)) == [ID[f"territoire/{territory}"]], slug
    assert len(set(graph.subjects(RDF.type, ECO.Instance))) == 22 + len(NEW_INSTANCES)


def test_the_new_memberships_are_counted_and_double_the_public_ones(graph):
    by_instance: dict[str, int] = {}
    for node in graph.subjects(RDF.type, ORG.Membership):
        slug = str(graph.value(node, ORG.organization)).rsplit("/", 1)[1]
        by_instance[slug] = by_instance.get(slug, 0) + 1
    for slug, count in NEW_MEMBERSHIP_COUNTS.items():
        before = sum(1 for i, *_ in PUBLIC_MEMBERSHIPS if i == slug)
        assert by_instance.get(slug, 0) - before == count, slug
    total = sum(by_instance.values())
    assert total == 39 + sum(NEW_MEMBERSHIP_COUNTS.values())
    assert total >= 2 * 39


def test_the_new_sources_are_web_pages_with_a_title(graph):
    sources = set(graph.subjects(RDF.type, ECO.Source))
    web = {s for s in sources if str(s).startswith("http") and not str(s).startswith(str(ID))}
    assert len(web) == 10 + NEW_SOURCE_COUNT
    used = set(graph.objects(None, PROV.wasDerivedFrom))
    for source in web:
        assert source in used, source
        assert any(t.language == "fr" for t in graph.objects(source, DCTERMS.title)), source


def test_every_instance_and_membership_is_attested_in_a_year_its_source_gives(graph):
    """Only the Haut Saint-Maurice list, from an undated page, has no attested year."""
    undated = {ID[f"participation/{i}/{a}"] for i, a, _, s in PUBLIC_MEMBERSHIPS if s == HAUT_SAINT_MAURICE}
    problems = []
    for cls in (ECO.Instance, ORG.Membership):
        for node in set(graph.subjects(RDF.type, cls)):
            years = list(graph.objects(node, ECO.attestedIn))
            if node in undated:
                assert not years, node
                continue
            if len(years) != 1 or years[0].datatype != XSD.gYear:
                problems.append(f"{node} : pas une année attestée (xsd:gYear)")
                continue
            given = set().union(*(_source_years(graph, s) for s in graph.objects(node, PROV.wasDerivedFrom)))
            if _year(years[0]) not in given:
                problems.append(f"{node} : {years[0]} n'est donnée par aucune de ses sources {sorted(given)}")
    assert not problems, "\n".join(problems)


def test_every_fact_from_a_new_page_cites_its_address(graph):
    documents = {PLAN_SOURCE}
    for slug in NEW_INSTANCES:
        sources = set(graph.objects(ID[f"instance/{slug}"], PROV.wasDerivedFrom))
        assert sources and not sources & documents and all(str(s).startswith("http") for s in sources), slug
    for node in graph.subjects(RDF.type, ORG.Membership):
        if str(graph.value(node, ORG.organization)).rsplit("/", 1)[1] in NEW_INSTANCES:
            assert all(str(s).startswith("http") for s in graph.objects(node, PROV.wasDerivedFrom)), node


def test_old_names_lead_to_their_successor(graph):
    successors = {
        "csss-haut-saint-maurice": "ciusss-mcq",
        "csss-vallee-de-la-batiscan": "ciusss-mcq",
        "csss-energie": "ciusss-mcq",
        "csss-trois-rivieres": "ciusss-mcq",
        "agence-sante-mcq": "ciusss-mcq",
        "csde": "css-energie",
    }
    found = {str(s).rsplit("/", 1)[1]: str(o).rsplit("/", 1)[1] for s, o in graph.subject_objects(DCTERMS.isReplacedBy)}
    assert found == successors
    for old, new in successors.items():
        names = {
            str(n) for p in (SKOS.prefLabel, SKOS.altLabel, ECO.acronym) for n in graph.objects(ID[f"acteur/{old}"], p)
        }
        kept = {str(n) for n in graph.objects(ID[f"acteur/{new}"], SKOS.altLabel)}
        assert names & kept, (old, names)
        assert _has_type(graph, ID[f"acteur/{new}"], ECO.Actor)


def test_the_six_territories_have_a_committee_and_four_are_named(graph):
    local = URIRef(VOCAB + "types-instance/concertation-locale")
    named = [n for n in graph.subjects(ECO.instanceType, local) if (n, ECO.informationStatus, A_CONFIRMER) not in graph]
    assert len(set(graph.subjects(ECO.instanceType, local))) == 6 and len(named) == 4
    assert "Comité territorial de développement social de Mékinac" in _fr_labels(
        graph, ID["instance/concertation-locale-mekinac"]
    )


def test_no_person_is_named(graph):
    assert not list(graph.subjects(RDF.type, FOAF_PERSON))
    assert not list(graph.subject_objects(ECO.representative))
    text = " ".join(str(o) for o in graph.objects() if isinstance(o, Literal)).casefold()
    named = [name for name in PERSON_NAMES if name.casefold() in text]
    assert not named, named
