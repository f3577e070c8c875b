"""pytest plugin (entry point `mockserver`): the `mockserver` fixture, a live server reset before each test.

One server per distinct configuration runs for the whole session (on a free port, a temp data dir, a manual
clock and a seed); each test gets it reset to a fresh state. Configure it with the marker
`@pytest.mark.mockserver(seed=…, speed=…, start_time=…, api_keys=…, webhook_url=…, webhook_secret=…, rpm=…,
tpm=…)`
on a test, class or module, or with `@pytest.mark.parametrize("mockserver", [{…}], indirect=True)`.
Nothing heavy is imported until a test uses the fixture, and the OpenAI SDK only when a client is used.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from mockserver.testing import MockServer, ServerOptions

MARKER = (
    "mockserver(seed=0, speed=1.0, start_time=1767225600, api_keys=(), webhook_url=None, webhook_secret=None, "
    "rpm=None, tpm=None): settings of the live mockserver that the `mockserver` fixture gives this test"
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", MARKER)


class MockServerPool:
    """The session's servers, one per configuration, started on first use."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.servers: dict[ServerOptions, MockServer] = {}

    def get(self, options: ServerOptions) -> MockServer:
        from mockserver.testing import MockServer

        if options not in self.servers:
            data_dir = self.root / f"server-{len(self.servers)}"
            self.servers[options] = MockServer(options, data_dir).start()
        return self.servers[options]

    def stop_all(self) -> None:
        for server in self.servers.values():
            server.stop()
        self.servers.clear()


@pytest.fixture(scope="session")
def mockserver_pool(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MockServerPool]:
    pool = MockServerPool(tmp_path_factory.mktemp("mockserver"))
    yield pool
    pool.stop_all()


def options_for(request: pytest.FixtureRequest) -> ServerOptions:
    """The marker's settings (the closest marker wins per setting), then the fixture's parameter."""
    from mockserver.testing import ServerOptions

    values: dict[str, Any] = {}
    for marker in reversed(list(request.node.iter_markers("mockserver"))):
        if marker.args:
            raise TypeError("@pytest.mark.mockserver takes keyword arguments only, e.g. mockserver(seed=1)")
        values.update(marker.kwargs)
    param = getattr(request, "param", None)
    if param is not None:
        if not isinstance(param, dict):
            raise TypeError("parametrize the mockserver fixture with dicts of settings, e.g. [{'speed': 10}]")
        values.update(param)
    return ServerOptions.of(**values)


@pytest.fixture
def mockserver(request: pytest.FixtureRequest, mockserver_pool: MockServerPool) -> Iterator[MockServer]:
    """A live mockserver, fresh for this test: `.client`, `.async_client`, `.base_url`, `.advance(s)`,
    `.run_job_to_completion(id)`, `.fail_next(path, status)`, `.requests()`, `.script_job(id, outcome)`,
    `.webhooks()`, `.flush_webhooks()`, `.admin_headers` (its control plane always needs its admin key, which the
    helpers send)."""
    server = mockserver_pool.get(options_for(request))
    server.reset()
    try:
        yield server
    finally:
        server.close_clients()
