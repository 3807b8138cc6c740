"""The notebook facade: :class:`ClaimGraph` and its display objects."""
