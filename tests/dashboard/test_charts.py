"""Inline SVG charts and the curves they draw: pure functions."""

from __future__ import annotations

import base64

import pytest

from mockserver.dashboard.charts import MAX_VERTICES, Bar, Series, bar_chart, line_chart, nice_ticks
from mockserver.dashboard.curves import from_csv, from_metrics
from mockserver.responder.examples import find_example

CSV = ("step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy\n"
       "1,2.5,0.1,,\n2,2.0,0.2,2.2,0.15\n3,1.5,0.3,,\n")


@pytest.mark.parametrize(("low", "high"), [(0, 2.37), (1, 100), (0, 0.0142), (0.3, 0.31), (0, 0)])
def test_ticks_cover_the_values(low: float, high: float) -> None:
    ticks = nice_ticks(low, high)

    assert ticks[0] <= low and ticks[-1] >= high and len(ticks) >= 2
    assert ticks == sorted(ticks)


def test_line_chart_counts_every_point_and_thins_what_it_draws() -> None:
    many = [(float(step), 1.0 / step) for step in range(1, 5001)]

    svg = str(line_chart([Series("training loss", many), Series("validation loss", [])], title="Loss"))

    assert 'data-series="training loss" data-points="5000"' in svg
    assert "validation loss" not in svg  # an empty series is left out
    drawn = svg.split('points="')[1].split('"')[0].split()
    assert len(drawn) <= MAX_VERTICES + 1
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_a_chart_without_data_says_so() -> None:
    assert "No data yet" in line_chart([Series("loss", [])], title="Loss")
    assert "Nothing charged" in bar_chart([Bar("2026-01-01", [("x", 0.0)])], title="Cost")


def test_bar_chart_has_a_segment_per_group_and_escapes_labels() -> None:
    svg = str(bar_chart([Bar("day 1", [("a<b", 1.0), ("c", 2.0)]), Bar("day 2", [("c", 0.5)])], title="Cost"))

    assert svg.count('<rect class="bar"') == 3
    assert "a&lt;b" in svg and "a<b" not in svg


def test_curves_from_the_base64_result_file() -> None:
    curves = from_csv(base64.b64encode(CSV.encode()))

    assert curves.steps == 3 and curves.source == "step_metrics.csv"
    assert curves.train_loss == [(1.0, 2.5), (2.0, 2.0), (3.0, 1.5)]
    assert curves.valid_loss == [(2.0, 2.2)] and curves.valid_accuracy == [(2.0, 0.15)]
    assert from_csv(CSV.encode()).train_accuracy == curves.train_accuracy  # plain text too


def test_curves_from_metrics_events() -> None:
    curves = from_metrics([{"step": 1, "train_loss": 2.0, "train_mean_token_accuracy": 0.4},
                           {"step": 2, "train_loss": 1.0, "train_mean_token_accuracy": 0.5, "valid_loss": 1.2}])

    assert curves.source == "events" and curves.steps == 2 and curves.valid_loss == [(2.0, 1.2)]


def test_find_example_counts_examples_as_the_index_does() -> None:
    lines = [b'{"messages": [{"role": "user", "content": "a"}, {"role": "assistant", "content": "A"}]}\n',
             b"\n", b"broken\n",
             b'{"messages": [{"role": "user", "content": "b"}, {"role": "assistant", "content": "B"},'
             b' {"role": "user", "content": "c"}, {"role": "assistant", "content": "C"}]}\n']

    found = [find_example(lines, n, method="supervised", training_format="chat") for n in range(4)]

    assert [(f[0], f[1].answer.content) if f else None for f in found] == [(1, "A"), (4, "B"), (4, "C"), None]
