"""Rule files: reading a rules folder into :class:`Rule` objects, and the
rules that run before and beside the contradiction rules.

A rules folder holds three kinds of files (OBO ODK naming):

* ``construct-*.rq`` derive helper triples (scope overlap, who acts for whom)
  into the derived graph before any rule runs;
* ``*-violation.rq`` are checks: a SELECT projecting ``?message`` (and
  usually the offending node); any row fails the build;
* every other ``*.rq`` is a SELECT rule projecting ``?a`` and ``?b`` (the
  claims joined) and optionally ``?kind``, ``?severity`` and any variable its
  explanation template uses. Its header comments give ``kind:``,
  ``severity:``, ``relation:`` (contradiction, corroboration or
  supersession) and ``explain:``, a template over ``{a.speaker}``,
  ``{b.value}``, ``{subject}``, ``{property}`` and the projected variables.

Adding a file to the folder adds a rule; no Python changes. What Python does:
interval bounds (in the build), the explanation text, source independence
from attribution chains, stable ids, and applying the hand-edited reviews.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import pyoxigraph as ox

from claimgraph.namespaces import graph_iri, local_name
from claimgraph.resources import rules_dir

__all__ = ["RELATIONS", "Rule", "RuleError", "load_rules", "query_rule", "derive", "violations"]

RELATIONS = ("contradiction", "corroboration", "supersession")
_HEADER = re.compile(r"^#\s*(kind|severity|relation|explain)\s*:\s*(.*)$")


class RuleError(Exception):
    """A rule file that cannot be read or run."""


@dataclass(frozen=True)
class Rule:
    """One rule file and the metadata in its header."""

    name: str
    path: Path
    text: str
    description: str
    kind: str | None = None
    severity: str | None = None
    relation: str = "contradiction"
    explain: str = "{a.speaker} and {b.speaker} disagree about {subject}."

    @property
    def is_construct(self) -> bool:
        return self.name.startswith("construct-")

    @property
    def is_violation(self) -> bool:
        return self.name.endswith("-violation")


def _parse_rule(path: Path) -> Rule:
    text = path.read_text(encoding="utf-8")
    meta: dict[str, str] = {}
    description: list[str] = []
    in_plan = False  # "# Plan:" notes say how the query is written, not what it asks
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if match:
            meta[match.group(1)] = match.group(2).strip()
            in_plan = False
        elif line.lstrip("# ").startswith("Plan:") or in_plan:
            in_plan = True
        else:
            description.append(line.lstrip("# ").rstrip())
    relation = meta.get("relation", "contradiction")
    if relation not in RELATIONS:
        raise RuleError(f"{path}: relation must be one of {', '.join(RELATIONS)}, not {relation!r}")
    kind = meta.get("kind")
    if kind and " " in kind:  # "from the axiom": the rule projects ?kind
        kind = None
    rule = Rule(path.stem, path, text, " ".join(description).strip(), kind, meta.get("severity"),
                relation, meta.get("explain", Rule.explain))
    try:
        list(string.Formatter().parse(rule.explain))
    except ValueError as exc:
        raise RuleError(f"{path}: bad explain template: {exc}") from None
    return rule


def load_rules(*folders: Path) -> list[Rule]:
    """Rules from the shipped folder (default) or the given folders, by name.

    Examples
    --------
    >>> names = [rule.name for rule in load_rules()]
    >>> "numeric-conflict" in names and "construct-scope-overlap" in names
    True

    A folder that does not exist, or holds no rule (``*.rq``), is a
    :class:`RuleError`: a build without its rules would report "0
    contradictions" and be believed.
    """
    rules: dict[str, Rule] = {}
    for folder in folders or (rules_dir(),):
        folder = Path(folder)
        if not folder.is_dir():
            raise RuleError(f"{folder}: no such rules folder" if not folder.exists() else f"{folder}: not a folder")
        found = sorted(folder.glob("*.rq"))
        if not found:
            raise RuleError(f"{folder}: holds no rule (*.rq file)")
        for path in found:
            rules[path.stem] = _parse_rule(path)
    return [rules[name] for name in sorted(rules)]


def query_rule(store: ox.Store, rule: Rule):
    """Run a rule over the union of the graphs; a failure names the rule file."""
    try:
        return store.query(rule.text, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise RuleError(f"{rule.path}: SPARQL syntax error: {exc}") from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise RuleError(f"{rule.path}: {exc}") from None


def derive(store: ox.Store, rules: Sequence[Rule]) -> list[ox.Quad]:
    """Run the ``construct-*`` rules and add their triples to the derived graph."""
    graph = ox.NamedNode(graph_iri("derived"))
    quads: list[ox.Quad] = []
    for rule in rules:
        if not rule.is_construct:
            continue
        quads += [ox.Quad(t.subject, t.predicate, t.object, graph) for t in query_rule(store, rule)]
    store.extend(quads)
    return quads


def violations(store: ox.Store, rules: Sequence[Rule]) -> list[str]:
    """Run the ``*-violation`` rules; one line per row, naming the rule.

    Examples
    --------
    >>> from claimgraph.resources import rules_dir
    >>> violations(ox.Store(), load_rules(rules_dir()))
    []
    """
    lines = []
    for rule in rules:
        if not rule.is_violation:
            continue
        for row in query_rule(store, rule):
            values = [term.value for term in row if term is not None]
            lines.append(f"{rule.name}: {' '.join(local_name(v) for v in values)}")
    return sorted(lines)
