"""The glossary: every measure the pages show, in plain French and English.

Each :class:`Term` says what the measure is, what it means for a table or an organisation,
how it is computed and where it comes from. The ``/glossaire`` page, the links on the
analysis pages and the analyses registry (:mod:`ecosystem.analysis.registry`) read this one
table.
"""

from __future__ import annotations

from dataclasses import dataclass

from ecosystem.i18n import Message

__all__ = ["TERMS", "Term", "term"]


@dataclass(frozen=True)
class Term:
    name: Message
    meaning: Message
    """What it is, in plain words."""
    for_you: Message
    """What it means for a table or an organisation."""
    computed: Message
    """How it is computed."""
    reference: str = ""
    """Where it comes from (bibliographic, the same in both languages)."""


def _t(name, meaning, for_you, computed, reference="") -> Term:
    return Term(Message(*name), Message(*meaning), Message(*for_you), Message(*computed), reference)


TERMS: dict[str, Term] = {
    "sieges": _t(
        ("Sièges", "Seats"),
        (
            "Le nombre d'instances où une organisation siège aujourd'hui.",
            "How many instances an organisation sits on today.",
        ),
        (
            "Chaque siège demande du temps : préparer, se déplacer, faire le suivi.",
            "Every seat takes time: preparing, travelling, following up.",
        ),
        (
            "Instances distinctes où l'organisation a une participation active à la date choisie.",
            "Distinct instances where the organisation has a membership active at the chosen date.",
        ),
    ),
    "sur-sollicitation": _t(
        ("Sur-sollicitation", "Over-solicitation"),
        (
            "Une organisation appelée à plus de tables qu'elle ne peut raisonnablement en suivre.",
            "An organisation asked to sit on more tables than it can reasonably follow.",
        ),
        (
            "Avant d'inviter une organisation déjà sur-sollicitée, demandez-vous si une table existante peut porter le projet.",
            "Before inviting an already over-solicited organisation, ask whether an existing table can carry the project.",
        ),
        (
            "Plus de 5 sièges, ou plus de 120 heures connues par an, ou parmi les 10 % des organisations les plus sollicitées "
            "— cette dernière règle seulement si au moins 50 organisations ont un siège.",
            "More than 5 seats, or more than 120 known hours a year, or among the 10 % most solicited organisations "
            "— the last rule only where at least 50 organisations hold a seat.",
        ),
        "ISS Canada, politique « overboarding » (2019) ; Cross, Rebele & Grant (2016), Harvard Business Review.",
    ),
    "sieges-redondants": _t(
        ("Sièges redondants", "Redundant seats"),
        (
            "Les sièges d'une même organisation à des tables qui traitent du même enjeu sur le même territoire.",
            "An organisation's seats on tables dealing with the same issue on the same territory.",
        ),
        (
            "Ces tables pourraient se coordonner, ou l'organisation y déléguer une seule personne.",
            "These tables could coordinate, or the organisation send one person to them.",
        ),
        (
            "Deux instances sont liées si elles partagent un enjeu (ou un enjeu plus large ou plus étroit) sur des territoires "
            "qui se recouvrent ; un groupe de k instances liées compte k − 1 sièges redondants.",
            "Two instances are linked when they share an issue (or a broader or narrower one) on overlapping territories; "
            "a group of k linked instances holds k − 1 redundant seats.",
        ),
    ),
    "chevauchement": _t(
        ("Chevauchement de mandats", "Mandate overlap"),
        (
            "À quel point deux tables font la même chose, de 0 (rien en commun) à 1 (tout en commun).",
            "How much two tables do the same thing, from 0 (nothing in common) to 1 (everything).",
        ),
        (
            "Un chevauchement fort invite à comparer les mandats, voire à fusionner.",
            "A strong overlap invites comparing mandates, even merging.",
        ),
        (
            "Somme pondérée : enjeux 30 %, territoire 20 %, membres 20 %, texte du mandat 10 %, fonctions 10 %, populations 10 %.",
            "Weighted sum: issues 30 %, territory 20 %, members 20 %, mandate text 10 %, functions 10 %, populations 10 %.",
        ),
    ),
    "jaccard": _t(
        ("Indice de Jaccard", "Jaccard index"),
        ("La part des membres que deux tables ont en commun.", "The share of members two tables have in common."),
        (
            "0,5 : la moitié des organisations présentes à l'une ou l'autre siègent aux deux.",
            "0.5: half of the organisations on either table sit on both.",
        ),
        ("Membres communs ÷ membres de l'une ou de l'autre.", "Shared members ÷ members of either."),
        "Jaccard, P. (1912). New Phytologist 11(2), 37–50.",
    ),
    "table-emboitee": _t(
        ("Table emboîtée (c_min)", "Nested table (c_min)"),
        (
            "Une table dont tous les membres siègent aussi à une autre table : un sous-comité qui ne dit pas son nom.",
            "A table whose members all sit on another table too: a sub-committee in all but name.",
        ),
        (
            "Ses rencontres pourraient se tenir dans la grande table, ou son mandat y être rattaché.",
            "Its meetings could be held within the larger table, or its mandate attached to it.",
        ),
        (
            "c_min = membres communs ÷ taille de la plus petite des deux tables ; 1 = emboîtée.",
            "c_min = shared members ÷ size of the smaller of the two tables; 1 = nested.",
        ),
        "Latapy, Magnien & Del Vecchio (2008). Social Networks 30(1), 31–48.",
    ),
    "lacune": _t(
        ("Lacune", "Gap"),
        ("Un territoire où aucune table ne traite d'un enjeu.", "A territory where no table deals with an issue."),
        (
            "Une question d'équité territoriale : qui porte cet enjeu ici ?",
            "A question of territorial equity: who carries this issue here?",
        ),
        (
            "Case vide de la matrice territoire × enjeu (les instances régionales comptent pour les territoires qu'elles couvrent).",
            "Empty cell of the territory × issue matrix (regional instances count for the territories they cover).",
        ),
    ),
    "intermediarite": _t(
        ("Intermédiarité", "Betweenness"),
        (
            "À quel point une organisation ou une table se trouve sur les chemins qui relient les autres.",
            "How much an organisation or a table lies on the paths linking the others.",
        ),
        (
            "Une organisation à forte intermédiarité fait circuler l'information entre des milieux qui ne se parlent pas autrement.",
            "An organisation with high betweenness carries information between circles that do not otherwise meet.",
        ),
        (
            "Part des plus courts chemins du graphe acteurs–instances qui passent par le nœud, normalisée pour chaque mode.",
            "Share of the shortest paths of the actor–instance graph through the node, normalised within each mode.",
        ),
        "Borgatti & Everett (1997). Social Networks 19(3), 243–269.",
    ),
    "instance-pont": _t(
        ("Instance qui fait le pont", "Bridging instance"),
        (
            "Une table qui réunit des organisations qui ne se rencontrent nulle part ailleurs.",
            "A table that brings together organisations that meet nowhere else.",
        ),
        (
            "La fermer ou la fusionner couperait des liens : à ménager.",
            "Closing or merging it would cut links: handle with care.",
        ),
        (
            "Intermédiarité bimodale des instances (voir Intermédiarité).",
            "Two-mode betweenness of the instances (see Betweenness).",
        ),
        "Borgatti & Everett (1997). Social Networks 19(3), 243–269.",
    ),
    "contrainte": _t(
        ("Contrainte de Burt", "Burt's constraint"),
        (
            "À quel point les partenaires d'une organisation se connaissent déjà entre eux.",
            "How much an organisation's partners already know each other.",
        ),
        (
            "Faible : l'organisation relie des groupes séparés (un courtier). Forte : elle est dans un cercle fermé.",
            "Low: the organisation links separate groups (a broker). High: it sits in a closed circle.",
        ),
        (
            "Sur le graphe des organisations qui siègent ensemble, pondéré par le nombre de tables communes.",
            "On the graph of organisations sitting together, weighted by the number of shared tables.",
        ),
        "Burt, R. S. (1992). Structural Holes. Harvard University Press.",
    ),
    "communaute": _t(
        ("Communauté", "Community"),
        (
            "Un ensemble de tables et d'organisations qui se retrouvent surtout entre elles.",
            "A set of tables and organisations that mostly meet among themselves.",
        ),
        (
            "Montre les milieux de concertation réels, au-delà des territoires et des secteurs.",
            "Shows the actual circles of concertation, beyond territories and sectors.",
        ),
        (
            "Groupes qui ont plus de participations à l'intérieur que le hasard, à nombre de sièges et de membres égal, n'en "
            "donnerait (modularité bimodale de Barber, Q_B). Parmi les partitions trouvées à plusieurs résolutions, celle qui "
            "reste la meilleure sur la plus large plage est gardée (voir Résolution des communautés) ; Q_B est donné pour elle.",
            "Groups with more memberships inside than chance would give with the same seats and members (Barber's bipartite "
            "modularity, Q_B). Of the partitions found at several resolutions, the one that stays best over the widest range is "
            "kept (see Resolution of the communities); its Q_B is given.",
        ),
        "Barber, M. J. (2007). Physical Review E 76(6), 066102.",
    ),
    "resolution": _t(
        ("Résolution des communautés", "Resolution of the communities"),
        (
            "Le grain des communautés : à basse résolution, peu de grands groupes ; à haute résolution, beaucoup de petits.",
            "The grain of the communities: at low resolution, few large groups; at high resolution, many small ones.",
        ),
        (
            "Le seul maximum de Q_B découpe souvent trop fin ou trop gros ; garder les groupes qui tiennent quand le grain "
            "change évite de lire du bruit comme une structure.",
            "The Q_B maximum alone often cuts too fine or too coarse; keeping the groups that hold while the grain changes avoids "
            "reading noise as structure.",
        ),
        (
            "Q_B(γ) = Σ_c [e_c/m − γ·K_c·D_c/m²] ; des partitions sont optimisées pour γ de 1/4 à 4 ; chacune a une plage de γ où "
            "aucune autre ne la dépasse (enveloppe des droites, CHAMP) ; la plage la plus large (en échelle logarithmique) gagne, "
            "hors partition en parties non reliées.",
            "Q_B(γ) = Σ_c [e_c/m − γ·K_c·D_c/m²]; partitions are optimised for γ from 1/4 to 4; each has a range of γ where no "
            "other beats it (envelope of the lines, CHAMP); the widest range (on a logarithmic scale) wins, leaving out the "
            "partition into unconnected parts.",
        ),
        "Reichardt & Bornholdt (2006), PRE 74, 016110 ; Weir et al. (2017), Algorithms 10(3), 93 ; "
        "Arenas, Fernández & Gómez (2008), New J. Phys. 10, 053039.",
    ),
    "pont-fragile": _t(
        ("Pont fragile", "Fragile bridge"),
        (
            "Une organisation qui est le seul lien entre des groupes de tables.",
            "An organisation that is the only link between groups of tables.",
        ),
        (
            "Si elle se retire, ces groupes ne se parlent plus : prévoir une relève.",
            "If it withdraws, these groups lose touch: plan a successor.",
        ),
        (
            "Nœud d'articulation du graphe acteurs–instances dont le retrait sépare des côtés ayant chacun une table et une autre "
            "organisation ; redondance = part des paires de ses tables qui restent liées sans elle.",
            "Cut vertex of the actor–instance graph whose removal separates sides each with a table and another organisation; "
            "redundancy = share of pairs of its tables still linked without it.",
        ),
        "Latapy, Magnien & Del Vecchio (2008) ; Hopcroft & Tarjan (1973).",
    ),
    "gini": _t(
        ("Coefficient de Gini des sièges", "Gini coefficient of seats"),
        (
            "À quel point les sièges sont concentrés sur peu d'organisations.",
            "How concentrated the seats are on few organisations.",
        ),
        (
            "0 : chacune tient autant de sièges ; près de 1 : quelques-unes les tiennent presque tous.",
            "0: each holds as many seats; near 1: a few hold almost all of them.",
        ),
        (
            "G = Σ (2i − n − 1) xᵢ ÷ (n Σ xᵢ), sièges triés du plus petit au plus grand.",
            "G = Σ (2i − n − 1) xᵢ ÷ (n Σ xᵢ), seats sorted from smallest to largest.",
        ),
        "Gini, C. (1912). Variabilità e mutabilità.",
    ),
    "robins-alexander": _t(
        ("Regroupement bimodal (Robins–Alexander)", "Two-mode clustering (Robins–Alexander)"),
        (
            "À quel point des organisations qui siègent ensemble à une table se retrouvent aussi à une autre.",
            "How often organisations sitting together on one table also meet on another.",
        ),
        (
            "Élevé : un réseau de « cercles » qui se répètent ; faible : des tables aux membres différents.",
            "High: a network of recurring circles; low: tables with different members.",
        ),
        (
            "4 × cycles de longueur 4 ÷ chemins de longueur 3 du graphe acteurs–instances.",
            "4 × four-cycles ÷ three-paths of the actor–instance graph.",
        ),
        "Robins, G. & Alexander, M. (2004). Computational & Mathematical Organization Theory 10(1), 69–94.",
    ),
    "etat-indicateur": _t(
        ("État d'un indicateur du plan", "Status of a plan indicator"),
        (
            "Où en est un indicateur par rapport à sa cible et à son échéance : atteint, en bonne voie, en retard, "
            "sans cible chiffrée ou sans donnée.",
            "Where an indicator stands against its target and deadline: met, on track, late, no figure to reach or no data.",
        ),
        (
            "« En retard » invite à regarder les faits derrière la valeur : il manque peut-être un fait enregistré, "
            "pas seulement une action.",
            "“Late” is a prompt to look at the facts behind the value: a fact may be missing from the record, "
            "not only an action.",
        ),
        (
            "Atteint : la valeur atteint la cible. En bonne voie : au moins la part de la cible que donnerait une progression "
            "régulière du début du plan (ou de l'année, pour une cible annuelle) jusqu'à l'échéance. En retard : en dessous, "
            "ou l'échéance est passée. Sans donnée : aucun fait ni observation datée — jamais 0.",
            "Met: the value reaches the target. On track: at least the share of the target a steady progress from the start "
            "of the plan (or of the year, for a yearly target) to the deadline would give. Late: below it, or the deadline "
            "has passed. No data: no fact and no dated observation — never 0.",
        ),
        "Règle propre à l'outil (une droite de progression) ; cibles et échéances : plan d'action 2024-2028.",
    ),
    "charge-du-plan": _t(
        ("Stratégies portées", "Strategies carried"),
        (
            "Le nombre de stratégies du plan d'action qu'une organisation porte, elle-même ou par une table où elle siège.",
            "How many of the action plan's strategies an organisation carries, itself or through a table where it sits.",
        ),
        (
            "Le plan lui-même ajoute des sollicitations : à lire avec les sièges et les heures.",
            "The plan itself adds to the demands on an organisation: read it with its seats and hours.",
        ),
        (
            "Stratégies où le plan la nomme dans la colonne « Responsables et partenaires », plus celles des instances "
            "où elle a un siège actif.",
            "Strategies where the plan names it in the « Responsables et partenaires » column, plus those of the instances "
            "where it holds an active seat.",
        ),
        "Plan d'action 2024-2028, colonne « Responsables et partenaires ».",
    ),
    "faits-attestes-depuis": _t(
        ("Faits attestés depuis une année", "Facts attested since a year"),
        (
            "Ne compter que les tables et les participations qu'une source récente atteste, ou que l'organisation a "
            "confirmées.",
            "Counting only the tables and memberships a recent source attests, or that the organisation confirmed.",
        ),
        (
            "Un fait ancien peut ne plus être vrai : « depuis 2020 » montre ce qu'on sait d'assez récent. Une organisation "
            "qui confirme son siège le renouvelle : il compte à nouveau, quelle que soit l'année de sa source.",
            "An old fact may no longer hold: “since 2020” shows what is known recently enough. An organisation that confirms "
            "its seat renews it: it counts again, whatever the year of its source.",
        ),
        (
            "Un fait compte à partir de l'année où sa source l'atteste, ou de l'année où l'organisation l'a confirmé si elle "
            "est plus récente ; un siège confirmé confirme aussi que sa table existe. Avec « depuis AAAA », les faits qui "
            "comptent à partir de AAAA ou après restent ; un fait sans année ni confirmation est laissé de côté. Par défaut, "
            "tous les faits comptent.",
            "A fact counts from the year its source attests it, or from the year the organisation confirmed it if later; a "
            "confirmed seat also confirms that its table exists. With “since YYYY”, the facts counting from YYYY or later "
            "stay; a fact with neither a year nor a confirmation is left out. By default, every fact counts.",
        ),
        "Règle propre à l'outil ; années des sources : data/mauricie/sources.ttl.",
    ),
    "fait-a-confirmer": _t(
        ("Fait à confirmer", "Fact to confirm"),
        (
            "Une table ou une participation que seule une source publique atteste : l'organisation ne l'a pas encore "
            "confirmée.",
            "A table or membership only a public source attests: the organisation has not confirmed it yet.",
        ),
        (
            "La liste des faits à confirmer, du plus ancien au plus récent, est la liste de travail de la révision de la "
            "cartographie.",
            "The list of facts to confirm, oldest first, is the to-do list of the revision of the cartography.",
        ),
        (
            "Instance ou participation sans date de confirmation par l'organisation, classée par année d'attestation "
            "croissante ; les faits sans année viennent en premier (leur âge est inconnu, ce sont les plus à vérifier).",
            "Instance or membership with no confirmation date from the organisation, sorted by attested year, oldest "
            "first; facts with no year come first (their age is unknown: they need checking most).",
        ),
        "Plan d'action 2024-2028 : « Révision de la cartographie du développement social et du rôle des instances ».",
    ),
}
"""Term id → definition. The ids are the anchors of ``/glossaire``."""


def term(identifier: str) -> Term:
    """The definition of ``identifier``; KeyError names the known ones."""
    try:
        return TERMS[identifier]
    except KeyError:
        raise KeyError(f"terme inconnu / unknown term: {identifier} ({', '.join(TERMS)})") from None
