# mockserver: a local, offline emulator of OpenAI's fine-tuning workflow.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    MOCKSERVER_DATA_DIR=/data \
    MOCKSERVER_FIXTURES_DIR=/app/fixtures

WORKDIR /app
COPY pyproject.toml README.md ./
COPY mockserver ./mockserver
COPY fixtures ./fixtures
RUN pip install . \
    && useradd --create-home --uid 10001 mockserver \
    && mkdir -p /data && chown mockserver /data

USER mockserver
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=2)"
# Listening on every interface, the control plane /_mock/* always needs the admin key: pass it with
# `-e MOCKSERVER_ADMIN_KEY=...`, or read the one generated at first start: `docker exec <container> cat /data/admin_key`.
CMD ["mockserver", "serve", "--host", "0.0.0.0", "--port", "8000"]
