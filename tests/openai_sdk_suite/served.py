"""Which of openai-python's generated API tests exercise what mockserver serves: the ONE list to edit.

Keys are test files under vendor/tests/api_resources/; a value is ALL (every method the file tests) or the SDK
methods we serve (`completions` covers test_method_completions, test_raw_response_completions, ...).
Adding a served resource is one line here (its routes that look an id up also want an entry in
mockserver/services/lenient_ids.py's PLACEHOLDERS, or its tests with placeholder ids get a 404).
"""

from __future__ import annotations

ALL: tuple[str, ...] = ()

SERVED: dict[str, tuple[str, ...]] = {
    "test_files.py": ALL,
    "test_uploads.py": ALL,
    "uploads/test_parts.py": ALL,
    "fine_tuning/test_jobs.py": ALL,
    "fine_tuning/jobs/test_checkpoints.py": ALL,
    "fine_tuning/checkpoints/test_permissions.py": ALL,
    "test_models.py": ALL,
    "chat/test_completions.py": ALL,
    "chat/completions/test_messages.py": ALL,
    "test_responses.py": ("create", "retrieve", "delete", "cancel"),
    "responses/test_input_items.py": ALL,
    "admin/organization/test_usage.py": ("completions", "costs", "embeddings", "moderations", "images",
                                         "audio_speeches", "audio_transcriptions", "vector_stores",
                                         "code_interpreter_sessions"),
    "test_batches.py": ALL,
    "test_completions.py": ALL,
    "fine_tuning/alpha/test_graders.py": ALL,
}
