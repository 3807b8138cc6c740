"""CLI commands for adding an article: ``add``, ``draft``, ``check``, ``review``
(registered on the main app by cli.py). The work is done by
:mod:`claimgraph.authoring`; this module prints and prompts."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, List, Optional

import typer


@contextmanager
def authoring_errors(command: str) -> Iterator[None]:
    """A user's mistake as ``file:line: field: message`` lines (:func:`user_errors`),
    and anything else as one line naming the command, never a traceback."""
    from claimgraph.authoring.review import ReviewError
    from claimgraph.cli.common import fail, user_errors
    try:
        with user_errors():
            yield
    except (typer.Exit, KeyboardInterrupt, EOFError):
        raise
    except ReviewError as exc:
        fail(f"error: {exc}")
    except Exception as exc:  # noqa: BLE001 - the promise is: one line, never a traceback
        detail = " ".join(str(exc).split()) or type(exc).__name__
        fail(f"error: claimgraph {command}: {type(exc).__name__}: {detail} (nothing more was written; "
             "please report this with the article)")


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    from rich.prompt import Prompt
    from rich.table import Table
    from rich.text import Text

    from claimgraph.cli.common import CorpusOption, OntologyOption, fail, console, errors
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
        with authoring_errors("add"):
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
              leave_one_out: bool = typer.Option(False, "--leave-one-out",
                                                 help="With --evaluate: also draft each article with the registry "
                                                      "of the other articles only (the figure for a new article)."),
              corpus: Optional[Path] = CorpusOption, ontology: Optional[Path] = OntologyOption) -> None:
        """Add candidate claims (status: draft) to an article's annotation; never overwrites checked items."""
        root = corpus or default_corpus_path()
        ontology_path = ontology or default_ontology_path()
        if leave_one_out and not run_evaluation:
            fail("error: --leave-one-out goes with --evaluate", 2)
        if run_evaluation:
            if article_id is not None:
                fail("error: --evaluate runs on every article; leave out ARTICLE_ID", 2)
            with authoring_errors("draft --evaluate"):
                loaded = load_corpus(root, ontology_path)
                results = [("in-sample: the registry holds every article's entities", evaluate(loaded))]
                if leave_one_out:
                    results.append(("leave-one-out: each article drafted with the registry of the other articles",
                                    evaluate(loaded, leave_one_out=True)))
            for title, result in results:
                table = Table(title=f"draft extractor against the hand-checked claims of {result.articles} articles — "
                                    f"{title}", header_style="bold")
                for column in ("kind", "checked", "found", "recall", "candidates", "correct", "precision",
                               "value agrees"):
                    table.add_column(column, justify="left" if column in ("kind", "value agrees") else "right")
                for row in result.rows:
                    table.add_row(row.kind, str(row.gold), str(row.found), f"{row.recall:.1%}", str(row.candidates),
                                  str(row.correct), f"{row.precision:.1%}",
                                  f"{row.agree}/{row.found} ({row.agreement:.0%}) {row.agree_what}")
                console.print(table)
                props = result.propositions
                table = Table(title=f"drafted propositions of the {props.found} found checked claims — {title}",
                              header_style="bold")
                for column in ("found", "same predicate", "same subject", "same object/category/value",
                               "all three", "left to the reviewer"):
                    table.add_column(column, justify="right")
                table.add_row(str(props.found), *(f"{getattr(props, part)} ({props.rate(part):.0%})" for part in
                                                  ("predicate", "subject", "value", "whole", "placeholders")))
                console.print(table)
            console.print("A checked claim is found when a candidate of its kind shares at least half of the "
                          "shorter of the two quote spans; a candidate is correct when it matches a checked claim "
                          "of its kind; its proposition is scored on the matching candidate that agrees on most parts. "
                          "See docs/draft-quality.md.", markup=False)
            return
        if article_id is None:
            fail("error: give ARTICLE_ID (or --evaluate)", 2)
        with authoring_errors(f"draft {article_id}"):
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
        with authoring_errors("check"):
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

    @app.command("align")
    def align(article_id: str = typer.Argument(..., help="The article whose claims to align with the graph."),
              top: int = typer.Option(3, "--top", min=1, help="Proposals per claim."),
              corpus: Optional[Path] = CorpusOption, ontology: Optional[Path] = OntologyOption) -> None:
        """Rank, for each claim of an article, the existing propositions it likely restates, contradicts or
        updates (same subject or object through the entity hierarchy, same predicate family, similar quote)."""
        from claimgraph.authoring.align import align_article
        with authoring_errors(f"align {article_id}"):
            rows = align_article(corpus or default_corpus_path(), ontology or default_ontology_path(), article_id,
                                 top=top)
        proposed = 0
        for row in rows:
            console.print(f"{article_id}.{row.claim_id}: “{row.quote[:100]}”", markup=False, soft_wrap=True)
            if not row.matches:
                console.print("  (nothing in the graph looks related)", markup=False)
            for index, match in enumerate(row.matches, 1):
                console.print(f"  {index}. {match.describe()}", markup=False, soft_wrap=True)
            proposed += bool(row.matches)
        console.print(f"{proposed} of {len(rows)} claim(s) have proposals; take one in claimgraph review "
                      f"{article_id} --by NAME (keys 1-{top})", markup=False)

    @app.command("near-misses")
    def near_misses_command(corpus: Optional[Path] = CorpusOption, ontology: Optional[Path] = OntologyOption,
                            limit: int = typer.Option(0, "--limit", min=0, help="Show at most this many (0: all)."),
                            include_drafts: bool = typer.Option(False, "--include-drafts",
                                                                help="Let draft claims in (as the build would)."),
                            unrelated: List[str] = typer.Option([], "--unrelated",
                                                                help="Record a pair as unrelated: give it twice, "
                                                                     "--unrelated A --unrelated B (claim refs)."),
                            reason: Optional[str] = typer.Option(None, "--reason", help="Why the pair is unrelated."),
                            by: Optional[str] = typer.Option(None, "--by", help="Who decided.")) -> None:
        """List pairs of claims from different articles that share a subject and an object, or have very
        similar quotes, but that no rule finding joins: a worklist for aligning propositions. With
        --unrelated A --unrelated B --reason ... --by NAME, record a pair as unrelated (not listed again)."""
        from claimgraph.cli.common import build_result
        from claimgraph.rules.near_misses import UNRELATED_FILE, record_unrelated
        root = corpus or default_corpus_path()
        if unrelated:
            if len(unrelated) != 2 or not (reason or "").strip() or not by:
                fail("error: --unrelated: give two claim refs (--unrelated A --unrelated B), --reason and --by", 2)
            with authoring_errors("near-misses --unrelated"):
                record_unrelated(root, unrelated[0], unrelated[1], reason or "", by or "")
            console.print(f"recorded in {UNRELATED_FILE}: {unrelated[0]} and {unrelated[1]} are unrelated", markup=False)
            return
        with authoring_errors("near-misses"):
            result = build_result(corpus, ontology, None, include_drafts=include_drafts, validate=False)
            misses = result.near_misses
        for miss in misses[:limit or None]:
            console.print(f"{miss.a}  {miss.b}  {miss.reason}", markup=False, soft_wrap=True)
            console.print(f"    “{miss.quote_a}” ({miss.proposition_a})", markup=False, soft_wrap=True)
            console.print(f"    “{miss.quote_b}” ({miss.proposition_b})", markup=False, soft_wrap=True)
        errors.print(f"{len(misses)} pair(s) possibly related, not compared; align them (claimgraph align ARTICLE) "
                     "or leave them as unrelated", markup=False)

    @app.command("review")
    def review(article_id: str = typer.Argument(..., help="The article whose drafts to review."),
               by: str = typer.Option(..., "--by", help="Who reviews (recorded with each decision)."),
               corpus: Optional[Path] = CorpusOption, ontology: Optional[Path] = OntologyOption) -> None:
        """Step through draft claims: accept, edit a field, take an aligned proposition, reject with a
        reason, exclude, skip or quit.

        Every decision is saved at once, so an interrupted review loses nothing. Enter alone does
        nothing: accepting the draft's guessed proposition is an explicit g."""
        root = corpus or default_corpus_path()
        ontology_path = ontology or default_ontology_path()
        with authoring_errors(f"review {article_id}"):
            session = ReviewSession(root, article_id, ontology_path)
            pending = session.drafts()
        if not pending:
            console.print(f"no draft claims in annotations/{article_id}.yaml", markup=False)
            return
        proposals = _alignment(root, ontology_path, article_id)
        decided = 0
        try:
            with authoring_errors(f"review {article_id}"):
                for number, claim_id in enumerate(pending, 1):
                    offers = proposals.get(claim_id, [])[:5]
                    while True:
                        _show(session, claim_id, number, len(pending), offers)
                        keys = REVIEW_KEYS + [str(n) for n in range(1, len(offers) + 1)]
                        action = _ask(keys, offers)
                        try:
                            outcome = _act(session, claim_id, action, by, offers)
                        except ReviewError as exc:
                            console.print(f"error: {exc}", markup=False)
                            continue
                        if outcome == "quit":
                            console.print(f"stopped; {decided} decision(s) saved", markup=False)
                            return
                        decided += outcome in ("decided", "edited")
                        if outcome in ("decided", "skipped"):
                            break
        except (KeyboardInterrupt, EOFError):
            errors.print(f"\ninterrupted; {decided} decision(s) saved in annotations/{article_id}.yaml", markup=False)
            raise typer.Exit(130)
        left = len(session.drafts())
        console.print(f"done: {decided} decision(s) saved; {left} draft(s) left", markup=False)

    REVIEW_KEYS = ["a", "g", "e", "f", "r", "x", "s", "q"]

    def _ask(keys: list[str], offers: list) -> str:
        menu = "[a]ccept, [g] accept the guessed proposition, [e]dit, [f]uture (no date stated), [r]eject, " \
               "e[x]clude, [s]kip, [q]uit"
        if offers:
            menu += f", 1-{len(offers)} take an aligned proposition"
        while True:
            answer = Prompt.ask(Text(menu), console=console, default="", show_default=False).strip().lower()
            if answer in keys:
                return answer
            console.print("choose one of: " + ", ".join(keys) + " (Enter alone does nothing)", markup=False)

    def _act(session: ReviewSession, claim_id: str, action: str, by: str, offers: list) -> str:
        """Carry out one key; returns decided, edited, skipped, quit or shown."""
        if action == "a" and session.is_guess(claim_id):
            aligned = f", take an aligned proposition (1-{len(offers)})" if offers else ""
            console.print(f"the proposition is the draft's guess: edit it (e){aligned}, or press g to accept the "
                          "guess as it is", markup=False)
            return "shown"
        if action in ("a", "g"):
            session.accept(claim_id, by)
            console.print(f"{claim_id}: checked by {by}", markup=False)
            return "decided"
        if action in ("e", "f") or action.isdigit():
            if action == "e":
                path = Prompt.ask(Text("field (e.g. speaker, modality, proposition.subject, "
                                       "proposition.quantity.amount, proposition.time)"), console=console)
                value = Prompt.ask(Text("new value (YAML; empty removes the field; time: future = no date stated)"),
                                   console=console, default="", show_default=False)
            elif action == "f":
                path, value = "proposition.time", "future"
            else:
                offer = offers[int(action) - 1]
                problems = session.adopt(claim_id, offer.proposition)
                path = f"proposition from {offer.claim_iri_label}"
                return _report_edit(claim_id, path, problems)
            return _report_edit(claim_id, path, session.edit(claim_id, path, value))
        if action == "r":
            reason = Prompt.ask(Text("reason"), console=console)
            excluded = session.reject(claim_id, reason, by)
            console.print(f"{claim_id}: rejected", markup=False)
            for mention in excluded:
                console.print(f"  excluded {mention.text!r} with the same reason", markup=False)
            return "decided"
        if action == "x":
            reason = Prompt.ask(Text("reason the figure or date carries no claim"), console=console)
            excluded = session.exclude(claim_id, reason, by)
            console.print(f"{claim_id}: replaced by exclusion of {', '.join(repr(m.text) for m in excluded)}",
                          markup=False)
            return "decided"
        return "skipped" if action == "s" else "quit"

    def _report_edit(claim_id: str, path: str, problems: list[str]) -> str:
        if problems:
            console.print("not saved yet — the claim does not validate:", markup=False)
            for problem in problems:
                console.print(f"  {problem}", markup=False)
            return "shown"
        console.print(f"{claim_id}: {path} saved", markup=False)
        return "edited"

    def _alignment(root: Path, ontology_path: Path, article_id: str) -> dict:
        """Alignment proposals by draft claim id (empty when the rest of the corpus does not load)."""
        try:
            from claimgraph.authoring.align import align_article
            return {row.claim_id: row.matches for row in align_article(root, ontology_path, article_id)}
        except Exception as exc:  # noqa: BLE001 - proposals are a help; review works without them
            errors.print(f"note: no alignment proposals ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})",
                         markup=False)
            return {}

    def _show(session: ReviewSession, claim_id: str, number: int, total: int, offers: list = ()) -> None:
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
        if session.is_guess(claim_id):
            console.print("the proposition above is the draft's guess", markup=False)
        for index, offer in enumerate(offers, 1):
            console.print(f"  {index}. {offer.describe()}", markup=False, soft_wrap=True)
