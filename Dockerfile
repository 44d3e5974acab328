# mockpath, the Stormpath REST API v1 emulator, seeded with the Flask-Stormpath
# quickstart (fixtures/quickstart.yaml: tenant "quickstart", a known API key and the
# "Flask Test" application). State lives in the /data volume.
#
#   docker build -t mockpath .
#   docker run --rm -p 127.0.0.1:8080:8080 -v mockpath-data:/data mockpath
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /src
COPY pyproject.toml README.md ./
COPY mockpath ./mockpath
RUN pip install . && rm -rf /src

COPY fixtures/quickstart.yaml /seed/quickstart.yaml
RUN useradd --system --create-home --home-dir /home/mockpath mockpath \
    && mkdir /data \
    && chown mockpath /data
USER mockpath
WORKDIR /home/mockpath

VOLUME /data
EXPOSE 8080
# Anything but 0.0.0.0 would be unreachable from outside the container; publish the
# port on 127.0.0.1 of the host unless other machines should reach it.
CMD ["mockpath", "serve", "--host", "0.0.0.0", "--db", "/data/mockpath.db", "--seed", "/seed/quickstart.yaml"]
