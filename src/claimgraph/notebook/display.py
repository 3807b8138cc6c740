"""What a notebook shows: the offline network view and a finding's
explanation, each with an HTML form in which every piece of corpus text is
escaped."""

from __future__ import annotations

import dataclasses
import html
from pathlib import Path

from claimgraph.graph.records import ClaimRecord
from claimgraph.rules.findings import Finding

__all__ = ["STYLE", "NetworkView", "Explanation"]

STYLE = ("font-family:system-ui,sans-serif;font-size:13px;line-height:1.4;max-width:60em")


class NetworkView:
    """An interactive network page that Jupyter shows inline, offline.

    The page (``views.network_html``: vis-network inlined, every label
    escaped) is put into the ``srcdoc`` of a sandboxed ``<iframe>``, escaped
    once more as an attribute value. The sandbox allows scripts but not the
    notebook's origin, so nothing in the page can reach the notebook.

    Examples
    --------
    >>> view = NetworkView("<p>a & b</p>", title="<demo>")
    >>> print(view._repr_html_())  # doctest: +NORMALIZE_WHITESPACE
    <iframe srcdoc="&lt;p&gt;a &amp; b&lt;/p&gt;" sandbox="allow-scripts" title="&lt;demo&gt;"
    style="width:100%;height:800px;border:1px solid #ddd"></iframe>
    """

    def __init__(self, page: str, *, title: str = "claimgraph network", height: int = 800):
        self.page = page
        self.title = title
        self.height = int(height)

    def _repr_html_(self) -> str:
        return (f'<iframe srcdoc="{html.escape(self.page, quote=True)}" sandbox="allow-scripts" '
                f'title="{html.escape(self.title, quote=True)}" '
                f'style="width:100%;height:{self.height}px;border:1px solid #ddd"></iframe>')

    def save(self, path: str | Path) -> Path:
        """Write the standalone page (atomically) and return its path."""
        from claimgraph.corpus.reviews import atomic_write_text
        atomic_write_text(Path(path), self.page)
        return Path(path)

    def __repr__(self) -> str:
        return f"<NetworkView {self.title!r}: {len(self.page):,} characters of offline HTML>"


@dataclasses.dataclass
class Explanation:
    """One finding with everything needed to judge it: both sides' quotes in
    their article context, the speakers and their attribution chains, the
    rule that found it and its reasoning.

    ``str()`` gives the plain-text form (:func:`claimgraph.outputs.report.explain_text`);
    Jupyter shows the HTML form, where every piece of corpus text is escaped.
    """

    finding: Finding
    side_a: list[ClaimRecord]
    side_b: list[ClaimRecord]
    rules: list[tuple[str, str]]
    contexts: dict[str, tuple[str, str, str]]
    text: str

    @property
    def claims(self) -> list[ClaimRecord]:
        return self.side_a + self.side_b

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"<Explanation {self.finding.id}: {self.finding.kind}, {self.finding.status}>"

    def _repr_html_(self) -> str:
        e = html.escape
        f = self.finding
        status = f.status + (f" — {f.reason}" if f.reason else "")
        if f.reviewed_by and not f.hand_made:
            status += f" (reviewed by {f.reviewed_by}" + (f" on {f.reviewed_on})" if f.reviewed_on else ")")
        found = (f"recorded by hand by {f.reviewed_by or 'an analyst'}" if f.hand_made
                 else "; ".join(f"rule <code>{e(name)}</code>: {e(text)}" for name, text in self.rules))
        parts = [f'<div style="{STYLE}">',
                 f"<h4 style='margin:0.2em 0'><code>{e(f.id)}</code> · {e(f.kind)} ({e(f.severity)})</h4>",
                 f"<p><b>status:</b> {e(status)}<br><b>found by:</b> {found}</p>",
                 f"<p>{e(f.explanation)}</p>",
                 "<table style='border-collapse:collapse;width:100%'><tr>"]
        for label, side in (("A", self.side_a), ("B", self.side_b)):
            cells = []
            for record in side:
                before, quote, after = self.contexts.get(record.ref, ("", record.quote, ""))
                cells.append(
                    f"<div style='margin-bottom:0.8em'><b>{e(record.speaker)}</b> ({e(record.modality)}, "
                    f"{e(record.said)})<br><small>{e(record.chain)} · {e(record.article_title)} · "
                    f"<code>{e(record.ref)}</code> chars {record.start}–{record.end}</small><br>"
                    f"<i>{e(before)}</i><mark>{e(quote)}</mark><i>{e(after)}</i><br>"
                    f"<small>says: {e(record.summary())}</small></div>")
            parts.append(f"<td style='vertical-align:top;padding:0.4em;border:1px solid #ddd;width:50%'>"
                         f"<b>side {label}</b><br>{''.join(cells)}</td>")
        parts.append("</tr></table></div>")
        return "".join(parts)
