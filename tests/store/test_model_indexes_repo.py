"""The model_indexes tables: save, find by model (deleted models excluded), read the bytes back."""

from __future__ import annotations

from sqlite_utils import Database

from mockserver.store.jobs import JobsRepo
from mockserver.store.model_indexes import ModelIndexesRepo


def save(repo: ModelIndexesRepo, data: bytes = b"index", models: tuple[str, ...] = ("ft:a", "ft:a:ckpt")) -> None:
    repo.save(job_id="ftjob-1", owner="o1", data=data, examples=3, models=models, created_at=10)


def test_find_of_saved_models_gives_the_job(db: Database) -> None:
    repo = ModelIndexesRepo(db)
    save(repo)
    assert repo.find(owner="o1", model="ft:a:ckpt").job_id == "ftjob-1"  # type: ignore[union-attr]


def test_find_of_other_owner_is_none(db: Database) -> None:
    repo = ModelIndexesRepo(db)
    save(repo)
    assert repo.find(owner="o2", model="ft:a") is None


def test_find_of_deleted_model_is_none(db: Database) -> None:
    repo = ModelIndexesRepo(db)
    save(repo)
    JobsRepo(db).mark_model_deleted(owner="o1", model="ft:a", at=11)
    assert repo.find(owner="o1", model="ft:a") is None
    assert repo.find(owner="o1", model="ft:a:ckpt") is not None


def test_data_of_found_ref_is_the_saved_bytes(db: Database) -> None:
    repo = ModelIndexesRepo(db)
    save(repo, b"\x00\xffbytes")
    assert repo.data(repo.find(owner="o1", model="ft:a")) == b"\x00\xffbytes"  # type: ignore[arg-type]


def test_save_again_replaces_bytes_and_models(db: Database) -> None:
    repo = ModelIndexesRepo(db)
    save(repo, b"old")
    old = repo.find(owner="o1", model="ft:a")
    save(repo, b"new", models=("ft:b",))
    assert repo.find(owner="o1", model="ft:a") is None
    assert repo.data(repo.find(owner="o1", model="ft:b")) == b"new"  # type: ignore[arg-type]
    assert repo.data(old) is None  # type: ignore[arg-type]


def test_exists_after_save(db: Database) -> None:
    repo = ModelIndexesRepo(db)
    assert not repo.exists("ftjob-1")
    save(repo)
    assert repo.exists("ftjob-1")


def test_attach_models_to_saved_index_makes_them_find_it(db: Database) -> None:
    repo = ModelIndexesRepo(db)
    save(repo, b"index", models=())
    assert repo.find(owner="o1", model="ft:a") is None
    ref = repo.attach_models(job_id="ftjob-1", owner="o1", models=["ft:a", "ft:a:ckpt"])
    assert ref is not None and repo.find(owner="o1", model="ft:a:ckpt") == ref


def test_attach_models_without_saved_index_is_none(db: Database) -> None:
    repo = ModelIndexesRepo(db)
    assert repo.attach_models(job_id="ftjob-1", owner="o1", models=["ft:a"]) is None
    assert repo.find(owner="o1", model="ft:a") is None
