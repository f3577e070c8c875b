"""The Admin usage reports no traffic here feeds (no embeddings, images, audio… endpoints): each answers
empty buckets, with the `group_by` values the real API takes for it. Apart from the service so that the
router can list the routes without loading it."""

from __future__ import annotations

PER_MODEL = ("project_id", "user_id", "api_key_id", "model")

UNTRACKED_USAGE_GROUPS: dict[str, tuple[str, ...]] = {
    "embeddings": PER_MODEL,
    "moderations": PER_MODEL,
    "images": (*PER_MODEL, "size", "source"),
    "audio_speeches": PER_MODEL,
    "audio_transcriptions": PER_MODEL,
    "vector_stores": ("project_id",),
    "code_interpreter_sessions": ("project_id",),
}
