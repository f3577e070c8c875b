"""Rows of `usage_prompt_cache`: the prompt prefixes each caller's requests to a model left in the cache."""

from __future__ import annotations

from sqlite_utils import Database


class PromptCacheRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def longest(self, *, owner: str, model: str, prefixes: dict[str, int], since: int) -> int:
        """The most tokens of any of `prefixes` ({hash: tokens}) used at `since` or later; 0 if none."""
        marks = ",".join("?" * len(prefixes))
        row = self.db.execute(
            f"select max(tokens) from usage_prompt_cache where owner = ? and model = ? and seen_at >= ? "
            f"and prefix in ({marks})", [owner, model, since, *prefixes],
        ).fetchone()
        return int(row[0] or 0)

    def remember(self, *, owner: str, model: str, prefixes: dict[str, int], at: int, expired_before: int) -> None:
        """Mark `prefixes` used at `at`, and forget this caller's prefixes of `model` unused since `expired_before`."""
        self.db.execute("delete from usage_prompt_cache where owner = ? and model = ? and seen_at < ?",
                        [owner, model, expired_before])
        self.db.conn.executemany(
            "insert into usage_prompt_cache (owner, model, prefix, tokens, seen_at) values (?, ?, ?, ?, ?) "
            "on conflict (owner, model, prefix) do update set seen_at = excluded.seen_at",
            [(owner, model, prefix, tokens, at) for prefix, tokens in prefixes.items()],
        )
