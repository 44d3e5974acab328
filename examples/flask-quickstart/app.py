"""The Flask-Stormpath quickstart application, configured from the environment.

Run it against mockpath (see README.md):

    mockpath run --seed fixtures/quickstart.yaml -- python app.py

`mockpath run` sets STORMPATH_API_KEY_FILE (and the key id and secret) for this process
and points the Stormpath SDK at the emulator; nothing here knows about mockpath.
"""

import os

from flask import Flask
from flask_stormpath import StormpathManager, login_required

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY", "a-secret-for-local-runs-only")

if os.environ.get("STORMPATH_API_KEY_FILE"):
    app.config["STORMPATH_API_KEY_FILE"] = os.environ["STORMPATH_API_KEY_FILE"]
else:
    app.config["STORMPATH_API_KEY_ID"] = os.environ["STORMPATH_API_KEY_ID"]
    app.config["STORMPATH_API_KEY_SECRET"] = os.environ["STORMPATH_API_KEY_SECRET"]
app.config["STORMPATH_APPLICATION"] = "Flask Test"

stormpath_manager = StormpathManager(app)


@app.route("/")
def home():
    return 'Welcome! <a href="/secret">See the secret page</a> (you will be asked to log in).'


@app.route("/secret")
@login_required
def secret():
    return "This page is only for logged-in users."


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "5000")))
