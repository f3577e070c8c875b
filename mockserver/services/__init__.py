"""Use cases: store + pure domain modules + clock + ids. No FastAPI here."""
