# Frontline: the dashboard served by `streamlit run serve.py` (app.py plus the route
# that keeps a password login across reloads) on port 8501.
# Build: docker build -t frontline .   (docker-compose.yml runs it behind nginx)
# No browser is installed: Chromium is only for the test suite, not for serving.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first, so a code change does not reinstall them.
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

# The app, the bundled cities and .streamlit/config.toml (every server setting the
# tests use); .dockerignore keeps out secrets, the virtualenv and generated files.
COPY . .

# Leaflet is served by the app itself (no CDN). The app writes its map bundles to
# static/generated, so only that folder (and var/ for SQLite) is writable by it.
RUN python -m scripts.vendor_assets \
    && groupadd --gid 10001 frontline \
    && useradd --uid 10001 --gid 10001 --create-home frontline \
    && mkdir -p static/generated var \
    && chown frontline:frontline static/generated var

# Numeric, so a host or Kubernetes can verify that the user is not root.
USER 10001:10001
EXPOSE 8501

# Healthy once the app script has run: the first check also prepares the default city.
HEALTHCHECK --interval=30s --timeout=30s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/script-health-check', timeout=29)"]

# The entrypoint reads secret files into the environment, then runs the command.
ENTRYPOINT ["/app/deploy/entrypoint.sh"]
CMD ["streamlit", "run", "serve.py", "--server.port", "8501", "--server.address", "0.0.0.0", "--server.headless", "true"]
