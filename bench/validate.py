"""Benchmark: the streaming validator against raw tiktoken on a large generated chat JSONL file."""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
USAGE = """\
From the project root:
    .venv/bin/python bench/validate.py                      # 100 MB file in a temp dir
    .venv/bin/python bench/validate.py --size-mb 5          # smoke run
    .venv/bin/python bench/validate.py --one-line           # memory: one 100 MB line against 100 MB of lines

Prints throughput (MB/s of file, tokens/s) of the validator and of raw tiktoken encoding the very
texts the validator counts (extracted beforehand, untimed), their ratio (goal >= 0.7; beside it the
ratio of CPU times, which other load on the machine does not move) and the validator's peak RSS
(goal < 150 MB whatever the file size). Each measurement runs in its own
subprocess so the generator and the baseline never pollute the validator's memory figure.
Nothing is asserted: it is a measurement, not a test.

--one-line writes a file made of a single example whose assistant message is the whole size, and prints the
validator's peak RSS on it beside its peak on an ordinary file of the same size (goal: about the same; a
line must be read and parsed whole, which sets a floor of a few times the line's size).
"""
WORDS = (
    "the of and to in is you that it he was for on are as with his they at be this have from or one had by word "
    "but not what all were we when your can said there use an each which she do how their if will up other about "
    "out many then them these so some her would make like him into time has look two more write go see number no "
    "way could people my than first water been call who oil its now find long down day did get come made may part "
    "model training data token price market health doctor blood pressure science history planet orbit computer "
    "python language question answer sarcastic capital France Paris weather river mountain music guitar"
).split()
ZH = ["高血压", "糖尿病", "建议", "医生", "检查", "治疗", "症状", "患者", "饮食", "运动", "药物", "休息"]
PUNCT = [".", ",", "?", "!", ";", ":", " -", " (e.g.", ")", "\n"]
SYSTEMS = [
    "Marv is a factual chatbot that is also sarcastic.",
    "You are a helpful assistant.",
    "You are a careful medical assistant. Answer briefly and recommend a doctor when unsure.",
    "You translate corporate jargon into plain English.",
]


def sentence(rng: random.Random, n_words: int) -> str:
    words = rng.choices(WORDS, k=n_words)
    if rng.random() < 0.1:
        words[rng.randrange(n_words)] = rng.choice(ZH)
    if rng.random() < 0.2:
        words[rng.randrange(n_words)] = str(rng.randint(0, 10_000))
    return " ".join(words).capitalize() + rng.choice(PUNCT)


def example(rng: random.Random) -> dict[str, Any]:
    messages = [{"role": "system", "content": rng.choice(SYSTEMS)}]
    for _ in range(rng.randint(1, 3)):
        messages.append({"role": "user", "content": " ".join(sentence(rng, rng.randint(4, 18)) for _ in range(3))})
        reply = " ".join(sentence(rng, rng.randint(5, 25)) for _ in range(rng.randint(1, 12)))
        messages.append({"role": "assistant", "content": reply})
    return {"messages": messages}


def generate(path: Path, size_mb: float, seed: int = 1) -> int:
    """Write about `size_mb` MB of chat examples; returns the byte count."""
    import orjson

    rng, target, written = random.Random(seed), int(size_mb * 1_000_000), 0
    with path.open("wb") as out:
        while written < target:
            line = orjson.dumps(example(rng)) + b"\n"
            out.write(line)
            written += len(line)
    return written


def generate_one_line(path: Path, size_mb: float, seed: int = 1) -> int:
    """Write one chat example whose assistant message is about `size_mb` MB; returns the byte count.

    Written piece by piece: the parent's peak RSS is inherited by the children it starts, so it stays small.
    """
    import orjson

    rng, target, written = random.Random(seed), int(size_mb * 1_000_000), 0
    head = orjson.dumps({"messages": [{"role": "system", "content": SYSTEMS[0]},
                                      {"role": "user", "content": "Tell me everything."}]})
    with path.open("wb") as out:
        out.write(head[:-2] + b',{"role":"assistant","content":"')
        while written < target:
            piece = orjson.dumps(sentence(rng, rng.randint(5, 25)) + " ")[1:-1]  # JSON-escaped, unquoted
            out.write(piece)
            written += len(piece)
        out.write(b'"}]}\n')
    return path.stat().st_size


