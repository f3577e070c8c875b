"""Reading the vendored suite's JUnit XML: which SDK method each test exercises, and how it ended."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tests.openai_sdk_suite.served import SERVED

TEST_KINDS = re.compile(r"^test_(?:method|raw_response|streaming_response|path_params)_")
VARIANT_SUFFIX = re.compile(r"(?:_with_all_params)?(?:_overload_\d+)?(?:\[.*\])?$")
STATUS_CODE = re.compile(r"Error code: (\d{3})")


@dataclass(frozen=True)
class Outcome:
    resource: str  # the test file, relative to api_resources/, as in SERVED
    method: str
    name: str
    passed: bool
    skipped: bool
    message: str

    @property
    def served(self) -> bool:
        methods = SERVED.get(self.resource)
        return methods is not None and (not methods or self.method in methods)

    @property
    def status(self) -> int | None:
        """The HTTP status the test failed on; None when it failed on something else (shape, assertion...)."""
        match = STATUS_CODE.search(self.message)
        return int(match.group(1)) if match else None


def sdk_method(test_name: str) -> str:
    return VARIANT_SUFFIX.sub("", TEST_KINDS.sub("", test_name))


def resource_of(classname: str) -> str:
    module = classname.rsplit(".", 1)[0].removeprefix("tests.api_resources.")
    return module.replace(".", "/") + ".py"


def outcomes(junit_xml: Path) -> list[Outcome]:
    found = []
    for case in ElementTree.parse(junit_xml).iter("testcase"):
        problems = [child for child in case if child.tag in ("failure", "error")]
        skipped = any(child.tag == "skipped" for child in case)
        message = (problems[0].get("message") or problems[0].text or "") if problems else ""
        found.append(Outcome(resource_of(case.get("classname", "")), sdk_method(case.get("name", "")),
                             case.get("name", ""), passed=not problems and not skipped, skipped=skipped,
                             message=message))
    return found


def tally(results: list[Outcome]) -> dict[str, Counter[str]]:
    per_resource: dict[str, Counter[str]] = {}
    for outcome in results:
        counts = per_resource.setdefault(outcome.resource, Counter())
        group = "served" if outcome.served else "unserved"
        counts[f"{group}_total"] += 1
        counts[f"{group}_passed"] += outcome.passed
    return per_resource
