"""All settings, in one place, read from ``ECOSYSTEM_*`` environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict

from ecosystem.analysis.thresholds import DECILE_MIN_ACTORS, HOURS_THRESHOLD, SEATS_THRESHOLD, OverSolicitationRule
from ecosystem.limits import DEFAULT_LIMITS, Limits

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
    sparql_timeout_s: float = 10.0
    sparql_result_cap: int = 10_000
    upload_max_bytes: int = 20 * 1024 * 1024
    """The largest write request (an upload of spreadsheets, a zip): beyond it, 413."""
    over_solicitation_seats: int = SEATS_THRESHOLD
    over_solicitation_hours: float = HOURS_THRESHOLD
    over_solicitation_decile_min_actors: int = DECILE_MIN_ACTORS
    """Defaults and their sources: :mod:`ecosystem.analysis.thresholds`."""
    import_max_bytes: int = DEFAULT_LIMITS.max_bytes
    import_max_rows: int = DEFAULT_LIMITS.max_rows
    import_max_columns: int = DEFAULT_LIMITS.max_columns
    import_max_cell_chars: int = DEFAULT_LIMITS.max_cell_chars
    import_problems_listed: int = DEFAULT_LIMITS.problems_listed
    """What an imported or loaded file may hold; defaults and reasons: :mod:`ecosystem.limits`."""

    def limits(self) -> Limits:
        """The input limits in force."""
        return Limits(
            self.import_max_bytes,
            self.import_max_rows,
            self.import_max_columns,
            self.import_max_cell_chars,
            self.import_problems_listed,
        )

    def over_solicitation_rule(self, seats: int | None = None, hours: float | None = None) -> OverSolicitationRule:
        """The over-solicitation thresholds in force (``seats`` / ``hours`` override the settings)."""
        return OverSolicitationRule(
            self.over_solicitation_seats if seats is None else seats,
            self.over_solicitation_hours if hours is None else hours,
            self.over_solicitation_decile_min_actors,
        )


@lru_cache
def get_settings() -> Settings:
    return Settings()
