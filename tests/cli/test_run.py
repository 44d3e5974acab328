"""`mockpath run`: a server for one command, with the Stormpath variables set for it.

The command runs as a user would run it (`python -m mockpath run ...` in a subprocess);
its children are small Python programs written by the tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from mockpath.cli import main

FIXTURES = Path(__file__).parents[2] / "fixtures"
VARIABLES = [
    "STORMPATH_CLIENT_BASEURL",
    "STORMPATH_CLIENT_APIKEY_ID",
    "STORMPATH_CLIENT_APIKEY_SECRET",
    "STORMPATH_API_KEY_ID",
    "STORMPATH_API_KEY_SECRET",
    "STORMPATH_API_KEY_FILE",
    "STORMPATH_APPLICATION_HREF",
    "STORMPATH_APPLICATION_NAME",
]


def mockpath_run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("MOCKPATH_", "STORMPATH_"))}
    return subprocess.run(
        [sys.executable, "-m", "mockpath", "run", *args],
        env={**base, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def program(tmp_path: Path, name: str, source: str) -> str:
    path = tmp_path / name
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return str(path)


@pytest.fixture
def fake_sdk(tmp_path: Path) -> Path:
    """A stand-in `stormpath` package with the SDK's Client.BASE_URL class attribute."""
    root = tmp_path / "fake-sdk"
    (root / "stormpath").mkdir(parents=True)
    (root / "stormpath" / "__init__.py").write_text("")
    (root / "stormpath" / "client.py").write_text(
        'class Client:\n    BASE_URL = "https://api.stormpath.com/v1"\n'
    )
    return root


REPORT = """
    import json, os, sys
    import stormpath.client
    print(json.dumps({
        "base_url": stormpath.client.Client.BASE_URL,
        "env": {k: v for k, v in os.environ.items() if k.startswith("STORMPATH_")},
        "pythonpath": os.environ["PYTHONPATH"],
        "key_file": open(os.environ["STORMPATH_API_KEY_FILE"]).read(),
    }))
"""


