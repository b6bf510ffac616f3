"""The check narrowed by its inverted indexes ranks exactly as a scan of every instance does,
on the synthetic province, for initiatives drawn at random and for a few edge cases."""

from __future__ import annotations

import random

import pytest

from ecosystem.analysis.check import Initiative, check_initiative
from ecosystem.analysis.check_index import candidate_scores, check_index, ranked_instances
from ecosystem.analysis.overlap import mandate_overlap, overlap_score
from ecosystem.projection_tables import projection_from_tables
from ecosystem.synth import generate


@pytest.fixture(scope="module")
def province():
    return projection_from_tables(generate(regions=3, seed=1, scale=0.15).tables)


def full_scan(projection, initiative, top=10) -> list[tuple[float, str]]:
    """The reference: every instance scored by ``overlap_score``."""
    scores = sorted(
        ((overlap_score(projection, initiative, b), b) for b in projection.instances), key=lambda x: (-x[0], x[1])
    )
    return [(score, b) for score, b in scores[:top] if score > 0]


def initiatives(projection, count: int, seed: int):
    rng = random.Random(seed)
    concepts = sorted(projection.concepts)
    for k in range(count):
        model = projection.two_mode.nodes[rng.choice(projection.instances)]
        other = projection.two_mode.nodes[rng.choice(projection.instances)]
        words = " ".join(
            rng.sample(
                (other.get("mandate") or other["label"]).split(),
                k=min(3, len((other.get("mandate") or other["label"]).split())),
            )
        )
        partners = rng.sample(projection.actors, k=rng.randrange(0, 4))
        yield Initiative(
            f"Initiative {k}",
            issues=tuple(rng.sample(model["issues"], k=rng.randrange(0, len(model["issues"]) + 1)))
            or tuple(rng.sample(concepts, k=rng.randrange(0, 2))),
            territory=rng.choice([model["territory"], other["territory"], None]),
            functions=tuple(rng.sample(list(model["functions"]), k=min(1, len(model["functions"])))) if k % 2 else (),
            populations=tuple(other["populations"])[:1] if k % 3 == 0 else (),
            partners=tuple(partners),
            text=words if k % 4 else None,
        )


def test_the_indexed_ranking_is_the_full_scan(province):
    for initiative in initiatives(province, 40, seed=3):
        assert ranked_instances(province, initiative) == full_scan(province, initiative), initiative
        assert ranked_instances(province, initiative, top=25) == full_scan(province, initiative, top=25), initiative


def test_words_alone_and_nothing_at_all(province):
    label = province.two_mode.nodes[province.instances[0]]["label"]
    by_words = Initiative("Nouvelle initiative", text=label)
    assert ranked_instances(province, by_words) == full_scan(province, by_words) != []
    nothing = Initiative("zzz qqq")
    assert ranked_instances(province, nothing) == full_scan(province, nothing) == []


def test_candidates_are_fewer_than_instances_and_hold_every_nonzero_score(province):
    instance = province.instances[5]
    node = province.two_mode.nodes[instance]
    initiative = Initiative("zzz", issues=tuple(node["issues"])[:1], territory=node["territory"])
    found = candidate_scores(province, initiative, top=len(province.instances))
    nonzero = {b for b in province.instances if overlap_score(province, initiative, b) > 0}
    assert set(found) == nonzero and len(found) < len(province.instances)
    for b, score in found.items():
        assert score == pytest.approx(overlap_score(province, initiative, b), abs=1e-12)


def rich_initiatives(projection, count: int, seed: int):
    """Initiatives stating everything at once: several issues (a broader one too), a containing territory,
    functions and populations of two instances, partners, a long text."""
    rng = random.Random(seed)
    for k in range(count):
        a, b = (projection.two_mode.nodes[rng.choice(projection.instances)] for _ in range(2))
        broader = [projection.concepts[i]["broader"][0] for i in a["issues"] if projection.concepts[i].get("broader")]
        territory = a["territory"]
        if k % 2 and territory is not None and projection.territories[territory].get("parent"):
            territory = projection.territories[territory]["parent"]
        yield Initiative(
            f"Initiative riche {k}",
            issues=tuple(dict.fromkeys([*a["issues"], *broader[:1], *b["issues"][:1]])),
            territory=territory,
            functions=tuple(dict.fromkeys([*a["functions"], *b["functions"]])),
            populations=tuple(dict.fromkeys([*a["populations"], *b["populations"]])),
            partners=tuple(rng.sample(projection.actors, k=rng.randrange(1, 6))),
            text=" ".join(filter(None, (a.get("mandate"), b["label"]))),
        )


def test_every_score_per_posting_is_the_exact_score(province):
    """Every instance's score computed per posting equals ``overlap_score``'s, zero where it is zero."""
    for initiative in [*initiatives(province, 12, seed=5), *rich_initiatives(province, 12, seed=7)]:
        found = candidate_scores(province, initiative)
        for b in province.instances:
            assert found.get(b, 0.0) == pytest.approx(overlap_score(province, initiative, b), abs=1e-12), (
                b,
                initiative,
            )


def test_rich_initiatives_rank_as_the_full_scan(province):
    for initiative in rich_initiatives(province, 20, seed=13):
        for top in (1, 10, 40):
            assert ranked_instances(province, initiative, top) == full_scan(province, initiative, top), initiative


def test_the_check_result_is_unchanged(province):
    initiative = next(initiatives(province, 1, seed=11))
    result = check_initiative(province, initiative)
    assert [o.b for o in result.instances] == [b for _, b in full_scan(province, initiative)]
    assert result.instances == [mandate_overlap(province, initiative, b) for _, b in full_scan(province, initiative)]
    assert check_index(province) is check_index(province)  # built once per projection
