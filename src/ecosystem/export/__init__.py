"""ecosystem.export."""
