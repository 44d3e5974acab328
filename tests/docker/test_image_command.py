"""The Docker image and compose file, checked without a Docker engine: the image's
command line is run as it is (paths of /data and /seed swapped for temporary ones),
and docker-compose.yml is read as YAML (and validated by `docker compose config` when
the compose plugin is installed)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest
import yaml

ROOT = Path(__file__).parents[2]
QUICKSTART_KEY = ("MOCKPATHQUICKSTART0000001", "bW9ja3BhdGgtcXVpY2tzdGFydC1zZWNyZXQtMDAwMDE")
HEALTH_URL = "http://127.0.0.1:8080/health"


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    pairs = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            word, _, rest = line.strip().partition(" ")
            pairs.append((word.upper(), " ".join(rest.split())))
    return pairs


def image_command() -> list[str]:
    (command,) = [json.loads(args) for word, args in dockerfile_instructions() if word == "CMD"]
    return command


def test_dockerfile_installs_the_package_and_serves_the_quickstart_seed() -> None:
    instructions = dockerfile_instructions()
    words = [word for word, _ in instructions]
    assert instructions[0][0] == "FROM" and instructions[0][1].startswith("python:")
    assert instructions[0][1].endswith("-slim")
    assert ("RUN", "pip install . && rm -rf /src") in instructions
    assert ("COPY", "fixtures/quickstart.yaml /seed/quickstart.yaml") in instructions
    assert ("EXPOSE", "8080") in instructions
    assert ("VOLUME", "/data") in instructions
    assert words.index("USER") < words.index("CMD")  # not root
    assert image_command() == [
        "mockpath",
        "serve",
        "--host",
        "0.0.0.0",
        "--db",
        "/data/mockpath.db",
        "--seed",
        "/seed/quickstart.yaml",
    ]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_the_image_command_serves_the_seeded_tenant(tmp_path) -> None:
    data, home = tmp_path / "data", tmp_path / "home"
    home.mkdir()
    swaps = {
        "/data/mockpath.db": str(data / "mockpath.db"),
        "/seed/quickstart.yaml": str(ROOT / "fixtures" / "quickstart.yaml"),
    }
    command = [swaps.get(arg, arg) for arg in image_command()]
    executable = shutil.which(command[0], path=str(Path(sys.executable).parent))
    assert executable is not None, "the mockpath script is installed beside python"
    port = free_port()  # the image listens on 8080; here any free port will do
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MOCKPATH_", "STORMPATH_"))}
    env.update(HOME=str(home), MOCKPATH_PORT=str(port))
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [executable, *command[1:]], env=env, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        health = HEALTH_URL.replace("8080", str(port))
        for _ in range(600):
            if process.poll() is not None:
                pytest.fail(f"the image command exited:\n{log.read_text()}")
            try:
                if httpx.get(health, timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                threading.Event().wait(0.1)
        else:
            pytest.fail(f"the image command did not answer:\n{log.read_text()}")
        assert httpx.get(health).json() == {"status": "ok"}
        base = f"http://127.0.0.1:{port}/v1"
        current = httpx.get(f"{base}/tenants/current", auth=QUICKSTART_KEY)
        assert current.status_code == 302
        tenant = httpx.get(current.headers["location"], auth=QUICKSTART_KEY).json()
        assert tenant["key"] == "quickstart"
        apps = httpx.get(
            f"{tenant['applications']['href']}?name=Flask+Test", auth=QUICKSTART_KEY
        ).json()
        assert apps["size"] == 1
        assert (data / "mockpath.db").is_file()
        # the compose file's health check, pointed at this port
        check = compose_service()["healthcheck"]["test"]
        assert check[:3] == ["CMD", "python", "-c"]
        probe = subprocess.run([sys.executable, "-c", check[3].replace("8080", str(port))])
        assert probe.returncode == 0
    except BaseException:
        process.kill()
        process.wait(timeout=30)
        raise
    process.send_signal(signal.SIGTERM)  # as `docker stop` does
    assert process.wait(timeout=30) == 0, log.read_text()
    probe = subprocess.run(
        [sys.executable, "-c", check[3].replace("8080", str(port))], capture_output=True
    )
    assert probe.returncode != 0  # the check fails once the server is gone


def compose_service() -> dict:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert list(compose["services"]) == ["mockpath"]
    service: dict = compose["services"]["mockpath"]
    return service


def test_compose_file_describes_the_service() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    service = compose_service()
    assert service["build"] == "."
    assert service["ports"] == ["127.0.0.1:8080:8080"]
    data_volume, seed_mount = service["volumes"]
    assert data_volume == "mockpath-data:/data"
    assert "mockpath-data" in compose["volumes"]
    source, target, mode = seed_mount.split(":")
    assert (target, mode) == ("/seed/quickstart.yaml", "ro")
    assert (ROOT / source).resolve() == (ROOT / "fixtures" / "quickstart.yaml").resolve()
    check = service["healthcheck"]
    assert check["test"][:3] == ["CMD", "python", "-c"]
    assert HEALTH_URL in check["test"][3]
    assert {"interval", "timeout", "retries"} <= set(check)
    if _compose_available():
        done = subprocess.run(
            [
                "docker",
                "compose",
                "-f",
                str(ROOT / "docker-compose.yml"),
                "config",
                "--format",
                "json",
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        normalized = json.loads(done.stdout)["services"]["mockpath"]
        assert normalized["ports"][0]["target"] == 8080
        assert normalized["ports"][0]["published"] in (8080, "8080")


def _compose_available() -> bool:
    if shutil.which("docker") is None:
        return False
    probe = subprocess.run(["docker", "compose", "version"], capture_output=True, timeout=30)
    return probe.returncode == 0
