"""`ecosystem imports` (see its issue)."""