def test_python_child_gets_the_variables_and_the_sdk_base_url(tmp_path, fake_sdk) -> None:
    child = program(tmp_path, "report.py", REPORT)
    done = mockpath_run(
        "--seed",
        str(FIXTURES / "quickstart.yaml"),
        "--password-scheme",
        "fast",
        "--",
        sys.executable,
        child,
        env={"PYTHONPATH": str(fake_sdk)},
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    env = report["env"]
    assert sorted(env) == sorted(VARIABLES)
    base = env["STORMPATH_CLIENT_BASEURL"]
    assert base.startswith("http://127.0.0.1:") and base.endswith("/v1")
    assert report["base_url"] == base
    assert env["STORMPATH_API_KEY_ID"] == env["STORMPATH_CLIENT_APIKEY_ID"]
    assert env["STORMPATH_API_KEY_ID"] == "MOCKPATHQUICKSTART0000001"
    assert env["STORMPATH_APPLICATION_NAME"] == "Flask Test"
    assert env["STORMPATH_APPLICATION_HREF"].startswith(base + "/applications/")
    assert report["key_file"] == (
        f"apiKey.id = {env['STORMPATH_API_KEY_ID']}\n"
        f"apiKey.secret = {env['STORMPATH_API_KEY_SECRET']}\n"
    )
    first, rest = report["pythonpath"].split(os.pathsep, 1)
    assert Path(first, "sitecustomize.py").is_file()
    assert rest == str(fake_sdk)  # the user's PYTHONPATH is kept, after ours
    assert not Path(env["STORMPATH_API_KEY_FILE"]).exists()  # temporary, removed
    assert f"mockpath: {base} (tenant quickstart" in done.stderr


def test_child_reaches_the_server_with_the_key(tmp_path) -> None:
    child = program(
        tmp_path,
        "curl.py",
        """
        import base64, json, os, urllib.request
        key = f"{os.environ['STORMPATH_API_KEY_ID']}:{os.environ['STORMPATH_API_KEY_SECRET']}"
        request = urllib.request.Request(
            os.environ["STORMPATH_CLIENT_BASEURL"] + "/tenants/current",
            headers={"Authorization": "Basic " + base64.b64encode(key.encode()).decode()},
        )
        with urllib.request.urlopen(request) as response:  # follows the 302
            tenant = json.load(response)
        apps = urllib.request.Request(
            tenant["applications"]["href"] + "?name=Flask+Test", headers=request.headers
        )
        with urllib.request.urlopen(apps) as response:
            found = json.load(response)
        print(tenant["href"], found["items"][0]["href"])
        """,
    )
    done = mockpath_run("--password-scheme", "fast", "--", sys.executable, child)
    assert done.returncode == 0, done.stderr
    tenant_href, app_href = done.stdout.split()
    assert tenant_href.startswith("http://127.0.0.1:") and "/v1/tenants/" in tenant_href
    assert "/v1/applications/" in app_href


def test_exit_code_is_the_childs_and_other_programs_are_untouched(tmp_path) -> None:
    child = program(
        tmp_path,
        "plain.py",
        """
        import sys
        assert not any(name.startswith("stormpath") for name in sys.modules)
        sys.exit(7)
        """,
    )
    done = mockpath_run("--password-scheme", "fast", sys.executable, child)
    assert done.returncode == 7, done.stderr


def test_another_sitecustomize_still_runs(tmp_path, fake_sdk) -> None:
    user = tmp_path / "user-site"
    user.mkdir()
    (user / "sitecustomize.py").write_text("import os\nos.environ['USER_SITE_RAN'] = 'yes'\n")
    child = program(
        tmp_path,
        "both.py",
        """
        import os, stormpath.client
        print(os.environ.get("USER_SITE_RAN"), stormpath.client.Client.BASE_URL)
        """,
    )
    done = mockpath_run(
        "--password-scheme",
        "fast",
        "--",
        sys.executable,
        child,
        env={"PYTHONPATH": os.pathsep.join([str(user), str(fake_sdk)])},
    )
    assert done.returncode == 0, done.stderr
    ran, base_url = done.stdout.split()
    assert ran == "yes"
    assert base_url.startswith("http://127.0.0.1:")


def test_a_running_server_given_by_url(tmp_path, live_server, tenant, fake_sdk) -> None:
    child = program(tmp_path, "report.py", REPORT)
    done = mockpath_run(
        "--url",
        live_server.url,
        "--",
        sys.executable,
        child,
        env={
            "PYTHONPATH": str(fake_sdk),
            "STORMPATH_API_KEY_ID": tenant.api_key_id,
            "STORMPATH_API_KEY_SECRET": tenant.api_key_secret,
        },
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["base_url"] == live_server.base_url
    assert report["env"]["STORMPATH_APPLICATION_HREF"] == tenant.application_href


def test_usage_errors(tmp_path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["run"])
    assert result.exit_code == 2
    assert "Missing argument 'COMMAND...'" in result.output
    result = runner.invoke(main, ["run", "--", "no-such-command-anywhere"])
    assert result.exit_code == 127
    assert "Error: command not found: no-such-command-anywhere" in result.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("tenants:\n  - key: x\n    applications: [{}]\n")
    result = runner.invoke(main, ["run", "--seed", str(bad), "--", "true"])
    assert result.exit_code == 1
    assert f"Error: {bad}: tenants[0].applications[0].name: Field required" in result.output
    result = runner.invoke(
        main,
        ["run", "--url", "http://127.0.0.1:9", "--", "true"],
        env={"STORMPATH_API_KEY_ID": "", "STORMPATH_CLIENT_APIKEY_ID": ""},
    )
    assert result.exit_code == 1
    assert "--url needs a key" in result.output
