"""Adding the next article: store it, draft its annotation, check it, review it.

Every step is a library function that takes and returns values; the
``claimgraph add|draft|check|review`` commands (:mod:`claimgraph.cli.authoring`)
only print and prompt. Nothing here loses a person's work:

- :func:`~claimgraph.authoring.add.add_article` stores the text byte-for-byte and refuses to replace a
  stored article whose bytes differ; it never touches an existing annotation.
- :func:`~claimgraph.authoring.draft.draft_article` adds candidates to the annotation with ruamel.yaml in
  round-trip mode, so checked items, their order and every comment stay as
  they were; a candidate whose span an existing item already covers is not
  added again, and the file is replaced atomically.
- :class:`~claimgraph.authoring.review.ReviewSession` saves after every decision (atomically), so an
  interrupted review keeps every decision made before.
"""
