"""Promise 15: ``contradictions.md`` carries corpus text inert: a Markdown
viewer that renders inline HTML runs no payload from the corpus."""

from __future__ import annotations

from html.parser import HTMLParser

from markdown_it import MarkdownIt

from claimgraph.outputs.report import contradictions_markdown, coverage_markdown

ALLOWED = {"h1", "h2", "h3", "p", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "code", "strong", "em"}


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += attrs


def _rendered(markdown: str) -> _Tags:
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)  # inline HTML on
    parser = _Tags()
    parser.feed(html)
    return parser


def test_contradictions_markdown_runs_no_payload(xss_result):
    markdown = contradictions_markdown(xss_result.findings, xss_result.records)
    assert "onerror" in markdown  # the payloads are there, as text
    rendered = _rendered(markdown)
    assert set(rendered.tags) <= ALLOWED, set(rendered.tags) - ALLOWED
    assert not rendered.attributes, rendered.attributes
    assert "<script>" not in markdown and "<img" not in markdown


def test_coverage_markdown_runs_no_payload(xss_result):
    rendered = _rendered(coverage_markdown(xss_result.corpus))
    assert set(rendered.tags) <= ALLOWED


def test_a_markdown_link_in_a_quote_is_not_a_link():
    from claimgraph.outputs.report import md

    rendered = _rendered(md("see [here](javascript:alert(1)) and ![x](http://a/x.png) and <b>bold</b>"))
    assert set(rendered.tags) <= {"p"}
