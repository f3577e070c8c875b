"""The lines `mockserver serve` prints once at start-up: where the dashboard is, the data, the clock, what to try."""

from __future__ import annotations

from pathlib import Path

from mockserver.dashboard.access import DEFAULT_DASHBOARD_KEY

ANY_INTERFACE = {"0.0.0.0", "::", ""}


def base_url(host: str, port: int) -> str:
    """The URL a browser on this machine opens: a wildcard bind is reached through loopback."""
    shown = "127.0.0.1" if host in ANY_INTERFACE else host
    if ":" in shown:  # an IPv6 address
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"


def banner(*, host: str, port: int, data_dir: Path, clock: str, speed: float, keys_configured: bool) -> str:
    """Configured API keys are secrets: the command to try names the option, not the key."""
    url = base_url(host, port)
    key = "<your --api-key>" if keys_configured else DEFAULT_DASHBOARD_KEY
    moving = ("moves only through POST /_mock/clock/advance (or the dashboard's buttons)" if clock == "manual"
              else f"wall time, jobs at speed {speed:g}")
    return "\n".join([
        f"mockserver {url}",
        f"  Dashboard   {url}/_mock/ui/",
        f"  API docs    {url}/_mock/docs",
        f"  Data dir    {data_dir}",
        f"  Clock       {clock}: {moving}",
        "  Try         " + f'curl {url}/v1/models -H "Authorization: Bearer {key}"',
    ])
