"""`ecosystem analyze` (see its issue)."""
