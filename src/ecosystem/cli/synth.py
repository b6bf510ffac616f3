"""`ecosystem synth` (see its issue)."""
