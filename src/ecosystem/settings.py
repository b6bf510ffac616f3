"""All settings, in one place, read from ``ECOSYSTEM_*`` environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "get_settings"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ECOSYSTEM_", env_file=None)

    store: Path = Path("var/store")
    """Folder of the embedded on-disk store (created on first use)."""
    backend: Literal["embedded", "sparql"] = "embedded"
    """``embedded`` (Oxigraph on disk) or ``sparql`` (a SPARQL 1.1 server)."""
    sparql_query_url: str | None = None
    sparql_update_url: str | None = None
    lang: Literal["fr", "en"] = "fr"
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    """Token that writes (imports, revisions) through the API require; none: writes refused."""
    sparql_timeout_s: float = 10.0
    sparql_result_cap: int = 10_000
    upload_max_bytes: int = 20 * 1024 * 1024
    over_solicitation_seats: int = 5
    over_solicitation_hours: float = 150.0


@lru_cache
def get_settings() -> Settings:
    return Settings()
