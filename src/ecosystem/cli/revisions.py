"""`ecosystem revisions` (see its issue)."""
