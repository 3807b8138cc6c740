"""`claimgraph check` warns when a new article declares an entity the registry already has."""

from __future__ import annotations

import shutil
from pathlib import Path

from claimgraph.authoring.add import add_article
from claimgraph.authoring.check import check_corpus
from claimgraph.authoring.lookalikes import lookalikes
from claimgraph.corpus.models import Entity
from claimgraph.resources import default_ontology_path

DEMO = Path(__file__).parents[1] / "data" / "demo"


def _registry(*entities: Entity) -> dict[str, Entity]:
    return {entity.id: entity for entity in entities}


def test_a_shared_alias_or_a_near_label_is_a_lookalike():
    registry = _registry(
        Entity(id="us-military-presence-in-iraq", type="topic", label="US military presence in Iraq",
               aliases=["U.S. forces in Iraq"]),
        Entity(id="us-forces-iraq", type="topic", label="US forces in Iraq"),
        Entity(id="iraqi-parliamant", type="government-body", label="Iraqi Parliamant"),
        Entity(id="iraqi-parliament", type="government-body", label="Iraqi parliament"),
    )
    found = lookalikes(["us-forces-iraq", "iraqi-parliamant"], registry)
    assert [(f.declared, f.existing) for f in found] == [("us-forces-iraq", "us-military-presence-in-iraq"),
                                                         ("iraqi-parliamant", "iraqi-parliament")]
    assert "us forces in iraq" in found[0].why


def test_linked_or_different_entities_are_not_lookalikes():
    registry = _registry(
        Entity(id="foreign-forces", type="topic", label="Foreign forces in Iraq", aliases=["the forces"]),
        Entity(id="us-forces", type="topic", label="US forces in Iraq", aliases=["the forces"],
               broader=["foreign-forces"]),
        Entity(id="iraqi-army", type="organization", label="Iraqi Army"),
        Entity(id="iraqi-navy", type="organization", label="Iraqi Navy"),
    )
    assert lookalikes(["us-forces", "iraqi-navy"], registry) == []


def test_two_unnamed_sources_of_the_same_name_are_two_sources():
    registry = _registry(
        Entity(id="us-officials-2020", type="anonymous", label="U.S. officials", aliases=["American officials"],
               affiliation="united-states"),
        Entity(id="american-officials", type="anonymous", label="American officials", affiliation="united-states"),
        Entity(id="us-officials-group", type="organization", label="American officials"),
    )
    found = lookalikes(["us-officials-2020"], registry)
    assert [(f.declared, f.existing) for f in found] == [("us-officials-2020", "us-officials-group")]


def test_check_warns_with_file_line_and_the_registry_id(tmp_path: Path):
    corpus = tmp_path / "corpus"
    for folder in ("articles", "annotations", "entities"):
        (corpus / folder).mkdir(parents=True)
    shutil.copy(DEMO / "entities.yaml", corpus / "entities" / "demo.yaml")
    add_article(corpus, DEMO / "northport-strike.txt", publisher="harbour-gazette", authors=["maria-keller"],
                date="2025-03-13")
    (corpus / "entities" / "northport-strike.yaml").write_text(
        "- id: keller-maria\n  type: person\n  label: Maria Keller\n", encoding="utf-8")
    warnings = [str(p) for p in check_corpus(corpus, default_ontology_path(), "northport-strike")
                if p.severity == "warning" and "looks like" in str(p)]
    assert warnings == [warnings[0]] and warnings[0].startswith("corpus/entities/northport-strike.yaml:1: [0].id: warning: ")
    assert "'keller-maria' looks like 'maria-keller'" in warnings[0]
