"""Article pages by keyboard, and every page on a 400 px phone, in real headless Chromium.

Uses the browser and the built site of ``test_browser.py``. With
``$CLAIMGRAPH_SCREENSHOTS`` set (``make screenshots``) the pages are kept as
PNGs at 1400 and 400 px.
"""

from __future__ import annotations

import pytest
from screenshots import save_screenshot
from test_browser import Watch, browser, site  # noqa: F401  (fixtures)

WIDTHS = (1400, 400)


def _load(browser, path, width: int, suffix: str = ""):
    page = browser.new_page(viewport={"width": width, "height": 900})
    watch = Watch(page)
    page.goto(path.as_uri() + suffix)
    page.wait_for_load_state("load")
    if page.evaluate("() => !!document.getElementById('network')"):
        page.wait_for_function("() => document.body.dataset.networkReady === 'true'", timeout=15000)
    return page, watch


def _shown_cards(page) -> list[str]:
    return page.eval_on_selector_all(".card:not([hidden])", "cards => cards.map(c => c.dataset.claim)")


def _busiest(result):
    return max(result.corpus.articles, key=lambda a: sum(r.article == a.id for r in result.records.values()))


@pytest.mark.corpus
def test_every_page_fits_a_phone_and_the_screen(browser, site):
    """No page is wider than the window at 400 px (nor at 1400 px); screenshots of both."""
    result, folder = site
    article = _busiest(result)
    pages = {"index": "index.html", "contradictions": "contradictions.html", "graph": "graph.html",
             "timeline": "timeline.html"}
    pages |= {f"article-{a.id}": f"articles/{a.id}.html" for a in result.corpus.articles}
    wider = []
    for width in WIDTHS:
        for name, path in pages.items():
            page, watch = _load(browser, folder / path, width)
            scroll = page.evaluate("() => document.documentElement.scrollWidth")
            if scroll > width:
                wider.append(f"{path} at {width} px: {scroll} px wide")
            if name in ("index", "contradictions", f"article-{article.id}"):
                save_screenshot(page, f"{name.split('-')[0]}-{width}")
            watch.check(path)
            page.close()
    assert not wider, wider


@pytest.mark.corpus
def test_article_passages_by_keyboard_with_colours_and_links(browser, site):
    result, folder = site
    article = _busiest(result)
    page, watch = _load(browser, folder / "articles" / f"{article.id}.html", 1400)
    # Tab from the top of the page reaches the first passage, which shows a focus ring.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('seg')"):
            break
    else:
        pytest.fail("Tab never reached a passage of the article")
    focused = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return [s.outlineStyle, parseFloat(s.outlineWidth), document.activeElement.dataset.claims]; }""")
    assert focused[0] != "none" and focused[1] >= 2
    page.keyboard.press("Enter")
    assert sorted(_shown_cards(page)) == sorted(focused[2].split())
    # Space on the next passage shows that passage's claims.
    page.keyboard.press("Tab")
    while not page.evaluate("() => document.activeElement.classList.contains('seg')"):
        page.keyboard.press("Tab")
    following = page.evaluate("() => document.activeElement.dataset.claims")
    page.keyboard.press(" ")
    assert sorted(_shown_cards(page)) == sorted(following.split())
    assert page.evaluate("() => document.activeElement.getAttribute('aria-pressed')") == "true"
    # Every passage is described by cards that exist.
    missing = page.evaluate("""() => [...document.querySelectorAll('.seg')].flatMap(s =>
        s.getAttribute('aria-describedby').split(' ')).filter(id => !document.getElementById(id))""")
    assert missing == []
    # Four kinds of passage, four colours.
    colours = page.evaluate("""() => Object.fromEntries(['hard', 'tension', 'corroborated', 'plain'].map(t =>
        [t, getComputedStyle(document.querySelector('#article-text .seg.' + t + ':not(.active)')).backgroundColor]))""")
    assert len(set(colours.values())) == 4, colours
    # A hard passage leads to its finding in the contradictions table.
    hard = page.locator("#article-text .seg.hard").first
    hard.focus()
    page.keyboard.press("Enter")
    link = page.locator(".card:not([hidden]) a.finding-link").first
    finding = link.get_attribute("href").split("#", 1)[1]
    assert any(f.id == finding and f.severity == "hard" for f in result.findings.contradictions
               + result.findings.hand_made)
    watch.check("article")
    link.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(f"contradictions.html#{finding}")
    assert page.evaluate("(id) => document.getElementById(id).matches(':target')", finding)
    page.close()
