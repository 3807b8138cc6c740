"""The ``claimgraph`` command line."""

from claimgraph.cli.app import app

__all__ = ["app"]
