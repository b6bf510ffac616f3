"""ecosystem.analysis."""
