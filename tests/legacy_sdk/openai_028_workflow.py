"""The 2023 tutorials' workflow with `openai==0.28.1`, run by tests/test_legacy_sdk.py in that SDK's own venv.

Usage: python openai_028_workflow.py BASE_URL API_KEY TRAINING_FILE. Prints one `name=value` line per thing it saw;
the server's manual clock is moved (with the SDK's own `requests`) so that the fine-tuning job finishes.
"""

import sys

import openai
import requests

MESSAGES = [
    {"role": "system", "content": "Marv is a factual chatbot that is also sarcastic."},
    {"role": "user", "content": "What's the capital of France?"},
]


def show(name, value):
    print(f"{name}={value}", flush=True)


def main(base_url, api_key, training_path):
    openai.api_base = f"{base_url}/v1"
    openai.api_key = api_key

    training = openai.File.create(file=open(training_path, "rb"), purpose="fine-tune")
    show("file.id", training.id)
    show("file.filename", training.filename)
    show("file.status", training.status)
    show("files.listed", training.id in [file.id for file in openai.File.list().data])

    job = openai.FineTuningJob.create(training_file=training.id, model="gpt-3.5-turbo")
    show("job.id", job.id)
    show("job.created_status", job.status)
    show("jobs.listed", job.id in [listed.id for listed in openai.FineTuningJob.list(limit=10).data])
    spare = openai.FineTuningJob.create(training_file=training.id, model="gpt-3.5-turbo")
    show("cancelled.status", openai.FineTuningJob.cancel(spare.id).status)

    requests.post(f"{base_url}/_mock/clock/advance", json={"seconds": 24 * 3600}, timeout=10).raise_for_status()
    job = openai.FineTuningJob.retrieve(job.id)
    show("job.status", job.status)
    show("job.fine_tuned_model", job.fine_tuned_model)
    show("job.trained_tokens", job.trained_tokens)
    events = openai.FineTuningJob.list_events(id=job.id, limit=5)
    show("events.count", len(events.data))
    show("events.newest", events.data[0].message)

    reply = openai.ChatCompletion.create(model=job.fine_tuned_model, messages=MESSAGES)
    show("chat.content", reply.choices[0].message.content)
    show("chat.model", reply.model)
    show("chat.usage", f"{reply.usage.prompt_tokens}+{reply.usage.completion_tokens}")
    chunks = openai.ChatCompletion.create(model=job.fine_tuned_model, messages=MESSAGES, stream=True)
    show("stream.content", "".join(chunk.choices[0].delta.get("content") or "" for chunk in chunks if chunk.choices))
    show("model.deleted", openai.Model.delete(job.fine_tuned_model).deleted)


if __name__ == "__main__":
    main(*sys.argv[1:4])
