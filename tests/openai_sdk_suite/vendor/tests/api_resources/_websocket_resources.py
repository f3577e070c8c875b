# File generated from our OpenAPI spec by Castiron. See CONTRIBUTING.md for details.

# Consumed by the SDK-owned tests/lib/test_websocket_redirects.py harness.
WEBSOCKET_RESOURCES = [
    "beta.responses",
    "responses",
    "live",
    "live.sideband",
    "live.forks",
    "realtime",
    "realtime.translations",
]