def child_validate(path: str, model: str) -> dict[str, Any]:
    from mockserver.core.catalog import ModelCatalog
    from mockserver.core.tokens import get_encoding
    from mockserver.validation import validate_lines

    spec = ModelCatalog.load(REPO / "fixtures" / "models.json").get(model)
    get_encoding(spec.encoding)  # loading the encoding is start-up, not validation
    baseline_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started, cpu_started = time.perf_counter(), time.process_time()
    with open(path, "rb") as handle:
        report = validate_lines(handle, spec=spec)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "cpu_seconds": time.process_time() - cpu_started,
        "tokens": report.tokens.total if report.tokens else 0,
        "examples": report.n_examples,
        "valid": report.valid,
        "rss_after_start_mb": baseline_rss,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def child_baseline(path: str, model: str) -> dict[str, Any]:
    """Raw tiktoken over the texts the validator counts; extraction is not timed."""
    import orjson

    from mockserver.core.tokens import TokenPlan, encoding_for_model

    encoding = encoding_for_model(model)
    single = batch = single_cpu = 0.0
    tokens = overhead = 0
    with open(path, "rb") as handle:
        while chunk := handle.readlines(8_000_000):
            texts: list[str] = []
            for line in chunk:
                plan = TokenPlan()
                plan.add_messages(orjson.loads(line)["messages"])
                overhead += plan.overhead
                texts += plan.texts + plan.assistant_texts
            started, cpu_started = time.perf_counter(), time.process_time()
            tokens += sum(len(encoding.encode_ordinary(text)) for text in texts)
            single += time.perf_counter() - started
            single_cpu += time.process_time() - cpu_started
            started = time.perf_counter()
            encoding.encode_ordinary_batch(texts, num_threads=2)
            batch += time.perf_counter() - started
    return {"single_seconds": single, "single_cpu_seconds": single_cpu, "batch_seconds": batch,
            "tokens": tokens + overhead}


def in_subprocess(role: str, path: Path, model: str) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", role, str(path), "--model", model]
    result = subprocess.run(command, capture_output=True, text=True, check=True, cwd=REPO)
    return json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, epilog=USAGE, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size-mb", type=float, default=100.0, help="size of the generated file (default 100)")
    parser.add_argument("--dir", type=Path, default=None, help="where to write it (default: a temp dir)")
    parser.add_argument("--model", default="gpt-4o-mini-2024-07-18")
    parser.add_argument("--runs", type=int, default=1, help="measure each side this many times, keep the best")
    parser.add_argument("--one-line", action="store_true",
                        help="peak memory on a file of one huge line against an ordinary file of the same size")
    parser.add_argument("--child", nargs=2, metavar=("ROLE", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        role, path = args.child
        result = child_validate(path, args.model) if role == "validate" else child_baseline(path, args.model)
        print(json.dumps(result))  # noqa: T201
        return
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        path = Path(folder) / "bench.jsonl"
        if args.one_line:
            report_one_line(args, path, Path(folder) / "one-line.jsonl")
            return
        started = time.perf_counter()
        size = generate(path, args.size_mb)
        report(args, path, size, time.perf_counter() - started)


def report(args: argparse.Namespace, path: Path, size: int, generate_seconds: float) -> None:
    mb = size / 1_000_000
    runs = range(max(args.runs, 1))
    validator = min((in_subprocess("validate", path, args.model) for _ in runs), key=lambda r: r["seconds"])
    baseline = min((in_subprocess("baseline", path, args.model) for _ in runs), key=lambda r: r["single_seconds"])
    raw_seconds = min(baseline["single_seconds"], baseline["batch_seconds"])
    lines = [
        f"file: {mb:,.1f} MB, {validator['examples']:,} examples, {validator['tokens']:,} tokens "
        f"(generated in {generate_seconds:.1f} s; model {args.model})",
        f"validator:     {validator['seconds']:7.2f} s  {mb / validator['seconds']:6.1f} MB/s  "
        f"{validator['tokens'] / validator['seconds'] / 1e6:5.2f} M tokens/s  valid={validator['valid']}",
        f"raw tiktoken:  {raw_seconds:7.2f} s  {mb / raw_seconds:6.1f} MB/s  "
        f"{baseline['tokens'] / raw_seconds / 1e6:5.2f} M tokens/s  (encode_ordinary loop "
        f"{baseline['single_seconds']:.2f} s, encode_ordinary_batch {baseline['batch_seconds']:.2f} s; best used)",
        f"ratio validator/raw: {raw_seconds / validator['seconds']:.2f}  (goal >= 0.7; by CPU time "
        f"{baseline['single_cpu_seconds'] / validator['cpu_seconds']:.2f}: the validator's threads, all of them, "
        "against the single encoding loop, whatever else the machine runs)",
        f"validator peak RSS: {validator['peak_rss_mb']:.0f} MB (after start-up, encoding loaded: "
        f"{validator['rss_after_start_mb']:.0f} MB)  (goal < 150 MB)",
        f"token counts agree: {validator['tokens'] == baseline['tokens']}",
    ]
    print("\n".join(lines))  # noqa: T201


def report_one_line(args: argparse.Namespace, lines_path: Path, one_line_path: Path) -> None:
    size = generate_one_line(one_line_path, args.size_mb)
    generate(lines_path, size / 1_000_000)
    rows = []
    for name, path in (("one line", one_line_path), ("lines", lines_path)):
        result = in_subprocess("validate", path, args.model)
        rows.append(
            f"{name:9} {path.stat().st_size / 1e6:7.1f} MB  {result['examples']:>9,} examples  "
            f"{result['tokens']:>12,} tokens  peak RSS {result['peak_rss_mb']:5.0f} MB "
            f"(after start-up {result['rss_after_start_mb']:.0f} MB)  {result['seconds']:.1f} s"
        )
    print("\n".join(rows))  # noqa: T201


if __name__ == "__main__":
    main()
