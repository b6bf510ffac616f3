"""ecosystem.ingest."""
