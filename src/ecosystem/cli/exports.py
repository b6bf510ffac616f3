"""`ecosystem exports` (see its issue)."""
