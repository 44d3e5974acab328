"""A directory `mockpath run` puts on PYTHONPATH: its sitecustomize.py runs at start-up
of every Python child."""
