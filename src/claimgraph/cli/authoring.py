"""CLI commands for adding an article: ``add``, ``draft``, ``check``, ``review``
(registered on the main app by cli.py). The work is done by
:mod:`claimgraph.authoring`; this module prints and prompts."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    from rich.prompt import Prompt
    from rich.table import Table
    from rich.text import Text

    from claimgraph.cli.common import CorpusOption, OntologyOption, fail, user_errors, console, errors
    from claimgraph.corpus.load import load_corpus
    from claimgraph.resources import default_corpus_path, default_ontology_path
    from claimgraph.authoring.review import ReviewError, ReviewSession
    from claimgraph.authoring.add import add_article
    from claimgraph.authoring.check import check_corpus
    from claimgraph.authoring.draft import draft_article
    from claimgraph.extract.evaluate import evaluate

    @app.command("add")
    def add(article: Path = typer.Argument(..., help="The article text (UTF-8) to store."),
            publisher: str = typer.Option(..., "--publisher", help="Entity id of the outlet that published it."),
            author: List[str] = typer.Option([], "--author", help="Entity id of an author (repeatable)."),
            date: Optional[str] = typer.Option(None, "--date", help="Publication date printed in the article: YYYY[-MM[-DD]]."),
            date_inferred: Optional[str] = typer.Option(None, "--date-inferred",
                                                        help="Publication date worked out from the content."),
            date_evidence: Optional[str] = typer.Option(None, "--date-evidence", help="How the date was worked out."),
            article_id: Optional[str] = typer.Option(None, "--id", help="Article id (default: the file name's stem)."),
            corpus: Optional[Path] = CorpusOption) -> None:
        """Store an article byte-for-byte with its hash and start its annotation."""
        root = corpus or default_corpus_path()
        with user_errors():
            result = add_article(root, article, publisher=publisher, authors=author, date=date,
                                 date_inferred=date_inferred, date_evidence=date_evidence, article_id=article_id)
        stored = "stored" if result.stored_text else "already stored (same bytes)"
        console.print(f"{stored}: articles/{result.article_id}.txt  sha256 {result.sha256}", markup=False)
        made = "created" if result.created_annotation else "kept the existing"
        console.print(f"{made} annotations/{result.article_id}.yaml", markup=False)
        console.print(f"next: claimgraph draft {result.article_id}", markup=False)

    @app.command("draft")
    def draft(article_id: Optional[str] = typer.Argument(None, help="The article to draft."),
              run_evaluation: bool = typer.Option(False, "--evaluate",
                                                  help="Run on every article in memory and compare with the "
                                                       "hand-checked claims; writes nothing."),
              corpus: Optional[Path] = CorpusOption, ontology: Optional[Path] = OntologyOption) -> None:
        """Add candidate claims (status: draft) to an article's annotation; never overwrites checked items."""
        root = corpus or default_corpus_path()
        ontology_path = ontology or default_ontology_path()
        if run_evaluation:
            if article_id is not None:
                fail("error: --evaluate runs on every article; leave out ARTICLE_ID", 2)
            with user_errors():
                loaded = load_corpus(root, ontology_path)
                result = evaluate(loaded)
            table = Table(title=f"draft extractor against the hand-checked claims of {result.articles} articles",
                          header_style="bold")
            for column in ("kind", "checked", "found", "recall", "candidates", "correct", "precision", "value agrees"):
                table.add_column(column, justify="left" if column in ("kind", "value agrees") else "right")
            for row in result.rows:
                table.add_row(row.kind, str(row.gold), str(row.found), f"{row.recall:.1%}", str(row.candidates),
                              str(row.correct), f"{row.precision:.1%}",
                              f"{row.agree}/{row.found} ({row.agreement:.0%}) {row.agree_what}")
            console.print(table)
            console.print("A checked claim is found when a candidate of its kind shares at least half of the "
                          "shorter of the two quote spans; a candidate is correct when it matches a checked claim "
                          "of its kind. See docs/draft-quality.md.", markup=False)
            return
        if article_id is None:
            fail("error: give ARTICLE_ID (or --evaluate)", 2)
        with user_errors():
            result = draft_article(root, article_id, ontology_path)
        if result.added:
            console.print(f"added {len(result.added)} draft claim(s) {result.added[0]}–{result.added[-1]} "
                          f"to annotations/{article_id}.yaml", markup=False)
        else:
            console.print(f"nothing new: annotations/{article_id}.yaml is unchanged", markup=False)
        if result.skipped:
            console.print(f"{result.skipped} candidate(s) skipped: existing items already cover them", markup=False)
        if result.proposals:
            console.print("proposed new entities (see proposed_entities: in the file; add them to "
                          f"entities/*.yaml): {', '.join(result.proposals)}", markup=False)
        console.print(f"next: claimgraph check {article_id}; claimgraph review {article_id} --by NAME", markup=False)

    @app.command("check")
    def check(article_id: Optional[str] = typer.Argument(None, help="Only this article (default: all)."),
              corpus: Optional[Path] = CorpusOption, ontology: Optional[Path] = OntologyOption) -> None:
        """List what is left to do: drafts, bad quotes, unknown entities, uncovered figures and dates."""
        with user_errors():
            found = check_corpus(corpus or default_corpus_path(), ontology or default_ontology_path(), article_id)
        for item in found:
            console.print(str(item), markup=False, soft_wrap=True)
        failures = sum(item.severity == "error" for item in found)
        warnings = len(found) - failures
        if not found:
            errors.print("ok: nothing left to check", markup=False)
            return
        errors.print(f"{failures} error(s), {warnings} warning(s)", markup=False)
        if failures:
            raise typer.Exit(1)

    @app.command("review")
    def review(article_id: str = typer.Argument(..., help="The article whose drafts to review."),
               by: str = typer.Option(..., "--by", help="Who reviews (recorded with each decision)."),
               corpus: Optional[Path] = CorpusOption, ontology: Optional[Path] = OntologyOption) -> None:
        """Step through draft claims: accept, edit a field, reject with a reason, exclude, skip or quit.

        Every decision is saved at once, so an interrupted review loses nothing."""
        with user_errors():
            session = ReviewSession(corpus or default_corpus_path(), article_id, ontology or default_ontology_path())
        pending = session.drafts()
        if not pending:
            console.print(f"no draft claims in annotations/{article_id}.yaml", markup=False)
            return
        decided = 0
        try:
            for number, claim_id in enumerate(pending, 1):
                while True:
                    _show(session, claim_id, number, len(pending))
                    action = Prompt.ask(Text("[a]ccept, [e]dit, [r]eject, e[x]clude, [s]kip, [q]uit"), console=console,
                                        choices=["a", "e", "r", "x", "s", "q"], default="a", show_choices=False)
                    try:
                        if action == "a":
                            session.accept(claim_id, by)
                            console.print(f"{claim_id}: checked by {by}", markup=False)
                            decided += 1
                            break
                        if action == "e":
                            path = Prompt.ask(Text("field (e.g. speaker, modality, proposition.subject, "
                                                   "proposition.quantity.amount)"), console=console)
                            value = Prompt.ask(Text("new value (YAML; empty removes the field)"), console=console,
                                               default="", show_default=False)
                            problems = session.edit(claim_id, path, value)
                            if problems:
                                console.print("not saved yet — the claim does not validate:", markup=False)
                                for problem in problems:
                                    console.print(f"  {problem}", markup=False)
                            else:
                                console.print(f"{claim_id}: {path} saved", markup=False)
                                decided += 1
                            continue
                        if action == "r":
                            reason = Prompt.ask(Text("reason"), console=console)
                            excluded = session.reject(claim_id, reason, by)
                            console.print(f"{claim_id}: rejected", markup=False)
                            for mention in excluded:
                                console.print(f"  excluded {mention.text!r} with the same reason", markup=False)
                            decided += 1
                            break
                        if action == "x":
                            reason = Prompt.ask(Text("reason the figure or date carries no claim"), console=console)
                            excluded = session.exclude(claim_id, reason, by)
                            console.print(f"{claim_id}: replaced by exclusion of "
                                          f"{', '.join(repr(m.text) for m in excluded)}", markup=False)
                            decided += 1
                            break
                        if action == "s":
                            break
                        console.print(f"stopped; {decided} decision(s) saved", markup=False)
                        return
                    except ReviewError as exc:
                        console.print(f"error: {exc}", markup=False)
        except (KeyboardInterrupt, EOFError):
            errors.print(f"\ninterrupted; {decided} decision(s) saved in annotations/{article_id}.yaml", markup=False)
            raise typer.Exit(130)
        left = len(session.drafts())
        console.print(f"done: {decided} decision(s) saved; {left} draft(s) left", markup=False)

    def _show(session: ReviewSession, claim_id: str, number: int, total: int) -> None:
        claim = session.claim(claim_id)
        before, quote, after = session.context(claim_id)
        proposition = claim.get("proposition", {})
        console.rule(f"{number}/{total}  {claim_id}", style="dim")
        console.print(f"…{before[-140:]}[[{quote}]]{after[:80]}…".replace("\n", " "), markup=False, soft_wrap=True)
        console.print(f"speaker: {claim.get('speaker')}  via: {claim.get('via') or []}  "
                      f"said_on: {claim.get('said_on', '-')}  modality: {claim.get('modality')}"
                      + (f"  hedge: {claim['hedge']}" if claim.get("hedge") else ""), markup=False)
        value = {k: v for k, v in proposition.items() if k not in ("subject", "predicate")}
        console.print(f"proposition: {proposition.get('subject')} / {proposition.get('predicate')} {value}", markup=False)
        if claim.get("note"):
            console.print(f"note: {claim['note']}", markup=False, soft_wrap=True)
