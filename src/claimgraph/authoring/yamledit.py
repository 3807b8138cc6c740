"""Editing annotation YAML as text.

Hand-written annotation files keep every byte a person wrote: new items
are inserted as text and a changed item replaces only its own lines.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import yaml
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from claimgraph.corpus.reviews import round_trip_yaml

__all__ = ["dump_yaml", "yaml_quoted", "YAML_LOADER", "insert_items", "item_text", "replace_item"]


def dump_yaml(data: Any) -> str:
    buffer = io.StringIO()
    round_trip_yaml().dump(data, buffer)
    return buffer.getvalue()


def yaml_quoted(value: Any) -> Any:
    """Dates and times as double-quoted strings (``"2011-10"``), as the hand-written files have them."""
    if isinstance(value, dict):
        period = CommentedMap()
        for key, item in value.items():
            period[key] = yaml_quoted(item)
        period.fa.set_flow_style()
        return period
    return DoubleQuotedScalarString(str(value))


# ------------------------------------------------------- editing YAML text
# Hand-written annotation files keep every byte a person wrote: new items
# are inserted as text and a changed item replaces only its own lines. A
# whole-file round trip would keep comments and order but rewrite escapes
# such as "\u00a0" and quoting a person chose.

YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class _Sequence:
    key_line: int | None                 # 0-based line of "key:", None when the key is missing
    items: list[tuple[int, int]]         # 0-based [first, last+1) lines of each item
    flow: bool                           # written as [...] on one line
    empty_span: tuple[int, int, int] | None   # (line, start column, end column) of an empty "[]"
    dash: int                            # column of the items' "-"


def _last_mark(node: Any) -> Any:
    """Where a node's own text ends (a block collection's end mark is the next item's start)."""
    if isinstance(node, yaml.MappingNode) and node.value and not node.flow_style:
        return _last_mark(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
        return _last_mark(node.value[-1])
    return node.end_mark


def _item_end(lines: list[str], node: Any) -> int:
    mark = _last_mark(node)
    return mark.line + 1 if mark.column > 0 else mark.line


def _sequence(text: str, key: str) -> _Sequence:
    lines = text.splitlines()
    root = yaml.compose(text, Loader=YAML_LOADER)
    if not isinstance(root, yaml.MappingNode):
        raise ValueError("an annotation file must be a mapping")
    for key_node, value in root.value:
        if key_node.value != key:
            continue
        line = key_node.start_mark.line
        if isinstance(value, yaml.ScalarNode) and value.value in ("", "~", "null"):
            return _Sequence(line, [], False, None, key_node.start_mark.column + 2)
        if not isinstance(value, yaml.SequenceNode):
            raise ValueError(f"'{key}' must be a list")
        if value.flow_style:
            empty = (value.start_mark.line, value.start_mark.column, value.end_mark.column) if not value.value else None
            return _Sequence(line, [], True, empty, key_node.start_mark.column + 2)
        items = []
        for item in value.value:
            first = item.start_mark.line
            items.append((first, _item_end(lines, item)))
        dash = lines[items[0][0]].index("-") if items else key_node.start_mark.column + 2
        return _Sequence(line, items, False, None, dash)
    return _Sequence(None, [], False, None, 2)


def _shift(block: str, dash: int) -> list[str]:
    """Re-indent dumped sequence lines so their "-" stands at column ``dash``."""
    lines = block.splitlines()
    first = next((line for line in lines if line.lstrip().startswith("- ")), None)
    current = len(first) - len(first.lstrip()) if first else 0
    delta = dash - current
    out = []
    for line in lines:
        if not line.strip():
            out.append(line)
        elif delta >= 0:
            out.append(" " * delta + line)
        else:
            out.append(line[min(-delta, len(line) - len(line.lstrip())):])
    return out


def _dump_items(items: list[Any], dash: int) -> list[str]:
    sequence = CommentedSeq(items)
    return _shift(dump_yaml(sequence), dash)


def insert_items(text: str, key: str, items: list[Any]) -> str:
    """Add items at the end of the top-level list ``key``, leaving every other byte as it was."""
    if not items:
        return text
    layout = _sequence(text, key)
    lines = text.splitlines()
    ending = "\n" if text.endswith("\n") or not text else ""
    if layout.key_line is None:
        lines += [f"{key}:"] + _dump_items(items, 2)
        return "\n".join(lines) + "\n"
    if layout.flow and layout.empty_span is None:
        raise ValueError(f"'{key}' is written as a one-line list; write it as a block list to add items")
    if layout.empty_span is not None:
        line, start, end = layout.empty_span
        lines[line] = (lines[line][:start].rstrip() + " " + lines[line][end:].strip()).rstrip()
    at = layout.items[-1][1] if layout.items else layout.key_line + 1
    lines[at:at] = _dump_items(items, layout.dash)
    return "\n".join(lines) + (ending or "\n")


def item_text(text: str, key: str, index: int) -> tuple[int, int, CommentedMap]:
    """Lines of item ``index`` of the list ``key`` and the item itself, with its comments."""
    layout = _sequence(text, key)
    first, last = layout.items[index]
    lines = text.splitlines()[first:last]
    width = min(len(line) - len(line.lstrip()) for line in lines if line.strip())
    snippet = "\n".join(line[width:] for line in lines) + "\n"
    return first, last, round_trip_yaml().load(snippet)[0]


def replace_item(text: str, key: str, index: int, item: CommentedMap | None) -> str:
    """Put ``item`` (or nothing) in place of item ``index`` of the list ``key``."""
    layout = _sequence(text, key)
    first, last = layout.items[index]
    lines = text.splitlines()
    lines[first:last] = _dump_items([item], layout.dash) if item is not None else []
    if item is None and len(layout.items) == 1:
        lines[layout.key_line] = lines[layout.key_line].rstrip() + " []"
    return "\n".join(lines) + "\n"
