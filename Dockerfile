# caseflow as an image: the installed package (templates, workflows and migrations bundled),
# served by gunicorn through `python -m caseflow.serve`. Configuration comes from the
# environment only (README, section Production); compose.yaml shows a whole deployment.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    CASEFLOW_BIND=0.0.0.0:8000

WORKDIR /src
COPY pyproject.toml setup.py README.md ./
COPY caseflow ./caseflow
COPY templates ./templates
COPY workflows ./workflows
COPY migrations ./migrations
RUN pip install --no-cache-dir . \
    && useradd --system --uid 10001 --home-dir /srv/caseflow --create-home caseflow \
    # Flask's instance folder of an installed package; caseflow creates it at start.
    && mkdir -p /usr/local/var/caseflow-instance \
    && chown caseflow /usr/local/var/caseflow-instance

WORKDIR /srv/caseflow
USER caseflow
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
    CMD ["python", "-c", "import sys, urllib.request as u; sys.exit(u.urlopen('http://127.0.0.1:8000/ready', timeout=4).status != 200)"]
# Migrate, then gunicorn; the scheduler runs as a container of its own (compose.yaml).
CMD ["python", "-m", "caseflow.serve", "--no-scheduler"]
