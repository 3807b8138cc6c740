"""Entities a new article declares that the registry already has under another id.

Claims meet the corpus only through shared entity ids (and the hierarchy
between them). An annotator who writes ``american-troops-in-iraq`` where the
registry has ``us-military-presence-in-iraq`` (alias "American troops in
Iraq") cuts the article off from every finding it would share. ``claimgraph
check`` warns about such look-alikes so they are reused or linked.

A declared entity looks like a registry entity when one of its names (label
or alias) equals one of the other's after folding case, punctuation and
"U.S."/"US", or when the two labels score at least :data:`LOOKALIKE_SCORE`
on rapidfuzz's token-sort ratio. Entities already linked through the
hierarchy (``broader``, ``part_of``) are not look-alikes: the link says how
they relate. Nor are two anonymous sources ("U.S. officials" in one article
and in another): unnamed people quoted by two outlets are two sources unless
the annotator knows otherwise, and merging them would make the two outlets
look like one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from rapidfuzz import fuzz, utils

from claimgraph.corpus.models import Entity, entity_wholes

__all__ = ["LOOKALIKE_SCORE", "Lookalike", "lookalikes"]

#: Token-sort ratio (0-100) of two labels from which they name the same thing.
LOOKALIKE_SCORE = 90


class Lookalike(NamedTuple):
    """A declared entity, the registry entity it looks like, and why."""

    declared: str
    existing: str
    why: str


def _names(entity: Entity) -> set[str]:
    return {utils.default_process(name.replace("U.S.", "US")) for name in (entity.label, *entity.aliases)} - {""}


def lookalikes(declared: Iterable[str], entities: dict[str, Entity]) -> list[Lookalike]:
    """Which of the ``declared`` ids look like another entity of ``entities``.

    Parameters
    ----------
    declared : iterable of str
        Ids the article's own registry file declares.
    entities : dict of str to Entity
        The whole registry, the declared entities included.

    Returns
    -------
    list of Lookalike
        One per declared entity and look-alike, in declared then registry order.

    Examples
    --------
    >>> new = Entity(id="american-troops-in-iraq", type="topic", label="American troops in Iraq")
    >>> old = Entity(id="us-military-presence-in-iraq", type="topic", label="US military presence in Iraq",
    ...              aliases=["American troops in Iraq"])
    >>> lookalikes(["american-troops-in-iraq"], {e.id: e for e in (new, old)})
    [Lookalike(declared='american-troops-in-iraq', existing='us-military-presence-in-iraq', why="both are named 'american troops in iraq'")]
    """
    declared = [entity_id for entity_id in declared if entity_id in entities]
    own = set(declared)
    others = [entities[entity_id] for entity_id in sorted(entities) if entity_id not in own]
    found: list[Lookalike] = []
    for entity_id in declared:
        entity = entities[entity_id]
        names = _names(entity)
        wholes = entity_wholes(entities, entity_id)
        label = utils.default_process(entity.label)
        for other in others:
            if other.id in wholes or entity_id in entity_wholes(entities, other.id):
                continue
            if entity.type == other.type == "anonymous":
                continue
            shared = sorted(names & _names(other))
            if shared:
                found.append(Lookalike(entity_id, other.id, f"both are named {shared[0]!r}"))
            elif entity.type == other.type and fuzz.token_sort_ratio(label, utils.default_process(other.label)) \
                    >= LOOKALIKE_SCORE:
                found.append(Lookalike(entity_id, other.id, f"labelled {entity.label!r} and {other.label!r}"))
    return found
