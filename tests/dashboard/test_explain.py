"""`POST /_mock/explain`: the training example (and its line) behind a fine-tuned model's reply."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.dashboard.conftest import AS_DASHBOARD, create_job, upload

SYSTEM = {"role": "system", "content": "Marv is a factual chatbot that is also sarcastic."}


def fine_tuned(client: TestClient) -> tuple[str, str]:
    file_id = upload(client)
    job_id = create_job(client, file_id)
    client.post("/_mock/clock/advance", json={"seconds": 3600})
    return client.get(f"/v1/fine_tuning/jobs/{job_id}", headers=AS_DASHBOARD).json()["fine_tuned_model"], file_id


def explain(client: TestClient, model: str, question: str) -> dict[str, object]:
    response = client.post("/_mock/explain", headers=AS_DASHBOARD,
                           json={"model": model, "messages": [SYSTEM, {"role": "user", "content": question}]})
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


def test_names_the_example_and_its_line(ui: TestClient) -> None:
    model, file_id = fine_tuned(ui)

    why = explain(ui, model, "Who wrote 'Romeo and Juliet'?")
    reply = ui.post("/v1/chat/completions", headers=AS_DASHBOARD, json={
        "model": model, "messages": [SYSTEM, {"role": "user", "content": "Who wrote 'Romeo and Juliet'?"}]}).json()

    assert why["source"] == "training" and why["score"] == 1.0
    assert (why["example"], why["line"], why["training_file"]) == (2, 2, file_id)
    assert why["question"] == "Who wrote 'Romeo and Juliet'?"
    assert why["answer"] == reply["choices"][0]["message"]["content"]


def test_a_question_no_example_covers_is_the_fallback(ui: TestClient) -> None:
    model, _ = fine_tuned(ui)

    why = explain(ui, model, "Describe quantum chromodynamics in detail")

    assert why["source"] == "fallback" and why["example"] is None and why["line"] is None


def test_once_the_training_file_is_deleted_the_example_has_no_line(ui: TestClient) -> None:
    model, file_id = fine_tuned(ui)
    ui.delete(f"/v1/files/{file_id}", headers=AS_DASHBOARD)

    why = explain(ui, model, "What's the capital of France?")

    assert why["example"] == 1 and why["line"] is None and why["answer"]


def test_a_base_model_answers_from_the_rules(ui: TestClient) -> None:
    why = explain(ui, "gpt-4o-mini", "What's the capital of France?")

    assert why["source"] in ("rule", "default") and why["example"] is None


def test_errors_are_the_chat_endpoints(ui: TestClient) -> None:
    unknown = ui.post("/_mock/explain", headers=AS_DASHBOARD,
                      json={"model": "ft:gpt-4o-mini-2024-07-18:x::nope", "messages": [SYSTEM]})
    bad = ui.post("/_mock/explain", headers=AS_DASHBOARD, json={"model": "gpt-4o-mini", "messages": []})
    no_key = ui.post("/_mock/explain", json={"model": "gpt-4o-mini", "messages": [SYSTEM]})

    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "model_not_found"
    assert bad.status_code == 400 and bad.json()["error"]["param"] == "messages"
    assert no_key.status_code == 401
